package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fazhi/calendar"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/store"
)

// 报送 rounds: how a Justice Bureau collects ledgers from its units. An
// administrator (司法局管理员) opens a round (which ledgers, which units,
// the period, the due date); each unit's clerk fills or imports its records,
// the unit head confirms (报送); the administrator accepts it or returns it
// with a reason (退回修改). Figures can be computed over accepted
// submissions only; an edit to a record of an accepted submission reopens
// it, so accepted figures never change in silence.

// Submission states, as stored.
const (
	SubmissionOpen      = store.SubmissionOpen
	SubmissionSubmitted = store.SubmissionSubmitted
	SubmissionAccepted  = store.SubmissionAccepted
	SubmissionReturned  = store.SubmissionReturned
)

// SubmissionLabels name the states in Chinese.
var SubmissionLabels = map[string]string{
	SubmissionOpen:      "填报中",
	SubmissionSubmitted: "已报送待审核",
	SubmissionAccepted:  "已接收",
	SubmissionReturned:  "退回修改",
}

// RoundInput is what opening a round takes. Dates take every form the
// import takes; Units are codes, names or short names (none: every unit
// below the roots of the unit tree).
type RoundInput struct {
	Name           string
	Ledgers, Units []string
	From, To, Due  string
}

// RoundView is a round as the actor may see it: an administrator or a
// leader every submission, a unit's clerk or head only its own.
type RoundView struct {
	store.Round
	Submissions                                   []SubmissionView
	Total, Accepted, Submitted, NotReported, Late int
	// Chase is the 催报 list: units that have not reported (late ones
	// first), by name.
	Chase []string
	AsOf  time.Time
}

// SubmissionView is one unit's submission with what the actor may do to it.
type SubmissionView struct {
	store.Submission
	UnitName, StatusLabel string
	// Late: not reported by the due date (or reported after it).
	Late bool
	// CanSubmit: the actor may confirm it (单位负责人 of the unit);
	// CanReview: the actor may accept or return it.
	CanSubmit, CanReview bool
}

// OpenRound opens a 报送 round (司法局管理员). Errors: Forbidden, Invalid.
func (a *App) OpenRound(ctx context.Context, in RoundInput) (int64, error) {
	act, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if err := require(act, permReport, "发起报送"); err != nil {
		return 0, err
	}
	r := store.Round{Name: strings.TrimSpace(in.Name), OpenedBy: act.Name()}
	if r.Name == "" {
		return 0, errorf(Invalid, "请填写报送名称")
	}
	if len(in.Ledgers) == 0 {
		return 0, errorf(Invalid, "请至少选择一个台账")
	}
	for _, id := range in.Ledgers {
		d, err := Ledger(id)
		if err != nil {
			return 0, err
		}
		r.Ledgers = append(r.Ledgers, d.ID)
	}
	for _, x := range []struct {
		label, s string
		t        *time.Time
	}{{"期间起始日期", in.From, &r.From}, {"期间截止日期", in.To, &r.To}, {"报送截止日期", in.Due, &r.Due}} {
		t, err := ledger.ParseDate(strings.TrimSpace(x.s))
		if err != nil || strings.TrimSpace(x.s) == "" {
			return 0, errorf(Invalid, "%s“%s”无效，应为日期，如 2022-12-31", x.label, x.s)
		}
		*x.t = t
	}
	if r.To.Before(r.From) {
		return 0, errorf(Invalid, "期间截止日期早于起始日期")
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return 0, err
	}
	var units []string
	seen := map[string]bool{}
	for _, u := range in.Units {
		code, err := lookupUnit(tree, u)
		if err != nil {
			return 0, err
		}
		if !seen[code] {
			seen[code] = true
			units = append(units, code)
		}
	}
	if len(units) == 0 {
		for _, u := range tree.Units {
			if u.Parent != "" {
				units = append(units, u.Code)
			}
		}
	}
	if len(units) == 0 {
		return 0, errorf(Invalid, "单位名录为空，无法发起报送")
	}
	rid, err := a.db.CreateRound(ctx, r, units)
	if err != nil {
		return rid, err
	}
	return rid, a.audit(ctx, "round.open", fmt.Sprintf("报送 %d：%s", rid, r.Name), AuditDetail{Count: len(units)})
}

// Rounds returns the rounds the actor takes part in, newest first.
func (a *App) Rounds(ctx context.Context) ([]RoundView, error) {
	act, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := require(act, permRead, "查看报送"); err != nil {
		return nil, err
	}
	rs, err := a.db.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	var out []RoundView
	for _, r := range rs {
		v, ok, err := a.roundView(ctx, act, r)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// Round returns one round. Errors: NotFound, Forbidden.
func (a *App) Round(ctx context.Context, id int64) (RoundView, error) {
	act, err := actor(ctx)
	if err != nil {
		return RoundView{}, err
	}
	if err := require(act, permRead, "查看报送"); err != nil {
		return RoundView{}, err
	}
	r, found, err := a.db.Round(ctx, id)
	if err != nil {
		return RoundView{}, err
	}
	if !found {
		return RoundView{}, errorf(NotFound, "报送轮次 %d 不存在", id)
	}
	v, ok, err := a.roundView(ctx, act, r)
	if err != nil {
		return v, err
	}
	if !ok {
		return v, errorf(Forbidden, "%s所在单位不在报送轮次“%s”的报送单位中", act.describe(), r.Name)
	}
	return v, nil
}

// seesAll reports whether the actor reviews every unit's submission.
func (act Actor) seesAll() bool {
	return act.Local || act.Role == RoleAdmin || act.Role == RoleLeader
}

func (a *App) roundView(ctx context.Context, act Actor, r store.Round) (RoundView, bool, error) {
	asOf, err := a.AsOf(ctx)
	if err != nil {
		return RoundView{}, false, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return RoundView{}, false, err
	}
	v := RoundView{Round: r, AsOf: asOf}
	var late, waiting []string
	for _, s := range r.Submissions {
		sv := SubmissionView{Submission: s, UnitName: tree.Name(s.Unit), StatusLabel: SubmissionLabels[s.Status]}
		reported := s.Status == SubmissionSubmitted || s.Status == SubmissionAccepted
		if reported {
			sv.Late = s.SubmittedAt != "" && submittedAfter(s.SubmittedAt, r.Due)
		} else {
			sv.Late = asOf.After(r.Due)
		}
		v.Total++
		switch s.Status {
		case SubmissionAccepted:
			v.Accepted++
		case SubmissionSubmitted:
			v.Submitted++
		default:
			v.NotReported++
			if sv.Late {
				late = append(late, sv.UnitName)
			} else {
				waiting = append(waiting, sv.UnitName)
			}
		}
		if sv.Late {
			v.Late++
		}
		own := s.Unit == act.Unit
		sv.CanSubmit = !reported && (own && act.Role == RoleUnitHead || act.Local)
		sv.CanReview = s.Status == SubmissionSubmitted && act.may(permReport)
		if act.seesAll() || own {
			v.Submissions = append(v.Submissions, sv)
		}
	}
	v.Chase = append(late, waiting...)
	if !act.seesAll() {
		if len(v.Submissions) == 0 {
			return v, false, nil
		}
		v.Chase = nil
	}
	return v, true, nil
}

func submittedAfter(at string, due time.Time) bool {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return false
	}
	l := t.In(ChinaTime)
	return calendar.Date(l.Year(), l.Month(), l.Day()).After(due)
}

// SubmitRound confirms a unit's submission (报送): the 单位负责人 of that
// unit. Errors: Forbidden, NotFound, Conflict (already reported).
func (a *App) SubmitRound(ctx context.Context, id int64, unit string) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := require(act, permConfirm, "确认报送"); err != nil {
		return err
	}
	code, err := a.roundUnit(ctx, id, unit)
	if err != nil {
		return err
	}
	if !act.Local && code != act.Unit {
		return errorf(Forbidden, "%s只能确认本单位的报送", act.describe())
	}
	return a.move(ctx, id, code, []string{SubmissionOpen, SubmissionReturned}, SubmissionSubmitted, act.Name(), "", "已报送或已接收，无需再次报送")
}

// AcceptSubmission accepts a reported submission (司法局管理员).
func (a *App) AcceptSubmission(ctx context.Context, id int64, unit string) error {
	return a.review(ctx, id, unit, SubmissionAccepted, "")
}

// ReturnSubmission returns a reported submission for correction (退回修改)
// with a reason (司法局管理员).
func (a *App) ReturnSubmission(ctx context.Context, id int64, unit, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return errorf(Invalid, "退回须说明理由")
	}
	return a.review(ctx, id, unit, SubmissionReturned, strings.TrimSpace(reason))
}

func (a *App) review(ctx context.Context, id int64, unit, to, note string) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := require(act, permReport, "审核报送"); err != nil {
		return err
	}
	code, err := a.roundUnit(ctx, id, unit)
	if err != nil {
		return err
	}
	return a.move(ctx, id, code, []string{SubmissionSubmitted}, to, act.Name(), note, "尚未报送或已审核，不能接收或退回")
}

func (a *App) roundUnit(ctx context.Context, id int64, unit string) (string, error) {
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return "", err
	}
	code, err := lookupUnit(tree, unit)
	if err != nil {
		return "", err
	}
	r, found, err := a.db.Round(ctx, id)
	if err != nil {
		return "", err
	}
	if !found {
		return "", errorf(NotFound, "报送轮次 %d 不存在", id)
	}
	for _, s := range r.Submissions {
		if s.Unit == code {
			return code, nil
		}
	}
	return "", errorf(NotFound, "“%s”不在报送轮次“%s”的报送单位中", tree.Name(code), r.Name)
}

func (a *App) move(ctx context.Context, id int64, unit string, from []string, to, by, note, refused string) error {
	ok, err := a.db.MoveSubmission(ctx, id, unit, from, to, by, note)
	if err != nil {
		return err
	}
	if !ok {
		return errorf(Conflict, "%s", refused)
	}
	action := map[string]string{SubmissionSubmitted: "round.submit", SubmissionAccepted: "round.accept", SubmissionReturned: "round.return"}[to]
	if action == "" {
		action = "round." + to
	}
	return a.audit(ctx, action, fmt.Sprintf("报送 %d 单位 %s", id, unit), AuditDetail{After: map[string]string{"状态": to}, Note: note})
}

// reopenAfterWrite reopens the accepted submissions the changed records
// of ledger d belong to (a record's recording unit, in a round asking for d
// whose period holds one of the record's dates), noting who changed what.
// Rounds are read once, and nothing more is done while no submission of d
// is accepted, so an import of many rows pays one query.
func (a *App) reopenAfterWrite(ctx context.Context, d *ledger.Definition, recs []ledger.Record, who, what string) error {
	ro, err := a.newReopener(ctx, d, who, what)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		ro.see(rec, "")
	}
	return ro.apply(ctx)
}

// reopener collects, record by record, the accepted submissions a write
// reopens (see reopenAfterWrite), holding only the submissions hit, so an
// import of any size checks its records as they stream by.
type reopener struct {
	a         *App
	d         *ledger.Definition
	who, what string
	open      map[roundUnit]store.Round
	hit       map[roundUnit]string // the first record's key
	order     []roundUnit
}

type roundUnit struct {
	round int64
	unit  string
}

func (a *App) newReopener(ctx context.Context, d *ledger.Definition, who, what string) (*reopener, error) {
	rs, err := a.db.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	ro := &reopener{a: a, d: d, who: who, what: what, open: map[roundUnit]store.Round{}, hit: map[roundUnit]string{}}
	for _, r := range rs {
		if !r.Has(d.ID) {
			continue
		}
		for _, s := range r.Submissions {
			if s.Status == SubmissionAccepted {
				ro.open[roundUnit{r.ID, s.Unit}] = r
			}
		}
	}
	return ro, nil
}

// see notes the submissions rec falls in; unit, when set, is the unit that
// keeps rec (the writer's), else rec's own record or owner unit.
func (ro *reopener) see(rec ledger.Record, unit string) {
	if len(ro.open) == len(ro.hit) {
		return
	}
	d := ro.d
	if unit == "" {
		unit = rec.String(ledger.MetaRecordUnit)
	}
	if unit == "" && d.Owner != "" {
		unit = rec.String(d.Owner)
	}
	var dates []time.Time
	for _, n := range d.DateFields() {
		if t, ok := rec.Date(n); ok {
			dates = append(dates, t)
		}
	}
	for k, r := range ro.open {
		if _, done := ro.hit[k]; done || k.unit != unit || !r.Covers(dates) {
			continue
		}
		ro.hit[k] = d.KeyText(rec)
		ro.order = append(ro.order, k)
	}
}

// apply reopens the submissions seen.
func (ro *reopener) apply(ctx context.Context) error {
	at := ro.a.now().In(ChinaTime).Format("2006-01-02 15:04")
	for _, k := range ro.order {
		note := fmt.Sprintf("%s于%s%s%s“%s”，已接收的报送重新打开", ro.who, at, ro.what, ro.d.Name, ro.hit[k])
		if _, err := ro.a.db.MoveSubmission(ctx, k.round, k.unit, []string{SubmissionAccepted}, SubmissionOpen, "", note); err != nil {
			return err
		}
	}
	return nil
}

// acceptedUnits lists, per ledger, the units whose submission of a round
// covering year was accepted.
func (a *App) acceptedUnits(ctx context.Context, year int) (map[string][]string, error) {
	rs, err := a.db.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	start, end := calendar.Date(year, 1, 1), calendar.Date(year, 12, 31)
	sets := map[string]map[string]bool{}
	for _, r := range rs {
		if r.To.Before(start) || r.From.After(end) {
			continue
		}
		for _, l := range r.Ledgers {
			if sets[l] == nil {
				sets[l] = map[string]bool{}
			}
			for _, s := range r.Submissions {
				if s.Status == SubmissionAccepted {
					sets[l][s.Unit] = true
				}
			}
		}
	}
	out := map[string][]string{}
	for l, set := range sets {
		us := make([]string, 0, len(set))
		for u := range set {
			us = append(us, u)
		}
		sort.Strings(us)
		out[l] = us
	}
	return out, nil
}

// accepted restricts a source to the records of accepted submissions: a
// ledger no round of the year asks for counts no record.
type accepted struct {
	scoped
	units map[string][]string
}

func (s accepted) restrict(d *ledger.Definition, q ledger.Query) ledger.Query {
	q.RecordUnits = s.units[d.ID]
	if q.RecordUnits == nil {
		q.RecordUnits = []string{}
	}
	return q
}

func (s accepted) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	return s.scoped.AggregateRecords(ctx, d, s.restrict(d, q), agg, field)
}

func (s accepted) AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error) {
	out := make([]ledger.AggItem, len(items))
	for i, it := range items {
		it.Query = s.restrict(d, it.Query)
		out[i] = it
	}
	return s.scoped.AggregateBatch(ctx, d, out, byDistrict)
}

func (s accepted) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	return s.scoped.FindRecords(ctx, d, s.restrict(d, q))
}

// IndicatorsAccepted computes every indicator of year as Indicators does,
// over the records of accepted 报送 submissions only.
func (a *App) IndicatorsAccepted(ctx context.Context, year int, unit string) ([]indicator.Value, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	_, src, code, err := a.figureReader(ctx, unit)
	if err != nil {
		return nil, err
	}
	units, err := a.acceptedUnits(ctx, year)
	if err != nil {
		return nil, err
	}
	return indicator.ComputeAll(ctx, accepted{src, units}, year, code)
}

// ExplainAccepted is Explain over the records of accepted 报送 submissions only.
func (a *App) ExplainAccepted(ctx context.Context, id string, year int, unit string) (indicator.Value, []ExplainPart, error) {
	return a.explain(ctx, id, year, unit, true, 0, 0)
}
