package excel

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Mark is a problem at one cell of a Table (0-based; Col < 0 marks the row's first cell).
type Mark struct {
	Row, Col int
	Column   string // the column's header label, for the list sheet
	Msg      string
}

// listSheet names the sheet that lists every problem of an errors workbook.
const listSheet = "错误清单"

// WriteErrors writes the user's own workbook back with each bad cell filled
// red and its reason in a comment, plus a sheet listing every problem, so a
// clerk can fix a thousand rows in Excel instead of one at a time. For a CSV
// source the rows are copied into a new workbook first.
func WriteErrors(w io.Writer, t *Table, marks []Mark) error {
	var f *excelize.File
	var err error
	sheet := t.Sheet
	if t.CSV {
		f = excelize.NewFile()
		sheet = "导入数据"
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
		for i, row := range t.Rows {
			vals := make([]any, len(row))
			for j, s := range row {
				vals[j] = s
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return err
			}
		}
	} else if f, err = excelize.OpenFile(t.File); err != nil {
		return fmt.Errorf("%s: %v", t.File, err)
	}
	defer f.Close()

	byCell := map[[2]int][]string{}
	for _, m := range marks {
		c := max(m.Col, 0)
		byCell[[2]int{m.Row, c}] = append(byCell[[2]int{m.Row, c}], m.Msg)
	}
	cells := make([][2]int, 0, len(byCell))
	for k := range byCell {
		cells = append(cells, k)
	}
	sort.Slice(cells, func(i, j int) bool {
		return cells[i][0] < cells[j][0] || cells[i][0] == cells[j][0] && cells[i][1] < cells[j][1]
	})
	red := map[int]int{} // original style ID -> same style with a red fill
	for _, k := range cells {
		name, _ := excelize.CoordinatesToCellName(k[1]+1, k[0]+1)
		orig, _ := f.GetCellStyle(sheet, name)
		st, ok := red[orig]
		if !ok {
			s, err := f.GetStyle(orig)
			if err != nil || s == nil {
				s = &excelize.Style{}
			}
			s.Fill = excelize.Fill{Type: "pattern", Color: []string{"FFC7CE"}, Pattern: 1}
			if st, err = f.NewStyle(s); err != nil {
				return err
			}
			red[orig] = st
		}
		if err := f.SetCellStyle(sheet, name, name, st); err != nil {
			return err
		}
		_ = f.DeleteComment(sheet, name)
		if err := f.AddComment(sheet, excelize.Comment{Cell: name, Author: "fazhi", Paragraph: []excelize.RichTextRun{{Text: strings.Join(byCell[k], "\n")}}}); err != nil {
			return err
		}
	}
	if idx, _ := f.GetSheetIndex(listSheet); idx >= 0 {
		_ = f.DeleteSheet(listSheet)
	}
	if _, err := f.NewSheet(listSheet); err != nil {
		return err
	}
	_ = f.SetSheetRow(listSheet, "A1", &[]any{"行号", "列", "原因"})
	_ = f.SetColWidth(listSheet, "C", "C", 80)
	for i, m := range marks {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(listSheet, cell, &[]any{m.Row + 1, m.Column, m.Msg}); err != nil {
			return err
		}
	}
	if idx, err := f.GetSheetIndex(sheet); err == nil {
		f.SetActiveSheet(idx)
	}
	return f.Write(w)
}
