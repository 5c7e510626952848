// Package excel reads and writes the Excel and CSV files that units keep
// their ledgers in: import tables, templates with dropdowns, exports and the
// annotated workbook that shows a clerk every bad cell.
package excel

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Table is the cell text of one sheet: Rows[i] is spreadsheet row i+1.
// Excel cells are read raw, so dates arrive as serial numbers.
type Table struct {
	File  string // the path as the user gave it
	Sheet string // sheet name ("" for CSV)
	CSV   bool
	Rows  [][]string
}

// Read loads the first visible sheet of an .xlsx file, or a CSV file in
// UTF-8 (with or without BOM) or GB18030.
func Read(path string) (*Table, error) {
	ts, err := ReadAll(path)
	if err != nil {
		return nil, err
	}
	return ts[0], nil
}

// ReadAll loads every visible sheet of an .xlsx file (a workbook may open
// with a 填报说明 sheet), or the one table of a CSV file.
func ReadAll(path string) ([]*Table, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: 这是一个文件夹，不是 Excel 或 CSV 文件", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: 文件不存在", path)
		}
		return nil, fmt.Errorf("%s: 无法读取文件（%v）", path, errors.Unwrap(err))
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%s: 这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入", path)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(path, data)
	case strings.EqualFold(filepath.Ext(path), ".csv") || isText(data):
		t, err := readCSV(path, data)
		if err != nil {
			return nil, err
		}
		return []*Table{t}, nil
	}
	return nil, fmt.Errorf("%s: 不是 Excel (.xlsx) 或 CSV 文件", path)
}

func isText(data []byte) bool {
	n := min(len(data), 4096)
	return n > 0 && !bytes.ContainsRune(data[:n], 0)
}

func readXLSX(path string, data []byte) ([]*Table, error) {
	if bytes.Contains(data, []byte("word/document.xml")) {
		return nil, fmt.Errorf("%s: 这是 Word 文档，不是 Excel 工作簿", path)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: 无法打开 Excel 文件（文件可能已损坏或不是 .xlsx）", path)
	}
	defer f.Close()
	var out []*Table
	for _, s := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(s); err != nil || !v {
			continue
		}
		t, err := readSheet(f, path, s)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: 工作簿中没有可见的工作表", path)
	}
	return out, nil
}

func readSheet(f *excelize.File, path, sheet string) (*Table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: 读取工作表“%s”失败: %v", path, sheet, err)
	}
	defer rows.Close()
	t := &Table{File: path, Sheet: sheet}
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s: 第%d行无法读取: %v", path, len(t.Rows)+1, err)
		}
		t.Rows = append(t.Rows, cols)
	}
	return t, rows.Error()
}

func readCSV(path string, data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%s: 文件编码既不是 UTF-8 也不是 GB18030", path)
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{File: path, CSV: true}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: CSV 格式错误: %v", path, err)
		}
		t.Rows = append(t.Rows, rec)
	}
	return t, nil
}

// Cell returns the text at row i, column j (0-based), or "".
func (t *Table) Cell(i, j int) string {
	if i < len(t.Rows) && j < len(t.Rows[i]) {
		return t.Rows[i][j]
	}
	return ""
}
