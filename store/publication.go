package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"fazhi/indicator"
)

// Publication is a published report: the narrative version, its 发文字号
// and 成文日期, and when and by whom it was published.
type Publication struct {
	Year, Version int
	DocNumber     string
	SignedOn      time.Time
	PublishedAt   time.Time
	Author        string
}

// PublishReport records year's report as published from narrative version
// with the figures frozen: one row per indicator with its value (NULL for a
// rate without value), parts, groups and definition. A year is published
// once; it returns an error if it already is.
func (db *DB) PublishReport(ctx context.Context, p Publication, figures []indicator.Value) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		district, err := db.tenantFrom(ctx, tx)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM report_publication WHERE district = ? AND year = ?`), district, p.Year).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%d年度报告已经发布，发布后的数字不再改变", p.Year)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO report_publication (district, year, version, doc_number, signed_on, published_at, author) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			district, p.Year, p.Version, p.DocNumber, p.SignedOn.Format("2006-01-02"), db.Now().UTC().Format(time.RFC3339), p.Author); err != nil {
			return err
		}
		for _, v := range figures {
			var val any
			if !v.Null {
				val = v.Value
			}
			var groups any
			if len(v.Groups) > 0 {
				b, _ := json.Marshal(v.Groups)
				groups = string(b)
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO report_figure (district, year, indicator, name, unit, value, numerator, denominator, groups, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
				district, p.Year, v.ID, v.Name, v.Unit, val, floatOrNil(v.Numerator), floatOrNil(v.Denominator), groups, v.Definition); err != nil {
				return err
			}
		}
		return nil
	})
}

func floatOrNil(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// Publication returns year's publication and its frozen figures by
// indicator ID; ok is false when the year is not published.
func (db *DB) Publication(ctx context.Context, year int) (Publication, map[string]indicator.Value, bool, error) {
	var p Publication
	var signed, at string
	district, err := db.tenant(ctx)
	if err != nil {
		return p, nil, false, err
	}
	err = db.sql.QueryRowContext(ctx, db.rebind(`SELECT year, version, doc_number, signed_on, published_at, author FROM report_publication WHERE district = ? AND year = ?`), district, year).
		Scan(&p.Year, &p.Version, &p.DocNumber, &signed, &at, &p.Author)
	if err == sql.ErrNoRows {
		return p, nil, false, nil
	}
	if err != nil {
		return p, nil, false, err
	}
	p.SignedOn, _ = time.Parse("2006-01-02", signed)
	p.PublishedAt, _ = time.Parse(time.RFC3339, at)
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT indicator, name, unit, value, numerator, denominator, COALESCE(groups, ''), definition FROM report_figure WHERE district = ? AND year = ?`), district, year)
	if err != nil {
		return p, nil, false, err
	}
	defer rows.Close()
	figs := map[string]indicator.Value{}
	for rows.Next() {
		var v indicator.Value
		var val, num, den sql.NullFloat64
		var groups string
		if err := rows.Scan(&v.ID, &v.Name, &v.Unit, &val, &num, &den, &groups, &v.Definition); err != nil {
			return p, nil, false, err
		}
		v.Value, v.Null = val.Float64, !val.Valid
		if num.Valid {
			v.Numerator = &num.Float64
		}
		if den.Valid {
			v.Denominator = &den.Float64
		}
		if groups != "" {
			if err := json.Unmarshal([]byte(groups), &v.Groups); err != nil {
				return p, nil, false, fmt.Errorf("指标 %s 的发布快照损坏：%w", v.ID, err)
			}
		}
		figs[v.ID] = v
	}
	return p, figs, true, rows.Err()
}
