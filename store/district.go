package store

import (
	"context"
	"fmt"
	"strings"

	"fazhi/ledger"
)

// Districts returns the 行政区划代码 of every district that has units,
// sorted.
func (db *DB) Districts(ctx context.Context) ([]string, error) {
	return db.districtsFrom(ctx, db.sql)
}

func (db *DB) districtsFrom(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT district FROM units ORDER BY district`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ErrNoDistrict is returned by a write that must name its district in a
// database that holds several.
type ErrNoDistrict struct{ Districts []string }

func (e ErrNoDistrict) Error() string {
	return fmt.Sprintf("本库有多个行政区划（%s），请指定在哪个行政区划操作", strings.Join(e.Districts, "、"))
}

// tenant is the district an action of ctx is taken in
// (ledger.WithDistrict); without one, the one district the database holds
// (the default district when it holds none). A database of several
// districts refuses to guess: ErrNoDistrict.
func (db *DB) tenant(ctx context.Context) (string, error) {
	return db.tenantFrom(ctx, db.sql)
}

func (db *DB) tenantFrom(ctx context.Context, q querier) (string, error) {
	if d, ok := ledger.DistrictFrom(ctx); ok {
		return d, nil
	}
	ds, err := db.districtsFrom(ctx, q)
	if err != nil {
		return "", err
	}
	switch len(ds) {
	case 0:
		return ledger.DefaultDistrict, nil
	case 1:
		return ds[0], nil
	}
	return "", ErrNoDistrict{ds}
}

// Tenant returns the district the actions of ctx are taken in; see tenant.
func (db *DB) Tenant(ctx context.Context) (string, error) { return db.tenant(ctx) }

// regionCond is the condition keeping rows of a table whose column col
// holds a district within region ("" = no condition).
func regionCond(col, region string) (string, []any) {
	if region == "" {
		return "", nil
	}
	if ledger.LevelOf(region) == ledger.LevelCounty {
		return col + " = ?", []any{region}
	}
	return col + " LIKE ?", []any{ledger.RegionPrefix(region) + "%"}
}
