package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/internal/testdb"
)

// twoDistricts builds a city (洛阳市, 4103) with two districts, 偃师区
// (410307) and 西工区 (410303), whose units have the same names (区人民政府,
// 区司法局, 区财政局) and whose cases have the same 案号. 偃师区 has three
// 行政复议 cases and 重大疑难案件研讨 on two cases (one discussed twice);
// 西工区 has two cases, one with 偃师区's 案号, and a 研讨 on the case
// number 偃师区 discussed too.
func twoDistricts(t *testing.T, e testdb.Engine) (*app.App, map[string]context.Context) {
	t.Helper()
	ap := open(t, e.DSN(t))
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	units := "单位编码,单位名称,简称,上级单位,单位类型,行政区划代码\n4103,洛阳市人民政府,市政府,,政府,410300\n"
	for _, d := range []string{"410307", "410303"} {
		units += fmt.Sprintf("%[1]s200,区人民政府,区政府,,政府,%[1]s\n%[1]s207,区司法局,,%[1]s200,政府部门,%[1]s\n%[1]s208,区财政局,,%[1]s200,政府部门,%[1]s\n", d)
	}
	if _, _, _, err := ap.ImportUnits(local, write("units.csv", units)); err != nil {
		t.Fatal(err)
	}
	ctx := map[string]context.Context{"": local}
	for _, d := range []string{"410307", "410303", "4103"} {
		c, err := app.WithDistrict(local, d)
		if err != nil {
			t.Fatal(err)
		}
		ctx[d] = c
	}
	const head = "案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果,受理日期,审理程序,结案日期,结案方式\n"
	recon := map[string]string{
		"410307": head +
			"偃政复〔2022〕1号,张三,自然人,区司法局,行政许可,书面,2022-01-06,受理,2022-01-11,普通,2022-03-03,撤销\n" +
			"偃政复〔2022〕2号,李四,自然人,区财政局,行政许可,书面,2022-02-06,受理,2022-02-11,普通,2022-04-03,维持\n" +
			"偃政复〔2022〕3号,王五,自然人,区司法局,行政许可,书面,2022-03-06,受理,2022-03-11,普通,,\n",
		"410303": head +
			"偃政复〔2022〕1号,赵六,自然人,区司法局,行政处罚,书面,2022-05-06,受理,2022-05-11,普通,2022-07-03,维持\n" +
			"西政复〔2022〕7号,钱七,自然人,区财政局,行政处罚,书面,2022-06-06,受理,2022-06-11,普通,,\n",
	}
	const chead = "编号,事项类型,关联案号,单位,日期\n"
	court := map[string]string{
		"410307": chead +
			"FY2022-001,重大疑难案件研讨,（2022）豫0381行初15号,区司法局,2022-04-01\n" +
			"FY2022-002,重大疑难案件研讨,（2022）豫0381行初15号,区司法局,2022-05-01\n" +
			"FY2022-003,重大疑难案件研讨,（2022）豫0381行初16号,区财政局,2022-06-01\n",
		"410303": chead +
			"FY2022-001,重大疑难案件研讨,（2022）豫0381行初15号,区司法局,2022-04-01\n",
	}
	for d, text := range recon {
		if _, err := ap.Import(ctx[d], "reconsideration", write(d+"-recon.csv", text), app.ImportOptions{}); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if _, err := ap.Import(ctx[d], "courtlink", write(d+"-court.csv", court[d]), app.ImportOptions{}); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
	}
	return ap, ctx
}

func figures(t *testing.T, vs []indicator.Value) map[string]indicator.Value {
	t.Helper()
	out := map[string]indicator.Value{}
	for _, v := range vs {
		out[v.ID] = v
	}
	return out
}

// TestDistricts_SameNamesAndCaseNumbers (issue 9): two districts hold
// units of the same names and cases with the same 案号 without collision;
// each district's figures are its own; the city's counts are the sums of
// its districts', and a distinct count (重大疑难案件 by 关联案号) counts a
// case number once per district.
func TestDistricts_SameNamesAndCaseNumbers(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap, ctx := twoDistricts(t, e)
		want := map[string]map[string]float64{
			"410307": {"reconsideration.received": 3, "reconsideration.concluded": 2, "courtlink.major_cases": 2},
			"410303": {"reconsideration.received": 2, "reconsideration.concluded": 1, "courtlink.major_cases": 1},
			"4103":   {"reconsideration.received": 5, "reconsideration.concluded": 3, "courtlink.major_cases": 3},
		}
		for d, w := range want {
			vs, err := ap.Indicators(ctx[d], 2022, "")
			if err != nil {
				t.Fatal(err)
			}
			got := figures(t, vs)
			for id, v := range w {
				if got[id].Value != v {
					t.Errorf("district %s: %s = %v, want %v", d, id, got[id].Value, v)
				}
			}
		}
		// The city by its unit and by its code, as the local administrator.
		for _, unit := range []string{"4103", "410300", "洛阳市人民政府"} {
			vs, err := ap.Indicators(local, 2022, unit)
			if err != nil {
				t.Fatalf("--unit %s: %v", unit, err)
			}
			if got := figures(t, vs); got["reconsideration.received"].Value != 5 || got["courtlink.major_cases"].Value != 3 {
				t.Errorf("--unit %s: received %v, major cases %v; want 5 and 3", unit, got["reconsideration.received"].Value, got["courtlink.major_cases"].Value)
			}
		}
		r, err := ap.IndicatorsByDistrict(local, 2022, "4103")
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Districts) != 2 || r.Region.Code != "410300" {
			t.Fatalf("roll-up districts %+v region %+v", r.Districts, r.Region)
		}
		for _, row := range r.Rows {
			ind, _ := app.Indicator(row.ID)
			sum := 0.0
			for _, f := range row.Districts {
				sum += f.Value.Value
			}
			if ind.Agg == indicator.Count || ind.Agg == indicator.Sum || ind.Agg == indicator.CountDistinct {
				if !row.Total.Null && row.Total.Value != sum {
					t.Errorf("%s: city %v, sum of districts %v", row.ID, row.Total.Value, sum)
				}
			}
			if row.ID == "reconsideration.received" {
				for _, f := range row.Districts {
					wantRank := map[string]int{"410307": 1, "410303": 2}[f.District]
					if f.Rank != wantRank || f.Change == nil || *f.Change != f.Value.Value {
						t.Errorf("received in %s: %+v (rank want %d, change = value: no 2021 cases)", f.District, f, wantRank)
					}
				}
			}
		}
		// Search finds a district's documents in that district only.
		doc := filepath.Join(t.TempDir(), "normdoc.csv")
		os.WriteFile(doc, []byte("文号,标题,制定机关,公布日期,状态\n西政〔2022〕1号,西工区行政执法公示办法,区人民政府,2022-03-01,有效\n"), 0o644)
		if _, err := ap.Import(ctx["410303"], "normdoc", doc, app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for d, want := range map[string]int{"410303": 1, "410307": 0, "4103": 1, "": 1} {
			_, res, err := ap.Search(ctx[d], "行政执法公示办法", 10, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != want {
				t.Errorf("search in %q: %d hits, want %d", d, res.Total, want)
			}
		}
		// The same 案号 in two districts: two records, each its own.
		a, err := ap.GetRecord(ctx["410307"], "reconsideration", "偃政复〔2022〕1号")
		if err != nil {
			t.Fatal(err)
		}
		b, err := ap.GetRecord(ctx["410303"], "reconsideration", "偃政复〔2022〕1号")
		if err != nil {
			t.Fatal(err)
		}
		if a.Record.String("applicant") == b.Record.String("applicant") || a.Record.String("applicant") != "张三" {
			t.Errorf("both districts read the same record: %v / %v", a.Record, b.Record)
		}
	})
}

// TestDistricts_AmbiguousUnitRefused (issue 9): a unit name two districts
// share, in an import made without a district, is refused with both
// candidates, and nothing is written; the command line's --unit too.
func TestDistricts_AmbiguousUnitRefused(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap, ctx := twoDistricts(t, e)
		dir := t.TempDir()
		p := filepath.Join(dir, "recon.csv")
		os.WriteFile(p, []byte("案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果\n偃政复〔2022〕9号,孙八,自然人,区司法局,行政许可,书面,2022-08-06,审查中\n"), 0o644)
		res, err := ap.Import(local, "reconsideration", p, app.ImportOptions{})
		if err == nil {
			t.Fatal("an ambiguous unit was imported")
		}
		text := app.ProblemsText(p, res.Problems)
		for _, w := range []string{"410307207", "410303207", "不唯一"} {
			if !strings.Contains(text, w) {
				t.Errorf("problems do not name %s:\n%s\n%v", w, text, err)
			}
		}
		for _, d := range []string{"410307", "410303"} {
			vs, _ := ap.Indicators(ctx[d], 2022, "")
			if got := figures(t, vs)["reconsideration.received"].Value; got != map[string]float64{"410307": 3, "410303": 2}[d] {
				t.Errorf("%s: received %v after a refused import", d, got)
			}
		}
		if _, err := ap.Indicators(local, 2022, "区司法局"); err == nil || !strings.Contains(err.Error(), "410303207") {
			t.Errorf("--unit 区司法局 over two districts: %v", err)
		}
		// Within one district the name is one unit.
		if _, err := ap.Indicators(ctx["410303"], 2022, "区司法局"); err != nil {
			t.Errorf("--unit 区司法局 in 410303: %v", err)
		}
		// A file naming units of one district only goes to that district.
		os.WriteFile(p, []byte("案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果\n西政复〔2022〕9号,孙八,自然人,410303207,行政许可,书面,2022-08-06,审查中\n"), 0o644)
		if _, err := ap.Import(local, "reconsideration", p, app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		vs, _ := ap.Indicators(ctx["410303"], 2022, "")
		if got := figures(t, vs)["reconsideration.received"].Value; got != 3 {
			t.Errorf("410303 received %v after importing a file of its units, want 3", got)
		}
	})
}
