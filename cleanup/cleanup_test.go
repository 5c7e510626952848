package cleanup

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fazhi/ledger"
)

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func row(no, conclusion, published string) ledger.Record {
	return ledger.Record{"batch": "b", "doc_no": no, "title": "关于" + no + "的通知", "conclusion": conclusion, "published_on": day(published)}
}

func TestStatusAfter(t *testing.T) {
	for c, want := range map[string]string{"废止": "废止", "宣布失效": "失效", "不再作为规范性文件管理": "不再作为规范性文件管理", "修改": "已修改"} {
		got, ok := StatusAfter(c)
		if !ok || got != want {
			t.Errorf("StatusAfter(%s) = %s, %v; want %s", c, got, ok, want)
		}
		if !slices.Contains(ledger.NormdocStatuses, got) {
			t.Errorf("%s is not a normdoc status", got)
		}
	}
	if _, ok := StatusAfter("继续有效"); ok {
		t.Error("继续有效 changes the status")
	}
	// Every conclusion but pending is either kept or mapped.
	for _, c := range Conclusions() {
		if err := CheckConclusion(c); err != nil {
			t.Errorf("CheckConclusion(%s): %v", c, err)
		}
	}
	if err := CheckConclusion(ledger.CleanupPending); err == nil {
		t.Error("pending accepted as a conclusion")
	}
}

func TestListsAndItems(t *testing.T) {
	rows := []ledger.Record{
		row("偃政〔2016〕2号", "宣布失效", "2016-01-01"), row("偃政〔2015〕9号", "废止", "2015-01-01"),
		row("偃政〔2017〕1号", "不再作为规范性文件管理", "2017-01-01"), row("偃政〔2018〕1号", "修改", "2018-01-01"),
		row("偃政〔2019〕1号", "继续有效", "2019-01-01"),
	}
	ls := Lists(rows)
	if len(ls) != 3 || len(ls[0].Rows) != 2 || ls[0].Rows[0].String("doc_no") != "偃政〔2015〕9号" || len(ls[1].Rows) != 1 || len(ls[2].Rows) != 1 {
		t.Errorf("lists: %+v", ls)
	}
	if got := ItemText(2, rows[0]); got != "2.《关于偃政〔2016〕2号的通知》（偃政〔2016〕2号）" {
		t.Errorf("ItemText = %s", got)
	}

	b := Batch{Name: "b", Cutoff: day("2022-04-25"), Issuers: []string{"410307200"}}
	docs := []ledger.Record{
		{"doc_no": "偃政〔2015〕9号", "title": "甲", "issuer": "410307200", "published_on": day("2015-01-01"), "status": "有效"},
		{"doc_no": "偃政〔2016〕2号", "title": "乙", "issuer": "410307200", "published_on": day("2016-01-01"), "status": "有效"},
	}
	items := Items(b, docs, map[string]bool{"偃政〔2015〕9号": true})
	if len(items) != 1 || items[0].String("conclusion") != ledger.CleanupPending || items[0].String("title") != "乙" || items[0].String("batch") != "b" {
		t.Errorf("items: %+v", items)
	}
	if len(b.Conds()) != 3 || len(Batch{Cutoff: day("2022-04-25")}.Conds()) != 2 {
		t.Error("scope conditions")
	}
}

func TestPublish(t *testing.T) {
	b := Batch{Name: "b", Cutoff: day("2022-04-25"), Status: StatusOpen, Registered: true}
	rows := []ledger.Record{row("偃政〔2015〕9号", "废止", "2015-01-01"), row("偃政〔2018〕1号", "修改", "2018-01-01"),
		row("偃政〔2019〕1号", "继续有效", "2019-01-01"), row("偃政〔2016〕2号", "宣布失效", "2016-01-01")}
	docs := map[string]ledger.Record{
		"偃政〔2015〕9号": {"doc_no": "偃政〔2015〕9号", "status": "有效"},
		"偃政〔2018〕1号": {"doc_no": "偃政〔2018〕1号", "status": "已修改"},
		"偃政〔2019〕1号": {"doc_no": "偃政〔2019〕1号", "status": "有效"},
	}
	p, err := Publish(b, rows, docs, "偃政[2022]9号", day("2022-05-20"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 4 || p.Rows[0].String("decision_no") != "偃政〔2022〕9号" {
		t.Errorf("rows: %+v", p.Rows)
	}
	if len(p.Statuses) != 1 || p.Statuses[0].String("status") != "废止" || strings.Join(p.Missing, ",") != "偃政〔2016〕2号" {
		t.Errorf("statuses %+v, missing %v", p.Statuses, p.Missing)
	}
	for name, tc := range map[string]struct {
		b    Batch
		rows []ledger.Record
		no   string
		date time.Time
		want string
	}{
		"no number":   {b, rows, "", day("2022-05-20"), "请用 --no"},
		"bad number":  {b, rows, "偃政〔2022〕第9号", day("2022-05-20"), "不应含“第”字"},
		"no date":     {b, rows, "偃政〔2022〕9号", time.Time{}, "请用 --date"},
		"before cut":  {b, rows, "偃政〔2022〕9号", day("2022-04-01"), "早于清理截止日期"},
		"pending":     {b, append(slices.Clone(rows), row("偃政〔2020〕1号", ledger.CleanupPending, "2020-01-01")), "偃政〔2022〕9号", day("2022-05-20"), "还有1件文件未作清理结论（偃政〔2020〕1号）"},
		"empty":       {b, nil, "偃政〔2022〕9号", day("2022-05-20"), "没有任何文件"},
		"republished": {Batch{Name: "b", Status: StatusPublished, DecisionNo: "偃政〔2022〕9号", DecisionDate: day("2022-05-20")}, rows, "偃政〔2022〕10号", day("2022-05-20"), "不能再以偃政〔2022〕10号公布"},
	} {
		if _, err := Publish(tc.b, tc.rows, docs, tc.no, tc.date); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

func TestFromRowsAndReopen(t *testing.T) {
	a := row("偃政〔2015〕9号", "废止", "2015-01-01")
	a["decision_no"], a["decision_published_on"] = "偃政〔2022〕23号", day("2022-06-28")
	c := row("偃政〔2016〕2号", "修改", "2016-01-01")
	if b := FromRows("b", []ledger.Record{a, c}); b.Published() {
		t.Errorf("a row without decision: %+v", b)
	}
	c["decision_no"], c["decision_published_on"] = "偃政〔2022〕23号", day("2022-06-28")
	if b := FromRows("b", []ledger.Record{a, c}); !b.Published() || b.DecisionNo != "偃政〔2022〕23号" || b.Registered {
		t.Errorf("published rows: %+v", b)
	}
	open := Batch{Name: "b", Cutoff: day("2022-04-25"), Issuers: []string{"1", "2"}, Status: StatusOpen, Registered: true}
	if err := CheckReopen(open, Batch{Name: "b", Cutoff: day("2022-04-25"), Issuers: []string{"2", "1"}}); err != nil {
		t.Errorf("same scope: %v", err)
	}
	if err := CheckReopen(open, Batch{Name: "b", Cutoff: day("2022-04-26")}); err == nil {
		t.Error("another scope accepted")
	}
	if err := CheckReopen(FromRows("b", []ledger.Record{a, c}), open); err == nil {
		t.Error("a published batch reopened")
	}
}

func TestDecisionDocument(t *testing.T) {
	rows := []ledger.Record{row("偃政〔2015〕9号", "废止", "2015-01-01"), row("偃政〔2019〕1号", "继续有效", "2019-01-01")}
	d, err := Decision(DecisionInput{Organ: "洛阳市偃师区人民政府", IssuerNames: []string{"区政府"}, Batch: Batch{Name: "b", Cutoff: day("2022-04-25")},
		Rows: rows, No: "偃政〔2022〕9号", Date: day("2022-05-20")})
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	for _, want := range []string{"洛阳市偃师区人民政府文件", "各镇人民政府、街道办事处，区人民政府各部门，各有关单位：",
		"区人民政府对2022年4月25日以前区政府印发的2件规范性文件进行了全面清理。经清理，废止、宣布失效1件，继续有效1件。",
		"一、废止、宣布失效的规范性文件（1件）\n1.《关于偃政〔2015〕9号的通知》（偃政〔2015〕9号）\n废止、宣布失效的规范性文件，自本决定公布之日起停止执行；",
		"2022年5月20日", "（此件公开发布）", "洛阳市偃师区人民政府办公室"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "二、") {
		t.Errorf("empty lists are left out:\n%s", text)
	}
	if _, err := Decision(DecisionInput{Organ: "x", Rows: []ledger.Record{row("偃政〔2015〕9号", ledger.CleanupPending, "2015-01-01")}, Date: day("2022-05-20")}); err == nil {
		t.Error("decision drafted with a pending document")
	}
}
