package store

// Full-text search (package search says what is searched and how hits rank).
//
// Design: one search_doc table (migration 00002) holds, per searchable
// ledger record, its title, body, context and info texts; triggers on the
// ledger tables keep it in sync on every insert, update and delete, whoever
// writes (SaveRecords, an import, a future web form, plain SQL). A separate
// table rather than LIKE on the ledger tables directly because
//   - SQLite's FTS5 trigram index needs its own table (external content on
//     search_doc, maintained by the triggers of the migration);
//   - handbook entries and normative documents are searched, ranked and
//     paged together in one query, on both engines, with one SQL text;
//   - unit codes are resolved to names at write time, so searching 司法局
//     finds documents issued by it.
// The ledger triggers are generated from search.Sources and the ledger
// definitions after syncLedgers has created the ledger tables (a migration
// cannot name them), and re-generated, with a re-index of that kind, when
// their SQL changes.
//
// Matching: a term of 3 or more characters uses the trigram index (SQLite
// FTS5 MATCH; PostgreSQL LIKE, or ILIKE for terms with Latin letters, served
// by pg_trgm GIN indexes); a term of 1 or 2 characters has no trigram, so it
// is matched by a scan of search_doc (instr on SQLite, LIKE on PostgreSQL):
// 10–40 ms for 10,000 handbook entries, see BenchmarkSearch.
//
// Ranking is computed in SQL so that LIMIT keeps the best hits; the order is
// search.Less (title hits, then body hits, then context-only hits; more
// occurrences first). Only the hits' keys and occurrence counts are sorted;
// the texts are read for the page shown (BenchmarkCases, case search). Highlighting and snippets are done by package search
// on the few rows returned.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fazhi/ledger"
	"fazhi/search"
)

// syncSearch installs the search triggers on the ledger tables (and, on
// PostgreSQL, the trigram indexes). It runs at the end of Migrate.
func (db *DB) syncSearch(ctx context.Context) error {
	if db.Dialect == Postgres {
		if err := db.trigramIndexes(ctx); err != nil {
			return err
		}
	}
	for i := range search.Sources {
		s := &search.Sources[i]
		d, ok := ledger.Get(s.Ledger)
		if !ok {
			return fmt.Errorf("搜索来源 %s 引用了不存在的台账 %s", s.Kind, s.Ledger)
		}
		if err := db.syncSearchSource(ctx, s, d); err != nil {
			return fmt.Errorf("建立%s搜索索引失败: %w", s.Label, err)
		}
	}
	return nil
}

func (db *DB) syncSearchSource(ctx context.Context, s *search.Source, d *ledger.Definition) error {
	stmts, err := db.searchTriggerSQL(s, d)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(strings.Join(stmts, "\n;\n")))
	sig := hex.EncodeToString(sum[:])
	var have string
	err = db.sql.QueryRowContext(ctx, db.rebind(`SELECT signature FROM search_source WHERE kind = ?`), s.Kind).Scan(&have)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if have == sig {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if db.Dialect == Postgres {
			// Two servers starting together on a new database: one rebuilds,
			// the other waits and then finds the work done. (SQLite write
			// transactions are already exclusive.)
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7253019)`); err != nil {
				return err
			}
		}
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT signature FROM search_source WHERE kind = ?`), s.Kind).Scan(&have)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if have == sig {
			return nil
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		if err := db.reindexSearch(ctx, tx, s, d); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO search_source (kind, signature) VALUES (?, ?)
ON CONFLICT (kind) DO UPDATE SET signature = excluded.signature`), s.Kind, sig)
		return err
	})
}

// reindexSearch rebuilds the search documents of source s from its ledger
// table, through the same expressions as the triggers.
func (db *DB) reindexSearch(ctx context.Context, tx *sql.Tx, s *search.Source, d *ledger.Definition) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM search_doc WHERE kind = ?`), s.Kind); err != nil {
		return err
	}
	ex, err := searchExprs(s, d, "t")
	if err != nil {
		return err
	}
	q := fmt.Sprintf(`INSERT INTO search_doc (kind, record_id, title, body, context, info) SELECT ?, t.id, %s, %s, %s, %s FROM %s t`,
		ex[0], ex[1], ex[2], ex[3], d.Table())
	if _, err := tx.ExecContext(ctx, db.rebind(q), s.Kind); err != nil {
		return fmt.Errorf("%w\n%s", err, q)
	}
	return nil
}

// reindexAllSearch rebuilds every source's documents (after units were
// renamed: documents carry unit names resolved when they were written).
func (db *DB) reindexAllSearch(ctx context.Context, tx *sql.Tx) error {
	for i := range search.Sources {
		s := &search.Sources[i]
		d, ok := ledger.Get(s.Ledger)
		if !ok {
			continue
		}
		if err := db.reindexSearch(ctx, tx, s, d); err != nil {
			return err
		}
	}
	return nil
}

// searchExprs returns the SQL expressions of title, body, context and info
// over row alias p (new, or a table alias). Both engines understand them.
func searchExprs(s *search.Source, d *ledger.Definition, p string) ([4]string, error) {
	var out [4]string
	for i, names := range [][]string{s.Title, s.Body, s.Context} {
		parts := make([]string, 0, len(names))
		for _, n := range names {
			e, err := fieldText(d, n, p)
			if err != nil {
				return out, err
			}
			parts = append(parts, "COALESCE("+e+", '')")
		}
		out[i] = joinSQL(parts)
	}
	// Info: 标签：值 for each field that has a value.
	parts := make([]string, 0, len(s.Info))
	for _, n := range s.Info {
		e, err := fieldText(d, n, p)
		if err != nil {
			return out, err
		}
		parts = append(parts, fmt.Sprintf("COALESCE('%s：' || %s, '')", d.Field(n).Label, e))
	}
	out[3] = joinSQL(parts)
	return out, nil
}

func joinSQL(parts []string) string {
	switch len(parts) {
	case 0:
		return "''"
	case 1:
		return parts[0]
	}
	return "TRIM(" + strings.Join(parts, " || ' ' || ") + ")"
}

// fieldText is the text of field n of row p: a unit's name for a UnitRef.
func fieldText(d *ledger.Definition, n, p string) (string, error) {
	f := d.Field(n)
	if f == nil {
		return "", fmt.Errorf("台账 %s 没有字段 %s", d.ID, n)
	}
	if f.Sensitive {
		// The search index holds text in clear: a sealed field is never in it.
		return "", fmt.Errorf("敏感字段 %s 加密存储，不能加入全文搜索索引", f.Label)
	}
	col := p + "." + f.Name
	switch f.Type {
	case ledger.Text, ledger.Enum:
		return col, nil
	case ledger.UnitRef:
		return "(SELECT name FROM units WHERE code = " + col + ")", nil
	}
	return "CAST(" + col + " AS TEXT)", nil
}

// searchTriggerSQL generates the statements that (re)create the triggers
// keeping search_doc in sync with the ledger table of s.
func (db *DB) searchTriggerSQL(s *search.Source, d *ledger.Definition) ([]string, error) {
	t := d.Table()
	name := t + "_search"
	if db.Dialect == Postgres {
		ex, err := searchExprs(s, d, "NEW")
		if err != nil {
			return nil, err
		}
		fn := fmt.Sprintf(`CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_doc WHERE kind = '%s' AND record_id = OLD.id;
        RETURN NULL;
    END IF;
    INSERT INTO search_doc (kind, record_id, title, body, context, info)
    VALUES ('%s', NEW.id, %s, %s, %s, %s)
    ON CONFLICT (kind, record_id) DO UPDATE
    SET title = EXCLUDED.title, body = EXCLUDED.body, context = EXCLUDED.context, info = EXCLUDED.info;
    RETURN NULL;
END
$fn$`, name, s.Kind, s.Kind, ex[0], ex[1], ex[2], ex[3])
		return []string{
			fn,
			fmt.Sprintf("DROP TRIGGER IF EXISTS %s ON %s", name, t),
			// EXECUTE PROCEDURE (not FUNCTION) is also understood by the
			// PostgreSQL 9.x-based domestic databases.
			fmt.Sprintf("CREATE TRIGGER %s AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE PROCEDURE %s()", name, t, name),
		}, nil
	}
	ex, err := searchExprs(s, d, "new")
	if err != nil {
		return nil, err
	}
	return []string{
		fmt.Sprintf("DROP TRIGGER IF EXISTS %s_ai", name),
		fmt.Sprintf("DROP TRIGGER IF EXISTS %s_au", name),
		fmt.Sprintf("DROP TRIGGER IF EXISTS %s_ad", name),
		fmt.Sprintf(`CREATE TRIGGER %s_ai AFTER INSERT ON %s BEGIN
    INSERT INTO search_doc (kind, record_id, title, body, context, info) VALUES ('%s', new.id, %s, %s, %s, %s);
END`, name, t, s.Kind, ex[0], ex[1], ex[2], ex[3]),
		fmt.Sprintf(`CREATE TRIGGER %s_au AFTER UPDATE ON %s BEGIN
    UPDATE search_doc SET title = %s, body = %s, context = %s, info = %s WHERE kind = '%s' AND record_id = new.id;
END`, name, t, ex[0], ex[1], ex[2], ex[3], s.Kind),
		fmt.Sprintf(`CREATE TRIGGER %s_ad AFTER DELETE ON %s BEGIN
    DELETE FROM search_doc WHERE kind = '%s' AND record_id = old.id;
END`, name, t, s.Kind),
	}, nil
}

// trigramIndexes creates the pg_trgm GIN indexes on search_doc. Without the
// extension (and without the right to create it) search still works, by
// scanning; the indexes appear on the first start after it is installed.
// pg_trgm needs a UTF-8 lc_ctype to extract trigrams from Chinese text; with
// the C locale the index is empty of CJK trigrams and PostgreSQL scans, still
// correctly.
func (db *DB) trigramIndexes(ctx context.Context) error {
	schema, err := db.trigramSchema(ctx)
	if err != nil {
		return err
	}
	if schema == "" {
		// Trusted since PostgreSQL 13: a database owner may create it.
		if _, err := db.sql.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); err != nil {
			return nil
		}
		if schema, err = db.trigramSchema(ctx); err != nil || schema == "" {
			return err
		}
	}
	for _, col := range []string{"title", "body", "context"} {
		var exists bool
		if err := db.sql.QueryRowContext(ctx, fmt.Sprintf(`SELECT to_regclass('search_doc_%s_trgm') IS NOT NULL`, col)).Scan(&exists); err != nil {
			return err
		}
		if exists {
			continue // no DDL, and no table lock, on an ordinary start
		}
		// fastupdate off: no pending list to scan at query time; the
		// searched ledgers change by the dozen, not by the thousand.
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS search_doc_%s_trgm ON search_doc USING gin (%s "%s".gin_trgm_ops) WITH (fastupdate = off)`, col, col, schema)
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("建立 pg_trgm 搜索索引失败: %w", err)
		}
	}
	return nil
}

// trigramSchema returns the schema holding pg_trgm's GIN operator class, or "".
func (db *DB) trigramSchema(ctx context.Context) (string, error) {
	var schema string
	err := db.sql.QueryRowContext(ctx, `SELECT n.nspname FROM pg_opclass c
JOIN pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_am a ON a.oid = c.opcmethod
WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin' LIMIT 1`).Scan(&schema)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return schema, err
}

// Search finds the documents in which every term of q occurs, best first
// (search.Less), and how many match in all.
//
// Deleted records are never hits, and records of a ledger that is not
// public are hits only within the reader's scope sc (the zero scope is refused).
func (db *DB) Search(ctx context.Context, q search.Query, sc ledger.Scope) (search.Result, error) {
	if len(q.Terms) == 0 {
		return search.Result{}, fmt.Errorf("请输入要搜索的关键词")
	}
	if err := sc.Valid(); err != nil {
		return search.Result{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = search.DefaultLimit
	}
	var conds []string
	var args []any
	var fts []string
	for _, t := range q.Terms {
		if db.Dialect == SQLite && search.Indexed(t) {
			fts = append(fts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		var ors []string
		for _, col := range []string{"title", "body", "context"} {
			switch {
			case db.Dialect == SQLite && !hasCase(t):
				// instr is several times faster than LIKE on SQLite and
				// exact for text without letter case (Chinese).
				ors = append(ors, fmt.Sprintf("instr(d.%s, ?) > 0", col))
				args = append(args, t)
			default:
				// PostgreSQL: LIKE and ILIKE can use the trigram index.
				// ILIKE lower-cases whole texts in UTF-8 databases, three
				// times slower: only for terms with letter case.
				op := "LIKE"
				if db.Dialect == Postgres && hasCase(t) {
					op = "ILIKE"
				}
				ors = append(ors, fmt.Sprintf(`d.%s %s ? ESCAPE '\'`, col, op))
				args = append(args, "%"+likeEscaper.Replace(t)+"%")
			}
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(fts) > 0 {
		conds = append(conds, "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
		args = append(args, strings.Join(fts, " AND "))
	}
	var live []string
	var cte string
	var cteArgs []any
	for i := range search.Sources {
		src := &search.Sources[i]
		d, ok := ledger.Get(src.Ledger)
		if !ok {
			continue
		}
		c := "deleted_at IS NULL"
		region := sc.District
		if region == "" {
			region, _ = ledger.DistrictFrom(ctx)
		}
		if rc, ra := regionCond("district", region); rc != "" {
			c += " AND " + rc // another district's records are not found
			args = append(args, ra...)
		}
		if !d.Public {
			cond, a, ct := readScope(d, sc)
			if cond != "" {
				c += " AND " + cond
				args = append(args, a...)
			}
			if ct != "" && cte == "" {
				cte, cteArgs = ct, []any{sc.Unit}
			}
		}
		// A lookup by primary key per hit, not the list of every live id:
		// a rare term reads a few rows of the ledger, not all of them.
		live = append(live, fmt.Sprintf("(d.kind = '%s' AND EXISTS (SELECT 1 FROM %s WHERE id = d.record_id AND %s))", src.Kind, d.Table(), c))
	}
	conds = append(conds, "("+strings.Join(live, " OR ")+")")
	if len(q.Kinds) > 0 {
		conds = append(conds, "d.kind IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(q.Kinds)), ", ")+")")
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	// Occurrences without overlap: (len(text) - len(text without term)) / len(term),
	// in characters on both engines; LOWER only for terms with letter case
	// (terms are lower-cased by search.Parse).
	var occArgs []any
	occ := func(col string) string {
		parts := make([]string, len(q.Terms))
		for i, t := range q.Terms {
			text := "d." + col
			if hasCase(t) {
				text = "LOWER(" + text + ")"
			}
			parts[i] = fmt.Sprintf("(LENGTH(%s) - LENGTH(REPLACE(%s, ?, ''))) / %d", text, text, utf8.RuneCountInString(t))
			occArgs = append(occArgs, t)
		}
		return strings.Join(parts, " + ")
	}
	// Only keys and counts go through the sort of every hit; the texts are
	// read for the page alone (LIMIT), by primary key.
	where := strings.Join(conds, " AND ")
	prefix := ""
	if cte != "" {
		prefix = "WITH RECURSIVE " + cte + " "
	}
	var sqlText string
	if db.Dialect == SQLite {
		// One rank per hit (search_rank.go); occurrences on the page only.
		marks := strings.TrimSuffix(strings.Repeat(", ?", len(q.Terms)), "")
		var rankArgs []any
		for _, t := range q.Terms {
			rankArgs = append(rankArgs, t)
		}
		sqlText = prefix + fmt.Sprintf(`SELECT d.kind, d.record_id, d.title, d.body, d.context, d.info, %s, %s, %s, k.total
FROM (SELECT k.id, k.kind, k.record_id, k.r, COUNT(*) OVER () AS total
    FROM (SELECT d.id, d.kind, d.record_id, %s(d.title, d.body, d.context%s) AS r FROM search_doc d WHERE %s) k
    ORDER BY k.r, k.kind, k.record_id LIMIT %d) k
JOIN search_doc d ON d.id = k.id
ORDER BY k.r, k.kind, k.record_id`, occ("title"), occ("body"), occ("context"), searchRankSQLite, marks, where, limit)
		args = append(append(append(cteArgs, occArgs...), rankArgs...), args...)
	} else {
		// The order of search.Less.
		const order = `CASE WHEN k.tc > 0 THEN 0 WHEN k.bc > 0 THEN 1 ELSE 2 END, k.tc + k.bc DESC, k.cc DESC, k.kind, k.record_id`
		sqlText = prefix + fmt.Sprintf(`SELECT d.kind, d.record_id, d.title, d.body, d.context, d.info, k.tc, k.bc, k.cc, k.total
FROM (SELECT k.kind, k.record_id, k.tc, k.bc, k.cc, COUNT(*) OVER () AS total
    FROM (SELECT d.kind, d.record_id, %s AS tc, %s AS bc, %s AS cc FROM search_doc d WHERE %s) k
    ORDER BY %s LIMIT %d) k
JOIN search_doc d ON d.kind = k.kind AND d.record_id = k.record_id
ORDER BY %s`, occ("title"), occ("body"), occ("context"), where, order, limit, order)
		args = append(append(cteArgs, occArgs...), args...)
	}
	rows, err := db.reads(ctx).QueryContext(ctx, db.rebind(sqlText), args...)
	if err != nil {
		return search.Result{}, fmt.Errorf("搜索失败: %w", err)
	}
	defer rows.Close()
	var res search.Result
	for rows.Next() {
		var h search.Hit
		var tc, bc, cc, total int64
		if err := rows.Scan(&h.Kind, &h.RecordID, &h.Title, &h.Body, &h.Context, &h.Info, &tc, &bc, &cc, &total); err != nil {
			return search.Result{}, err
		}
		h.TitleCount, h.BodyCount, h.ContextCount = int(tc), int(bc), int(cc)
		res.Total = int(total)
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}

// hasCase reports whether s has letters with an upper and a lower case.
func hasCase(s string) bool {
	for _, r := range s {
		if unicode.ToUpper(r) != unicode.ToLower(r) {
			return true
		}
	}
	return false
}

// likeEscaper escapes LIKE wildcards with the ESCAPE character \.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
