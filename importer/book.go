package importer

import (
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// Book is a parsed file: every sheet whose header matches the ledger,
// hidden or not, and the sheets skipped with the reason.
type Book struct {
	File    string
	Sheets  []*Result
	Tables  []*excel.Table // the table of each sheet read
	Skipped []SkippedSheet
	// problems and notes count every one; kept counts those kept.
	problems, kept, notes int
}

// ProblemCount is the number of problems found, of which Problems lists
// the first MaxKept.
func (b *Book) ProblemCount() int { return b.problems }

// NoteCount is the number of notes, of which each sheet keeps MaxKept.
func (b *Book) NoteCount() int { return b.notes }

// SkippedSheet is a sheet that holds no records of the ledger.
type SkippedSheet struct {
	Name, Why string
}

// ParseBook reads every table of a file as ledger d, holding every record
// (for small files and tests; an import streams with Open). See Open.
func ParseBook(d *ledger.Definition, tables []*excel.Table, opt Options) (*Book, error) {
	s, err := Open(d, tables, opt)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	s.collect()
	return s.Book, s.Err()
}

func (r *Result) colOf(field string) int {
	for j, n := range r.Columns {
		if n == field {
			return j
		}
	}
	return -1
}

func blank(t *excel.Table) bool {
	if t.Streamed() {
		return false // rows beyond the head: read as any sheet
	}
	for _, row := range t.Rows {
		for _, c := range row {
			if ledger.Clean(c) != "" {
				return false
			}
		}
	}
	return true
}

// Problems lists the problems of every sheet read.
func (b *Book) Problems() []Problem {
	var out []Problem
	for _, r := range b.Sheets {
		out = append(out, r.Problems...)
	}
	return out
}

// Notes lists the notes of every sheet read.
func (b *Book) Notes() []Problem {
	var out []Problem
	for _, r := range b.Sheets {
		out = append(out, r.Notes...)
	}
	return out
}

// Records counts the records of every sheet read.
func (b *Book) Records() int {
	n := 0
	for _, r := range b.Sheets {
		n += r.Count
	}
	return n
}

// Batch is records that carry the same columns, saved together.
type Batch struct {
	Records []ledger.Record
	Present []string
}

// Batches groups the records of the sheets by the columns they carry (one
// batch when every sheet has the same header), so no record's missing
// column is written as blank.
func (b *Book) Batches() []Batch {
	var out []Batch
	idx := map[string]int{}
	for _, r := range b.Sheets {
		k := strings.Join(r.Present, ",")
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Batch{Present: r.Present})
		}
		out[i].Records = append(out[i].Records, r.Records...)
	}
	return out
}
