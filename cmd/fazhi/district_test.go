package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

// TestDistricts_CommandLine (issue 9): on the command line, units of two
// districts and a city, a case number both districts use imported with
// --district, the city's figures by --unit 4103 and the comparison by
// --by-district (table and JSON); a unit name both districts share is
// refused with its candidates; a reorganisation is recorded with --on.
func TestDistricts_CommandLine(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := e.DSN(t)
		dir := t.TempDir()
		write := func(name, text string) string {
			p := filepath.Join(dir, name)
			os.WriteFile(p, []byte(text), 0o644)
			return p
		}
		mustFazhi(t, dsn, "units", "import", write("units.csv", "单位编码,单位名称,简称,上级单位,单位类型,行政区划代码\n"+
			"4103,洛阳市人民政府,市政府,,政府,410300\n"+
			"410307200,洛阳市偃师区人民政府,区政府,,政府,410307\n410307207,区司法局,,410307200,政府部门,410307\n"+
			"410303200,洛阳市西工区人民政府,区政府,,政府,410303\n410303207,区司法局,,410303200,政府部门,410303\n"))
		const head = "案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果\n"
		mustFazhi(t, dsn, "--district", "410307", "import", "reconsideration", write("a.csv", head+
			"偃政复〔2022〕1号,张三,自然人,区司法局,行政许可,书面,2022-01-06,审查中\n偃政复〔2022〕2号,李四,自然人,区司法局,行政许可,书面,2022-02-06,审查中\n"))
		mustFazhi(t, dsn, "--district", "410303", "import", "reconsideration", write("b.csv", head+
			"偃政复〔2022〕1号,赵六,自然人,区司法局,行政处罚,书面,2022-05-06,审查中\n"))
		_, errs, err := fazhi(t, dsn, "import", "reconsideration", write("c.csv", head+"偃政复〔2022〕3号,孙八,自然人,区司法局,行政许可,书面,2022-08-06,审查中\n"))
		if err == nil || !strings.Contains(errs+err.Error(), "410307207") || !strings.Contains(errs+err.Error(), "410303207") {
			t.Errorf("an ambiguous unit without --district: %v\n%s", err, errs)
		}
		received := func(args ...string) float64 {
			var vs []jsonIndicator
			if err := json.Unmarshal([]byte(mustFazhi(t, dsn, append(args, "indicators", "--year", "2022", "--json")...)), &vs); err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.ID == "reconsideration.received" {
					return v.Value
				}
			}
			return -1
		}
		if a, b := received("--district", "410307"), received("--district", "410303"); a != 2 || b != 1 {
			t.Errorf("received: 偃师区 %v, 西工区 %v; want 2 and 1", a, b)
		}
		out := mustFazhi(t, dsn, "indicators", "--year", "2022", "--unit", "4103", "--by-district")
		if !strings.Contains(out, "偃师区") || !strings.Contains(out, "西工区") || !strings.Contains(out, "排名") {
			t.Errorf("by-district table:\n%s", out)
		}
		var r struct {
			Districts []struct{ Code string } `json:"districts"`
			Rows      []struct {
				ID        string                  `json:"id"`
				Total     struct{ Value float64 } `json:"total"`
				Districts []struct {
					District string
					Value    struct{ Value float64 } `json:"value"`
					Rank     int                     `json:"rank"`
				} `json:"districts"`
			} `json:"indicators"`
		}
		if err := json.Unmarshal([]byte(mustFazhi(t, dsn, "indicators", "--year", "2022", "--unit", "4103", "--by-district", "--json")), &r); err != nil {
			t.Fatal(err)
		}
		for _, row := range r.Rows {
			if row.ID == "reconsideration.received" && (row.Total.Value != 3 || len(row.Districts) != 2) {
				t.Errorf("city row %+v", row)
			}
		}
		out = mustFazhi(t, dsn, "--district", "410307", "units", "abolish", "区司法局", "--on", "2024-03-01")
		if !strings.Contains(out, "撤销") {
			t.Errorf("units abolish: %s", out)
		}
		if a := received("--district", "410307"); a != 2 {
			t.Errorf("2022 after a 2024 abolition: %v", a)
		}
	})
}
