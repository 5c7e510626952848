package excel

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// HeadRows is how many rows at the top of a streamed table are held in
// Table.Rows: enough for the header search (title rows, a two-row grouped
// header) and the explanatory rows under it. The rest is read row by row
// through Table.Open, so a file of any length is read in bounded memory.
const HeadRows = 64

// Cursor reads the rows of a table in order, from the first row.
type Cursor interface {
	// Next moves to the next row; false at the end or on an error (Err).
	Next() bool
	// Row is the current row's cells (valid until the next call of Next).
	Row() []string
	// Hidden reports whether the current row is hidden in the sheet.
	Hidden() bool
	Err() error
	Close() error
}

// Streamed reports whether Rows holds only the first HeadRows rows of the
// table and the rest must be read through Open.
func (t *Table) Streamed() bool { return t.open != nil }

// Open starts reading the table's rows from the first. For a streamed
// table it reads the file again, row by row.
func (t *Table) Open() (Cursor, error) {
	if t.open != nil {
		return t.open()
	}
	return &sliceCursor{t: t, i: -1}, nil
}

// Load reads every row of a streamed table into Rows (for a workbook
// rebuilt from the rows: its memory grows with the table).
func (t *Table) Load() error {
	if t.open == nil {
		return nil
	}
	c, err := t.open()
	if err != nil {
		return err
	}
	defer c.Close()
	t.Rows, t.HiddenRows = nil, nil
	for c.Next() {
		if c.Hidden() {
			if t.HiddenRows == nil {
				t.HiddenRows = map[int]bool{}
			}
			t.HiddenRows[len(t.Rows)] = true
		}
		t.Rows = append(t.Rows, append([]string(nil), c.Row()...))
	}
	if err := c.Err(); err != nil {
		return err
	}
	t.open = nil
	return nil
}

type sliceCursor struct {
	t *Table
	i int
}

func (c *sliceCursor) Next() bool    { c.i++; return c.i < len(c.t.Rows) }
func (c *sliceCursor) Row() []string { return c.t.Rows[c.i] }
func (c *sliceCursor) Hidden() bool  { return c.t.HiddenRows[c.i] }
func (c *sliceCursor) Err() error    { return nil }
func (c *sliceCursor) Close() error  { return nil }

// Source is an opened file whose tables are read row by row; Close it
// when done (it removes the temporary files of a large workbook).
type Source struct {
	Tables []*Table
	close  []func() error
}

// Close releases the file.
func (s *Source) Close() error {
	var errs []error
	for _, c := range s.close {
		errs = append(errs, c())
	}
	s.close = nil
	return errors.Join(errs...)
}

// OpenAll opens a file as ReadAll does, but an .xlsx or a text table is
// not read whole: each table holds its first HeadRows rows, and Open reads
// every row again as a stream. Other kinds (web pages, files converted by
// LibreOffice, which are .xls-sized) are read whole.
func OpenAll(path string) (*Source, error) {
	kind, size, err := kindOf(path)
	if err != nil {
		return nil, err
	}
	switch kind {
	case kindXLSX:
		return openXLSX(path, size)
	case kindText:
		t, err := openCSVTable(path)
		if err != nil {
			return nil, err
		}
		return &Source{Tables: []*Table{t}}, nil
	}
	ts, err := ReadAll(path)
	if err != nil {
		return nil, err
	}
	return &Source{Tables: ts}, nil
}

// kindOf checks that path is a readable, non-empty file and tells its kind.
func kindOf(path string) (string, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return "", 0, fmt.Errorf("%s: 文件不存在", path)
		}
		return "", 0, fmt.Errorf("%s: 无法读取文件（%v）", path, errors.Unwrap(err))
	}
	if st.IsDir() {
		return "", 0, fmt.Errorf("%s: 这是一个文件夹，不是 Excel 或 CSV 文件", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("%s: 无法读取文件（%v）", path, errors.Unwrap(err))
	}
	head := make([]byte, sniffSize)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n == 0 {
		return "", 0, fmt.Errorf("%s: 文件是空的（0 字节）", path)
	}
	kind := sniff(head[:n], path)
	switch kind {
	case kindXLSX, kindCFB, kindHTML, kindText:
		return kind, st.Size(), nil
	}
	return "", 0, fmt.Errorf("%s: %s，不是 Excel (.xlsx/.xls/.et/.ods) 或 CSV 文件", path, kind)
}

// readHead fills t.Rows (and t.HiddenRows) with the first HeadRows rows
// of c and reports whether more follow.
func readHead(t *Table, c Cursor) (bool, error) {
	for len(t.Rows) < HeadRows {
		if !c.Next() {
			return false, c.Err()
		}
		if c.Hidden() {
			if t.HiddenRows == nil {
				t.HiddenRows = map[int]bool{}
			}
			t.HiddenRows[len(t.Rows)] = true
		}
		t.Rows = append(t.Rows, append([]string(nil), c.Row()...))
	}
	more := c.Next()
	return more, c.Err()
}

// xlsxCursor reads a worksheet through excelize's streaming row iterator.
type xlsxCursor struct {
	t    *Table
	rows *excelize.Rows
	row  []string
	n    int
	err  error
}

func (c *xlsxCursor) Next() bool {
	if c.err != nil || !c.rows.Next() {
		if c.err == nil {
			c.err = c.rows.Error()
		}
		return false
	}
	c.n++
	c.row, c.err = c.rows.Columns(excelize.Options{RawCellValue: true})
	if c.err != nil {
		c.err = fmt.Errorf("%s: 工作表“%s”第%d行无法读取: %v", c.t.File, c.t.Sheet, c.n, c.err)
		return false
	}
	return true
}
func (c *xlsxCursor) Row() []string { return c.row }
func (c *xlsxCursor) Hidden() bool  { return c.rows.GetRowOpts().Hidden }
func (c *xlsxCursor) Err() error    { return c.err }
func (c *xlsxCursor) Close() error  { return c.rows.Close() }

// csvCursor reads a text table record by record.
type csvCursor struct {
	p   string
	f   io.Closer
	cr  interface{ Read() ([]string, error) }
	row []string
	err error
}

func (c *csvCursor) Next() bool {
	if c.err != nil {
		return false
	}
	rec, err := c.cr.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		c.err = csvError(c.p, err)
		return false
	}
	c.row = rec
	return true
}
func (c *csvCursor) Row() []string { return c.row }
func (c *csvCursor) Hidden() bool  { return false }
func (c *csvCursor) Err() error    { return c.err }
func (c *csvCursor) Close() error  { return c.f.Close() }

// openCSVTable detects the encoding once and returns a streamed table.
func openCSVTable(p string) (*Table, error) {
	te, err := detectEncoding(p)
	if err != nil {
		return nil, err
	}
	t := &Table{File: p, CSV: true, Rebuilt: true, Format: "文本表格（" + te.name + "）"}
	open := func() (Cursor, error) {
		f, cr, err := openTextAs(p, te)
		if err != nil {
			return nil, err
		}
		return &csvCursor{p: p, f: f, cr: cr}, nil
	}
	c, err := open()
	if err != nil {
		return nil, err
	}
	more, err := readHead(t, c)
	c.Close()
	if err != nil {
		return nil, err
	}
	if more {
		t.open = open
	}
	return t, nil
}
