package importer_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
)

// Fuzz targets run for a bounded time in .ci/run; the seeds in testdata/fuzz
// run with every go test.

type env struct{ eng deadline.Engine }

func (e env) WorkdaysBetween(a, b time.Time) (int, error) { return e.eng.Cal.WorkdaysBetween(a, b) }
func (e env) Due(rule string, in ledger.DueInput) (time.Time, error) {
	din := deadline.Input{From: in.From, LawDate: in.LawDate, Extended: in.Extended, Simplified: in.Simplified, DaysOverride: in.Period}
	if !in.SuspendFrom.IsZero() {
		din.Suspensions = []deadline.Span{{From: in.SuspendFrom, To: in.Resumed}}
	}
	res, err := e.eng.Compute(rule, din)
	return res.Due, err
}

var (
	unitsOnce sync.Once
	unitTree  *ledger.UnitTree
)

func units(t testing.TB) *ledger.UnitTree {
	unitsOnce.Do(func() {
		tab, err := excel.Read(filepath.Join("..", "testdata", "units.csv"))
		if err != nil {
			t.Fatal(err)
		}
		us, ps, err := importer.ParseUnits(tab, nil, ledger.DefaultDistrict)
		if err != nil || len(ps) > 0 {
			t.Fatalf("units: %v %v", err, ps)
		}
		unitTree = ledger.NewUnitTree(us)
	})
	return unitTree
}

// zipClaimsTooMuch reports an xlsx whose zip directory declares parts over
// 64 MB. Such files are refused by the import reader's size limits (issue
// 13, import side); the harness keeps them away so that a fuzz run measures
// the parser, not the machine's memory.
func zipClaimsTooMuch(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	return total > 64<<20
}

// FuzzRead: any bytes given as a .csv or .xlsx file are read into tables or
// refused with an error naming the file; never a panic, never a hang.
func FuzzRead(f *testing.F) {
	for _, p := range []string{"units.csv", "reconsideration-2022.csv", "litigation-2022.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 3000)], false)
	}
	var tpl bytes.Buffer
	if err := excel.WriteTemplate(&tpl, ledger.Reconsideration, []string{"区委", "区政府"}); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes(), true)
	f.Add([]byte("\xEF\xBB\xBF案号,申请人\n\"a\"\"b\",\"c\nd\"\n"), false)
	f.Add([]byte("\xb0\xb8\xba\xc5,\xc9\xea\xc7\xeb\xc8\xcb\n"), false) // GB18030
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		if len(data) > 1<<20 || zipClaimsTooMuch(data) {
			t.Skip()
		}
		name := "in.csv"
		if xlsx {
			name = "in.xlsx"
		}
		path := filepath.Join(t.TempDir(), name)
		err := os.WriteFile(path, data, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			tabs []*excel.Table
			err  error
		}
		done := make(chan result, 1)
		go func() {
			tabs, err := excel.ReadAll(path)
			done <- result{tabs, err}
		}()
		var tabs []*excel.Table
		select {
		case r := <-done:
			tabs, err = r.tabs, r.err
		case <-time.After(10 * time.Second):
			t.Fatalf("reading %d bytes took over 10 s", len(data))
		}
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if len(tabs) == 0 {
			t.Fatal("no table and no error")
		}
	})
}

// FuzzImportCSV: a CSV file imported as 行政复议案件 is either refused with
// problems that point at real cells, or yields records that survive an
// export to .xlsx and a re-import unchanged (so formula-like text, quotes
// and line breaks come back as the same text).
func FuzzImportCSV(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reconsideration-2022.csv"))
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	f.Add([]byte(strings.Join(lines[:4], "")))
	head := lines[0]
	f.Add([]byte(head + "=HYPERLINK(\"http://x\",\"y\"),+张三,自然人,410381195110287406,洛阳市公安局偃师分局,行政许可,书面,2021-12-06,受理,2021-12-10,普通,否,2022-01-17,维持,-1+1,@SUM(A1),,\n"))
	f.Add([]byte(head + "\"偃政复〔2021〕7号\",\"多行\n申请人\",自然人,410381195110287406,洛阳市公安局偃师分局,行政许可,书面,44536,受理,44540,普通,否,,,,,,\n"))
	tree := units(f)
	opt := importer.Options{Units: tree, Env: env{deadline.Engine{Cal: calendar.Builtin(), Config: deadline.DefaultConfig()}}}
	d := ledger.Reconsideration
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			t.Skip()
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		tab, err := excel.Read(path)
		if err != nil {
			return
		}
		res, err := importer.Parse(d, tab, opt)
		if err != nil {
			return
		}
		for _, p := range res.Problems {
			if p.Row < 1 || p.Row > len(tab.Rows) || p.Col >= 0 && p.Col >= len(tab.Rows[p.Row-1]) && p.Col >= len(tab.Rows[res.HeaderRow-1]) {
				t.Fatalf("problem points outside the table: %+v", p)
			}
		}
		if len(res.Problems) > 0 || len(res.Records) == 0 {
			return
		}
		for _, r := range res.Records {
			for _, k := range d.Key {
				if r[k] == nil {
					t.Fatalf("record without key %s: %v", k, r)
				}
			}
		}
		// Export and re-import.
		var buf bytes.Buffer
		if err := excel.Write(&buf, d, res.Records, unitNames(tree), tree.Name); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out.xlsx")
		if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		tab2, err := excel.Read(out)
		if err != nil {
			t.Fatalf("export does not read back: %v", err)
		}
		res2, err := importer.Parse(d, tab2, opt)
		if err != nil {
			t.Fatalf("export does not import: %v", err)
		}
		if len(res2.Problems) > 0 || len(res2.Records) != len(res.Records) {
			t.Fatalf("re-import: %d records, problems %v; want %d records", len(res2.Records), res2.Problems, len(res.Records))
		}
		for i, r := range res.Records {
			for _, fd := range d.Fields {
				// Characters XML cannot carry come back as U+FFFD, visibly
				// (import refuses them; see excel.TestExport_FormulaTextStaysText).
				a, b := xmlSafe(fd.Format(r[fd.Name], tree.Name)), fd.Format(res2.Records[i][fd.Name], tree.Name)
				if a != b {
					t.Fatalf("record %d field %s: %q exported and re-imported as %q", i+1, fd.Label, a, b)
				}
			}
		}
	})
}

func unitNames(t *ledger.UnitTree) []string {
	names := make([]string, len(t.Units))
	for i, u := range t.Units {
		names[i] = u.Name
	}
	return names
}

// xmlSafe is s with every character XML 1.0 cannot carry replaced by U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return utf8.RuneError
		}
		return r
	}, s)
}
