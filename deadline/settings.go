package deadline

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fazhi/calendar"
)

// Setting keys an administrator may set (fazhi config set KEY VALUE).
const (
	KeySwitch     = "deadline.reconsideration_switch" // YYYY-MM-DD: first date under the 2023 law
	KeyNear       = "deadline.near_workdays"          // working days of the 临期 window
	keyPeriodsPre = "deadline.days."                  // + rule ID: a configurable rule's period
)

// SettingKeys lists the keys with their meaning, for `fazhi config list`.
func SettingKeys() [][2]string {
	keys := [][2]string{
		{KeySwitch, "新行政复议法适用的起始日期（默认 2024-01-01；按案件的受理/收到日期判断）"},
		{KeyNear, "临期提醒：到期前多少个工作日内算临期（默认 3）"},
	}
	var ids []string
	for id, r := range byID {
		if r.Configurable || (r.Old != nil && r.Old.Configurable) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := byID[id]
		keys = append(keys, [2]string{keyPeriodsPre + id, fmt.Sprintf("%s的期限（默认 %d）", r.Name, r.Period)})
	}
	return keys
}

// ConfigFrom applies stored settings to the defaults, refusing any that
// is unknown or invalid.
func ConfigFrom(settings map[string]string) (Config, error) {
	c := DefaultConfig()
	for k, v := range settings {
		switch {
		case k == KeySwitch:
			d, err := calendar.ParseDate(v)
			if err != nil {
				return c, fmt.Errorf("设置 %s: %v", k, err)
			}
			c.ReconsiderationSwitch = d
		case k == KeyNear:
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, fmt.Errorf("设置 %s 应为整数：%q", k, v)
			}
			c.NearWorkdays = n
		case strings.HasPrefix(k, keyPeriodsPre):
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, fmt.Errorf("设置 %s 应为整数：%q", k, v)
			}
			c.Periods[strings.TrimPrefix(k, keyPeriodsPre)] = n
		default:
			return c, fmt.Errorf("未知的设置项“%s”，运行 fazhi config list 查看可用的设置", k)
		}
	}
	return c, c.Validate()
}
