package deadline

import (
	"fmt"
	"time"

	"fazhi/calendar"
)

// Config holds the settings an administrator may change.
type Config struct {
	// ReconsiderationSwitch is the first date governed by the 2023
	// 行政复议法 (in force 2024-01-01, art 90). A reconsideration rule uses the
	// 2017 law when the case's law date (Input.LawDate, by default From: the
	// receipt date for review, the acceptance date for the decision) is
	// before it. Which law governs a case spanning the switch is unsettled
	// (law.md §1.2), hence configurable.
	ReconsiderationSwitch time.Time
	// Periods sets the period of a Configurable rule, by rule ID, in the
	// rule's unit (days, working days or years).
	Periods map[string]int
	// NearWorkdays is the 临期 window: a due date within this many working
	// days of today is 临期.
	NearWorkdays int
}

// DefaultConfig returns the defaults: the 2023 law from 2024-01-01, each
// configurable rule's declared period, and a 3-working-day 临期 window.
func DefaultConfig() Config {
	return Config{
		ReconsiderationSwitch: calendar.Date(2024, 1, 1),
		Periods:               map[string]int{},
		NearWorkdays:          3,
	}
}

// Validate checks that Periods names configurable rules with positive periods.
func (c Config) Validate() error {
	if c.ReconsiderationSwitch.IsZero() {
		return fmt.Errorf("未设置新旧行政复议法的切换日期")
	}
	if c.NearWorkdays < 0 {
		return fmt.Errorf("临期提醒的工作日数不能为负数：%d", c.NearWorkdays)
	}
	for id, n := range c.Periods {
		r, ok := byID[id]
		if !ok {
			return fmt.Errorf("配置了未知的期限规则“%s”", id)
		}
		if !r.Configurable && (r.Old == nil || !r.Old.Configurable) {
			return fmt.Errorf("期限规则“%s”的期限由法律规定，不能配置", id)
		}
		if n <= 0 {
			return fmt.Errorf("期限规则“%s”的期限应为正数：%d", id, n)
		}
	}
	return nil
}
