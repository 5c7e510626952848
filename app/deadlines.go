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
// after a new holiday notice. It returns how many records changed.
func refreshDeadlines(ctx context.Context, db *store.DB, who string) (int, error) {
	env, err := calendarEnv(ctx, db)
	if err != nil {
		return 0, err
	}
	plan, err := planRefresh(ctx, db, env)
	if err != nil {
		return 0, err
	}
	return db.ApplyRefresh(ctx, plan.batches, nil, refreshChange(who))
}

func refreshChange(who string) store.Change {
	return store.Change{Actor: who, Source: "重新计算期限", Scope: ledger.AllScope(), Action: "重新计算期限"}
}

// refreshPlan is every ledger's records with derived fields recomputed
// under an environment, and the records whose due date that environment
// cannot compute although the stored one could (a period pushed past the
// calendar's years).
type refreshPlan struct {
	batches []store.RefreshBatch
	lost    []string // 台账 记录: 字段
}

func planRefresh(ctx context.Context, db *store.DB, env ledger.Env) (refreshPlan, error) {
	var p refreshPlan
	for _, d := range ledger.All() {
		derived := d.DerivedFields()
		if len(derived) == 0 {
			continue
		}
		recs, _, err := db.FindRecords(ctx, d, ledger.Query{Scope: ledger.AllScope()})
		if err != nil {
			return p, err
		}
		for _, r := range recs {
			had := map[string]bool{}
			for _, n := range derived {
				_, had[n] = r[n]
			}
			for _, e := range d.Rederive(r, env) {
				if e.Warning && had[e.Field] {
					p.lost = append(p.lost, fmt.Sprintf("%s %s：%s", d.Name, d.KeyText(r), e.Label))
				}
			}
		}
		p.batches = append(p.batches, store.RefreshBatch{Ledger: d, Records: recs, Present: derived})
	}
	return p, nil
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
// (the business date, the demo mark), so the deadline rules see only theirs.
func deadlineSettings(all map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if k != SettingAsOf && k != SettingDemo {
			out[k] = v
		}
	}
	return out
}
