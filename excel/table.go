package excel

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteTable writes one sheet named sheet: a bold header row, then rows,
// every cell as text (never a formula: a value beginning with = stays
// text), the header frozen. For tables that are not a ledger (the audit
// trail).
func WriteTable(w io.Writer, sheet string, header []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	if err != nil {
		return err
	}
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	for i, h := range header {
		if err := sw.SetColWidth(i+1, i+1, float64(max(10, len([]rune(h))*2+4))); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = excelize.Cell{Value: h, StyleID: head}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for n, r := range rows {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = excelize.Cell{Value: v, StyleID: text}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
