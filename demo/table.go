package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"fazhi/ledger"
)

// wan is an amount in 万元, scaled by 10^4 like a Decimal field of Scale 4.
type wan int64

func (w wan) String() string { return ledger.FormatScaled(int64(w), 4) }

// table is one generated file: an optional title row above the header, as
// the ledgers units keep in Excel have, then one row per record.
type table struct {
	ledger string
	file   string // file name; .xlsx or .csv
	title  string // title row above the header ("" for none)
	header []string
	rows   [][]any // cells: string, int, int64, wan, bool, time.Time or nil
	// dateLayout writes dates as text in this Go layout; "" writes Excel
	// date cells (serial numbers) in .xlsx files and 2006-01-02 in CSV.
	dateLayout string
}

func (t *table) add(cells ...any) {
	if len(cells) != len(t.header) {
		panic(fmt.Sprintf("demo %s: row has %d cells, header %d", t.file, len(cells), len(t.header)))
	}
	t.rows = append(t.rows, cells)
}

func (t *table) write(path string) error {
	if strings.HasSuffix(t.file, ".xlsx") {
		return t.writeXLSX(path)
	}
	return t.writeCSV(path)
}

// text renders a cell as a clerk types it.
func (t *table) text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		if x.IsZero() {
			return ""
		}
		if t.dateLayout == "" {
			return x.Format("2006-01-02")
		}
		return x.Format(t.dateLayout)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case wan:
		return x.String()
	}
	return fmt.Sprint(v)
}

func (t *table) writeCSV(path string) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if t.title != "" {
		w.Write([]string{t.title})
	}
	w.Write(t.header)
	for _, r := range t.rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = t.text(v)
		}
		w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func (t *table) writeXLSX(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	if t.title != "" {
		sheet = t.title
		if len([]rune(sheet)) > 31 {
			sheet = string([]rune(sheet)[:31])
		}
		f.SetSheetName("Sheet1", sheet)
	}
	row := 1
	if t.title != "" {
		last, _ := excelize.CoordinatesToCellName(len(t.header), 1)
		f.SetCellValue(sheet, "A1", t.title)
		f.MergeCell(sheet, "A1", last)
		row = 2
	}
	head := make([]any, len(t.header))
	for i, h := range t.header {
		head[i] = h
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetSheetRow(sheet, cell, &head); err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	for _, r := range t.rows {
		row++
		cells := make([]any, len(r))
		for i, v := range r {
			switch x := v.(type) {
			case time.Time:
				if t.dateLayout == "" && !x.IsZero() {
					cells[i] = x
					continue
				}
			case wan:
				cells[i], _ = strconv.ParseFloat(x.String(), 64)
				continue
			case int, int64:
				cells[i] = x
				continue
			}
			cells[i] = t.text(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
		for i, v := range r {
			if _, ok := v.(time.Time); ok && t.dateLayout == "" {
				c, _ := excelize.CoordinatesToCellName(i+1, row)
				f.SetCellStyle(sheet, c, c, dateStyle)
			}
		}
	}
	return f.SaveAs(path)
}

func ptr[T any](v T) *T { return &v }
