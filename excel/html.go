package excel

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// htmlLimit bounds a web page read as a table.
const htmlLimit = 256 << 20

// readHTML reads the tables of a web page saved with an .xls name (what
// many government systems export): each <table> is a sheet; colspan and
// rowspan become merged ranges.
func readHTML(p string, size int64) ([]*Table, error) {
	if size > htmlLimit {
		return nil, fmt.Errorf("%s: 这是网页格式的表格，大小 %d MB 超出上限；请在 Excel 中打开并“另存为” .xlsx", p, size>>20)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := charset.NewReader(f, "text/html")
	if err != nil {
		return nil, fmt.Errorf("%s: 这是网页文件，但无法识别其编码；请在 Excel 中打开并“另存为” .xlsx", p)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%s: 这是网页文件，但无法解析；请在 Excel 中打开并“另存为” .xlsx", p)
	}
	var out []*Table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			t := &Table{File: p, Sheet: fmt.Sprintf("表%d", len(out)+1), Format: "网页表格（以 .xls 为扩展名保存的 HTML）", Rebuilt: true}
			readHTMLTable(n, t)
			out = append(out, t)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: 这是网页文件，其中没有表格", p)
	}
	if len(out) == 1 {
		out[0].Sheet = ""
	}
	return out, nil
}

func readHTMLTable(tbl *html.Node, t *Table) {
	taken := map[[2]int]bool{} // cells covered by a rowspan from above
	var rows []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				find(c)
			}
		}
	}
	find(tbl)
	for i, tr := range rows {
		var row []string
		j := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
				continue
			}
			for taken[[2]int{i, j}] {
				row = append(row, "")
				j++
			}
			cs, rs := span(c, "colspan"), span(c, "rowspan")
			row = append(row, strings.TrimSpace(text(c)))
			for k := 1; k < cs; k++ {
				row = append(row, "")
			}
			if cs > 1 || rs > 1 {
				t.Merges = append(t.Merges, Merge{Top: i, Left: j, Bottom: i + rs - 1, Right: j + cs - 1})
				for a := i + 1; a < i+rs; a++ {
					for b := j; b < j+cs; b++ {
						taken[[2]int{a, b}] = true
					}
				}
			}
			j += cs
		}
		t.Rows = append(t.Rows, row)
	}
}

func span(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key == name {
			var v int
			if _, err := fmt.Sscan(a.Val, &v); err == nil && v > 1 && v < 10000 {
				return v
			}
		}
	}
	return 1
}

// text is a cell's text, <br> as a line break.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.ReplaceAll(b.String(), "\u00a0", " ")
}
