package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrNotCovered is matched (errors.Is) by every error about a date whose year
// the holiday table does not cover.
var ErrNotCovered = errors.New("日期超出节假日表覆盖的年份")

// NotCoveredError is returned when a question needs a date outside the covered
// years. Its message is for the user: it names the date, the covered years and
// what an administrator should do.
type NotCoveredError struct {
	Date  time.Time
	Years []int // the covered years, ascending
}

func (e *NotCoveredError) Error() string {
	covered := "无"
	if len(e.Years) > 0 {
		covered = YearRanges(e.Years)
	}
	return fmt.Sprintf("%s 在 %d 年，超出节假日表覆盖的年份（已覆盖：%s），无法判断是否为工作日；"+
		"请管理员在国务院办公厅发布该年度部分节假日安排的通知后，用 `fazhi calendar import 文件` 导入",
		Format(e.Date), e.Date.Year(), covered)
}

// Is makes errors.Is(err, ErrNotCovered) true.
func (e *NotCoveredError) Is(target error) bool { return target == ErrNotCovered }

// YearRanges writes ascending years compactly: [2002 … 2025 2027] → "2002–2025、2027年".
func YearRanges(ys []int) string {
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(ys[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", ys[i], ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、") + "年"
}
