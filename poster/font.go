package poster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/image/font/sfnt"
)

// fontCandidates are free CJK fonts by file name, best first: Noto Sans
// CJK (fonts-noto-cjk), the Fandol fonts gongwen/install-fonts.sh installs,
// WenQuanYi, AR PL, and the fonts a Windows desk has.
var fontCandidates = []string{
	"NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf",
	"NotoSerifCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc", "FandolHei-Bold.otf", "FandolHei-Regular.otf",
	"FandolSong-Bold.otf", "FandolSong-Regular.otf", "wqy-zenhei.ttc", "wqy-microhei.ttc",
	"uming.ttc", "ukai.ttc", "simhei.ttf", "msyh.ttc", "simsun.ttc",
}

// fontDirs lists the directories searched for fonts (a variable so tests
// can point it elsewhere).
var fontDirs = systemFontDirs

// systemFontDirs are where the system keeps fonts, plus FAZHI_FONT_DIR (a list).
func systemFontDirs() []string {
	var dirs []string
	if v := os.Getenv("FAZHI_FONT_DIR"); v != "" {
		dirs = append(dirs, filepath.SplitList(v)...)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
	}
	dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
	if runtime.GOOS == "windows" {
		dirs = append(dirs, filepath.Join(os.Getenv("WINDIR"), "Fonts"))
	}
	if runtime.GOOS == "darwin" {
		dirs = append(dirs, "/Library/Fonts", "/System/Library/Fonts")
	}
	return dirs
}

// ErrNoCJKFont is returned (wrapped) when no font with Chinese glyphs is found.
var ErrNoCJKFont = errors.New("未找到可用的中文字体")

// FindFont returns a font with the glyphs of text: the file FAZHI_FONT
// names, else the first of fontCandidates found under fontDirs. In a
// collection (.ttc) the simplified-Chinese face is chosen.
func FindFont(text string) (*sfnt.Font, string, error) {
	var paths []string
	if p := os.Getenv("FAZHI_FONT"); p != "" {
		paths = append(paths, p)
	}
	found := map[string]string{}
	for _, dir := range fontDirs() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if _, seen := found[d.Name()]; !seen {
				found[d.Name()] = p
			}
			return nil
		})
	}
	for _, name := range fontCandidates {
		if p, ok := found[name]; ok {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		if f, err := loadFont(p, text); err == nil {
			return f, p, nil
		}
	}
	return nil, "", fmt.Errorf("%w：海报的标题、发布单位和日期需用中文字体绘制。请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）"+
		"或运行 gongwen/install-fonts.sh，或用环境变量 FAZHI_FONT 指定字体文件（.ttf/.otf/.ttc），FAZHI_FONT_DIR 指定字体目录", ErrNoCJKFont)
}

// loadFont parses the font file at p and returns the face (of a
// collection, the SC face if there is one) that has every rune of text.
func loadFont(p, text string) (*sfnt.Font, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var faces []*sfnt.Font
	if c, err := sfnt.ParseCollection(data); err == nil {
		for i := 0; i < c.NumFonts(); i++ {
			if f, err := c.Font(i); err == nil {
				faces = append(faces, f)
			}
		}
	} else {
		f, err := sfnt.Parse(data)
		if err != nil {
			return nil, err
		}
		faces = append(faces, f)
	}
	var buf sfnt.Buffer
	var best *sfnt.Font
	for _, f := range faces {
		name, _ := f.Name(&buf, sfnt.NameIDFull)
		if !hasGlyphs(f, &buf, text) {
			continue
		}
		if best == nil || strings.Contains(name, " SC") {
			best = f
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%s 缺少所需的字形", p)
	}
	return best, nil
}

func hasGlyphs(f *sfnt.Font, buf *sfnt.Buffer, text string) bool {
	for _, r := range text {
		if r == ' ' || r == '　' {
			continue
		}
		if g, err := f.GlyphIndex(buf, r); err != nil || g == 0 {
			return false
		}
	}
	return true
}
