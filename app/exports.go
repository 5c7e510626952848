package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// Export writes the records of ledger id the actor may read (any date in
// year, 0 = all; counted for unit and below, "" = all in scope) as an .xlsx
// workbook with the template's headers; personal fields the actor may not
// see stay masked, and a masked cell imported back keeps the stored value.
// It returns how many records were written.
func (a *App) Export(ctx context.Context, w io.Writer, id string, year int, unit string) (int, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return 0, err
	}
	q, err := a.query(ctx, act, d, year, unit)
	if err != nil {
		return 0, err
	}
	recs, _, err := a.db.FindRecords(ctx, d, q)
	if err != nil {
		return 0, err
	}
	out := make([]ledger.Record, len(recs))
	for i, r := range recs {
		out[i] = a.view(act, d, r).Record
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return 0, err
	}
	note := fmt.Sprintf("年度 %d，单位 %s", year, tree.Name(q.Unit))
	if year == 0 {
		note = "全部年度，单位 " + tree.Name(q.Unit)
	}
	if q.Unit == "" {
		note = strings.TrimSuffix(note, "，单位 ") + "，全部单位"
	}
	if len(out) > 0 && !a.view(act, d, recs[0]).Masked {
		note += "；个人信息未遮蔽"
	}
	if err := a.audit(ctx, "export", d.Name, AuditDetail{Count: len(out), Note: note}); err != nil {
		return 0, err
	}
	return len(out), excel.Write(w, d, out, unitNames(tree), tree.Name)
}

// Template writes the import template of ledger id: Chinese headers,
// dropdowns (units through a hidden 字典 sheet) and a note on every column.
func (a *App) Template(ctx context.Context, w io.Writer, id string) error {
	if _, err := actor(ctx); err != nil {
		return err
	}
	d, err := Ledger(id)
	if err != nil {
		return err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return err
	}
	return excel.WriteTemplate(w, d, unitNames(tree))
}

func unitNames(tree *ledger.UnitTree) []string {
	names := make([]string, len(tree.Units))
	for i, u := range tree.Units {
		names[i] = u.Name
	}
	return names
}
