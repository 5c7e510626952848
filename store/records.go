package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fazhi/ledger"
)

// SaveResult counts what a save did.
type SaveResult struct {
	Inserted, Updated, Unchanged int
	// FieldChanges counts, per field label, the stored records whose value
	// of that field changed (new records are not counted).
	FieldChanges map[string]int
}

// Change names who changes records, from where and within which scope.
type Change struct {
	Actor  string // the account (or 本机管理员:OS user) for the history
	Source string // file name, or "web", "命令行"
	// Progress, when set, is told every few hundred records how many are saved.
	Progress func(done, total int)
	// Scope is the writer's data scope: an existing record is changed only
	// when the unit that keeps it lies in the scope (ScopeOwn: when the
	// account entered it). The zero Scope is refused.
	Scope ledger.Scope
	// Units resolves the scope's subtree; nil loads the unit tree.
	Units *ledger.UnitTree
	// RecordUnit keeps the records this change inserts (录入单位): the
	// acting account's unit. Empty: the record's owner unit.
	RecordUnit string
	// Account is stored as the creator of inserted records.
	Account string
	// Env re-derives due dates and durations from the whole record after
	// the change (stored values merged with the row); nil keeps derived
	// fields as the rows give them.
	Env ledger.Env
	// InsertOnly refuses rows whose key exists (adding one record).
	InsertOnly bool
	// UpdateOnly refuses rows whose key does not exist (editing one record).
	UpdateOnly bool
	// Action names the history entry of an update ("修改" by default).
	Action string
	// KeysChecked says the caller has already refused rows repeating a
	// key (the importer does, file-wide): the saver then keeps no set of
	// the keys it inserted, which for a million rows is tens of MB.
	KeysChecked bool
}

// Row is one record to save and what its source says about it.
type Row struct {
	Record ledger.Record
	// Present lists the fields the source gives for this row; nil means
	// the present list of the call. Fields not present keep their stored
	// values, so a file that lacks a column (or a blank cell the user did
	// not ask to clear) never erases what was entered.
	Present []string
	// Version is the record version the source was based on (an export's
	// 版本 column, an edit form); 0 when the source does not say.
	Version int64
	// Line is the source's row number for messages (0: none).
	Line int
}

// ErrKind classifies a refused row or record.
type ErrKind int

const (
	Invalid   ErrKind = iota + 1 // the merged record breaks a rule
	Conflict                     // the key is taken or deleted, or the row is stale
	Forbidden                    // outside the writer's scope
	NotFound                     // no such record
)

// RowError is one refused row.
type RowError struct {
	Index int    // position in the rows given
	Line  int    // the source's row number (Row.Line)
	Key   string // the record's natural key as staff write it
	Field string // the field's label, "" for the whole record
	Kind  ErrKind
	Msg   string // Chinese reason
}

func (e RowError) Error() string {
	s := ""
	if e.Line > 0 {
		s = fmt.Sprintf("第%d行:", e.Line)
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Msg
}

// SaveError lists the refused rows of a save; nothing was written. Rows
// keeps the first MaxRowErrors of them; Total counts every one.
type SaveError struct {
	Rows  []RowError
	Total int
}

// MaxRowErrors is how many refused rows a save keeps in full; the rest
// are counted, so a save of a million bad rows stays in bounded memory.
const MaxRowErrors = 1000

// Count is the number of refused rows (Total, or len(Rows) when unset).
func (e *SaveError) Count() int { return max(e.Total, len(e.Rows)) }

func (e *SaveError) Error() string {
	msgs := make([]string, 0, len(e.Rows))
	for i, r := range e.Rows {
		if i == 20 {
			msgs = append(msgs, fmt.Sprintf("……共%d处", e.Count()))
			break
		}
		msgs = append(msgs, r.Error())
	}
	return strings.Join(msgs, "；")
}

// Kind is the kind of the first refused row.
func (e *SaveError) Kind() ErrKind {
	if len(e.Rows) == 0 {
		return Invalid
	}
	return e.Rows[0].Kind
}

// SaveRecords saves records that all carry the fields in present; see SaveRows.
func (db *DB) SaveRecords(ctx context.Context, d *ledger.Definition, recs []ledger.Record, present []string, ch Change) (SaveResult, error) {
	rows := make([]Row, len(recs))
	for i, r := range recs {
		rows[i] = Row{Record: r, Present: present}
	}
	return db.SaveRows(ctx, d, rows, ch)
}

// SaveRows inserts or updates records by natural key, all in one
// transaction: either every row is saved or none is, and a *SaveError lists
// every refused row. See Saver for the rules.
func (db *DB) SaveRows(ctx context.Context, d *ledger.Definition, rows []Row, ch Change) (SaveResult, error) {
	done := false
	return db.SaveStream(ctx, d, ch, func() ([]Row, error) {
		if done {
			return nil, nil
		}
		done = true
		if rows == nil {
			rows = []Row{}
		}
		return rows, nil
	})
}

// SaveStream saves the rows next yields, batch after batch, in one
// transaction, so that a file of any size is imported whole or not at all
// without holding its rows in memory. next returns nil when done.
func (db *DB) SaveStream(ctx context.Context, d *ledger.Definition, ch Change, next func() ([]Row, error)) (SaveResult, error) {
	var res SaveResult
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := db.newSaver(ctx, tx, d, ch)
		if err != nil {
			return err
		}
		defer s.Close()
		for {
			rows, err := next()
			if err != nil {
				// The rows refused so far go with the caller's error.
				return errors.Join(err, s.Err())
			}
			if rows == nil {
				break
			}
			if err := s.Save(ctx, rows); err != nil {
				return err
			}
		}
		res = s.res
		return s.Err()
	})
	if err != nil {
		return SaveResult{}, err
	}
	if res.Inserted+res.Updated >= AnalyzeAfter {
		// Statistics are advice to the planner: the records are saved
		// whether or not this succeeds.
		_ = db.Analyze(ctx, d.Table(), "search_doc")
	}
	return res, nil
}

// saveTx saves rows inside a transaction the caller owns, so that several
// ledgers change together (a publication changes normdoc_cleanup and
// normdoc at once).
func (db *DB) saveTx(ctx context.Context, tx *sql.Tx, d *ledger.Definition, recs []ledger.Record, present []string, ch Change) (SaveResult, error) {
	s, err := db.newSaver(ctx, tx, d, ch)
	if err != nil {
		return SaveResult{}, err
	}
	defer s.Close()
	rows := make([]Row, len(recs))
	for i, r := range recs {
		rows[i] = Row{Record: r, Present: present}
	}
	if err := s.Save(ctx, rows); err != nil {
		return SaveResult{}, err
	}
	return s.res, s.Err()
}

// saver is the one write path of ledger records: the import, a form, a
// recomputation and the cleanup workflow all save through it. For each row:
//   - the stored record (live or deleted) is found by natural key;
//   - a deleted key is refused, naming the deletion (only a restore revives it);
//   - an existing record is changed only when its recording unit lies in
//     the writer's scope;
//   - the row's present fields are merged over the stored record; a masked
//     value sent back unchanged (an exported 410***********06X) keeps the
//     stored value;
//   - a row based on an older version is refused where it differs in a
//     field changed since that version;
//   - derived fields are recomputed and record rules checked on the whole
//     merged record, never on the changed cells alone;
//   - real changes are written with version+1 and a record_history entry.
type saver struct {
	db        *DB
	tx        *sql.Tx
	d         *ledger.Definition
	ch        Change
	now       string
	all       []*ledger.Field
	writable  func(unit, account string) bool
	res       SaveResult
	errs      []RowError
	nerrs     int // every refused row; errs keeps MaxRowErrors
	seen      int
	keysSaved *keySet
	district  string          // the district records are found and inserted in
	pending   []pendingInsert // new records of the batch, inserted by flush
}

func (db *DB) newSaver(ctx context.Context, tx *sql.Tx, d *ledger.Definition, ch Change) (*saver, error) {
	if err := ch.Scope.Valid(); err != nil {
		return nil, err
	}
	s := &saver{db: db, tx: tx, d: d, ch: ch, now: db.Now().UTC().Format(time.RFC3339), keysSaved: newKeySet()}
	s.res.FieldChanges = map[string]int{}
	s.all = make([]*ledger.Field, len(d.Fields))
	for i := range d.Fields {
		s.all[i] = &d.Fields[i]
	}
	if err := db.checkKey(ctx, tx); err != nil {
		return nil, err
	}
	var err error
	if s.district, err = db.keyDistrict(ctx, tx, ch.Scope); err != nil {
		return nil, err
	}
	s.writable, err = db.writeCheck(ctx, tx, ch)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// writeCheck returns whether a record kept by unit and entered by account
// may be changed within ch.Scope.
func (db *DB) writeCheck(ctx context.Context, q querier, ch Change) (func(unit, account string) bool, error) {
	sc := ch.Scope
	switch sc.Kind {
	case ledger.ScopeAll:
		return func(string, string) bool { return true }, nil
	case ledger.ScopeUnit:
		return func(unit, _ string) bool { return unit == sc.Unit }, nil
	case ledger.ScopeOwn:
		return func(_, account string) bool { return account == sc.Account }, nil
	}
	tree := ch.Units
	if tree == nil {
		units, err := db.unitsFrom(ctx, q)
		if err != nil {
			return nil, err
		}
		tree = ledger.NewUnitTree(units)
	}
	in := tree.Subtree(sc.Unit)
	return func(unit, _ string) bool { return in[unit] }, nil
}

func (s *saver) Close() {}

// ownerOK reports whether the unit record r counts for may be named by the
// writer: on a unit's own ledgers a writer below the district level names
// only units within its scope, so no unit adds to another's figures; on
// central ledgers (kept by the Justice Bureau) any unit.
func (s *saver) ownerOK(r ledger.Record) bool {
	d := s.d
	if d.Central || d.Owner == "" || s.ch.Scope.Kind == ledger.ScopeAll {
		return true
	}
	code := r.String(d.Owner)
	if code == "" {
		return true
	}
	if s.ch.Scope.Kind == ledger.ScopeOwn {
		return code == s.ch.Scope.Unit
	}
	return s.writable(code, "")
}

// Err returns the refused rows as a *SaveError, or nil.
func (s *saver) Err() error {
	if len(s.errs) == 0 {
		return nil
	}
	return &SaveError{Rows: s.errs, Total: s.nerrs}
}

func (s *saver) refuse(i int, row Row, key, field string, kind ErrKind, msg string) {
	s.nerrs++
	if len(s.errs) < MaxRowErrors {
		s.errs = append(s.errs, RowError{Index: i, Line: row.Line, Key: key, Field: field, Kind: kind, Msg: msg})
	}
}

// Save saves one batch of rows. Refused rows are collected (Err); other
// errors end the save. The batch's stored records are found together and
// its new records inserted together (save_batch.go).
func (s *saver) Save(ctx context.Context, rows []Row) error {
	d := s.d
	found, err := s.lookup(ctx, rows)
	if err != nil {
		return err
	}
	for n, row := range rows {
		i := s.seen + n
		if s.ch.Progress != nil && i > 0 && i%500 == 0 {
			s.ch.Progress(i, 0)
		}
		r := row.Record
		key := d.KeyText(r)
		present := row.Present
		if found[n] == nil {
			if s.ch.UpdateOnly {
				s.refuse(i, row, key, "", NotFound, fmt.Sprintf("%s“%s”不存在", d.Name, key))
				continue
			}
			s.insert(i, row, key)
			continue
		}
		old, id := found[n].rec, found[n].id
		writable := s.writable(old.String(ledger.MetaRecordUnit), old.String(ledger.MetaCreatedBy))
		if at := old.String(ledger.MetaDeletedAt); at != "" && writable {
			s.refuse(i, row, key, "", Conflict, fmt.Sprintf("%s“%s”已于%s被%s删除（原因：%s），不能再次录入；如需恢复，请使用“恢复”", d.Name, key,
				shortTime(at), old.String(ledger.MetaDeletedBy), old.String(ledger.MetaDeleteWhy)))
			continue
		}
		if s.ch.InsertOnly {
			s.refuse(i, row, key, "", Conflict, fmt.Sprintf("%s“%s”已存在", d.Name, key))
			continue
		}
		if !writable {
			// The same answer for a live and a deleted record of another
			// unit: who deleted it and why is that unit's business.
			s.refuse(i, row, key, "", Forbidden, fmt.Sprintf("%s“%s”不是本单位录入的记录，无权修改", d.Name, key))
			continue
		}
		if err := s.update(ctx, i, row, key, id, old, present); err != nil {
			return err
		}
	}
	s.seen += len(rows)
	return s.flush(ctx)
}

// insert checks a new record and queues it for the batch's INSERT.
func (s *saver) insert(i int, row Row, key string) {
	d := s.d
	if !s.ch.KeysChecked && !s.keysSaved.add(key) {
		s.refuse(i, row, key, "", Conflict, fmt.Sprintf("%s“%s”重复", d.Name, key))
		return
	}
	r := row.Record
	if s.ch.Env != nil {
		for _, e := range d.Rederive(r, s.ch.Env) {
			if !e.Warning {
				s.refuse(i, row, key, e.Label, Invalid, e.Msg)
				return
			}
		}
	}
	unit := s.ch.RecordUnit
	if unit == "" && d.Owner != "" && !d.Central {
		unit = r.String(d.Owner)
	}
	if !s.writable(unit, s.ch.Account) {
		s.refuse(i, row, key, "", Forbidden, fmt.Sprintf("无权为本单位以外的单位录入%s", d.Name))
		return
	}
	if !s.ownerOK(r) {
		s.refuse(i, row, key, d.Field(d.Owner).Label, Forbidden, fmt.Sprintf("无权为本单位以外的单位录入%s（%s不在您的数据范围内）", d.Name, d.Field(d.Owner).Label))
		return
	}
	for j := range d.Fields {
		f := &d.Fields[j]
		if v, ok := r[f.Name].(string); ok && f.LooksMasked(v) {
			s.refuse(i, row, key, f.Label, Invalid, fmt.Sprintf("“%s”是打码后的值，新记录须填写完整的%s", v, f.Label))
			return
		}
	}
	s.pending = append(s.pending, pendingInsert{key: d.KeyOf(r), rec: r, unit: unit})
}

func (s *saver) update(ctx context.Context, i int, row Row, key string, id int64, old ledger.Record, present []string) error {
	d := s.d
	merged := ledger.Record{}
	for k, v := range old {
		merged[k] = v
	}
	for _, n := range present {
		f := d.Field(n)
		if f == nil {
			return fmt.Errorf("台账 %s 没有字段 %s", d.ID, n)
		}
		v, ok := row.Record[n]
		if f.Masked() && ok {
			if sv, isStr := v.(string); isStr && sv != "" && sv == f.MaskText(old.String(n)) {
				continue // a masked copy of the stored value: unchanged
			} else if isStr && f.LooksMasked(sv) {
				s.refuse(i, row, key, f.Label, Invalid, fmt.Sprintf("“%s”是打码后的值，与库中的%s不符；请填写完整的值，或保留导出时的打码值", sv, f.Label))
				return nil
			}
		}
		if !ok || v == nil {
			delete(merged, n)
		} else {
			merged[n] = v
		}
	}
	if !s.ownerOK(merged) {
		s.refuse(i, row, key, d.Field(d.Owner).Label, Forbidden, fmt.Sprintf("无权把%s“%s”改为本单位以外的单位", d.Name, key))
		return nil
	}
	if s.ch.Env != nil {
		bad := false
		for _, c := range d.Checks {
			if err := c.Check(merged); err != nil {
				s.refuse(i, row, key, d.Field(c.Field).Label, Invalid, err.Error())
				bad = true
			}
		}
		if bad {
			return nil
		}
		for _, e := range d.Rederive(merged, s.ch.Env) {
			if !e.Warning {
				s.refuse(i, row, key, e.Label, Invalid, e.Msg)
				return nil
			}
		}
	}
	var changed []*ledger.Field
	for _, f := range s.all {
		if f.Format(old[f.Name], nil) != f.Format(merged[f.Name], nil) {
			changed = append(changed, f)
		}
	}
	version := old.Version()
	if row.Version > 0 && row.Version != version && len(changed) > 0 {
		stale, err := s.db.changedSince(ctx, s.tx, d, id, row.Version)
		if err != nil {
			return err
		}
		var labels, whos []string
		first := ""
		for _, f := range changed {
			if by, ok := stale[f.Label]; ok {
				labels = append(labels, "“"+f.Label+"”（现为“"+f.Format(old[f.Name], nil)+"”）")
				whos = append(whos, by)
				if first == "" {
					first = f.Label
				}
			}
		}
		if len(labels) > 0 {
			s.refuse(i, row, key, first, Conflict, fmt.Sprintf("%s“%s”的%s在第%d版之后已被%s修改（现为第%d版），本行依据的是旧版本，未覆盖；请重新导出后再修改",
				d.Name, key, strings.Join(labels, "、"), row.Version, whos[0], version))
			return nil
		}
	}
	if len(changed) == 0 {
		s.res.Unchanged++
		return nil
	}
	if err := s.db.update(ctx, s.tx, d, id, merged, changed, s.now, version+1); err != nil {
		return fmt.Errorf("更新%s %s 失败: %w", d.Name, key, err)
	}
	s.res.Updated++
	for _, f := range changed {
		s.res.FieldChanges[f.Label]++
	}
	action := s.ch.Action
	if action == "" {
		action = "修改"
	}
	return s.db.history(ctx, s.tx, d, id, action, s.now, s.ch, pick(old, changed), pick(merged, changed), version+1)
}

// ChangedSince returns, by field label, who changed each field of record
// id after version v, and when ("张三于2022-12-01 09:30").
func (db *DB) ChangedSince(ctx context.Context, d *ledger.Definition, id, v int64) (map[string]string, error) {
	return db.changedSince(ctx, db.sql, d, id, v)
}

func (db *DB) changedSince(ctx context.Context, q querier, d *ledger.Definition, id, v int64) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, db.rebind(`SELECT actor, changed_at, new_values FROM record_history WHERE ledger = ? AND record_id = ? AND version > ? ORDER BY id`), d.ID, id, v)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var actor, at string
		var nv sql.NullString
		if err := rows.Scan(&actor, &at, &nv); err != nil {
			return nil, err
		}
		m := map[string]string{}
		if nv.Valid {
			json.Unmarshal([]byte(nv.String), &m)
		}
		for label := range m {
			out[label] = actor + "于" + shortTime(at)
		}
	}
	return out, rows.Err()
}

func (db *DB) update(ctx context.Context, tx *sql.Tx, d *ledger.Definition, id int64, r ledger.Record, fields []*ledger.Field, now string, version int64) error {
	sets := make([]string, 0, len(fields)+2)
	args := make([]any, 0, len(fields)+3)
	for _, f := range fields {
		sets = append(sets, f.Name+" = ?")
		args = append(args, db.encode(f, r[f.Name]))
		if f.Sensitive {
			sets = append(sets, bidx(f)+" = ?")
			args = append(args, db.bidxArg(r[f.Name]))
		}
	}
	sets = append(sets, "updated_at = ?", "version = ?")
	args = append(args, now, version, id)
	_, err := tx.ExecContext(ctx, db.rebind(fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", d.Table(), strings.Join(sets, ", "))), args...)
	return err
}

func (db *DB) history(ctx context.Context, tx *sql.Tx, d *ledger.Definition, id int64, action, now string, ch Change, old, new ledger.Record, version int64) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO record_history (ledger, record_id, action, changed_at, actor, source, old_values, new_values, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		d.ID, id, action, now, ch.Actor, ch.Source, db.recordJSON(d, old), db.recordJSON(d, new), version)
	return err
}

// recordJSON renders values by Chinese label, as a person would read them;
// sensitive values sealed.
func (db *DB) recordJSON(d *ledger.Definition, r ledger.Record) any {
	if r == nil {
		return nil
	}
	m := map[string]string{}
	for _, f := range d.Fields {
		if v, ok := r[f.Name]; ok {
			m[f.Label] = f.Format(v, nil)
			if f.Sensitive {
				m[f.Label] = db.sealValue(m[f.Label])
			}
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func pick(r ledger.Record, fields []*ledger.Field) ledger.Record {
	out := ledger.Record{}
	for _, f := range fields {
		out[f.Name] = r[f.Name]
	}
	return out
}

func columnList(fields []*ledger.Field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// keyWhere finds a record by district and natural key (arguments in that order).
func keyWhere(d *ledger.Definition) string {
	parts := make([]string, 0, len(d.Key)+1)
	parts = append(parts, "district = ?")
	for _, k := range d.Key {
		parts = append(parts, k+" = ?")
	}
	return strings.Join(parts, " AND ")
}

// keyDistrict is the district in which a natural key names a record: the
// scope's district, or the one of ctx (tenant).
func (db *DB) keyDistrict(ctx context.Context, q querier, s ledger.Scope) (string, error) {
	if s.District != "" {
		return s.District, nil
	}
	return db.tenantFrom(ctx, q)
}

func (db *DB) toRecord(fields []*ledger.Field, vals []any) (ledger.Record, int64, error) {
	id := toInt64(vals[0])
	r := ledger.Record{}
	for i, f := range fields {
		v, err := decode(f, vals[i+1])
		if err != nil {
			return nil, 0, err
		}
		if s, ok := v.(string); ok && f.Sensitive {
			if v, err = db.openValue(f, s); err != nil {
				return nil, 0, err
			}
		}
		if v != nil {
			r[f.Name] = v
		}
	}
	return r, id, nil
}

// shortTime renders a stored RFC 3339 time as 2022-12-01 09:30 (UTC+8).
func shortTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04")
}

// IsKind reports whether err is a *SaveError of kind k, or one of the
// record errors of this package of that kind.
func IsKind(err error, k ErrKind) bool {
	var se *SaveError
	if errors.As(err, &se) {
		return se.Kind() == k
	}
	var re RowError
	if errors.As(err, &re) {
		return re.Kind == k
	}
	return false
}
