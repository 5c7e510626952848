package app

import (
	"context"
	"errors"
	"sort"
	"strings"

	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
	"fazhi/store"
)

// importDistrict decides the district of an import made without one in a
// database of several districts (the local administrator without a
// district): the file's units are resolved among every district's units, a
// name several districts share is refused with its candidates, and when
// every unit the file names belongs to one district the import goes there.
// It returns ctx unchanged when the import has a district already, and a
// result with problems when a unit is ambiguous.
func (a *App) importDistrict(ctx context.Context, id, path string, opt ImportOptions) (context.Context, *ImportResult, error) {
	_, err := a.db.Tenant(ctx)
	var nd store.ErrNoDistrict
	if !errors.As(err, &nd) {
		return ctx, nil, err
	}
	d, err := Ledger(id)
	if err != nil {
		return ctx, nil, err
	}
	source := path
	if opt.Source != "" {
		source = opt.Source
	}
	res := &ImportResult{Ledger: d, File: source}
	src, err := excel.OpenAll(path)
	if err != nil {
		return ctx, res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	defer src.Close()
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return ctx, res, err
	}
	// Derived dates do not decide a district: the first district's
	// calendar serves the trial parse.
	env, err := calendarEnv(ledger.WithDistrict(ctx, nd.Districts[0]), a.db)
	if err != nil {
		return ctx, res, err
	}
	iopt := importer.Options{Units: tree, Env: env, ConfirmAmounts: opt.ConfirmAmounts}
	if opt.Mapping != "" {
		if iopt.Mapping, err = importer.ParseMapping(d, opt.Mapping); err != nil {
			return ctx, res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
	}
	st, err := importer.Open(d, src.Tables, iopt)
	if err != nil {
		return ctx, res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	defer st.Close()
	book := st.Book
	districts := map[string]bool{}
	for st.Next() { // streamed: the districts of the units named
		r := st.Item().Record
		for _, f := range d.Fields {
			if f.Type != ledger.UnitRef {
				continue
			}
			if u, ok := tree.Get(r.String(f.Name)); ok {
				districts[u.District] = true
			}
		}
	}
	if err := st.Err(); err != nil {
		return ctx, res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	var ambiguous []importer.Problem
	for _, p := range book.Problems() {
		if strings.Contains(p.Msg, "不唯一，可能是") {
			ambiguous = append(ambiguous, p)
		}
	}
	if len(ambiguous) > 0 {
		res.Book, res.Table = book, book.Tables[0]
		res.Problems = ambiguous
		res.Table = problemTable(book, ambiguous)
		return ctx, res, errorf(Invalid, "%s: 共%d处单位名称不唯一（本库有多个行政区划：%s），未导入任何数据；请填写单位编码或全称，或指定行政区划", source, len(ambiguous), strings.Join(nd.Districts, "、"))
	}
	if len(districts) == 1 {
		for dist := range districts {
			return ledger.WithDistrict(ctx, dist), nil, nil
		}
	}
	if len(districts) > 1 {
		var ds []string
		for dist := range districts {
			ds = append(ds, dist)
		}
		sort.Strings(ds)
		return ctx, res, errorf(Invalid, "%s: 文件中的单位分属多个行政区划（%s），请按行政区划分别导入", source, strings.Join(ds, "、"))
	}
	return ctx, res, errorf(Invalid, "%s", nd.Error())
}
