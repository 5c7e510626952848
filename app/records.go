package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fazhi/ledger"
	"fazhi/store"
)

// Ledger resolves a ledger by ID (reconsideration) or Chinese name (行政复议案件).
func Ledger(id string) (*ledger.Definition, error) {
	if d, ok := ledger.Get(id); ok {
		return d, nil
	}
	var names []string
	for _, d := range ledger.All() {
		if d.Name == id {
			return d, nil
		}
		names = append(names, d.ID+"（"+d.Name+"）")
	}
	return nil, errorf(NotFound, "未知台账“%s”，可用的台账：%s", id, strings.Join(names, "、"))
}

// RecordView is one record as the actor may see it: personal fields masked
// unless the actor is cleared for them (Actor.clearText), with its
// bookkeeping.
type RecordView struct {
	Ledger     *ledger.Definition
	Record     ledger.Record // field values; masked fields hold masked text
	Key        string        // the natural key as staff write it
	Version    int64
	RecordUnit string // unit code that keeps the record (录入单位)
	CreatedBy  string
	Deleted    bool
	DeletedAt  string
	DeletedBy  string
	DeleteWhy  string
	Masked     bool // some personal field is shown masked
	Unchanged  bool // an edit that changed nothing
}

func (a *App) view(act Actor, d *ledger.Definition, r ledger.Record) RecordView {
	v := RecordView{Ledger: d, Record: r, Key: d.KeyText(r), Version: r.Version(),
		RecordUnit: r.String(ledger.MetaRecordUnit), CreatedBy: r.String(ledger.MetaCreatedBy),
		DeletedAt: shortTime(r.String(ledger.MetaDeletedAt)), DeletedBy: r.String(ledger.MetaDeletedBy), DeleteWhy: r.String(ledger.MetaDeleteWhy)}
	v.Deleted = v.DeletedAt != ""
	if !act.clearText(v.RecordUnit) {
		v.Record, v.Masked = maskRecord(d, r)
	}
	return v
}

// maskRecord returns a copy of r with its personal fields masked.
func maskRecord(d *ledger.Definition, r ledger.Record) (ledger.Record, bool) {
	out := ledger.Record{}
	for k, v := range r {
		out[k] = v
	}
	masked := false
	for i := range d.Fields {
		f := &d.Fields[i]
		if s, ok := r[f.Name].(string); ok && f.Masked() && s != "" {
			out[f.Name] = f.MaskText(s)
			masked = true
		}
	}
	return out, masked
}

// ListQuery selects a page of one ledger's records.
type ListQuery struct {
	Year     int               // any date of the record in Year; 0: every year
	Unit     string            // unit code, name or short name: records counted for it and the units below
	Text     string            // a Chinese substring of any text field
	Filters  map[string]string // field name → value (enum fields, 是/否)
	Sort     string            // a field name; "" by natural key
	Desc     bool
	Page     int // 1-based; 0 is 1
	PageSize int // 0: 50
	Deleted  bool
}

// RecordPage is one page of records and the total that match.
type RecordPage struct {
	Ledger   *ledger.Definition
	Records  []RecordView
	Total    int
	Page     int
	PageSize int
}

// ListRecords returns the records of ledger id that the actor may read,
// page by page. Asking for a unit outside the actor's scope is Forbidden.
func (a *App) ListRecords(ctx context.Context, id string, lq ListQuery) (RecordPage, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return RecordPage{}, err
	}
	q, err := a.query(ctx, act, d, lq.Year, lq.Unit)
	if err != nil {
		return RecordPage{}, err
	}
	q.Text, q.Deleted, q.OrderBy, q.Descending = strings.TrimSpace(lq.Text), lq.Deleted, lq.Sort, lq.Desc
	q.TextExact = act.clearUnits() // an ID number typed in full finds its record where the actor sees it
	keys := make([]string, 0, len(lq.Filters))
	for k := range lq.Filters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, n := range keys {
		f := fieldByName(d, n)
		if f == nil {
			return RecordPage{}, errorf(Invalid, "%s台账没有字段“%s”", d.Name, n)
		}
		if strings.TrimSpace(lq.Filters[n]) == "" {
			continue
		}
		v, err := f.Parse(lq.Filters[n])
		if err != nil {
			return RecordPage{}, errorf(Invalid, "%s: %v", f.Label, err)
		}
		q.Conds = append(q.Conds, ledger.In(f.Name, v))
	}
	if lq.PageSize <= 0 {
		lq.PageSize = 50
	}
	if lq.Page <= 0 {
		lq.Page = 1
	}
	q.Limit, q.Offset = lq.PageSize, (lq.Page-1)*lq.PageSize
	recs, total, err := a.db.FindRecords(ctx, d, q)
	if err != nil {
		return RecordPage{}, err
	}
	p := RecordPage{Ledger: d, Total: total, Page: lq.Page, PageSize: lq.PageSize}
	for _, r := range recs {
		p.Records = append(p.Records, a.view(act, d, r))
	}
	if err := a.auditClearViews(ctx, d, "列表", p.Records); err != nil {
		return RecordPage{}, err
	}
	return p, nil
}

// reader returns the actor, who must be allowed to read records, and the ledger.
func (a *App) reader(ctx context.Context, id string) (Actor, *ledger.Definition, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, nil, err
	}
	if err := require(act, permRead, "查看台账记录"); err != nil {
		return act, nil, err
	}
	d, err := Ledger(id)
	return act, d, err
}

// query is the storage query of a read: the actor's scope, and an explicit
// unit, which must lie inside that scope.
func (a *App) query(ctx context.Context, act Actor, d *ledger.Definition, year int, unit string) (ledger.Query, error) {
	q := ledger.Query{Year: year, Scope: act.readScope()}
	if err := q.Scope.Valid(); err != nil {
		return q, errorf(Forbidden, "%s无权查看台账记录", act.describe())
	}
	code, err := a.unitInScope(ctx, act, unit)
	if err != nil {
		return q, err
	}
	q.Unit = code
	return q, nil
}

// unitInScope resolves an explicitly asked unit and refuses one outside
// the actor's scope ("" stays "").
func (a *App) unitInScope(ctx context.Context, act Actor, unit string) (string, error) {
	if unit == "" {
		return "", nil
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return "", err
	}
	code, err := lookupUnit(tree, unit)
	if err != nil {
		return "", err
	}
	s := act.readScope()
	switch s.Kind {
	case ledger.ScopeAll:
		return code, nil
	case ledger.ScopeSubtree:
		if tree.Subtree(s.Unit)[code] {
			return code, nil
		}
	case ledger.ScopeUnit:
		if code == s.Unit {
			return code, nil
		}
	}
	return "", errorf(Forbidden, "%s的数据范围不含“%s”", act.describe(), tree.Name(code))
}

func fieldByName(d *ledger.Definition, n string) *ledger.Field {
	if f := d.Field(n); f != nil {
		return f
	}
	for i := range d.Fields {
		if d.Fields[i].Label == n || ledger.FoldLabel(d.Fields[i].Label) == ledger.FoldLabel(n) {
			return &d.Fields[i]
		}
	}
	return nil
}

// parseKey turns a natural key as staff write it (偃政复〔2022〕1号; the
// parts of a composite key separated by /) into key field values.
func (a *App) parseKey(ctx context.Context, d *ledger.Definition, key string) (ledger.Record, error) {
	parts := []string{key}
	if len(d.Key) > 1 {
		parts = strings.Split(key, "/")
		if len(parts) != len(d.Key) {
			return nil, errorf(Invalid, "%s的记录以“%s”标识，各部分用 / 分开（如 %s）", d.Name, d.KeyLabels(), strings.Repeat("…/", len(d.Key)-1)+"…")
		}
	}
	r := ledger.Record{}
	var tree *ledger.UnitTree
	for i, k := range d.Key {
		f := d.Field(k)
		v, err := f.Parse(strings.TrimSpace(parts[i]))
		if err != nil {
			return nil, errorf(Invalid, "%s: %v", f.Label, err)
		}
		if v == nil {
			return nil, errorf(Invalid, "请给出%s", f.Label)
		}
		if f.Type == ledger.UnitRef {
			if tree == nil {
				if tree, err = a.db.UnitTree(ctx); err != nil {
					return nil, err
				}
			}
			if v, err = lookupUnit(tree, v.(string)); err != nil {
				return nil, err
			}
		}
		r[k] = v
	}
	return r, nil
}

// GetRecord returns one record, deleted or not. Errors: NotFound, Forbidden
// (outside the actor's read scope).
func (a *App) GetRecord(ctx context.Context, id, key string) (RecordView, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return RecordView{}, err
	}
	k, err := a.parseKey(ctx, d, key)
	if err != nil {
		return RecordView{}, err
	}
	r, err := a.db.GetRecord(ctx, d, k, act.readScope())
	if err != nil {
		return RecordView{}, err
	}
	v := a.view(act, d, r)
	if err := a.auditClearViews(ctx, d, "记录", []RecordView{v}); err != nil {
		return RecordView{}, err
	}
	return v, nil
}

// writer returns the actor, who must be allowed to write records, the
// ledger and the change every write of the actor carries.
func (a *App) writer(ctx context.Context, id, source string) (Actor, *ledger.Definition, store.Change, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, nil, store.Change{}, err
	}
	if err := require(act, permWrite, "录入或修改台账记录"); err != nil {
		return act, nil, store.Change{}, err
	}
	d, err := Ledger(id)
	if err != nil {
		return act, nil, store.Change{}, err
	}
	if err := centralCheck(act, d); err != nil {
		return act, nil, store.Change{}, err
	}
	env, err := calendarEnv(ctx, a.db)
	if err != nil {
		return act, nil, store.Change{}, err
	}
	ch := store.Change{Actor: act.Name(), Source: source, Scope: act.scope(), RecordUnit: act.Unit, Account: act.Account, Env: env}
	return act, d, ch, nil
}

// cells maps values given by Chinese label or field name to field names.
func cells(d *ledger.Definition, values map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range values {
		f := fieldByName(d, k)
		if f == nil {
			var labels []string
			for _, f := range d.Fields {
				if !f.Derived {
					labels = append(labels, f.Label)
				}
			}
			return nil, errorf(Invalid, "%s台账没有字段“%s”，可填字段：%s", d.Name, k, strings.Join(labels, "、"))
		}
		if f.Derived {
			return nil, errorf(Invalid, "“%s”由系统自动计算，不能填写", f.Label)
		}
		out[f.Name] = v
	}
	return out, nil
}

// FieldErrors is an Invalid error that lists problems by field, so that a
// form shows each beside its field.
type FieldErrors struct {
	Ledger *ledger.Definition
	Errs   []ledger.FieldError
}

func (e *FieldErrors) Error() string {
	msgs := make([]string, len(e.Errs))
	for i, fe := range e.Errs {
		msgs[i] = fe.Error()
	}
	return strings.Join(msgs, "；")
}

func fieldErrors(d *ledger.Definition, errs []ledger.FieldError) error {
	var fatal []ledger.FieldError
	for _, e := range errs {
		if !e.Warning {
			fatal = append(fatal, e)
		}
	}
	if len(fatal) == 0 {
		return nil
	}
	fe := &FieldErrors{Ledger: d, Errs: fatal}
	return &Error{Code: Invalid, Msg: fe.Error(), Err: fe}
}

// AddRecord adds one record from values by label or field name, with the
// import's validation. Errors: Invalid (with *FieldErrors), Conflict (the
// key exists, or was deleted: only a restore revives it), Forbidden.
func (a *App) AddRecord(ctx context.Context, id string, values map[string]string) (RecordView, error) {
	act, d, ch, err := a.writer(ctx, id, "逐条录入")
	if err != nil {
		return RecordView{}, err
	}
	c, err := cells(d, values)
	if err != nil {
		return RecordView{}, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return RecordView{}, err
	}
	for _, k := range d.Key {
		if _, ok := c[k]; !ok {
			c[k] = "" // reported as required
		}
	}
	for _, f := range d.Fields {
		if f.Required {
			if _, ok := c[f.Name]; !ok {
				c[f.Name] = ""
			}
		}
	}
	r, errs := d.ParseRecord(c, tree, ch.Env)
	if err := fieldErrors(d, errs); err != nil {
		return RecordView{}, err
	}
	ch.InsertOnly = true
	present := presentOf(d, c)
	if _, err := a.db.SaveRows(ctx, d, []store.Row{{Record: r, Present: present}}, ch); err != nil {
		return RecordView{}, err
	}
	stored, err := a.db.GetRecord(ctx, d, r, act.readScope())
	if err != nil {
		return RecordView{}, err
	}
	if err := a.reopenAfterWrite(ctx, d, []ledger.Record{stored}, act.Name(), "新增"); err != nil {
		return RecordView{}, err
	}
	if err := a.audit(ctx, "record.create", recordTarget(d, stored), AuditDetail{After: recordValues(d, stored)}); err != nil {
		return RecordView{}, err
	}
	return a.view(act, d, stored), nil
}

// presentOf lists the fields given plus the derived ones.
func presentOf(d *ledger.Definition, c map[string]string) []string {
	var out []string
	for _, f := range d.Fields {
		if _, ok := c[f.Name]; ok || f.Derived {
			out = append(out, f.Name)
		}
	}
	return out
}

// EditRecord changes the given fields of one record and keeps every other
// field; derived values are recomputed from the whole record. ifVersion is
// the version the edit is based on (0: the version read now); a stale edit
// is a Conflict naming the fields changed since.
func (a *App) EditRecord(ctx context.Context, id, key string, values map[string]string, ifVersion int64) (RecordView, error) {
	act, d, ch, err := a.writer(ctx, id, "逐条修改")
	if err != nil {
		return RecordView{}, err
	}
	k, err := a.parseKey(ctx, d, key)
	if err != nil {
		return RecordView{}, err
	}
	c, err := cells(d, values)
	if err != nil {
		return RecordView{}, err
	}
	for _, kf := range d.Key {
		if v, ok := c[kf]; ok && v != d.Field(kf).Format(k[kf], nil) {
			return RecordView{}, errorf(Invalid, "不能修改%s（记录的标识）；如录错，请删除后重新录入", d.Field(kf).Label)
		}
	}
	stored, err := a.db.GetRecord(ctx, d, k, act.scope())
	if err != nil {
		return RecordView{}, err
	}
	if stored.String(ledger.MetaDeletedAt) != "" {
		return RecordView{}, errorf(Conflict, "%s“%s”已删除，请先恢复再修改", d.Name, key)
	}
	if ifVersion > 0 && ifVersion != stored.Version() {
		if ifVersion > stored.Version() {
			return RecordView{}, errorf(Conflict, "%s“%s”当前为第%d版，没有第%d版", d.Name, key, stored.Version(), ifVersion)
		}
		// A stale edit: someone changed the record after the version the
		// edit was based on.
		since, err := a.db.ChangedSince(ctx, d, stored[ledger.MetaID].(int64), ifVersion)
		if err != nil {
			return RecordView{}, err
		}
		var parts []string
		for _, f := range d.Fields {
			if by, ok := since[f.Label]; ok {
				parts = append(parts, fmt.Sprintf("“%s”（%s，现为“%s”）", f.Label, by, f.Format(stored[f.Name], a.unitName(ctx))))
			}
		}
		return RecordView{}, errorf(Conflict, "%s“%s”在您读取的第%d版之后已被修改（现为第%d版）：%s；请重新打开记录后再修改", d.Name, key, ifVersion, stored.Version(), strings.Join(parts, "、"))
	}
	ifVersion = stored.Version()
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return RecordView{}, err
	}
	whole := map[string]string{}
	for _, f := range d.Fields {
		if !f.Derived {
			whole[f.Name] = f.Format(stored[f.Name], nil)
		}
	}
	for n, v := range c {
		f := d.Field(n)
		if f.Masked() && v != "" && v == f.MaskText(whole[n]) {
			continue // a masked copy sent back: unchanged
		}
		whole[n] = v
	}
	r, errs := d.ParseRecord(whole, tree, ch.Env)
	if err := fieldErrors(d, errs); err != nil {
		return RecordView{}, err
	}
	ch.UpdateOnly = true
	if _, err := a.db.SaveRows(ctx, d, []store.Row{{Record: r, Present: presentOf(d, whole), Version: ifVersion}}, ch); err != nil {
		return RecordView{}, err
	}
	after, err := a.db.GetRecord(ctx, d, k, act.readScope())
	if err != nil {
		return RecordView{}, err
	}
	if err := a.reopenAfterWrite(ctx, d, []ledger.Record{stored, after}, act.Name(), "修改"); err != nil {
		return RecordView{}, err
	}
	if after.Version() != stored.Version() {
		if err := a.audit(ctx, "record.update", recordTarget(d, after), recordChange(d, stored, after)); err != nil {
			return RecordView{}, err
		}
	}
	v := a.view(act, d, after)
	v.Unchanged = after.Version() == stored.Version()
	return v, nil
}

// unitName maps unit codes to names for messages.
func (a *App) unitName(ctx context.Context) func(string) string {
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil
	}
	return tree.Name
}

// DeleteRecord deletes one record, keeping it as a tombstone with who and
// why; a reason is required.
func (a *App) DeleteRecord(ctx context.Context, id, key, reason string) error {
	_, d, ch, err := a.writer(ctx, id, "逐条删除")
	if err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return errorf(Invalid, "删除记录须说明原因")
	}
	k, err := a.parseKey(ctx, d, key)
	if err != nil {
		return err
	}
	r, err := a.db.DeleteRecord(ctx, d, k, strings.TrimSpace(reason), ch)
	if err != nil {
		return err
	}
	if err := a.reopenAfterWrite(ctx, d, []ledger.Record{r}, ch.Actor, "删除"); err != nil {
		return err
	}
	return a.audit(ctx, "record.delete", recordTarget(d, r), AuditDetail{Before: recordValues(d, r), Note: "原因：" + strings.TrimSpace(reason)})
}

// RestoreRecord revives a deleted record with its values and history.
func (a *App) RestoreRecord(ctx context.Context, id, key string) error {
	_, d, ch, err := a.writer(ctx, id, "恢复")
	if err != nil {
		return err
	}
	k, err := a.parseKey(ctx, d, key)
	if err != nil {
		return err
	}
	r, err := a.db.RestoreRecord(ctx, d, k, ch)
	if err != nil {
		return err
	}
	if err := a.reopenAfterWrite(ctx, d, []ledger.Record{r}, ch.Actor, "恢复"); err != nil {
		return err
	}
	return a.audit(ctx, "record.restore", recordTarget(d, r), AuditDetail{After: recordValues(d, r)})
}

// RecordHistory returns who changed which field of one record from what to
// what, and when, oldest first; personal values masked as in GetRecord.
func (a *App) RecordHistory(ctx context.Context, id, key string) ([]store.HistoryEntry, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return nil, err
	}
	k, err := a.parseKey(ctx, d, key)
	if err != nil {
		return nil, err
	}
	r, err := a.db.GetRecord(ctx, d, k, act.readScope())
	if err != nil {
		return nil, err
	}
	hs, err := a.db.RecordHistory(ctx, d, r[ledger.MetaID].(int64))
	if err != nil {
		return nil, err
	}
	if name := a.unitName(ctx); name != nil {
		for i := range d.Fields {
			f := &d.Fields[i]
			if f.Type != ledger.UnitRef {
				continue
			}
			for j := range hs {
				for _, m := range []map[string]string{hs[j].Old, hs[j].New} {
					if v, ok := m[f.Label]; ok && v != "" {
						m[f.Label] = name(v)
					}
				}
			}
		}
	}
	if !act.clearText(r.String(ledger.MetaRecordUnit)) {
		for i := range d.Fields {
			f := &d.Fields[i]
			if !f.Masked() {
				continue
			}
			for j := range hs {
				for _, m := range []map[string]string{hs[j].Old, hs[j].New} {
					if v, ok := m[f.Label]; ok {
						m[f.Label] = f.MaskText(v)
					}
				}
			}
		}
	}
	return hs, nil
}

// describeChange renders a history entry's changes: 承办人：李四 → 王五.
func DescribeChange(d *ledger.Definition, h store.HistoryEntry) string {
	switch h.Action {
	case "删除":
		return "删除原因：" + orDash(h.Source)
	case "恢复":
		return "恢复为删除前的内容"
	}
	var parts []string
	for _, f := range d.Fields {
		o, hasO := h.Old[f.Label]
		n, hasN := h.New[f.Label]
		if !hasO && !hasN {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s：%s → %s", f.Label, orDash(o), orDash(n)))
	}
	return strings.Join(parts, "；")
}

func orDash(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// shortTime renders a stored RFC 3339 time in China's zone: 2022-12-01 09:30.
func shortTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(ChinaTime).Format("2006-01-02 15:04")
}
