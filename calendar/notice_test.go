package calendar_test

import (
	"errors"
	"strings"
	"testing"

	"fazhi/calendar"
)

func TestParseNotice_Rows(t *testing.T) {
	in := "\ufeff# 假想的2028年通知，只为测试格式\n" +
		"年份,2028\n" +
		"\n" +
		"2027-12-31,2028-01-02,元旦,休\n" + // a December 元旦 day belongs to the 2028 notice
		"2028-01-23,2028-01-31,春节,休\n" +
		"2028-02-05,春节,班\n" +
		"2028-06-09,端午节,休\n" +
		"2028/9/30，2028/10/8，国庆节，休\n" +
		"2028年10月14日\t国庆节\t上班\n" +
		"2028-10-15,,班\n"
	days, years, err := calendar.ParseNotice(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 1 || years[0] != 2028 {
		t.Errorf("years = %v, want [2028]", years)
	}
	if len(days) != 3+9+1+1+9+1+1 {
		t.Errorf("got %d days, want 25", len(days))
	}
	var b strings.Builder
	if err := calendar.WriteNotice(&b, days, years); err != nil {
		t.Fatal(err)
	}
	want := "年份,2028\n" +
		"2027-12-31,2028-01-02,元旦,休\n" +
		"2028-01-23,2028-01-31,春节,休\n" +
		"2028-02-05,春节,班\n" +
		"2028-06-09,端午节,休\n" +
		"2028-09-30,2028-10-08,国庆节,休\n" +
		"2028-10-14,国庆节,班\n" +
		"2028-10-15,,班\n"
	if b.String() != want {
		t.Errorf("WriteNotice =\n%s\nwant\n%s", b.String(), want)
	}
	// The written form reads back the same.
	again, years2, err := calendar.ParseNotice(strings.NewReader(b.String()))
	if err != nil || len(again) != len(days) || len(years2) != 1 {
		t.Errorf("round trip: %d days %v %v", len(again), years2, err)
	}

	cal := calendar.New(days, years)
	for date, want := range map[string]bool{"2028-01-24": false, "2028-02-05": true, "2028-02-01": true, "2028-10-15": true} {
		if got, err := cal.IsWorkday(d(date)); err != nil || got != want {
			t.Errorf("IsWorkday(%s) = %v %v, want %v", date, got, err, want)
		}
	}
}

func TestParseNotice_InferredYears(t *testing.T) {
	_, years, err := calendar.ParseNotice(strings.NewReader("2022-12-31,2023-01-02,元旦,休\n2023-01-21,2023-01-27,春节,休\n"))
	if err != nil || len(years) != 1 || years[0] != 2023 {
		t.Errorf("years = %v %v, want [2023]", years, err)
	}
}

func TestParseNotice_BadLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no such date", "年份,2028\n2028-02-30,春节,休\n", "第2行：“2028-02-30”不是存在的日期"},
		{"bad kind", "2028-01-23,2028-01-31,春节,放\n", "第1行：最后一栏应为“休”或“班”"},
		{"reversed", "2028-01-31,2028-01-23,春节,休\n", "第1行：结束日期 2028-01-23 早于开始日期 2028-01-31"},
		{"too long", "2028-01-01,2028-03-01,春节,休\n", "第1行：2028-01-01 至 2028-03-01 超过31天"},
		{"one field", "# x\n2028-01-01\n", "第2行：格式应为"},
		{"too many fields", "2028-01-01,2028-01-02,元旦,新年,休\n", "第1行：栏数过多"},
		{"bad date", "2028-1-x,元旦,休\n", "第1行：无法识别的日期“2028-1-x”"},
		{"conflict", "2028-01-23,2028-01-31,春节,休\n2028-01-25,春节,班\n", "第2行：2028-01-25 已在第1行标为“节假日”"},
		{"outside year", "年份,2028\n2027-05-01,劳动节,休\n", "第2行：2027-05-01 不属于声明的年份（2028年）"},
		{"year without rows", "年份,2028,2029\n2028-05-01,劳动节,休\n", "声明了年份 2029"},
		{"bad year", "年份,20x8\n", "第1行：年份“20x8”无效"},
		{"empty", "# nothing\n\n", "没有任何放假或调休上班的日期"},
		{"total mismatch", "关于2026年部分节假日安排的通知\n二、春节：2月15日至23日放假调休，共8天。\n", "第2行：2026-02-15 至 2026-02-23 是9天，与“共8天”不符"},
		{"sentence without year", "春节：2月15日至23日放假调休，共9天。\n", "第1行：未写明年份"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := calendar.ParseNotice(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// notice2026 follows the wording of the 2026 notice (国办发明电〔2025〕7号).
const notice2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置。
国务院办公厅
2025年11月4日
`

func TestParseNotice_Sentences(t *testing.T) {
	days, years, err := calendar.ParseNotice(strings.NewReader(notice2026))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	calendar.WriteNotice(&b, days, years)
	want := "年份,2026\n" +
		"2026-01-01,2026-01-03,元旦,休\n" +
		"2026-01-04,元旦,班\n" +
		"2026-02-14,春节,班\n" +
		"2026-02-15,2026-02-23,春节,休\n" +
		"2026-02-28,春节,班\n" +
		"2026-04-04,2026-04-06,清明节,休\n" +
		"2026-05-01,2026-05-05,劳动节,休\n" +
		"2026-05-09,劳动节,班\n" +
		"2026-06-19,2026-06-21,端午节,休\n" +
		"2026-09-20,国庆节,班\n" +
		"2026-09-25,2026-09-27,中秋节,休\n" +
		"2026-10-01,2026-10-07,国庆节,休\n" +
		"2026-10-10,国庆节,班\n"
	if b.String() != want {
		t.Errorf("parsed 2026 notice =\n%s\nwant\n%s", b.String(), want)
	}
	// The typed notice and lunar-go agree on every working day of 2026.
	typed := calendar.New(days, years)
	for day := d("2026-01-01"); day.Year() == 2026; day = day.AddDate(0, 0, 1) {
		a, _ := typed.IsWorkday(day)
		b, _ := calendar.Builtin().IsWorkday(day)
		if a != b {
			t.Errorf("%s: notice says workday=%v, lunar-go %v", calendar.Format(day), a, b)
		}
	}
}

func TestParseNotice_SentenceForms(t *testing.T) {
	in := "年份,2025\n" +
		"一、元旦：1月1日（周三）放假1天，不调休。\n" +
		"二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。\n" +
		"六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。\n"
	days, _, err := calendar.ParseNotice(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(days); n != 1+8+2+8+2 {
		t.Errorf("got %d days, want 21", n)
	}
	// A 元旦 break that starts in December of the year before the notice.
	days, years, err := calendar.ParseNotice(strings.NewReader(
		"国务院办公厅关于2023年部分节假日安排的通知\n一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n"))
	if err != nil || len(days) != 3 || !days[0].Date.Equal(d("2022-12-31")) || years[0] != 2023 {
		t.Errorf("2023 元旦: %v %v %v", days, years, err)
	}
	days, _, err = calendar.ParseNotice(strings.NewReader(
		"年份,2024\n一、元旦：12月30日至1月1日放假，共3天。\n"))
	if err != nil || len(days) != 3 || !days[0].Date.Equal(d("2023-12-30")) || !days[2].Date.Equal(d("2024-01-01")) {
		t.Errorf("元旦 across New Year: %v %v", days, err)
	}
	if _, _, err := calendar.ParseNotice(strings.NewReader("年份,2025\n二、春节：1月28日至2月31日放假调休。\n")); err == nil ||
		!strings.Contains(err.Error(), "第2行") {
		t.Errorf("bad sentence date: err = %v", err)
	}
	if errors.Is(err, calendar.ErrNotCovered) {
		t.Error("parse error should not be ErrNotCovered")
	}
}

func TestCalendar_WriteYear(t *testing.T) {
	var b strings.Builder
	if err := calendar.Builtin().WriteYear(&b, 2022); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"2022年工作日历：全年365天，工作日249天，休息日116天",
		"2022-10-01（星期六）至 2022-10-07（星期五）  国庆节  放假7天",
		"2022-10-09（星期日）  国庆节  调休上班",
		"\n 3休  4休  5休  6休  7休  8班  9班\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteYear(2022) lacks %q", want)
		}
	}
}
