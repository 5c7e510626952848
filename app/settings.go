package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/ledger"
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
	old, had := cur[key]
	if err := a.db.SetSetting(ctx, key, value, act.Name()); err != nil {
		return 0, err
	}
	n, err := refreshDeadlines(ctx, a.db, act.Name())
	if err != nil {
		// Put the setting back: a setting and the due dates it gives change together.
		if had {
			a.db.SetSetting(ctx, key, old, act.Name())
		} else {
			a.db.SetSetting(ctx, key, "", act.Name())
		}
		refreshDeadlines(ctx, a.db, act.Name())
		return 0, errorf(Invalid, "设置 %s=%s 未保存：按此设置重新计算期限失败（%v）", key, value, err)
	}
	return n, nil
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
	return res, err
}

// Today is the wall clock's date in China.
func (a *App) Today() time.Time { return a.today() }
