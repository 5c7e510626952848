package store

// Encryption at rest of sensitive fields (ledger.Field.Sensitive: ID
// numbers). GB/T 22239-2019 8.1.4.8 数据保密性 asks that important personal
// data be kept confidential in storage; 个人信息保护法 art 51 names
// encryption.
//
//   - The value of a sensitive field is stored sealed (internal/seal:
//     AES-256-GCM, random nonce, the key id in the text) in its column, and
//     its blind index (HMAC-SHA256 under a derived key) in the indexed column
//     NAME_bidx, which exact-value lookups and COUNT(DISTINCT) use.
//   - record_history keeps the sealed value under the field's label.
//   - The search index never holds a sensitive field (syncSearch refuses one).
//   - The key lives outside the database (seal.Load); the database keeps the
//     id of the key its values are sealed with (data_key_state), so a wrong
//     key is refused at open, never used to write.
//   - An older database with clear values is sealed when first opened with
//     this build, and a SQLite file is then vacuumed and its write-ahead log
//     truncated, so no clear value remains in the files.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"fazhi/internal/seal"
	"fazhi/ledger"
)

// Options configures OpenWith.
type Options struct {
	// DataKeyFile is the data key file (--data-key). "" looks in the
	// environment (FAZHI_DATA_KEY, FAZHI_DATA_KEY_FILE), then in the
	// default file: beside a SQLite database (fazhi.db.key), or for
	// PostgreSQL the user's configuration folder (~/.config/fazhi/data.key),
	// created with a new key on first use.
	DataKeyFile string
	// ReadDSN is a PostgreSQL streaming replica of the database (--db-read):
	// the read-only record queries go there (store/replica.go). "" reads
	// from the database itself.
	ReadDSN string
}

// DefaultKeyFile is the key file used when none is named: NAME.key beside
// a SQLite database; for PostgreSQL data.key in the user's configuration
// folder (os.UserConfigDir()/fazhi), "" when there is none.
func DefaultKeyFile(dsn string) string {
	if !IsPostgres(dsn) {
		return seal.DefaultFile(dsn)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "fazhi", "data.key")
}

// LoadKeys returns the keyring Open would use for dsn, and whether it
// created the default key file.
func LoadKeys(dsn string, opt Options) (*seal.Keyring, bool, error) {
	def := DefaultKeyFile(dsn)
	if def != "" && IsPostgres(dsn) && opt.DataKeyFile == "" {
		os.MkdirAll(filepath.Dir(def), 0o700)
	}
	return seal.Load(seal.Source{File: opt.DataKeyFile, Default: def})
}

// Keys is the keyring the database is sealed with (its current key is the
// database's key). Other packages seal their own sensitive values with it
// (the audit trail's before/after values).
func (db *DB) Keys() *seal.Keyring { return db.keyp.Load() }

// bidx is the blind-index column of a sensitive field.
func bidx(f *ledger.Field) string { return f.Name + "_bidx" }

// sensitiveFields lists the sensitive fields of d.
func sensitiveFields(d *ledger.Definition) []*ledger.Field {
	var out []*ledger.Field
	for i := range d.Fields {
		if d.Fields[i].Sensitive {
			out = append(out, &d.Fields[i])
		}
	}
	return out
}

// BlindIndex is the blind index of value v of sensitive field f as stored
// in its NAME_bidx column (v normalized as an import would).
func (db *DB) BlindIndex(f *ledger.Field, v string) string {
	if f.Normalize != nil {
		v = f.Normalize(v)
	}
	return db.Keys().BlindIndex(v)
}

// openSeal runs at open, after the migrations: it checks the key against
// the database's, or, on a database not yet sealed (new, or from an older
// build), seals every clear value and records the key.
func (db *DB) openSeal(ctx context.Context) error {
	var id string
	err := db.sql.QueryRowContext(ctx, `SELECT key_id FROM data_key_state WHERE id = 1`).Scan(&id)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if err == nil {
		k := db.Keys().WithCurrent(id)
		if k == nil {
			return fmt.Errorf("数据密钥不符：数据库中的证件号等敏感数据由编号为 %s 的数据密钥加密，而%s中的密钥编号为 %v；请用 --data-key 或环境变量 %s/%s 指定原来的密钥（见 docs/SECURITY.md“数据保密性”）",
				id, db.Keys().Source, db.Keys().IDs(), seal.EnvKey, seal.EnvKeyFile)
		}
		db.keyp.Store(k)
		return nil
	}
	n := 0
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if n, err = db.reseal(ctx, tx, db.Keys()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO data_key_state (id, key_id, updated_at) VALUES (1, ?, ?)`), db.Keys().ID(), time.Now().UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return fmt.Errorf("加密原有的证件号失败: %w", err)
	}
	if n > 0 {
		return db.scrub(ctx)
	}
	return nil
}

// scrub leaves no freed page with old values in a SQLite database: VACUUM
// rewrites the file, and the write-ahead log is checkpointed and truncated.
// PostgreSQL keeps dead row versions until VACUUM; its dumps hold only
// live rows.
func (db *DB) scrub(ctx context.Context) error {
	if db.Dialect == Postgres {
		for _, d := range ledger.All() {
			if len(sensitiveFields(d)) > 0 {
				db.sql.ExecContext(ctx, "VACUUM "+d.Table())
			}
		}
		db.sql.ExecContext(ctx, "VACUUM record_history")
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("整理数据库文件（VACUUM）失败: %w", err)
	}
	if _, err := db.sql.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("截断预写日志失败: %w", err)
	}
	return nil
}

// checkKey refuses a write when the database's key has been rotated since
// this process opened it: values sealed with the old key would be
// unreadable once the old key is gone. On PostgreSQL the row is share-locked,
// so a rotation waits for writes under way and writes wait for it.
func (db *DB) checkKey(ctx context.Context, tx *sql.Tx) error {
	q := `SELECT key_id FROM data_key_state WHERE id = 1`
	if db.Dialect == Postgres {
		q += " FOR SHARE"
	}
	var id string
	err := tx.QueryRowContext(ctx, q).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	if id != db.Keys().ID() {
		return fmt.Errorf("数据密钥已轮换（数据库现用密钥编号 %s，本进程为 %s）：请用新密钥重新启动服务后再修改数据", id, db.Keys().ID())
	}
	return nil
}

// sealValue is the stored text of sensitive value v.
func (db *DB) sealValue(v string) string { return db.Keys().Seal(v) }

// openValue is the clear value of stored sensitive text s.
func (db *DB) openValue(f *ledger.Field, s string) (string, error) {
	p, err := db.Keys().Open(s)
	if errors.Is(err, seal.ErrUnknownKey) {
		return "", fmt.Errorf("字段 %s 由编号为 %s 的数据密钥加密，本进程的密钥编号为 %s：数据密钥已轮换或密钥有误，请用数据库现用的密钥重新启动", f.Label, seal.KeyOf(s), db.Keys().ID())
	}
	if err != nil {
		return "", fmt.Errorf("字段 %s: %w", f.Label, err)
	}
	return p, nil
}

// sealedColumns are the text columns of other tables that hold sealed
// values (RegisterSealedColumn), re-encrypted by a key rotation.
var (
	sealedMu      sync.Mutex
	sealedColumns [][2]string
)

// RegisterSealedColumn names a column of another table (with an integer
// primary key "id") whose text holds values sealed with DB.Keys() (the
// audit trail's before/after values): RotateKey re-encrypts every sealed
// value found in it, wherever it stands in the text (a JSON object, a
// plain value). Whatever is computed over those values (a MAC chain) must
// be computed over the clear text, not over the ciphertext, which a
// rotation changes. Call it from an init function.
func RegisterSealedColumn(table, column string) {
	sealedMu.Lock()
	defer sealedMu.Unlock()
	sealedColumns = append(sealedColumns, [2]string{table, column})
}

// sealedToken matches a sealed value inside any text.
var sealedToken = regexp.MustCompile(`fzs1:[0-9a-f]{16}:[A-Za-z0-9+/]+`)

// resealColumn re-encrypts the sealed values in one registered column.
func (db *DB) resealColumn(ctx context.Context, tx *sql.Tx, table, col string, from, to *seal.Keyring) (int, error) {
	sel := db.rebind(fmt.Sprintf("SELECT id, %s FROM %s WHERE id > ? AND %s LIKE '%%fzs1:%%' ORDER BY id LIMIT %d", col, table, col, resealBatch))
	n := 0
	var last int64
	for {
		rows, err := tx.QueryContext(ctx, sel, last)
		if err != nil {
			return n, err
		}
		type row struct {
			id int64
			v  string
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.v); err != nil {
				rows.Close()
				return n, err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, r := range batch {
			last = r.id
			var ferr error
			nv := sealedToken.ReplaceAllStringFunc(r.v, func(tok string) string {
				if seal.KeyOf(tok) == to.ID() || ferr != nil {
					return tok
				}
				p, err := from.Open(tok)
				if err != nil {
					ferr = err
					return tok
				}
				return to.Seal(p)
			})
			if ferr != nil {
				return n, fmt.Errorf("%s 第 %d 行: %w", table, r.id, ferr)
			}
			if nv == r.v {
				continue
			}
			if _, err := tx.ExecContext(ctx, db.rebind(fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", table, col)), nv, r.id); err != nil {
				return n, err
			}
			n++
		}
	}
}

// resealBatch is how many rows reseal reads at a time.
const resealBatch = 500

// reseal makes every sensitive value of the database sealed with the
// current key of to and its blind index computed under it: clear values
// (an older database) are sealed, values sealed with another key of
// db.keys are re-encrypted (a rotation). It reads in batches by id, inside
// the caller's transaction, and returns how many rows it rewrote.
func (db *DB) reseal(ctx context.Context, tx *sql.Tx, to *seal.Keyring) (int, error) {
	from := db.Keys().Plus(to)
	n := 0
	for _, d := range ledger.All() {
		fs := sensitiveFields(d)
		if len(fs) == 0 {
			continue
		}
		m, err := db.resealLedger(ctx, tx, d, fs, from, to)
		if err != nil {
			return n, fmt.Errorf("%s: %w", d.Name, err)
		}
		n += m
		if m, err = db.resealHistory(ctx, tx, d, fs, from, to); err != nil {
			return n, fmt.Errorf("%s的修改记录: %w", d.Name, err)
		}
		n += m
	}
	sealedMu.Lock()
	cols := append([][2]string(nil), sealedColumns...)
	sealedMu.Unlock()
	for _, c := range cols {
		m, err := db.resealColumn(ctx, tx, c[0], c[1], from, to)
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

func (db *DB) resealLedger(ctx context.Context, tx *sql.Tx, d *ledger.Definition, fs []*ledger.Field, from, to *seal.Keyring) (int, error) {
	cols := ""
	for _, f := range fs {
		cols += ", " + f.Name + ", " + bidx(f)
	}
	sel := db.rebind(fmt.Sprintf("SELECT id%s FROM %s WHERE id > ? ORDER BY id LIMIT %d", cols, d.Table(), resealBatch))
	n := 0
	var last int64
	for {
		type row struct {
			id   int64
			vals []sql.NullString
		}
		rows, err := tx.QueryContext(ctx, sel, last)
		if err != nil {
			return n, err
		}
		var batch []row
		for rows.Next() {
			r := row{vals: make([]sql.NullString, 2*len(fs))}
			ptrs := []any{&r.id}
			for i := range r.vals {
				ptrs = append(ptrs, &r.vals[i])
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return n, err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, r := range batch {
			last = r.id
			var sets []string
			var args []any
			for i, f := range fs {
				v, idx := r.vals[2*i], r.vals[2*i+1]
				if !v.Valid {
					continue
				}
				plain, err := from.Open(v.String)
				if err != nil {
					return n, fmt.Errorf("第 %d 条记录的%s: %w", r.id, f.Label, err)
				}
				want := to.BlindIndex(plain)
				if seal.KeyOf(v.String) == to.ID() && idx.String == want {
					continue
				}
				sets = append(sets, f.Name+" = ?", bidx(f)+" = ?")
				args = append(args, to.Seal(plain), nullable(want))
			}
			if len(sets) == 0 {
				continue
			}
			args = append(args, r.id)
			q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", d.Table(), joinComma(sets))
			if _, err := tx.ExecContext(ctx, db.rebind(q), args...); err != nil {
				return n, err
			}
			n++
		}
	}
}

func (db *DB) resealHistory(ctx context.Context, tx *sql.Tx, d *ledger.Definition, fs []*ledger.Field, from, to *seal.Keyring) (int, error) {
	sel := db.rebind(fmt.Sprintf("SELECT id, old_values, new_values FROM record_history WHERE ledger = ? AND id > ? ORDER BY id LIMIT %d", resealBatch))
	n := 0
	var last int64
	for {
		type row struct {
			id     int64
			ov, nv sql.NullString
		}
		rows, err := tx.QueryContext(ctx, sel, d.ID, last)
		if err != nil {
			return n, err
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.ov, &r.nv); err != nil {
				rows.Close()
				return n, err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, r := range batch {
			last = r.id
			ov, c1, err := resealJSON(r.ov, fs, from, to)
			if err != nil {
				return n, fmt.Errorf("第 %d 条修改记录: %w", r.id, err)
			}
			nv, c2, err := resealJSON(r.nv, fs, from, to)
			if err != nil {
				return n, fmt.Errorf("第 %d 条修改记录: %w", r.id, err)
			}
			if !c1 && !c2 {
				continue
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE record_history SET old_values = ?, new_values = ? WHERE id = ?`), ov, nv, r.id); err != nil {
				return n, err
			}
			n++
		}
	}
}

// resealJSON reseals the sensitive labels of one history JSON object.
func resealJSON(s sql.NullString, fs []*ledger.Field, from, to *seal.Keyring) (any, bool, error) {
	if !s.Valid {
		return nil, false, nil
	}
	m := map[string]string{}
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return s.String, false, nil // not fazhi's JSON: left as it is
	}
	changed := false
	for _, f := range fs {
		v, ok := m[f.Label]
		if !ok || v == "" || seal.KeyOf(v) == to.ID() {
			continue
		}
		plain, err := from.Open(v)
		if err != nil {
			return nil, false, err
		}
		m[f.Label] = to.Seal(plain)
		changed = true
	}
	if !changed {
		return s.String, false, nil
	}
	b, _ := json.Marshal(m)
	return string(b), true, nil
}

// openHistory replaces the sealed values of a history JSON object by their
// clear text (the application masks them for readers without clearance).
func (db *DB) openHistory(d *ledger.Definition, m map[string]string) error {
	for _, f := range sensitiveFields(d) {
		if v, ok := m[f.Label]; ok && v != "" {
			p, err := db.openValue(f, v)
			if err != nil {
				return err
			}
			m[f.Label] = p
		}
	}
	return nil
}

// RotateKey re-encrypts every sensitive value and recomputes every blind
// index under the first key of to, in one transaction read in batches, and
// records it as the database's key. Until it commits, readers keep using
// the old key; writers of this and other processes wait (PostgreSQL: the
// data_key_state row lock) and, afterwards, are refused until restarted
// with the new key. Returns the rows rewritten.
func (db *DB) RotateKey(ctx context.Context, to *seal.Keyring) (int, error) {
	n := 0
	both := db.Keys().Plus(to)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT key_id FROM data_key_state WHERE id = 1`
		if db.Dialect == Postgres {
			q += " FOR UPDATE"
		}
		var id string
		if err := tx.QueryRowContext(ctx, q).Scan(&id); err != nil {
			return fmt.Errorf("读取数据密钥状态: %w", err)
		}
		if !both.Has(id) {
			return fmt.Errorf("数据库现用密钥编号 %s，不是本进程的密钥（%v）", id, db.Keys().IDs())
		}
		var err error
		if n, err = db.reseal(ctx, tx, to); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE data_key_state SET key_id = ?, updated_at = ? WHERE id = 1`), to.ID(), time.Now().UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("轮换数据密钥失败（数据未变）: %w", err)
	}
	db.keyp.Store(both)
	return n, db.scrub(ctx)
}

// DataKeyID returns the id of the key the database records ("" before any).
func (db *DB) DataKeyID(ctx context.Context) (string, error) {
	var id string
	err := db.sql.QueryRowContext(ctx, `SELECT key_id FROM data_key_state WHERE id = 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
