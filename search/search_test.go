package search

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	q, err := Parse("  复议　综合行政执法 复议 ABC ")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(q.Terms, "|"); got != "综合行政执法|abc|复议" {
		t.Errorf("terms = %s", got)
	}
	if _, err := Parse(" 　"); err == nil || err.Error() != "请输入要搜索的关键词" {
		t.Errorf("empty query: %v", err)
	}
	if !Indexed("行政法") || Indexed("复议") {
		t.Error("Indexed: 3 characters and more use the trigram index")
	}
}

func TestHighlightAndSnippet(t *testing.T) {
	text := "作出行政处罚决定时，应当告知当事人申请行政复议或者提起行政诉讼的途径和期限。复议机关为区人民政府。"
	if got := Render(Highlight(text, []string{"复议"}), Brackets); got != "作出行政处罚决定时，应当告知当事人申请行政【复议】或者提起行政诉讼的途径和期限。【复议】机关为区人民政府。" {
		t.Errorf("highlight: %s", got)
	}
	// Overlapping and adjacent terms merge into one mark; Latin letters
	// match case-insensitively and keep their case.
	if got := Render(Highlight("依据PPP项目合同审查", []string{"ppp", "项目合同", "合同审"}), Brackets); got != "依据【PPP项目合同审】查" {
		t.Errorf("merged: %s", got)
	}
	if got := Render(Highlight("行政复议", []string{"复议"}), ANSI); got != "行政\x1b[1;31m复议\x1b[0m" {
		t.Errorf("ANSI: %q", got)
	}

	long := strings.Repeat("一二三四五六七八九十", 10) + "综合行政执法" + strings.Repeat("甲乙丙丁戊己庚辛壬癸", 10)
	got := Render(Snippet(long, []string{"综合行政执法"}, 40), Brackets)
	if !strings.HasPrefix(got, Ellipsis+"一二三四五六七八九十") || !strings.HasSuffix(got, Ellipsis) || !strings.Contains(got, "【综合行政执法】") {
		t.Errorf("snippet: %s", got)
	}
	if n := len([]rune(strings.NewReplacer("【", "", "】", "", Ellipsis, "").Replace(got))); n != 40 {
		t.Errorf("snippet width %d, want 40", n)
	}
	// A hit near the end keeps the window full; no hit: the start of the text.
	if got := Render(Snippet("甲乙丙丁戊己庚辛壬癸复议", []string{"复议"}, 6), Brackets); got != Ellipsis+"庚辛壬癸【复议】" {
		t.Errorf("end snippet: %s", got)
	}
	if got := Render(Snippet("合同甲乙丙丁合同审查", []string{"合同"}, 7), Brackets); got != "【合同】甲乙丙丁【合同】"+Ellipsis {
		t.Errorf("a match cut by the window's end is completed: %s", got)
	}
	if got := Render(Snippet("甲乙\n\n丙丁  戊己庚辛", []string{"复议"}, 4), Brackets); got != "甲乙 丙"+Ellipsis {
		t.Errorf("no-hit snippet: %s", got)
	}
}

func TestCountAndLess(t *testing.T) {
	if n := Count("复议复议复", "复议"); n != 2 {
		t.Errorf("Count = %d", n)
	}
	if n := Count("aaaa", "aa"); n != 2 { // without overlap, as SQL REPLACE counts
		t.Errorf("Count overlap = %d", n)
	}
	hits := []Hit{
		{Kind: "handbook", RecordID: 5, ContextCount: 3},
		{Kind: "normdoc", RecordID: 1, BodyCount: 1},
		{Kind: "handbook", RecordID: 2, BodyCount: 4},
		{Kind: "normdoc", RecordID: 9, TitleCount: 1},
		{Kind: "handbook", RecordID: 3, TitleCount: 1, BodyCount: 2},
	}
	sort.Slice(hits, func(i, j int) bool { return Less(hits[i], hits[j]) })
	var order []string
	for _, h := range hits {
		order = append(order, fmt.Sprint(h.RecordID))
	}
	if got := strings.Join(order, ","); got != "3,9,2,1,5" {
		t.Errorf("order = %s", got)
	}
}
