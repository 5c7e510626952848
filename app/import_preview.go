package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fazhi/importer"
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

// PreviewImport checks a ledger file exactly as Import does and, when every
// row is good, compares each record with the stored one, writing nothing.
// A file with problems comes back as Import's Invalid error with the
// problems in the result. name is the file's name as the user knows it.
func (a *App) PreviewImport(ctx context.Context, id, path, name string) (ImportPreview, ImportResult, error) {
	res, err := a.Import(ctx, id, path, ImportOptions{DryRun: true, Source: name})
	if err != nil {
		return ImportPreview{}, res, err
	}
	act, d, ch, err := a.writer(ctx, id, name)
	if err != nil {
		return ImportPreview{}, res, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return ImportPreview{}, res, err
	}
	parsed, err := importer.Parse(d, res.Table, importer.Options{Units: tree, Env: ch.Env})
	if err != nil {
		return ImportPreview{}, res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	var p ImportPreview
	for i, r := range parsed.Records {
		stored, err := a.db.GetRecord(ctx, d, r, act.scope())
		var re store.RecordError
		if errors.As(err, &re) && re.Kind == store.NotFound {
			p.New++
			p.add(RowChange{Row: parsed.Rows[i], Key: d.KeyText(r), New: true})
			continue
		}
		if err != nil {
			return p, res, err
		}
		what := diffPresent(d, stored, r, parsed.Present, tree.Name)
		if len(what) == 0 {
			p.Unchanged++
			continue
		}
		p.Changed++
		p.add(RowChange{Row: parsed.Rows[i], Key: d.KeyText(r), What: what})
	}
	return p, res, nil
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
