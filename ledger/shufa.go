package ledger

import "fmt"

// Shufa is the 述法 ledger: each unit's principal leaders report once a
// year on how they performed their duty as first person responsible for
// the rule of law (《党政主要负责人履行推进法治建设第一责任人职责规定》 art 9;
// 中央依法治国办 on 述法 as part of year-end 述职).
var Shufa = func() *Definition {
	d := &Definition{
		ID:    "shufa",
		Name:  "述法",
		Key:   []string{"year", "unit"},
		Owner: "unit",
		Fields: []Field{
			{Name: "year", Label: "年度", Type: Year, Required: true, Note: "述法所述的年度"},
			{Name: "unit", Label: "单位", Type: UnitRef, Required: true},
			{Name: "reporter", Label: "述法人", Type: Text},
			{Name: "title", Label: "职务", Type: Text},
			{Name: "form", Label: "述法形式", Type: Enum, Required: true, Enum: []string{"书面", "口头", "现场"}},
			{Name: "submitted_on", Label: "提交日期", Type: Date},
			{Name: "rating", Label: "评议结果", Type: Enum, Enum: []string{"好", "较好", "一般", "差"}},
		},
	}
	d.Checks = []RecordCheck{{Field: "submitted_on", Check: func(r Record) error {
		// A report is made after the year begins, never before.
		t, ok := r.Date("submitted_on")
		y, hasY := r.Int("year")
		if ok && hasY && int64(t.Year()) < y {
			return fmt.Errorf("提交日期 %s 早于述法年度 %d 年", t.Format("2006-01-02"), y)
		}
		return nil
	}}}
	return register(d)
}()
