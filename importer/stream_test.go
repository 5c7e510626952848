package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
)

// streamOpts are the options of the streaming tests.
func streamOpts(t *testing.T) importer.Options {
	return importer.Options{Units: units(t), Env: env{deadline.Engine{Cal: calendar.Builtin(), Config: deadline.DefaultConfig()}}}
}

// TestStream_BeyondTheHead reads a CSV much longer than the rows a table
// holds (excel.HeadRows) through excel.OpenAll: a duplicate key and a bad
// date far below the header are reported with their rows, every good row
// comes out once, in order, and a footer at the end is skipped.
func TestStream_BeyondTheHead(t *testing.T) {
	var b strings.Builder
	b.WriteString("案号,申请人,被申请人,收到申请日期,审查结果\n")
	n := 5 * excel.HeadRows
	for i := 1; i <= n; i++ {
		no, date := i, "2022-03-05"
		if i == n-10 {
			no = 7 // a duplicate of row 8's key
		}
		if i == n-5 {
			date = "2022-02-30"
		}
		fmt.Fprintf(&b, "偃政复〔2022〕%d号,申请人%d,区政府,%s,审查中\n", no, i, date)
	}
	b.WriteString("合计,,,,\n")
	path := filepath.Join(t.TempDir(), "long.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	src, err := excel.OpenAll(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if !src.Tables[0].Streamed() || len(src.Tables[0].Rows) != excel.HeadRows {
		t.Fatalf("the table holds %d rows, streamed %v", len(src.Tables[0].Rows), src.Tables[0].Streamed())
	}
	st, err := importer.Open(ledger.Reconsideration, src.Tables, streamOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for st.Next() {
		rows = append(rows, st.Item().Row)
	}
	if st.Err() != nil {
		t.Fatal(st.Err())
	}
	if len(rows) != n-2 || rows[0] != 2 || rows[len(rows)-1] != n+1 {
		t.Errorf("%d good rows, %v … %v", len(rows), rows[:2], rows[len(rows)-2:])
	}
	ps := st.Book.Problems()
	if st.Book.ProblemCount() != 2 || len(ps) != 2 || ps[0].Row != n-9 || !strings.Contains(ps[0].Msg, "与第8行重复") || ps[1].Row != n-4 || ps[1].Column != "收到申请日期" {
		t.Errorf("problems: %+v", ps)
	}
	if sk := st.Book.Sheets[0].Skipped; len(sk) != 1 || sk[0].Row != n+2 {
		t.Errorf("skipped: %+v", sk)
	}
}

// TestStream_ProblemsBounded: a file of many bad rows keeps the first
// importer.MaxKept problems in full and counts all of them.
func TestStream_ProblemsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("案号,申请人,被申请人,收到申请日期,审查结果\n")
	n := importer.MaxKept + 500
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "偃政复〔2022〕%d号,申请人%d,区政府,不是日期,审查中\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	src, err := excel.OpenAll(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	st, err := importer.Open(ledger.Reconsideration, src.Tables, streamOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	for st.Next() {
		t.Fatalf("a bad row came out: %d", st.Item().Row)
	}
	if got := st.Book.ProblemCount(); got != n || len(st.Book.Problems()) != importer.MaxKept {
		t.Errorf("counted %d, kept %d; want %d, %d", got, len(st.Book.Problems()), n, importer.MaxKept)
	}
	if rep := importer.ReportOf("bad.csv", st.Book.Problems(), st.Book.ProblemCount()); !strings.Contains(rep, fmt.Sprintf("共%d处", n)) {
		t.Errorf("report does not give the total:\n%s", rep[len(rep)-200:])
	}
}

// TestStream_VerticalMergeBelowTheHead: a 被申请人 merged over rows far
// below the head fills every row it covers, from the sheet's mergeCells.
func TestStream_VerticalMergeBelowTheHead(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"案号", "申请人", "被申请人", "收到申请日期", "审查结果"})
	n := 3 * excel.HeadRows
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		resp := "区政府"
		f.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("偃政复〔2022〕%d号", i), fmt.Sprintf("申请人%d", i), resp, "2022-03-05", "审查中"})
	}
	top, bottom := 2*excel.HeadRows, 2*excel.HeadRows+3
	for r := top + 1; r <= bottom; r++ {
		f.SetCellValue("Sheet1", fmt.Sprintf("C%d", r), "")
	}
	f.SetCellValue("Sheet1", fmt.Sprintf("C%d", top), "偃师区人力资源和社会保障局")
	f.MergeCell("Sheet1", fmt.Sprintf("C%d", top), fmt.Sprintf("C%d", bottom))
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	src, err := excel.OpenAll(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	st, err := importer.Open(ledger.Reconsideration, src.Tables, streamOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	tree := units(t)
	filled := 0
	for st.Next() {
		it := st.Item()
		name := tree.Name(it.Record.String("respondent"))
		if it.Row >= top && it.Row <= bottom {
			if !strings.Contains(name, "人力资源") {
				t.Errorf("row %d: 被申请人 %q", it.Row, name)
			}
			filled++
		}
	}
	if st.Err() != nil || len(st.Book.Problems()) > 0 || filled != bottom-top+1 || st.Book.Sheets[0].Filled != bottom-top {
		t.Errorf("err %v, problems %v, rows %d, filled %d", st.Err(), st.Book.Problems(), filled, st.Book.Sheets[0].Filled)
	}
}
