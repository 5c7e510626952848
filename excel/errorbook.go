package excel

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Mark is a problem at one cell of a Table (0-based; Col < 0 marks the row's first cell).
type Mark struct {
	Sheet    string // the sheet of a workbook with several; "" for the table's own
	Row, Col int
	Column   string // the column's header label, for the list sheet
	Msg      string
}

// listSheet names the sheet that lists every problem of an errors workbook.
const listSheet = "错误清单"

// WriteErrors writes the user's own workbook back with each bad cell filled
// red and its reason in a comment, plus a sheet listing every problem, so a
// clerk can fix a thousand rows in Excel instead of one at a time. For a CSV
// source (and a web page or converted .xls) the rows are copied into a new
// workbook first, and so they are when the workbook cannot be annotated in
// place (drawings written by LibreOffice, WPS or openpyxl that excelize
// cannot extend).
//
// A streamed table (OpenAll) is read whole again for a rebuilt workbook:
// that workbook, unlike the import, takes memory in proportion to the file.
func WriteErrors(w io.Writer, t *Table, marks []Mark) error {
	var buf []byte
	err := errors.New("rebuilt")
	if !t.Rebuilt {
		buf, err = errorBytes(t, marks, true)
	}
	if err != nil {
		if t, err = whole(t); err != nil {
			return err
		}
		buf, err = errorBytes(t, marks, false)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf)
	return err
}

// whole returns t with every row: a streamed table is read again from its file.
func whole(t *Table) (*Table, error) {
	if !t.Streamed() {
		return t, nil
	}
	ts, err := ReadAll(t.File)
	if err != nil {
		return nil, err
	}
	for _, o := range ts {
		if o.Sheet == t.Sheet {
			o.Rebuilt = o.Rebuilt || t.Rebuilt
			return o, nil
		}
	}
	return nil, fmt.Errorf("%s: 找不到工作表“%s”", t.File, t.Sheet)
}

func errorBytes(t *Table, marks []Mark, inPlace bool) ([]byte, error) {
	f, err := errorBook(t, marks, inPlace)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func errorBook(t *Table, marks []Mark, inPlace bool) (f *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
		if err != nil && f != nil {
			f.Close()
			f = nil
		}
	}()
	sheet := t.Sheet
	if !inPlace {
		f = excelize.NewFile()
		sheet = "导入数据"
		if t.Sheet != "" {
			sheet = t.Sheet
		}
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return f, err
		}
		for i, row := range t.Rows {
			vals := make([]any, len(row))
			for j, s := range row {
				vals[j] = s
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return f, err
			}
		}
	} else if f, err = excelize.OpenFile(t.File); err != nil {
		return f, fmt.Errorf("%s: %v", t.File, err)
	}

	type at struct {
		sheet    string
		row, col int
	}
	byCell := map[at][]string{}
	for _, m := range marks {
		sh := sheet
		if m.Sheet != "" && inPlace {
			sh = m.Sheet
		} else if m.Sheet != "" && m.Sheet != t.Sheet {
			continue // another sheet of a rebuilt file: listed only
		}
		k := at{sh, m.Row, max(m.Col, 0)}
		byCell[k] = append(byCell[k], m.Msg)
	}
	cells := make([]at, 0, len(byCell))
	for k := range byCell {
		cells = append(cells, k)
	}
	sort.Slice(cells, func(i, j int) bool {
		a, b := cells[i], cells[j]
		return a.sheet < b.sheet || a.sheet == b.sheet && (a.row < b.row || a.row == b.row && a.col < b.col)
	})
	red := map[int]int{} // original style ID -> same style with a red fill
	for _, k := range cells {
		name, _ := excelize.CoordinatesToCellName(k.col+1, k.row+1)
		orig, _ := f.GetCellStyle(k.sheet, name)
		st, ok := red[orig]
		if !ok {
			s, err := f.GetStyle(orig)
			if err != nil || s == nil {
				s = &excelize.Style{}
			}
			s.Fill = excelize.Fill{Type: "pattern", Color: []string{"FFC7CE"}, Pattern: 1}
			if st, err = f.NewStyle(s); err != nil {
				return f, err
			}
			red[orig] = st
		}
		if err := f.SetCellStyle(k.sheet, name, name, st); err != nil {
			return f, err
		}
		_ = f.DeleteComment(k.sheet, name)
		if err := f.AddComment(k.sheet, excelize.Comment{Cell: name, Author: "fazhi", Paragraph: []excelize.RichTextRun{{Text: strings.Join(byCell[k], "\n")}}}); err != nil {
			return f, err
		}
	}
	if idx, _ := f.GetSheetIndex(listSheet); idx >= 0 {
		_ = f.DeleteSheet(listSheet)
	}
	if _, err := f.NewSheet(listSheet); err != nil {
		return f, err
	}
	_ = f.SetSheetRow(listSheet, "A1", &[]any{"行号", "列", "原因", "工作表"})
	_ = f.SetColWidth(listSheet, "C", "C", 80)
	for i, m := range marks {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(listSheet, cell, &[]any{m.Row + 1, m.Column, m.Msg, m.Sheet}); err != nil {
			return f, err
		}
	}
	if idx, err := f.GetSheetIndex(sheet); err == nil {
		f.SetActiveSheet(idx)
	}
	return f, nil
}
