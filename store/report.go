package store

import (
	"context"
	"database/sql"
	"time"
)

// ReportVersion is one saved version of a year's report narrative.
type ReportVersion struct {
	Year, Version int
	Author        string
	CreatedAt     time.Time
	Note          string
	Source        string
}

// SaveReportSource stores source as the next version of year's report,
// unless it equals the latest version. It returns the current version.
func (db *DB) SaveReportSource(ctx context.Context, year int, source, author, note string) (int, bool, error) {
	var version int
	saved := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		district, err := db.tenantFrom(ctx, tx)
		if err != nil {
			return err
		}
		var last sql.NullString
		err = tx.QueryRowContext(ctx, db.rebind(`SELECT version, source FROM report_version WHERE district = ? AND year = ? ORDER BY version DESC LIMIT 1`), district, year).Scan(&version, &last)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if err == nil && last.String == source {
			return nil
		}
		version++
		saved = true
		_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO report_version (district, year, version, author, created_at, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			district, year, version, author, db.Now().UTC().Format(time.RFC3339), nullable(note), source)
		return err
	})
	return version, saved, err
}

// ReportSource returns a version of year's report (version 0: the latest);
// ok is false when none was saved.
func (db *DB) ReportSource(ctx context.Context, year, version int) (ReportVersion, bool, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return ReportVersion{}, false, err
	}
	q := `SELECT year, version, author, created_at, COALESCE(note, ''), source FROM report_version WHERE district = ? AND year = ? ORDER BY version DESC LIMIT 1`
	args := []any{district, year}
	if version > 0 {
		q = `SELECT year, version, author, created_at, COALESCE(note, ''), source FROM report_version WHERE district = ? AND year = ? AND version = ?`
		args = append(args, version)
	}
	var v ReportVersion
	var at string
	err = db.sql.QueryRowContext(ctx, db.rebind(q), args...).Scan(&v.Year, &v.Version, &v.Author, &at, &v.Note, &v.Source)
	if err == sql.ErrNoRows {
		return v, false, nil
	}
	v.CreatedAt, _ = time.Parse(time.RFC3339, at)
	return v, err == nil, err
}

// ReportHistory lists the versions of year's report, newest first, without their text.
func (db *DB) ReportHistory(ctx context.Context, year int) ([]ReportVersion, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT year, version, author, created_at, COALESCE(note, ''), LENGTH(source) FROM report_version WHERE district = ? AND year = ? ORDER BY version DESC`), district, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportVersion
	for rows.Next() {
		var v ReportVersion
		var at string
		var n int
		if err := rows.Scan(&v.Year, &v.Version, &v.Author, &at, &v.Note, &n); err != nil {
			return nil, err
		}
		v.CreatedAt, _ = time.Parse(time.RFC3339, at)
		out = append(out, v)
	}
	return out, rows.Err()
}
