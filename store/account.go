package store

import (
	"context"
	"database/sql"
	"time"
)

// Account is a stored account: one role, a unit and a data scope.
type Account struct {
	Name               string
	PasswordHash       string // PHC string ($argon2id$…)
	Role               string
	Unit               string // unit code; "" for the three administrators without one
	District           string // the unit's 行政区划代码; "" without a unit
	Scope              string // all, subtree, unit, own, or none
	Disabled           bool
	MustChangePassword bool
	CreatedAt          time.Time
}

// Account returns the account named name.
func (db *DB) Account(ctx context.Context, name string) (Account, bool, error) {
	var a Account
	var unit, district sql.NullString
	var dis, must int64
	var created string
	err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT name, password_hash, role, unit, scope, disabled, must_change_password, created_at, (SELECT district FROM units WHERE code = account.unit) FROM account WHERE name = ?`), name).
		Scan(&a.Name, &a.PasswordHash, &a.Role, &unit, &a.Scope, &dis, &must, &created, &district)
	if err == sql.ErrNoRows {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	a.Unit, a.Disabled, a.MustChangePassword = unit.String, dis != 0, must != 0
	a.District = district.String
	a.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return a, true, nil
}

// Accounts lists every account by name.
func (db *DB) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name FROM account ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	out := make([]Account, 0, len(names))
	for _, n := range names {
		a, _, err := db.Account(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// InsertAccount adds a new account; it fails if the name is taken.
func (db *DB) InsertAccount(ctx context.Context, a Account) error {
	now := db.Now().UTC().Format(time.RFC3339)
	_, err := db.sql.ExecContext(ctx, db.rebind(`INSERT INTO account (name, password_hash, role, unit, scope, disabled, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		a.Name, a.PasswordHash, a.Role, nullable(a.Unit), a.Scope, boolInt(a.Disabled), boolInt(a.MustChangePassword), now, now)
	return err
}

// UpdateAccount writes every column of an existing account.
func (db *DB) UpdateAccount(ctx context.Context, a Account) error {
	now := db.Now().UTC().Format(time.RFC3339)
	_, err := db.sql.ExecContext(ctx, db.rebind(`UPDATE account SET password_hash = ?, role = ?, unit = ?, scope = ?, disabled = ?, must_change_password = ?, updated_at = ? WHERE name = ?`),
		a.PasswordHash, a.Role, nullable(a.Unit), a.Scope, boolInt(a.Disabled), boolInt(a.MustChangePassword), now, a.Name)
	return err
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
