package gongwen

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"strings"
	"time"
)

// FontAlias maps an official font name used in the DOCX to free
// substitutes, best first. Official names are never written into the DOCX
// in substituted form: the substitution happens only in the fontconfig file
// handed to LibreOffice, with <accept> so that a genuinely installed font
// of the official name still wins.
type FontAlias struct {
	Names       []string // official name and its common aliases
	Substitutes []string
	Bold        bool // render the substitute in bold (小标宋 is a heavy face)
}

// FontAliases lists the substitutions ConvertPDF applies (docs/gongwen.md §3).
var FontAliases = []FontAlias{
	{Names: []string{"仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312"}, Substitutes: []string{"FandolFang", "Noto Serif CJK SC"}},
	{Names: []string{"楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312"}, Substitutes: []string{"FandolKai", "AR PL UKai CN"}},
	{Names: []string{"黑体", "SimHei"}, Substitutes: []string{"Noto Sans CJK SC", "FandolHei"}},
	{Names: []string{"宋体", "SimSun"}, Substitutes: []string{"Noto Serif CJK SC", "FandolSong"}},
	{Names: []string{"方正小标宋简体", "方正小标宋_GBK", "小标宋"}, Substitutes: []string{"Noto Serif CJK SC", "FandolSong"}, Bold: true},
	{Names: []string{"Times New Roman"}, Substitutes: []string{"Liberation Serif"}},
}

// fontConfig returns a fontconfig file that includes the system
// configuration and adds the aliases. installed reports whether a family
// is installed; the bold rule for 小标宋 is only added when the official
// face is missing, so a real 方正小标宋简体 is not emboldened.
func fontConfig(installed func(string) bool, extraDirs []string) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n")
	b.WriteString("  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n")
	for _, d := range extraDirs {
		b.WriteString("  <dir>" + esc(d) + "</dir>\n")
	}
	for _, a := range FontAliases {
		for _, n := range a.Names {
			b.WriteString("  <alias binding=\"same\"><family>" + esc(n) + "</family><accept>")
			for _, s := range a.Substitutes {
				b.WriteString("<family>" + esc(s) + "</family>")
			}
			b.WriteString("</accept></alias>\n")
			if a.Bold && !installed(n) {
				b.WriteString("  <match target=\"pattern\"><test name=\"family\"><string>" + esc(n) +
					"</string></test><edit name=\"weight\" mode=\"assign\" binding=\"strong\"><const>bold</const></edit></match>\n")
			}
		}
	}
	b.WriteString("</fontconfig>\n")
	return b.Bytes()
}

// installedFamilies lists the font families fontconfig knows (fc-list),
// nil when fc-list is unavailable.
func installedFamilies() map[string]bool {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-list", ":", "family").Output()
	if err != nil {
		return nil
	}
	fams := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range strings.Split(line, ",") {
			if f = strings.TrimSpace(f); f != "" {
				fams[strings.ToLower(f)] = true
			}
		}
	}
	return fams
}

// FontsMissing reports, in Chinese, what the PDF path lacks on this
// machine: LibreOffice, fontconfig, and each official font for which
// neither the font itself nor its preferred substitute is installed (with
// the fallback that will be used, if any). Empty means ConvertPDF renders
// with the intended faces.
func FontsMissing() []string {
	var missing []string
	if _, err := LibreOfficePath(); err != nil {
		missing = append(missing, "LibreOffice（soffice）")
	}
	fams := installedFamilies()
	if fams == nil {
		return append(missing, "fontconfig（fc-list）")
	}
	has := func(names ...string) string {
		for _, n := range names {
			if fams[strings.ToLower(n)] {
				return n
			}
		}
		return ""
	}
	for _, a := range FontAliases {
		if has(a.Names...) != "" || has(a.Substitutes[0]) != "" {
			continue
		}
		if fb := has(a.Substitutes[1:]...); fb != "" {
			missing = append(missing, a.Names[0]+"：未安装 "+a.Substitutes[0]+"，暂以 "+fb+" 代替（字形有差异）")
		} else {
			missing = append(missing, a.Names[0]+"：无可用字体（请安装 "+strings.Join(a.Substitutes, " 或 ")+"）")
		}
	}
	return missing
}

// extraFontDirs returns FAZHI_FONT_DIR (colon-separated), where licensed
// fonts such as 仿宋_GB2312 or 方正小标宋简体 can be dropped in.
func extraFontDirs() []string {
	var dirs []string
	for _, d := range strings.Split(os.Getenv("FAZHI_FONT_DIR"), ":") {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}
