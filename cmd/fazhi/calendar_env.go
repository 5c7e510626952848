package main

import (
	"context"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/ledger"
	"fazhi/store"
)

// loadCalendar is the built-in holiday table with the notices an
// administrator imported laid over it.
func loadCalendar(ctx context.Context, db *store.DB) (*calendar.Calendar, error) {
	days, years, err := db.Holidays(ctx)
	if err != nil {
		return nil, err
	}
	cal := calendar.Builtin()
	if len(days) > 0 || len(years) > 0 {
		cal = cal.Merge(days, years)
	}
	return cal, nil
}

// deadlineEnv computes derived fields: working days and due dates.
type deadlineEnv struct{ eng deadline.Engine }

func (e deadlineEnv) WorkdaysBetween(a, b time.Time) (int, error) {
	return e.eng.Cal.WorkdaysBetween(a, b)
}

func (e deadlineEnv) Due(rule string, in ledger.DueInput) (time.Time, error) {
	din := deadline.Input{From: in.From, LawDate: in.LawDate, Extended: in.Extended, Simplified: in.Simplified, DaysOverride: in.Period}
	if !in.SuspendFrom.IsZero() {
		din.Suspensions = []deadline.Span{{From: in.SuspendFrom, To: in.Resumed}}
	}
	res, err := e.eng.Compute(rule, din)
	return res.Due, err
}

// engine returns the deadline engine over the database's calendar.
func engine(ctx context.Context, db *store.DB) (deadline.Engine, error) {
	cal, err := loadCalendar(ctx, db)
	if err != nil {
		return deadline.Engine{}, err
	}
	return deadline.Engine{Cal: cal, Config: deadline.DefaultConfig()}, nil
}

// calendarEnv gives imports the working-day calendar and deadline rules.
func calendarEnv(ctx context.Context, db *store.DB) (ledger.Env, error) {
	eng, err := engine(ctx, db)
	if err != nil {
		return nil, err
	}
	return deadlineEnv{eng}, nil
}
