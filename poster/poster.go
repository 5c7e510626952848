// Package poster draws printable A4 posters whose QR code opens a page of
// the running fazhi server, such as the list of policies of a 惠企政策汇编.
//
// The title, the issuing unit and the date are drawn as text in a free CJK
// font found on the system (FindFont: Noto CJK, the Fandol fonts of
// gongwen/install-fonts.sh …) with golang.org/x/image's OpenType
// rasteriser; they also go into the PNG's metadata (iTXt) and a caption
// file beside it. github.com/skip2/go-qrcode draws the code.
package poster

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"net/url"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// PolicyListPath is the path of the policy list page of the fazhi web
// server: a poster's QR code opens <base URL> + PolicyListPath. This is the
// one place the path is defined; the web server (not written yet) must
// serve the list here.
const PolicyListPath = "/policies"

// PolicyURL returns the policy list URL of the server at base, e.g.
// http://10.1.2.3:8080 → http://10.1.2.3:8080/policies. base may carry a
// path prefix (behind a reverse proxy).
func PolicyURL(base string) (string, error) {
	base = strings.TrimSpace(base)
	if base == "" {
		return "", errors.New("未指定服务器地址：请用 --base-url 或环境变量 FAZHI_BASE_URL 给出，如 http://10.1.2.3:8080")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("服务器地址“%s”无效，应以 http:// 或 https:// 开头并含主机名，如 http://10.1.2.3:8080", base)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("服务器地址“%s”不应含查询参数或锚点", base)
	}
	u.Path = strings.TrimRight(u.Path, "/") + PolicyListPath
	u.RawPath = ""
	return u.String(), nil
}

// A4 paper in millimetres.
const (
	a4W, a4H = 210.0, 297.0
	mmPerIn  = 25.4
)

// Options describe a poster.
type Options struct {
	Title  string    // drawn in the head band; also in the PNG metadata and the caption
	Issuer string    // issuing unit, drawn at the foot (optional)
	Date   time.Time // date of issue, drawn at the foot (zero: not drawn)
	URL    string    // what the QR code encodes
	DPI    int       // print resolution; 0: DefaultDPI
}

// DefaultDPI gives a 1240×1754 image: sharp on paper, small on disk.
const DefaultDPI = 150

// Recovery is the QR error correction level: High (30%) survives a
// creased, stained or partly covered notice-board print.
const Recovery = qrcode.High

// Layout says where things are on the poster, in pixels.
type Layout struct {
	Width, Height int
	DPI           int
	QRX, QRY      int // top-left corner of the QR code (quiet zone included)
	Module        int // side of one QR module
	Modules       int // modules per side, quiet zone included
}

var (
	white = color.Gray{Y: 255}
	black = color.Gray{Y: 0}
	red   = color.RGBA{R: 0xD9, G: 0x1E, B: 0x18, A: 0xFF} // 公文 red
)

// palette: white, black and red first (the code and the rules use these
// indexes), then the grays and tints anti-aliased text needs.
func palette() color.Palette {
	p := color.Palette{white, black, red}
	for i := 1; i < 16; i++ {
		y := uint8(i * 16)
		p = append(p, color.Gray{Y: y})
		t := float64(i) / 16 // red → white
		p = append(p, color.RGBA{R: uint8(0xD9 + t*(255-0xD9)), G: uint8(0x1E + t*(255-0x1E)), B: uint8(0x18 + t*(255-0x18)), A: 0xFF})
	}
	return p
}

// Render draws the poster: a red band at the head, the QR code centred
// (quiet zone included, about 120 mm wide), a thin red rule at the foot.
func Render(o Options) (*image.Paletted, Layout, error) {
	if o.URL == "" {
		return nil, Layout{}, errors.New("二维码内容为空")
	}
	dpi := o.DPI
	if dpi == 0 {
		dpi = DefaultDPI
	}
	if dpi < 72 || dpi > 600 {
		return nil, Layout{}, fmt.Errorf("分辨率 %d dpi 超出范围（72–600）", dpi)
	}
	px := func(mm float64) int { return int(math.Round(mm / mmPerIn * float64(dpi))) }
	q, err := qrcode.New(o.URL, Recovery)
	if err != nil {
		return nil, Layout{}, fmt.Errorf("生成二维码失败: %w", err)
	}
	bm := q.Bitmap()
	l := Layout{Width: px(a4W), Height: px(a4H), DPI: dpi, Modules: len(bm)}
	l.Module = px(120) / l.Modules // whole pixels per module keep edges sharp
	if l.Module < 2 {
		return nil, Layout{}, fmt.Errorf("网址过长（%d 个字符），二维码在 A4 上过密，无法可靠扫描", len(o.URL))
	}
	side := l.Module * l.Modules
	l.QRX = (l.Width - side) / 2
	l.QRY = px(70)

	img := image.NewPaletted(image.Rect(0, 0, l.Width, l.Height), palette())
	fill := func(x0, y0, x1, y1 int, c uint8) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetColorIndex(x, y, c)
			}
		}
	}
	fill(px(15), px(15), l.Width-px(15), px(45), 2)                       // head band
	fill(px(15), l.Height-px(22), l.Width-px(15), l.Height-px(21), 2)     // foot rule
	fill(l.QRX-px(4), l.QRY-px(4), l.QRX+side+px(4), l.QRY+side+px(4), 2) // red frame
	fill(l.QRX-px(3), l.QRY-px(3), l.QRX+side+px(3), l.QRY+side+px(3), 0)
	for r, line := range bm {
		for c, dark := range line {
			if dark {
				x, y := l.QRX+c*l.Module, l.QRY+r*l.Module
				fill(x, y, x+l.Module, y+l.Module, 1)
			}
		}
	}
	if err := drawTexts(img, o, l, px); err != nil {
		return nil, Layout{}, err
	}
	return img, l, nil
}

// drawTexts writes the title in white in the head band, a line under the
// code for those who cannot scan it, and the issuing unit and date above
// the foot rule, each centred and shrunk to fit the width.
func drawTexts(img *image.Paletted, o Options, l Layout, px func(float64) int) error {
	foot := o.Issuer
	if !o.Date.IsZero() {
		foot = strings.TrimSpace(foot + "　" + fmt.Sprintf("%d年%d月%d日", o.Date.Year(), int(o.Date.Month()), o.Date.Day()))
	}
	hint := "扫描二维码查看政策清单"
	f, _, err := FindFont(o.Title + foot + hint + "0123456789")
	if err != nil {
		return err
	}
	side := l.Module * l.Modules
	maxW := l.Width - 2*px(25)
	if o.Title != "" {
		if err := drawCentred(img, f, o.Title, white, px(14), maxW, l.Width/2, px(30)); err != nil {
			return err
		}
	}
	if err := drawCentred(img, f, hint, black, px(7), maxW, l.Width/2, l.QRY+side+px(16)); err != nil {
		return err
	}
	if foot != "" {
		return drawCentred(img, f, foot, black, px(8), maxW, l.Width/2, l.Height-px(34))
	}
	return nil
}

// drawCentred draws text with its middle at (cx, cy), at size pixels (em),
// smaller when needed to fit maxW.
func drawCentred(img *image.Paletted, f *sfnt.Font, text string, c color.Color, size, maxW, cx, cy int) error {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	w := font.MeasureString(face, text).Ceil()
	if w > maxW {
		face.Close()
		size = size * maxW / w
		if face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone}); err != nil {
			return err
		}
		w = font.MeasureString(face, text).Ceil()
	}
	defer face.Close()
	m := face.Metrics()
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face,
		Dot: fixed.P(cx-w/2, cy+(m.Ascent.Ceil()-m.Descent.Ceil())/2)}
	d.DrawString(text)
	return nil
}

// WritePNG renders the poster and writes it as PNG to w, with its print
// resolution (pHYs, so that it prints as A4) and its title and URL as
// text metadata.
func WritePNG(w io.Writer, o Options) (Layout, error) {
	img, l, err := Render(o)
	if err != nil {
		return l, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return l, err
	}
	b := buf.Bytes()
	// Insert the chunks after IHDR: 8-byte signature, then IHDR (4 length +
	// 4 type + 13 data + 4 CRC).
	const afterIHDR = 8 + 4 + 4 + 13 + 4
	var extra bytes.Buffer
	ppm := uint32(math.Round(float64(l.DPI) / mmPerIn * 1000))
	phys := make([]byte, 9)
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // unit: metre
	writeChunk(&extra, "pHYs", phys)
	if o.Title != "" {
		writeChunk(&extra, "iTXt", iTXt("Title", o.Title))
	}
	if o.Issuer != "" {
		writeChunk(&extra, "iTXt", iTXt("Author", o.Issuer))
	}
	writeChunk(&extra, "iTXt", iTXt("URL", o.URL))
	for _, part := range [][]byte{b[:afterIHDR], extra.Bytes(), b[afterIHDR:]} {
		if _, err := w.Write(part); err != nil {
			return l, err
		}
	}
	return l, nil
}

// iTXt builds an uncompressed international text chunk (UTF-8).
func iTXt(keyword, text string) []byte {
	var b bytes.Buffer
	b.WriteString(keyword)
	b.Write([]byte{0, 0, 0}) // separator, not compressed, method 0
	b.WriteString("zh-CN")
	b.WriteByte(0)
	b.WriteByte(0) // no translated keyword
	b.WriteString(text)
	return b.Bytes()
}

func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// Caption is the text printed or posted beside the poster: its title and
// where the code leads, for those who cannot scan it.
func Caption(o Options) string {
	var b strings.Builder
	if o.Title != "" {
		b.WriteString(o.Title + "\n")
	}
	b.WriteString("扫描二维码查看政策清单，或在浏览器中打开：" + o.URL + "\n")
	return b.String()
}
