package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"fazhi/ledger"
)

// The list page's 包含 filter (ledger.Query.Text) matches a substring of
// any text or enum field of a record. It is written as one LIKE over the
// fields joined by U+001F, a character no term contains, so that a term
// still matches within one field only; on PostgreSQL one pg_trgm GIN index
// per ledger on that same expression serves it (a Bitmap Index Scan
// instead of reading every record of the district: TestQueryPlans_*).

// textSep joins the fields of textHaystack.
const textSep = "\x1f"

// textHaystack is the expression the 包含 filter of ledger d matches, ""
// when d has no text field. Sealed fields are not in it (they are found
// by their whole value through the blind index).
func (db *DB) textHaystack(d *ledger.Definition) string {
	sep := "chr(31)"
	if db.Dialect == SQLite {
		sep = "char(31)"
	}
	var parts []string
	for i := range d.Fields {
		f := &d.Fields[i]
		if !f.Sensitive && (f.Type == ledger.Text || f.Type == ledger.Enum) {
			parts = append(parts, "COALESCE("+f.Name+", '')")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " || "+sep+" || ") + ")"
}

// textTerm is a 包含 term as a LIKE pattern: wildcards escaped, the
// separator dropped.
func textTerm(s string) string {
	return "%" + likeEscaper.Replace(strings.ReplaceAll(s, textSep, "")) + "%"
}

// textIndex creates the pg_trgm GIN index of ledger d's textHaystack
// (named by a hash of the expression, so a field added to the definition
// makes a new one) and drops the index of an earlier expression. Without
// pg_trgm the filter still works, by reading the district's records.
func (db *DB) textIndex(ctx context.Context, d *ledger.Definition, trgmSchema string) error {
	hay := db.textHaystack(d)
	if db.Dialect != Postgres || hay == "" || trgmSchema == "" {
		return nil
	}
	t := d.Table()
	sum := sha256.Sum256([]byte(hay))
	name := t + "_text_trgm_" + hex.EncodeToString(sum[:4])
	rows, err := db.sql.QueryContext(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname LIKE $2`, t, t+`\_text\_trgm\_%`)
	if err != nil {
		return err
	}
	var stale []string
	have := false
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		if n == name {
			have = true
		} else {
			stale = append(stale, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range stale {
		if _, err := db.sql.ExecContext(ctx, "DROP INDEX IF EXISTS "+n); err != nil {
			return err
		}
	}
	if have {
		return nil // no DDL, and no table lock, on an ordinary start
	}
	q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s USING gin (%s "%s".gin_trgm_ops)`, name, t, hay, trgmSchema)
	if _, err := db.sql.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("建立台账 %s 的 pg_trgm 索引失败: %w\n%s", d.ID, err, q)
	}
	return nil
}

// trigram returns the schema of pg_trgm's GIN operator class, creating the
// extension when it is missing and may be created (trusted since
// PostgreSQL 13: a database owner may); "" when it cannot be had.
func (db *DB) trigram(ctx context.Context) (string, error) {
	schema, err := db.trigramSchema(ctx)
	if err != nil || schema != "" {
		return schema, err
	}
	if _, err := db.sql.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); err != nil {
		return "", nil
	}
	return db.trigramSchema(ctx)
}
