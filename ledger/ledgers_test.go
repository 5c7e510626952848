package ledger

import (
	"strings"
	"testing"
	"time"
)

func TestCheckProjectCode(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2203-410307-04-01-123456", true},
		{"2112-410381-01-15-000321", true},
		{"2213-410307-04-01-123456", false}, // month 13
		{"2203-41030-04-01-123456", false},  // 5-digit region
		{"2022-410307-04-01-12345", false},  // 5-digit serial
		{"2203410307040112345", false},
	} {
		if err := CheckProjectCode(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckProjectCode(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

// weekdays counts Monday to Friday: enough to test the derivation.
type weekdays struct{}

func (weekdays) WorkdaysBetween(a, b time.Time) (int, error) {
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n++
		}
	}
	return n, nil
}

func (weekdays) Due(string, DueInput) (time.Time, error) { return time.Time{}, nil }

type oneUnit struct{}

func (oneUnit) Lookup(s string) (string, bool) { return "410307202", true }
func (oneUnit) Closest(string) string          { return "" }

func TestInvestmentProject_DerivesWorkdays(t *testing.T) {
	cells := map[string]string{"code": "2203-410307-04-01-123456", "name": "年产10万件耐火材料项目", "kind": "备案",
		"investment": "1200.5", "applied_on": "2022-03-04", "done_on": "2022-03-08", "workdays": "99"}
	r, errs := InvestmentProject.ParseRecord(cells, oneUnit{}, weekdays{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if n, _ := r.Int("workdays"); n != 2 { // Mon 7th and Tue 8th; the file's 99 is not read
		t.Errorf("办理时长 = %d, want 2", n)
	}
	if v, _ := r.Int("investment"); v != 12005000 {
		t.Errorf("总投资 = %d, want 12005000 (万元 × 10^4)", v)
	}
	cells["done_on"] = ""
	r, _ = InvestmentProject.ParseRecord(cells, oneUnit{}, weekdays{})
	if _, ok := r["workdays"]; ok {
		t.Error("办理时长 set for a project not yet done")
	}
}

func TestLedgerChecks(t *testing.T) {
	for _, tc := range []struct {
		d     *Definition
		cells map[string]string
		want  string // "" = valid
	}{
		{Contract, map[string]string{"contract_no": "YSHT-2022-001", "title": "合同", "submitted_on": "2022-03-01",
			"counterparty_uscc": "91350100M000100Y43", "opinion": "同意", "opinion_on": "2022-03-04"}, ""},
		{Contract, map[string]string{"contract_no": "YSHT-2022-001", "title": "合同", "submitted_on": "2022-03-01",
			"counterparty_uscc": "91350100M000100Y44"}, "校验位错误"},
		{Contract, map[string]string{"contract_no": "YSHT-2022-001", "title": "合同", "submitted_on": "2022-03-08",
			"opinion": "同意", "opinion_on": "2022-03-04"}, "早于送审日期"},
		{Contract, map[string]string{"contract_no": "YSHT-2022-001", "title": "合同", "submitted_on": "2022-03-01", "amount": "-5"}, "不能小于0"},
		{ServiceItem, map[string]string{"code": "XK-1", "name": "食品经营许可", "visits": "1", "online": "是", "one_network": "是",
			"legal_days": "20", "promised_days": "25"}, "承诺办结时限不能长于法定办结时限"},
		{ServiceItem, map[string]string{"code": "XK-1", "name": "食品经营许可", "visits": "1", "online": "否", "one_network": "是"}, "必须网上可办"},
		{BizenvIssue, map[string]string{"no": "YSYH-2022-001", "description": "问题", "unit": "区发改委", "due_on": "2022-10-31",
			"status": "已整改"}, "必须填写完成日期"},
		{ServiceEvaluation, map[string]string{"no": "PJ1", "date": "2022-03-01", "channel": "网上", "grade": "满意",
			"rectified_on": "2022-03-04"}, "只有差评"},
		{Shufa, map[string]string{"year": "2022", "unit": "区发改委", "form": "书面", "submitted_on": "2021-12-30"}, "早于述法年度"},
		{CaseReview, map[string]string{"file_no": "偃市监罚〔2022〕5号", "agency": "区市场监督管理局", "reviewed_on": "2022-11-14",
			"score": "100.5", "grade": "优秀"}, "超过满分"},
		{NormdocCleanup, map[string]string{"batch": "2022", "doc_no": "偃政[2015]3号", "conclusion": "废止"}, ""},
	} {
		_, errs := tc.d.ParseRecord(tc.cells, oneUnit{}, nil)
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		got := strings.Join(msgs, "; ")
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s %v: errors %q, want %q", tc.d.ID, tc.cells, got, tc.want)
		}
	}
}
