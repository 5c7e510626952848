package excel

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"fazhi/ledger"
)

// dictSheet is the hidden sheet that holds long dropdown lists: Excel caps an
// inline list at 255 characters, too short for 71 unit names.
const dictSheet = "字典"

// templateRows is how many rows of a template or export carry dropdowns.
const templateRows = 2000

// Write writes a ledger workbook: the header row with notes on every column,
// dropdowns for enumerations and units, date formats, then recs (none for a
// template). unitNames lists the unit tree; unitName maps a code to a name.
// The last column is each record's version (ledger.VersionField).
func Write(w io.Writer, d *ledger.Definition, recs []ledger.Record, unitNames []string, unitName func(string) string) error {
	return write(w, d, append(append([]ledger.Field{}, d.Fields...), ledger.VersionField), recs, unitNames, unitName)
}

// WriteTemplate writes an empty import template: the columns staff fill in,
// without the derived ones (due dates, durations) the system computes.
func WriteTemplate(w io.Writer, d *ledger.Definition, unitNames []string) error {
	var fields []ledger.Field
	for _, f := range d.Fields {
		if !f.Derived {
			fields = append(fields, f)
		}
	}
	return write(w, d, fields, nil, unitNames, nil)
}

func write(w io.Writer, d *ledger.Definition, cols []ledger.Field, recs []ledger.Record, unitNames []string, unitName func(string) string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := d.Name
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	// Notes and dropdowns go in before the stream writer takes the sheet:
	// it keeps what the worksheet already has and writes the rows.
	if err := annotate(f, sheet, cols, unitNames, len(recs)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	headReq, _ := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "C00000"},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	dateFmt := "yyyy-mm-dd"
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": codes stay text

	for i, fd := range cols {
		width := float64(max(8, len([]rune(fd.Label))*2+2))
		switch fd.Type {
		case ledger.Date:
			width = 12
		case ledger.UnitRef, ledger.Text:
			width = max(width, 18)
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, fd := range cols {
		st := head
		if fd.Required {
			st = headReq
		}
		header[i] = excelize.Cell{Value: fd.Label, StyleID: st}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for n, r := range recs {
		row := make([]any, len(cols))
		for i := range cols {
			fd := &cols[i]
			v := r[fd.Name]
			switch {
			case v == nil:
				row[i] = nil
			case fd.Type == ledger.Date:
				row[i] = excelize.Cell{Value: v.(time.Time), StyleID: dateStyle}
			case fd.Type == ledger.Int || fd.Type == ledger.Year:
				row[i] = v
			case fd.Type == ledger.Decimal:
				row[i] = fd.Float(v)
			case fd.Type == ledger.Text:
				row[i] = excelize.Cell{Value: fd.Format(v, nil), StyleID: textStyle}
			default:
				row[i] = fd.Format(v, unitName)
			}
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

// annotate adds the header comments and the dropdown validations.
func annotate(f *excelize.File, sheet string, cols []ledger.Field, unitNames []string, nrows int) error {
	last := max(templateRows, nrows+200)
	dictCol := 0
	for i := range cols {
		fd := &cols[i]
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.AddComment(sheet, excelize.Comment{Cell: col + "1", Author: "fazhi", Paragraph: []excelize.RichTextRun{{Text: Describe(fd)}}}); err != nil {
			return err
		}
		var list []string
		switch fd.Type {
		case ledger.Enum:
			list = fd.Enum
		case ledger.Bool:
			list = []string{"是", "否"}
		case ledger.UnitRef:
			list = unitNames
		}
		if len(list) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, last)
		if len(strings.Join(list, ",")) <= 255 {
			if err := dv.SetDropList(list); err != nil {
				return err
			}
		} else {
			if dictCol == 0 {
				if _, err := f.NewSheet(dictSheet); err != nil {
					return err
				}
			}
			dictCol++
			dc, _ := excelize.ColumnNumberToName(dictCol)
			if err := f.SetCellValue(dictSheet, dc+"1", fd.Label); err != nil {
				return err
			}
			for j, v := range list {
				if err := f.SetCellValue(dictSheet, fmt.Sprintf("%s%d", dc, j+2), v); err != nil {
					return err
				}
			}
			dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", dictSheet, dc, dc, len(list)+1))
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "输入值无效", "请从下拉列表中选择："+fd.Label)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	if dictCol > 0 {
		if err := f.SetSheetVisible(dictSheet, false); err != nil {
			return err
		}
	}
	return nil
}

// Describe explains in Chinese how to fill a field: shown as the header
// comment of templates and as help in forms.
func Describe(fd *ledger.Field) string {
	var b strings.Builder
	b.WriteString(fd.Label)
	if fd.Required {
		b.WriteString("（必填）")
	}
	b.WriteString("\n")
	switch fd.Type {
	case ledger.Date:
		b.WriteString("日期，如 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日")
	case ledger.Int:
		b.WriteString("整数")
	case ledger.Year:
		b.WriteString("年度，如 2022")
	case ledger.Decimal:
		fmt.Fprintf(&b, "数字，最多%d位小数", fd.Scale)
	case ledger.Enum:
		b.WriteString("从下拉列表选择：" + strings.Join(fd.Enum, "、"))
	case ledger.Bool:
		b.WriteString("填“是”或“否”")
	case ledger.UnitRef:
		b.WriteString("从下拉列表选择单位名录中的单位")
	default:
		b.WriteString("文字")
	}
	if fd.Note != "" {
		b.WriteString("\n" + fd.Note)
	}
	return b.String()
}
