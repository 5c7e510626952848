package gongwen

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// node is a minimal XML element tree used by the checker. Names are
// matched by local name; the WordprocessingML prefix is always w: in
// practice, and strict-OOXML namespaces then work too.
type node struct {
	name  string // local name
	space string // namespace URI
	attrs []xml.Attr
	kids  []*node
	text  string // character data directly inside (w:t, w:instrText)
}

const maxPartSize = 64 << 20

// parseXML reads an XML document into a node tree. mc:AlternateContent is
// resolved to its mc:Fallback, or to its first mc:Choice when there is no
// fallback, so that content is not seen twice.
func parseXML(r io.Reader) (*node, error) {
	dec := xml.NewDecoder(io.LimitReader(r, maxPartSize))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, space: t.Name.Space, attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if top.name == "AlternateContent" {
				resolveAlternate(top)
			}
		case xml.CharData:
			top.text += string(t)
		}
	}
	if len(root.kids) == 0 {
		return nil, errors.New("空的 XML 部件")
	}
	return root.kids[0], nil
}

func resolveAlternate(n *node) {
	var pick *node
	for _, k := range n.kids {
		if k.name == "Fallback" {
			pick = k
		}
	}
	if pick == nil {
		for _, k := range n.kids {
			if k.name == "Choice" {
				pick = k
				break
			}
		}
	}
	if pick == nil {
		n.kids = nil
		return
	}
	n.kids = pick.kids
}

// child returns the first child with the given local name.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *node) children(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// path follows a chain of child names.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// attr returns the value of the attribute with the given local name.
func (n *node) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *node) hasAttr(name string) bool {
	if n == nil {
		return false
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return true
		}
	}
	return false
}

// intAttr parses an integer attribute; ok is false when absent or invalid.
// Values such as "2098.5" or "1.5pt" in sloppy files are truncated.
func (n *node) intAttr(name string) (int, bool) {
	s := n.attr(name)
	if s == "" {
		return 0, false
	}
	if v, err := strconv.Atoi(s); err == nil {
		return v, true
	}
	if f, err := strconv.ParseFloat(strings.TrimRight(s, "ptinmc"), 64); err == nil {
		return int(f), true
	}
	return 0, false
}

// onOff reads a toggle element such as <w:evenAndOddHeaders/> or
// <w:snapToGrid w:val="0"/>: present means on unless val is false.
func onOff(n *node) bool {
	if n == nil {
		return false
	}
	switch n.attr("val") {
	case "0", "false", "off":
		return false
	}
	return true
}

// walk calls f for n and its descendants in document order; f returns
// false to skip a subtree.
func (n *node) walk(f func(*node) bool) {
	if !f(n) {
		return
	}
	for _, k := range n.kids {
		k.walk(f)
	}
}

// docxPackage is an opened DOCX: its parts by name.
type docxPackage struct {
	files map[string]*zip.File
}

func openPackage(r io.ReaderAt, size int64) (*docxPackage, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("不是有效的 DOCX（ZIP）文件：%w", err)
	}
	p := &docxPackage{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		p.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return p, nil
}

// part parses a part; a missing part returns nil, nil.
func (p *docxPackage) part(name string) (*node, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	n, err := parseXML(rc)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	return n, nil
}

// mainDocument finds the main document part through _rels/.rels.
func (p *docxPackage) mainDocument() string {
	rels, _ := p.part("_rels/.rels")
	for _, r := range rels.children("Relationship") {
		if strings.HasSuffix(r.attr("Type"), "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.attr("Target")), "/")
		}
	}
	return "word/document.xml"
}

// relationships returns id → (type suffix, part name) for a part.
func (p *docxPackage) relationships(partName string) map[string][2]string {
	dir, file := path.Split(partName)
	rels, _ := p.part(dir + "_rels/" + file + ".rels")
	out := map[string][2]string{}
	for _, r := range rels.children("Relationship") {
		typ := r.attr("Type")
		typ = typ[strings.LastIndex(typ, "/")+1:]
		target := r.attr("Target")
		if r.attr("TargetMode") == "External" {
			continue
		}
		var name string
		if strings.HasPrefix(target, "/") {
			name = strings.TrimPrefix(path.Clean(target), "/")
		} else {
			name = path.Clean(dir + target)
		}
		out[r.attr("Id")] = [2]string{typ, name}
	}
	return out
}
