package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// AuditTimeFormat is how audit times are stored: UTC, fixed width, so that
// text order is time order on both engines.
const AuditTimeFormat = "2006-01-02T15:04:05.000000000Z"

// AuditEntry is one entry of the audit trail (table audit_log).
type AuditEntry struct {
	Seq    int64
	At     time.Time // wall clock, UTC
	Actor  string
	Role   string
	Addr   string // client address; 本机 for the command line
	Action string
	Target string
	Detail string // JSON
	MAC    string // hex HMAC over the previous MAC and this entry
}

// AuditHead is the head of the chain: its last seq and MAC, and the keyed
// tag over both (app/audit.go computes it; storage only keeps it).
type AuditHead struct {
	Seq      int64
	MAC, Tag string
}

// AuditCheckpoint records a prune: entries up to Seq were deleted and the
// chain continues from MAC. Tag is keyed.
type AuditCheckpoint struct {
	Seq        int64
	MAC        string
	At         time.Time
	Actor, Tag string
}

// AuditSeal computes the MAC of entry e chained to prevMAC, and the tag of
// the head the entry becomes.
type AuditSeal func(prevMAC string, e AuditEntry) (mac, headTag string)

// AppendAudit appends e to the audit trail in one transaction: it locks the
// head (PostgreSQL: SELECT … FOR UPDATE; SQLite: the write transaction is
// exclusive), numbers e after it, seals it and moves the head, so that
// concurrent appends, in one process or several, never fork the chain.
// It returns e as stored.
func (db *DB) AppendAudit(ctx context.Context, e AuditEntry, seal AuditSeal) (AuditEntry, error) {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT seq, mac FROM audit_head WHERE id = 1`
		if db.Dialect == Postgres {
			q += ` FOR UPDATE`
		}
		var prev string
		if err := tx.QueryRowContext(ctx, q).Scan(&e.Seq, &prev); err != nil {
			return fmt.Errorf("审计日志: 读取链头: %w", err)
		}
		e.Seq++
		e.At = e.At.UTC()
		var tag string
		e.MAC, tag = seal(prev, e)
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO audit_log (seq, at, actor, role, addr, action, target, detail, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			e.Seq, e.At.Format(AuditTimeFormat), e.Actor, e.Role, e.Addr, e.Action, e.Target, e.Detail, e.MAC); err != nil {
			return fmt.Errorf("审计日志: 写入: %w", err)
		}
		_, err := tx.ExecContext(ctx, db.rebind(`UPDATE audit_head SET seq = ?, mac = ?, tag = ? WHERE id = 1`), e.Seq, e.MAC, tag)
		return err
	})
	return e, err
}

// AuditHeadNow returns the head of the chain.
func (db *DB) AuditHeadNow(ctx context.Context) (AuditHead, bool, error) {
	var h AuditHead
	err := db.sql.QueryRowContext(ctx, `SELECT seq, mac, tag FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.MAC, &h.Tag)
	if err == sql.ErrNoRows {
		return h, false, nil
	}
	return h, err == nil, err
}

// LastAuditCheckpoint returns the latest prune checkpoint.
func (db *DB) LastAuditCheckpoint(ctx context.Context) (AuditCheckpoint, bool, error) {
	var c AuditCheckpoint
	var at string
	err := db.sql.QueryRowContext(ctx, `SELECT seq, mac, at, actor, tag FROM audit_checkpoint ORDER BY seq DESC LIMIT 1`).Scan(&c.Seq, &c.MAC, &at, &c.Actor, &c.Tag)
	if err == sql.ErrNoRows {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c.At, _ = time.Parse(AuditTimeFormat, at)
	return c, true, nil
}

// EachAudit calls fn for every entry in seq order, streaming.
func (db *DB) EachAudit(ctx context.Context, fn func(AuditEntry) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT seq, at, actor, role, addr, action, target, detail, mac FROM audit_log ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	var at string
	if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Role, &e.Addr, &e.Action, &e.Target, &e.Detail, &e.MAC); err != nil {
		return e, err
	}
	t, err := time.Parse(AuditTimeFormat, at)
	if err != nil {
		// Kept as the zero time: verify then finds the entry's MAC wrong.
		t = time.Time{}
	}
	e.At = t
	return e, nil
}

// AuditFilter selects entries of the audit trail; empty fields match all.
type AuditFilter struct {
	Actor    string    // exact account (or 本机管理员:user)
	Action   string    // exact action, or a prefix ending in "." (record.)
	Target   string    // substring of the target
	From, To time.Time // From ≤ at < To; zero: open
	Limit    int       // 0: all
	Offset   int
}

// FindAudit returns the entries matching f, newest first, and how many match.
func (db *DB) FindAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, f.Actor)
	}
	if strings.HasSuffix(f.Action, ".") {
		where, args = append(where, "action LIKE ? ESCAPE '\\'"), append(args, likeEscape(f.Action)+"%")
	} else if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Target != "" {
		where, args = append(where, "target LIKE ? ESCAPE '\\'"), append(args, "%"+likeEscape(f.Target)+"%")
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UTC().Format(AuditTimeFormat))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UTC().Format(AuditTimeFormat))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM audit_log`+cond), args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT seq, at, actor, role, addr, action, target, detail, mac FROM audit_log` + cond + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(q), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// PruneAudit deletes the entries older than before, in one transaction
// with the head locked: it writes a checkpoint at the last deleted entry
// (its seq and MAC, with the keyed tag from tag) first, which the
// append-only trigger requires of any delete. It returns the number of
// entries deleted and the checkpoint (found false: nothing to delete).
func (db *DB) PruneAudit(ctx context.Context, before time.Time, actor string, now time.Time, tag func(seq int64, mac string) string) (int, AuditCheckpoint, error) {
	var cp AuditCheckpoint
	var n int
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT seq FROM audit_head WHERE id = 1`
		if db.Dialect == Postgres {
			q += ` FOR UPDATE`
		}
		var head int64
		if err := tx.QueryRowContext(ctx, q).Scan(&head); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT seq, mac FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1`), before.UTC().Format(AuditTimeFormat)).Scan(&cp.Seq, &cp.MAC)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		cp.At, cp.Actor = now.UTC(), actor
		cp.Tag = tag(cp.Seq, cp.MAC)
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO audit_checkpoint (seq, mac, at, actor, tag) VALUES (?, ?, ?, ?, ?)`),
			cp.Seq, cp.MAC, cp.At.Format(AuditTimeFormat), cp.Actor, cp.Tag); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM audit_log WHERE seq <= ?`), cp.Seq)
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		n = int(k)
		return nil
	})
	return n, cp, err
}
