package store

import (
	"context"
	"database/sql"
	"time"

	"fazhi/calendar"
)

// Holidays returns the holiday and 调休 rows an administrator loaded, and
// the years their notices cover.
//
// Overrides are kept per district: those of the district of ctx (tenant).
func (db *DB) Holidays(ctx context.Context) ([]calendar.Day, []int, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT day, kind, name FROM holiday WHERE district = ? ORDER BY day`), district)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var days []calendar.Day
	for rows.Next() {
		var d any
		var kind, name string
		if err := rows.Scan(&d, &kind, &name); err != nil {
			return nil, nil, err
		}
		v, err := decode(dateColumn, d)
		if err != nil {
			return nil, nil, err
		}
		t, _ := v.(time.Time)
		k := calendar.Holiday
		for _, c := range []calendar.Kind{calendar.Workday, calendar.Weekend, calendar.Holiday, calendar.Makeup} {
			if c.String() == kind {
				k = c
			}
		}
		days = append(days, calendar.Day{Date: t, Kind: k, Name: name})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	yrows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT year FROM holiday_year WHERE district = ? ORDER BY year`), district)
	if err != nil {
		return nil, nil, err
	}
	defer yrows.Close()
	var years []int
	for yrows.Next() {
		var y int
		if err := yrows.Scan(&y); err != nil {
			return nil, nil, err
		}
		years = append(years, y)
	}
	return days, years, yrows.Err()
}

// SaveHolidays replaces the loaded rows of the given years with days.
func (db *DB) SaveHolidays(ctx context.Context, days []calendar.Day, years []int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		district, err := db.tenantFrom(ctx, tx)
		if err != nil {
			return err
		}
		for _, y := range years {
			start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			end := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
			if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM holiday WHERE district = ? AND day >= ? AND day < ?`), district, db.dateArg(start), db.dateArg(end)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM holiday_year WHERE district = ? AND year = ?`), district, y); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO holiday_year (district, year) VALUES (?, ?)`), district, y); err != nil {
				return err
			}
		}
		for _, d := range days {
			kind := d.Kind.String()
			if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM holiday WHERE district = ? AND day = ?`), district, db.dateArg(d.Date)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO holiday (district, day, kind, name) VALUES (?, ?, ?, ?)`), district, db.dateArg(d.Date), kind, d.Name); err != nil {
				return err
			}
		}
		return nil
	})
}
