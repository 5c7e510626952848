package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fazhi/ledger"
	"fazhi/store"
)

// ImportPreview says what importing a file would change, row by row,
// before anything is written.
type ImportPreview struct {
	New, Changed, Unchanged int
	// Changes describes each new or changed record: its key and, for a
	// changed one, the fields that would change (“结案日期：2022-03-01 →
	// 2022-03-05”); at most 200.
	Changes []RowChange
}

// RowChange is one record an import would add or change.
type RowChange struct {
	Row  int // the file's row
	Key  string
	New  bool
	What []string
}

// PreviewImport checks a ledger file exactly as Import does with the same
// options and, when every row is good, compares each record with the
// stored one, writing nothing; the file is streamed as in Import. A file
// with problems comes back as Import's Invalid error with the problems in
// the result. opt.Source is the file's name as the user knows it.
func (a *App) PreviewImport(ctx context.Context, id, path string, opt ImportOptions) (ImportPreview, ImportResult, error) {
	var p ImportPreview
	run, err := a.openImport(ctx, id, path, opt)
	if run == nil {
		return p, ImportResult{}, err
	}
	defer run.close()
	if err != nil {
		return p, run.res, err
	}
	ctx = run.ctx
	d, st, book := run.d, run.st, run.st.Book
	scope := run.act.scope()
	for run.next() {
		if book.ProblemCount() > 0 {
			continue
		}
		it := st.Item()
		r := it.Record
		present := it.Given
		if opt.ClearBlank {
			present = book.Sheets[it.Sheet].Present
		}
		stored, err := a.db.GetRecord(ctx, d, r, scope)
		var re store.RecordError
		if errors.As(err, &re) && re.Kind == store.NotFound {
			p.New++
			p.add(RowChange{Row: it.Row, Key: d.KeyText(r), New: true})
			continue
		}
		if err != nil {
			return p, run.res, err
		}
		what := diffPresent(d, stored, r, present, run.tree.Name)
		if len(what) == 0 {
			p.Unchanged++
			continue
		}
		p.Changed++
		p.add(RowChange{Row: it.Row, Key: d.KeyText(r), What: what})
	}
	if run.tooMany != nil {
		return p, run.res, run.tooMany
	}
	if err := st.Err(); err != nil {
		return p, run.res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	res, err := run.finish(nil)
	return p, res, err
}

func (p *ImportPreview) add(c RowChange) {
	if len(p.Changes) < 200 {
		p.Changes = append(p.Changes, c)
	}
}

// diffPresent lists the fields the file carries whose value would change.
func diffPresent(d *ledger.Definition, old, new ledger.Record, present []string, unitName func(string) string) []string {
	has := map[string]bool{}
	for _, n := range present {
		has[n] = true
	}
	var out []string
	for i := range d.Fields {
		f := &d.Fields[i]
		if !has[f.Name] || f.Derived {
			continue // derived values follow from the merged record when saved
		}
		o, n := f.Format(old[f.Name], unitName), f.Format(new[f.Name], unitName)
		if f.Masked() && n == f.MaskText(o) {
			continue // a masked copy sent back counts as unchanged
		}
		if o != n {
			out = append(out, fmt.Sprintf("%s：%s → %s", f.Label, orBlank(o), orBlank(n)))
		}
	}
	return out
}

func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return "（空）"
	}
	return s
}
