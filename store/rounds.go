package store

// Storage of 报送 rounds (migration 00030): report_round holds what the
// Justice Bureau asked for (ledgers, period, due date), round_submission one
// row per unit with its state. The rules (who may move a submission from
// which state to which) are the application layer's.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Submission states.
const (
	SubmissionOpen      = "open"      // 填报中
	SubmissionSubmitted = "submitted" // 已报送, waiting for review
	SubmissionAccepted  = "accepted"  // 已接收
	SubmissionReturned  = "returned"  // 退回修改
)

// Round is one 报送 round with its submissions (sorted by unit code).
type Round struct {
	ID          int64
	Name        string
	Ledgers     []string  // ledger IDs
	From, To    time.Time // the period the ledgers are reported for
	Due         time.Time // the date units must report by
	OpenedBy    string
	OpenedAt    string // RFC 3339
	Submissions []Submission
}

// Submission is one unit's part of a round.
type Submission struct {
	Unit        string // unit code
	Status      string // Submission* constants
	SubmittedBy string
	SubmittedAt string // RFC 3339, "" before the first 报送
	ReviewedBy  string
	ReviewedAt  string
	Note        string // the reason of a return, or why it was reopened
}

// CreateRound stores a round and an open submission for each unit, in one
// transaction, and returns its ID.
func (db *DB) CreateRound(ctx context.Context, r Round, units []string) (int64, error) {
	now := db.Now().UTC().Format(time.RFC3339)
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO report_round (name, ledgers, period_from, period_to, due_on, opened_by, opened_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			r.Name, strings.Join(r.Ledgers, ","), day(r.From), day(r.To), day(r.Due), r.OpenedBy, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("保存报送轮次失败: %w", err)
		}
		for _, u := range units {
			if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO round_submission (round_id, unit, status, updated_at) VALUES (?, ?, ?, ?)`),
				id, u, SubmissionOpen, now); err != nil {
				return fmt.Errorf("保存报送单位 %s 失败: %w", u, err)
			}
		}
		return nil
	})
	return id, err
}

// Rounds returns every round, newest first, with its submissions.
func (db *DB) Rounds(ctx context.Context) ([]Round, error) {
	return db.rounds(ctx, db.sql, 0)
}

// Round returns round id; ok is false when there is none.
func (db *DB) Round(ctx context.Context, id int64) (r Round, ok bool, err error) {
	rs, err := db.rounds(ctx, db.sql, id)
	if err != nil || len(rs) == 0 {
		return Round{}, false, err
	}
	return rs[0], true, nil
}

func (db *DB) rounds(ctx context.Context, q querier, id int64) ([]Round, error) {
	query := `SELECT id, name, ledgers, period_from, period_to, due_on, opened_by, opened_at FROM report_round`
	var args []any
	if id != 0 {
		query += ` WHERE id = ?`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, db.rebind(query+` ORDER BY id DESC`), args...)
	if err != nil {
		return nil, fmt.Errorf("读取报送轮次失败: %w", err)
	}
	var out []Round
	byID := map[int64]int{}
	for rows.Next() {
		var r Round
		var ledgers, from, to, due string
		if err := rows.Scan(&r.ID, &r.Name, &ledgers, &from, &to, &due, &r.OpenedBy, &r.OpenedAt); err != nil {
			rows.Close()
			return nil, err
		}
		r.Ledgers = strings.Split(ledgers, ",")
		r.From, _ = time.Parse("2006-01-02", from)
		r.To, _ = time.Parse("2006-01-02", to)
		r.Due, _ = time.Parse("2006-01-02", due)
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	query = `SELECT round_id, unit, status, submitted_by, submitted_at, reviewed_by, reviewed_at, note FROM round_submission`
	if id != 0 {
		query += ` WHERE round_id = ?`
	}
	rows, err = q.QueryContext(ctx, db.rebind(query+` ORDER BY round_id, unit`), args...)
	if err != nil {
		return nil, fmt.Errorf("读取报送情况失败: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		var s Submission
		var by, at, rby, rat, note sql.NullString
		if err := rows.Scan(&rid, &s.Unit, &s.Status, &by, &at, &rby, &rat, &note); err != nil {
			return nil, err
		}
		s.SubmittedBy, s.SubmittedAt, s.ReviewedBy, s.ReviewedAt, s.Note = by.String, at.String, rby.String, rat.String, note.String
		if i, ok := byID[rid]; ok {
			out[i].Submissions = append(out[i].Submissions, s)
		}
	}
	return out, rows.Err()
}

// MoveSubmission sets the state of unit's submission in round id to to,
// provided it is in one of the states from; ok is false (nothing written)
// when the submission is missing or in another state. by names the actor:
// a 报送 stamps submitted_*, an accept or return stamps reviewed_*.
func (db *DB) MoveSubmission(ctx context.Context, id int64, unit string, from []string, to, by, note string) (ok bool, err error) {
	now := db.Now().UTC().Format(time.RFC3339)
	set := `status = ?, note = ?, updated_at = ?`
	args := []any{to, nullable(note), now}
	switch to {
	case SubmissionSubmitted:
		set += `, submitted_by = ?, submitted_at = ?`
		args = append(args, by, now)
	case SubmissionAccepted, SubmissionReturned:
		set += `, reviewed_by = ?, reviewed_at = ?`
		args = append(args, by, now)
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(from)), ", ")
	args = append(args, id, unit)
	for _, f := range from {
		args = append(args, f)
	}
	res, err := db.sql.ExecContext(ctx, db.rebind(`UPDATE round_submission SET `+set+` WHERE round_id = ? AND unit = ? AND status IN (`+ph+`)`), args...)
	if err != nil {
		return false, fmt.Errorf("更新报送状态失败: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Has reports whether the round asks for ledger.
func (r Round) Has(ledger string) bool {
	for _, l := range r.Ledgers {
		if l == ledger {
			return true
		}
	}
	return false
}

// Covers reports whether one of dates lies in the round's period; no dates
// (a record without any date) counts as covered.
func (r Round) Covers(dates []time.Time) bool {
	if len(dates) == 0 {
		return true
	}
	for _, d := range dates {
		if !d.Before(r.From) && !d.After(r.To) {
			return true
		}
	}
	return false
}

func day(t time.Time) string { return t.Format("2006-01-02") }
