package indicator_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fazhi/indicator"
	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a small district: the government, one department, one town,
// and a few records of 2022 (and one of 2021 and 2023 each, which must not
// count in 2022).
var fixture = map[*ledger.Definition][]ledger.Record{
	ledger.Reconsideration: {
		{"case_no": "偃政复〔2022〕1号", "applicant": "甲", "respondent": "D1", "act_category": "行政处罚", "admin_domain": "公安",
			"received_on": day("2022-01-05"), "review_result": "受理", "accepted_on": day("2022-01-07"), "concluded_on": day("2022-02-20"), "conclusion": "调解"},
		{"case_no": "偃政复〔2022〕2号", "applicant": "乙", "respondent": "T1", "act_category": "行政强制", "admin_domain": "综合行政执法",
			"received_on": day("2022-03-05"), "review_result": "受理", "accepted_on": day("2022-03-07"), "concluded_on": day("2022-04-20"), "conclusion": "和解后终止"},
		{"case_no": "偃政复〔2022〕3号", "applicant": "丙", "respondent": "GOV", "act_category": "行政处罚",
			"received_on": day("2022-05-05"), "review_result": "受理", "accepted_on": day("2022-05-07"), "concluded_on": day("2022-06-20"), "conclusion": "撤销"},
		{"case_no": "偃政复〔2022〕4号", "applicant": "丁", "respondent": "D1", "act_category": "行政许可", "admin_domain": "公安",
			"received_on": day("2022-12-25"), "review_result": "审查中"},
		{"case_no": "偃政复〔2021〕9号", "applicant": "戊", "respondent": "D1", "act_category": "行政许可", "admin_domain": "公安",
			"received_on": day("2021-12-20"), "review_result": "受理", "accepted_on": day("2021-12-22"), "concluded_on": day("2022-01-20"), "conclusion": "维持"},
	},
	ledger.Litigation: {
		{"case_no": "（2022）豫0381行初1号", "instance": "一审", "plaintiff": "甲", "defendant": "D1", "complaint_received_on": day("2022-01-10"),
			"hearing_on": day("2022-02-10"), "appearer": "张三、李四", "appearance": "正职负责人出庭", "judged_on": day("2022-03-10"), "judgment": "驳回诉讼请求", "lost": false},
		{"case_no": "（2022）豫0381行初2号", "instance": "一审", "plaintiff": "乙", "defendant": "D1", "complaint_received_on": day("2022-01-12"),
			"hearing_on": day("2022-02-12"), "appearer": "王五", "appearance": "副职负责人出庭", "judged_on": day("2022-03-12"), "judgment": "准予撤诉", "lost": false},
		{"case_no": "（2022）豫0381行初3号", "instance": "一审", "plaintiff": "丙", "defendant": "T1", "complaint_received_on": day("2022-01-14"),
			"hearing_on": day("2022-02-14"), "appearance": "其他负责人出庭", "judged_on": day("2022-03-14"), "judgment": "撤销行政行为", "lost": true},
		{"case_no": "（2022）豫0381行初4号", "instance": "一审", "plaintiff": "丁", "defendant": "T1", "complaint_received_on": day("2022-01-16"),
			"hearing_on": day("2022-02-16"), "appearer": "赵六", "appearance": "工作人员出庭", "judged_on": day("2022-03-16"), "judgment": "驳回诉讼请求", "lost": false},
	},
	ledger.Shufa: {
		{"year": int64(2022), "unit": "D1", "form": "书面", "submitted_on": day("2022-12-10")},
		{"year": int64(2022), "unit": "T1", "form": "现场", "submitted_on": day("2023-01-10")},
		{"year": int64(2022), "unit": "GOV", "form": "现场", "submitted_on": day("2023-01-10")},
		{"year": int64(2021), "unit": "D1", "form": "现场", "submitted_on": day("2022-01-10")},
	},
	ledger.Meeting: {
		{"no": "HY1", "date": day("2022-03-01"), "kind": "全面依法治区委员会会议", "topic": "全体会议", "unit": "GOV"},
		{"no": "HY2", "date": day("2022-04-01"), "kind": "法治政府建设工作会议", "topic": "工作会议", "unit": "GOV"},
		{"no": "HY3", "date": day("2022-05-01"), "kind": "府院联席会议", "topic": "联席会议", "unit": "D1"},
		{"no": "HY4", "date": day("2022-06-01"), "kind": "府院联席会议", "topic": "联席会议", "unit": "D1"},
		{"no": "HY5", "date": day("2022-07-01"), "kind": "区政府常务会议", "topic": "常务会议", "unit": "GOV", "minutes_reviewed": true},
		{"no": "HY6", "date": day("2023-01-05"), "kind": "府院联席会议", "topic": "联席会议", "unit": "D1", "minutes_reviewed": true},
	},
	ledger.NormdocCleanup: {
		{"batch": "2022清理", "doc_no": "偃政〔2015〕1号", "conclusion": "继续有效", "decision_published_on": day("2022-06-01")},
		{"batch": "2022清理", "doc_no": "偃政〔2015〕2号", "conclusion": "继续有效", "decision_published_on": day("2022-06-01")},
		{"batch": "2022清理", "doc_no": "偃政〔2015〕3号", "conclusion": "废止", "decision_published_on": day("2022-06-01")},
		{"batch": "2022清理", "doc_no": "偃政〔2015〕4号", "conclusion": "宣布失效", "decision_published_on": day("2022-06-01")},
		{"batch": "2022清理", "doc_no": "偃政〔2015〕5号", "conclusion": "宣布失效", "decision_published_on": day("2022-06-01")},
	},
	ledger.Normdoc: {
		{"doc_no": "偃政〔2022〕1号", "title": "甲办法", "issuer": "GOV", "legality_reviewed_on": day("2022-02-01"), "published_on": day("2022-03-01"), "status": "有效"},
		{"doc_no": "偃政〔2022〕2号", "title": "乙办法", "issuer": "GOV", "legality_reviewed_on": day("2021-12-20"), "published_on": day("2022-01-10"), "status": "有效"},
	},
	ledger.Contract: {
		{"contract_no": "HT1", "title": "甲合同", "submitted_on": day("2022-03-01"), "opinion": "同意", "suggestions": int64(3), "amount": int64(1250_5000), "opinion_on": day("2022-03-05")},
		{"contract_no": "HT2", "title": "乙合同", "submitted_on": day("2022-04-01"), "opinion": "修改后同意", "suggestions": int64(5), "amount": int64(20000_0000), "opinion_on": day("2022-04-05")},
	},
	ledger.ServiceItem: {
		{"code": "S1", "name": "甲许可", "legal_days": int64(20), "promised_days": int64(5), "visits": int64(0), "online": true, "one_network": true, "listed_on": day("2020-01-01")},
		{"code": "S2", "name": "乙许可", "legal_days": int64(20), "promised_days": int64(10), "visits": int64(1), "online": true, "one_network": true, "listed_on": day("2020-01-01")},
		{"code": "S3", "name": "丙事项", "visits": int64(1), "online": true, "one_network": true, "listed_on": day("2020-01-01")},
		{"code": "S4", "name": "丁许可", "legal_days": int64(20), "promised_days": int64(1), "visits": int64(1), "online": true, "one_network": true,
			"listed_on": day("2020-01-01"), "cancelled_on": day("2021-06-01")},
	},
}

// all reads every record, as the administrator does.
type all struct{ *store.DB }

func (a all) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	q.Scope = ledger.AllScope()
	return a.DB.AggregateRecords(ctx, d, q, agg, field)
}

func (a all) AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error) {
	for i := range items {
		items[i].Query.Scope = ledger.AllScope()
	}
	return a.DB.AggregateBatch(ctx, d, items, byDistrict)
}

func (a all) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	q.Scope = ledger.AllScope()
	return a.DB.FindRecords(ctx, d, q)
}

func load(t *testing.T, db *store.DB) {
	ctx := context.Background()
	units := []ledger.Unit{
		{Code: "GOV", Name: "某区人民政府", Kind: "政府"},
		{Code: "D1", Name: "某区公安分局", Parent: "GOV", Kind: "垂直管理部门"},
		{Code: "T1", Name: "某某镇", Parent: "GOV", Kind: "镇"},
	}
	if _, _, err := db.SaveUnits(ctx, units); err != nil {
		t.Fatal(err)
	}
	for d, recs := range fixture {
		present := map[string]bool{}
		for _, r := range recs {
			for k := range r {
				present[k] = true
			}
		}
		var fields []string
		for _, f := range d.Fields {
			if present[f.Name] {
				fields = append(fields, f.Name)
			}
		}
		if _, err := db.SaveRecords(ctx, d, recs, fields, store.Change{Actor: "test", Source: "fixture", Scope: ledger.AllScope()}); err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
	}
}

// TestNewIndicators checks each figure county reports carry (issue 12)
// against the fixture, on both engines.
func TestNewIndicators(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		raw := testdb.Open(t, e)
		load(t, raw)
		db := all{raw}
		g := func(kv ...any) []indicator.Group {
			var out []indicator.Group
			for i := 0; i < len(kv); i += 2 {
				out = append(out, indicator.Group{Key: kv[i].(string), Value: float64(kv[i+1].(int))})
			}
			return out
		}
		cases := []struct {
			id     string
			want   float64
			groups []indicator.Group
			null   bool
		}{
			{id: "reconsideration.by_act_category", want: 4, groups: g("行政处罚", 2, "行政强制", 1, "行政许可", 1)},
			{id: "reconsideration.by_conclusion", want: 4, groups: g("维持", 1, "撤销", 1, "调解", 1, "和解后终止", 1)},
			{id: "reconsideration.by_respondent_type", want: 4, groups: g("部门", 2, "乡镇街道", 1, "区政府", 1)},
			{id: "reconsideration.by_admin_domain", want: 3, groups: g("公安", 2, "综合行政执法", 1)},
			{id: "reconsideration.mediated", want: 1},
			{id: "reconsideration.settled", want: 1},
			{id: "reconsideration.mediated_or_settled", want: 2},
			{id: "reconsideration.mediation_rate", want: 50},
			{id: "litigation.withdrawn", want: 1},
			{id: "litigation.withdrawal_rate", want: 25},
			{id: "litigation.not_lost", want: 3},
			{id: "litigation.win_rate", want: 75},
			{id: "litigation.loss_rate", want: 25},
			{id: "litigation.head_appearances", want: 3},
			{id: "litigation.head_appearance_persons", want: 4},
			{id: "shufa.onsite_sessions", want: 1},
			{id: "shufa.by_form", want: 3, groups: g("书面", 1, "现场", 2)},
			{id: "normdoc.cleanup_kept", want: 2},
			{id: "normdoc.cleanup_abolished", want: 1},
			{id: "normdoc.cleanup_expired", want: 2},
			{id: "normdoc.cleanup_repealed", want: 3},
			{id: "normdoc.legality_reviewed", want: 1},
			{id: "legality.minutes_reviewed", want: 1},
			{id: "legality.reviews_total", want: 4},
			{id: "legality.suggestions", want: 8},
			{id: "legality.amount", want: 2.13},
			{id: "service.legal_days", want: 40},
			{id: "service.promised_days", want: 15},
			{id: "service.compressed_days", want: 25},
			{id: "service.time_compression_rate", want: 62.5},
			{id: "leadership.committee_meetings", want: 1},
			{id: "leadership.work_conferences", want: 1},
			{id: "courtlink.joint_meetings", want: 2},
		}
		ctx := context.Background()
		for _, c := range cases {
			ind, ok := indicator.Get(c.id)
			if !ok {
				t.Errorf("%s: not declared", c.id)
				continue
			}
			v, err := indicator.Compute(ctx, db, ind, 2022, "")
			if err != nil {
				t.Errorf("%s: %v", c.id, err)
				continue
			}
			if v.Value != c.want || v.Null != c.null || !reflect.DeepEqual(v.Groups, c.groups) {
				t.Errorf("%s = %v %v (null %v), want %v %v", c.id, v.Value, v.Groups, v.Null, c.want, c.groups)
			}
			if v.Definition == "" || v.Name == "" || v.Unit == "" {
				t.Errorf("%s: name, unit and definition are required", c.id)
			}
		}
		// A year with no case: rates have no value; the scope of one unit
		// counts its records only.
		for _, id := range []string{"reconsideration.mediation_rate", "litigation.win_rate", "litigation.withdrawal_rate"} {
			ind, _ := indicator.Get(id)
			v, err := indicator.Compute(ctx, db, ind, 2019, "")
			if err != nil || !v.Null {
				t.Errorf("%s in 2019: %+v %v, want null", id, v, err)
			}
		}
		ind, _ := indicator.Get("reconsideration.by_respondent_type")
		v, err := indicator.Compute(ctx, db, ind, 2022, "T1")
		if err != nil || v.Value != 1 || !reflect.DeepEqual(v.Groups, g("乡镇街道", 1)) {
			t.Errorf("by_respondent_type for T1: %+v %v", v, err)
		}
	})
}

// TestNoRecords: a year without records is recognised; one record is enough.
func TestNoRecords(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		raw := testdb.Open(t, e)
		load(t, raw)
		db := all{raw}
		ctx := context.Background()
		for year, want := range map[int]bool{2022: false, 2030: true, 2019: true} {
			vals, err := indicator.ComputeAll(ctx, db, year, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := indicator.NoRecords(vals); got != want {
				t.Errorf("NoRecords(%d) = %v, want %v", year, got, want)
			}
		}
	})
}

// TestExplainWith_MatchesExplainLimit: the report's appendix, which reuses
// the computed figures and counts a part only when its figure does not
// say how many records it has, lists the same records and totals as
// ExplainLimit, for every indicator and several limits, on both engines.
func TestExplainWith_MatchesExplainLimit(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		raw := testdb.Open(t, e)
		load(t, raw)
		db := all{raw}
		ctx := context.Background()
		list, err := indicator.ComputeAll(ctx, db, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		vals := map[string]indicator.Value{}
		for _, v := range list {
			vals[v.ID] = v
		}
		keys := func(d *ledger.Definition, rs []ledger.Record) string {
			var ks []string
			for _, r := range rs {
				ks = append(ks, d.KeyText(r))
			}
			return strings.Join(ks, "|")
		}
		for _, ind := range indicator.All() {
			for _, limit := range []int{1, 2, 20} {
				v1, p1, err1 := indicator.ExplainLimit(ctx, db, ind, 2022, "", limit)
				v2, p2, err2 := indicator.ExplainWith(ctx, db, ind, 2022, "", limit, vals)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v / %v", ind.ID, err1, err2)
				}
				if v1.Value != v2.Value || v1.Null != v2.Null || len(p1) != len(p2) {
					t.Fatalf("%s limit %d: value %v/%v, %d/%d parts", ind.ID, limit, v1.Value, v2.Value, len(p1), len(p2))
				}
				for i := range p1 {
					if p1[i].Total != p2[i].Total || keys(p1[i].Ledger, p1[i].Records) != keys(p2[i].Ledger, p2[i].Records) || p1[i].Value.Value != p2[i].Value.Value {
						t.Errorf("%s limit %d part %s: total %d/%d, records %s / %s", ind.ID, limit, p1[i].Indicator.ID, p1[i].Total, p2[i].Total,
							keys(p1[i].Ledger, p1[i].Records), keys(p2[i].Ledger, p2[i].Records))
					}
				}
			}
		}
	})
}
