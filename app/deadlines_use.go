package app

import (
	"context"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/ledger"
	"fazhi/warning"
)

// AsOf is the business date that deadline states, warnings and "this year"
// are computed against: the setting business.as_of when an administrator
// set one (the demo sets 2022-12-01), else today on the wall clock.
func (a *App) AsOf(ctx context.Context) (time.Time, error) {
	s, err := a.db.Settings(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if v := s[SettingAsOf]; v != "" {
		t, err := ledger.ParseDate(v)
		if err == nil {
			return t, nil
		}
	}
	return a.today(), nil
}

// SettingAsOf is the setting that fixes the business date (YYYY-MM-DD).
const SettingAsOf = "business.as_of"

// Warnings returns the open duties near (临期) or past (逾期) their due date
// on asOf (zero: AsOf) across all ledgers, most urgent first, within the
// actor's scope and for unit ("" = all in scope). nearDays > 0 overrides the
// 临期 window in working days.
func (a *App) Warnings(ctx context.Context, asOf time.Time, unit string, nearDays int) ([]warning.Item, deadline.Engine, time.Time, error) {
	_, src, code, err := a.figureReader(ctx, unit)
	if err != nil {
		return nil, deadline.Engine{}, asOf, err
	}
	if asOf.IsZero() {
		if asOf, err = a.AsOf(ctx); err != nil {
			return nil, deadline.Engine{}, asOf, err
		}
	}
	eng, err := engine(ctx, a.db)
	if err != nil {
		return nil, eng, asOf, err
	}
	if nearDays > 0 {
		eng.Config.NearWorkdays = nearDays
	}
	items, err := warning.Warnings(ctx, src, eng, code, asOf)
	return items, eng, asOf, err
}

// Due returns each record's due dates and states on asOf for ledger id,
// within the actor's scope.
func (a *App) Due(ctx context.Context, id string, asOf time.Time, year int, unit string) ([]warning.Item, time.Time, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return nil, asOf, err
	}
	if len(d.Deadlines) == 0 {
		return nil, asOf, errorf(Invalid, "%s台账没有法定期限规则", d.Name)
	}
	q, err := a.query(ctx, act, d, year, unit)
	if err != nil {
		return nil, asOf, err
	}
	if asOf.IsZero() {
		if asOf, err = a.AsOf(ctx); err != nil {
			return nil, asOf, err
		}
	}
	eng, err := engine(ctx, a.db)
	if err != nil {
		return nil, asOf, err
	}
	items, err := warning.States(ctx, a.db, eng, d, q, asOf)
	return items, asOf, err
}

// DueOf returns the due dates and states on the business date of records
// of ledger id the caller has read through the application (a page of a
// list, one record's page), so that a page computes the states of what it
// shows, not of every record of the ledger. Invalid for a ledger without
// deadline rules; Forbidden without the right to read the ledger.
func (a *App) DueOf(ctx context.Context, id string, recs []ledger.Record) ([]warning.Item, time.Time, error) {
	_, d, err := a.reader(ctx, id)
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(d.Deadlines) == 0 {
		return nil, time.Time{}, errorf(Invalid, "%s台账没有法定期限规则", d.Name)
	}
	asOf, err := a.AsOf(ctx)
	if err != nil {
		return nil, asOf, err
	}
	eng, err := engine(ctx, a.db)
	if err != nil {
		return nil, asOf, err
	}
	items, err := warning.StatesOf(eng, d, recs, asOf)
	return items, asOf, err
}

// DeadlineEngine returns the deadline rules over the database's calendar
// and the administrator's settings.
func (a *App) DeadlineEngine(ctx context.Context) (deadline.Engine, error) {
	if _, err := actor(ctx); err != nil {
		return deadline.Engine{}, err
	}
	return engine(ctx, a.db)
}

// DefaultEngine is the deadline rules over the built-in calendar with the
// statutory defaults, for a computation that needs no database.
func DefaultEngine() deadline.Engine {
	cfg, _ := deadline.ConfigFrom(nil)
	return deadline.Engine{Cal: calendar.Builtin(), Config: cfg}
}
