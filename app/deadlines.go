package app

import (
	"context"
	"fmt"
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

// engine returns the deadline engine over the database's calendar and the
// administrator's settings.
func engine(ctx context.Context, db *store.DB) (deadline.Engine, error) {
	cal, err := loadCalendar(ctx, db)
	if err != nil {
		return deadline.Engine{}, err
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return deadline.Engine{}, err
	}
	cfg, err := deadline.ConfigFrom(deadlineSettings(settings))
	if err != nil {
		return deadline.Engine{}, fmt.Errorf("期限设置有误（可在期限设置中查看）: %w", err)
	}
	return deadline.Engine{Cal: cal, Config: cfg}, nil
}

// refreshDeadlines recomputes every stored due date and derived field, as
// after a new holiday notice, streamed (store.RefreshDerived). It returns
// how many records changed.
func refreshDeadlines(ctx context.Context, db *store.DB, who string) (int, error) {
	env, err := calendarEnv(ctx, db)
	if err != nil {
		return 0, err
	}
	var lost lostDue
	return db.RefreshDerived(ctx, nil, refreshChange(who), lost.rederive(env), nil)
}

func refreshChange(who string) store.Change {
	return store.Change{Actor: who, Source: "重新计算期限", Scope: ledger.AllScope(), Action: "重新计算期限"}
}

// lostDue counts the records whose due date an environment cannot compute
// although the stored one could (a period pushed past the calendar's
// years), keeping the first few to name.
type lostDue struct {
	n     int
	first []string // 台账 记录: 字段
}

// rederive recomputes a record's derived fields under env (store.Rederive),
// noting lost due dates in l.
func (l *lostDue) rederive(env ledger.Env) store.Rederive {
	return func(d *ledger.Definition, r ledger.Record) (bool, error) {
		derived := d.DerivedFields()
		before := make([]string, len(derived))
		had := make([]bool, len(derived))
		for i, n := range derived {
			v, ok := r[n]
			had[i] = ok
			before[i] = d.Field(n).Format(v, nil)
		}
		for _, e := range d.Rederive(r, env) {
			if !e.Warning {
				continue
			}
			for i, n := range derived {
				if n == e.Field && had[i] {
					l.n++
					if len(l.first) < 5 {
						l.first = append(l.first, fmt.Sprintf("%s %s：%s", d.Name, d.KeyText(r), e.Label))
					}
				}
			}
		}
		for i, n := range derived {
			if d.Field(n).Format(r[n], nil) != before[i] {
				return true, nil
			}
		}
		return false, nil
	}
}

// calendarEnv gives imports the working-day calendar and deadline rules.
func calendarEnv(ctx context.Context, db *store.DB) (ledger.Env, error) {
	eng, err := engine(ctx, db)
	if err != nil {
		return nil, err
	}
	return deadlineEnv{eng}, nil
}

// deadlineSettings leaves out the settings that are the application's own
// (the business date, the demo and generated-data marks), so the deadline
// rules see only theirs.
func deadlineSettings(all map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if !appSetting[k] {
			out[k] = v
		}
	}
	return out
}

// appSetting are the settings the application keeps for itself.
var appSetting = map[string]bool{SettingAsOf: true, SettingDemo: true, SettingGenerated: true}
