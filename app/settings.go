package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/ledger"
	"fazhi/store"
)

// Settings returns the stored settings (司法局管理员).
func (a *App) Settings(ctx context.Context) (map[string]string, error) {
	act, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := require(act, permSettings, "查看设置"); err != nil {
		return nil, err
	}
	return a.db.Settings(ctx)
}

// SetSetting sets (value != "") or clears a setting and recomputes every
// stored due date, in that order; a value the deadline rules refuse, or one
// that pushes a due date past the calendar's years, is refused and nothing
// changes. It returns how many records' due dates changed.
func (a *App) SetSetting(ctx context.Context, key, value string) (int, error) {
	act, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if err := require(act, permSettings, "修改设置"); err != nil {
		return 0, err
	}
	cur, err := a.db.Settings(ctx)
	if err != nil {
		return 0, err
	}
	next := map[string]string{}
	for k, v := range cur {
		next[k] = v
	}
	if value == "" {
		delete(next, key)
	} else {
		next[key] = value
	}
	if key == SettingAsOf {
		if value != "" {
			if _, err := ledger.ParseDate(value); err != nil {
				return 0, errorf(Invalid, "业务日期: %v", err)
			}
		}
	} else if key == SettingDemo {
		return 0, errorf(Invalid, "设置 %s 由系统维护，不能修改", key)
	} else if _, err := deadline.ConfigFrom(deadlineSettings(next)); err != nil {
		return 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	// Recompute every due date under the new setting first: a setting
	// that leaves a stored due date uncomputable (past the calendar's
	// years) is refused, and the setting and the due dates it gives are
	// written in one transaction.
	cfg, err := deadline.ConfigFrom(deadlineSettings(next))
	if err != nil {
		return 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	cal, err := loadCalendar(ctx, a.db)
	if err != nil {
		return 0, err
	}
	var lost lostDue
	n, err := a.db.RefreshDerived(ctx, &store.SettingChange{Key: key, Value: value, Actor: act.Name()}, refreshChange(act.Name()),
		lost.rederive(deadlineEnv{deadline.Engine{Cal: cal, Config: cfg}}),
		func() error {
			if lost.n == 0 {
				return nil
			}
			return errorf(Invalid, "设置 %s=%s 未保存：按此设置有%d条记录的期限超出工作日历的年份而无法计算（%s%s）；请先导入相应年份的节假日安排", key, value, lost.n,
				strings.Join(lost.first, "；"), map[bool]string{true: "……", false: ""}[lost.n > len(lost.first)])
		})
	if err != nil {
		return 0, err
	}
	det := AuditDetail{Before: map[string]string{}, After: map[string]string{}, Note: fmt.Sprintf("%d 条记录的期限随之改变", n)}
	if v, ok := cur[key]; ok {
		det.Before[key] = v
	}
	if value != "" {
		det.After[key] = value
	}
	return n, a.audit(ctx, "setting.set", "设置 "+key, det)
}

// Calendar returns the working-day calendar: the built-in table with the
// notices an administrator imported laid over it.
func (a *App) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return loadCalendar(ctx, a.db)
}

// CalendarImport is what importing a holiday notice did.
type CalendarImport struct {
	Days     []calendar.Day
	Years    []int
	Unlisted []calendar.Day // built-in special days the notice does not mention
	Changed  int            // records whose due dates changed
}

// ImportCalendar loads a State Council holiday notice and recomputes every
// stored due date (司法局管理员).
func (a *App) ImportCalendar(ctx context.Context, name string, r io.Reader) (CalendarImport, error) {
	act, err := actor(ctx)
	if err != nil {
		return CalendarImport{}, err
	}
	if err := require(act, permSettings, "导入节假日安排"); err != nil {
		return CalendarImport{}, err
	}
	days, years, err := calendar.ParseNotice(r)
	if err != nil {
		return CalendarImport{}, &Error{Code: Invalid, Msg: fmt.Sprintf("%s: %v", name, err), Err: err}
	}
	cal, err := loadCalendar(ctx, a.db)
	if err != nil {
		return CalendarImport{}, err
	}
	res := CalendarImport{Days: days, Years: years, Unlisted: cal.Unlisted(days, years)}
	if err := a.db.SaveHolidays(ctx, days, years); err != nil {
		return res, err
	}
	res.Changed, err = refreshDeadlines(ctx, a.db, act.Name())
	if err != nil {
		return res, err
	}
	return res, a.audit(ctx, "holiday.import", "节假日安排："+name, AuditDetail{Count: len(days),
		Note: fmt.Sprintf("年份 %v，%d 条记录的期限随之改变", years, res.Changed)})
}

// Today is the wall clock's date in China.
func (a *App) Today() time.Time { return a.today() }
