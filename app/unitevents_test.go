package app_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// TestUnitTree_ReorganisationKeepsPastFigures (issue 9): a unit moved to
// another parent and two units merged in 2024 leave the 2022 figures of
// those units and of their former parents as they were; the 2024 figures
// follow the new tree, and each record keeps the unit it was recorded
// against.
func TestUnitTree_ReorganisationKeepsPastFigures(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, e.DSN(t))
		dir := t.TempDir()
		write := func(name, text string) string {
			p := filepath.Join(dir, name)
			os.WriteFile(p, []byte(text), 0o644)
			return p
		}
		// No 行政区划代码 column: the default district.
		units := "单位编码,单位名称,上级单位,单位类型\n" +
			"410307200,区人民政府,,政府\n" +
			"410307201,甲局,410307200,政府部门\n" +
			"410307202,乙局,410307200,政府部门\n" +
			"410307211,甲局一所,410307201,其他\n" +
			"410307212,甲局二所,410307201,其他\n" +
			"410307221,乙局一所,410307202,其他\n"
		if _, _, _, err := ap.ImportUnits(local, write("units.csv", units)); err != nil {
			t.Fatal(err)
		}
		recon := "案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果\n"
		n := 0
		for unit, years := range map[string][]string{
			"甲局一所": {"2022", "2022", "2024"},
			"甲局二所": {"2022", "2024"},
			"乙局一所": {"2022", "2024"},
			"甲局":   {"2022"},
		} {
			for _, y := range years {
				n++
				recon += "偃政复〔" + y + "〕" + strings.Repeat("1", n) + "号,申请人,自然人," + unit + ",行政许可,书面," + y + "-06-01,审查中\n"
			}
		}
		if _, err := ap.Import(local, "reconsideration", write("recon.csv", recon), app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		codes := []string{"410307200", "410307201", "410307202", "410307211", "410307212", "410307221"}
		figs := func(year int) map[string]map[string]float64 {
			out := map[string]map[string]float64{}
			for _, c := range codes {
				vs, err := ap.Indicators(local, year, c)
				if err != nil {
					t.Fatal(err)
				}
				out[c] = map[string]float64{}
				for _, v := range vs {
					out[c][v.ID] = v.Value
				}
			}
			return out
		}
		before := figs(2022)
		// The district's 2022 report: counts, a grouping by 被申请人类型
		// (from the unit tree) and, in the internal HTML, the records
		// behind each figure with their units.
		narrative := "标题：偃师区{{year}}年度法治政府建设情况的报告\n---\n" +
			"{{year}}年共收到行政复议申请{{reconsideration.received}}起，其中{{reconsideration.by_respondent_type}}。\n"
		if _, _, err := ap.SaveReport(local, 2022, narrative, "测试"); err != nil {
			t.Fatal(err)
		}
		report := func() string {
			var out strings.Builder
			for _, o := range []app.ReportOptions{
				{Year: 2022, Format: "md", Force: true},
				{Year: 2022, Format: "html", Force: true, Internal: true},
			} {
				var b strings.Builder
				if _, err := ap.RenderReport(local, &b, o); err != nil {
					t.Fatal(err)
				}
				out.WriteString(b.String())
			}
			return out.String()
		}
		reportBefore := report()
		if !strings.Contains(reportBefore, "收到行政复议申请5起") {
			t.Fatalf("2022 report before the reorganisation lacks its figure:\n%.600s", reportBefore)
		}
		received := func(f map[string]map[string]float64) map[string]float64 {
			out := map[string]float64{}
			for c, m := range f {
				out[c] = m["reconsideration.received"]
			}
			return out
		}
		if want := map[string]float64{"410307200": 5, "410307201": 4, "410307202": 1, "410307211": 2, "410307212": 1, "410307221": 1}; !reflect.DeepEqual(received(before), want) {
			t.Fatalf("2022 before: %v, want %v", received(before), want)
		}
		for _, c := range []app.UnitChange{
			{Kind: ledger.UnitMove, Unit: "甲局一所", To: "乙局", On: "2024-03-01"},
			{Kind: ledger.UnitMerge, Unit: "甲局二所", To: "乙局一所", On: "2024-03-01"},
		} {
			if _, err := ap.ChangeUnit(local, c); err != nil {
				t.Fatal(err)
			}
		}
		if after := figs(2022); !reflect.DeepEqual(after, before) {
			t.Errorf("2022 figures changed by the 2024 reorganisation:\nbefore %v\nafter  %v", received(before), received(after))
		}
		if reportAfter := report(); reportAfter != reportBefore {
			t.Errorf("2022 report changed by the 2024 reorganisation:\n%s", firstDiff(reportBefore, reportAfter))
		}
		want2024 := map[string]float64{"410307200": 3, "410307201": 0, "410307202": 3, "410307211": 1, "410307212": 1, "410307221": 2}
		if got := received(figs(2024)); !reflect.DeepEqual(got, want2024) {
			t.Errorf("2024 figures: %v, want %v (the new tree)", got, want2024)
		}
		// The current tree is the new one; history lists both changes.
		tree, _ := ap.Units(local)
		if u, _ := tree.Get("410307211"); u.Parent != "410307202" {
			t.Errorf("甲局一所's parent now %s", u.Parent)
		}
		if u, _ := tree.Get("410307212"); u.ValidTo != "2024-03-01" || u.Parent != "410307221" {
			t.Errorf("merged unit: %+v", u)
		}
		evs, _ := ap.UnitEvents(local)
		if len(evs) != 2 || evs[0].OldParent != "410307201" {
			t.Errorf("events: %+v", evs)
		}
		// A change dated before a recorded one, and a move below itself, are refused.
		if _, err := ap.ChangeUnit(local, app.UnitChange{Kind: ledger.UnitRename, Unit: "甲局一所", To: "丙所", On: "2023-01-01"}); err == nil {
			t.Error("a change dated before a recorded one was accepted")
		}
		if _, err := ap.ChangeUnit(local, app.UnitChange{Kind: ledger.UnitMove, Unit: "乙局", To: "甲局一所", On: "2025-01-01"}); err == nil {
			t.Error("a unit moved below its own child")
		}
	})
}

// firstDiff shows where two texts part, with some context.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "before: …" + a[from:min(len(a), i+120)] + "\nafter:  …" + b[from:min(len(b), i+120)]
}
