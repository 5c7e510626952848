package ledger

import "testing"

// TestCheckDeadlines: a deadline binding naming a field that is missing or
// of the wrong type is refused when the ledger is registered.
func TestCheckDeadlines(t *testing.T) {
	t.Parallel()
	fields := []Field{
		{Name: "no", Label: "编号", Type: Text},
		{Name: "received_on", Label: "收到日期", Type: Date},
		{Name: "done_on", Label: "办结日期", Type: Date},
		{Name: "due_on", Label: "期限", Type: Date, Derived: true},
		{Name: "typed_due", Label: "录入期限", Type: Date},
		{Name: "extended", Label: "是否延期", Type: Bool},
		{Name: "note", Label: "备注", Type: Text},
	}
	for _, tc := range []struct {
		name string
		dl   Deadline
		ok   bool
	}{
		{"valid", Deadline{Rule: "r", From: "received_on", Due: "due_on", Done: "done_on", Extended: "extended"}, true},
		{"entered due date", Deadline{Rule: "r", Due: "typed_due", Done: "done_on"}, true},
		{"missing field", Deadline{Rule: "r", From: "received", Due: "due_on", Done: "done_on"}, false},
		{"text as date", Deadline{Rule: "r", From: "note", Due: "due_on", Done: "done_on"}, false},
		{"date as bool", Deadline{Rule: "r", From: "received_on", Due: "due_on", Done: "done_on", Extended: "done_on"}, false},
		{"computed due not derived", Deadline{Rule: "r", From: "received_on", Due: "typed_due", Done: "done_on"}, false},
		{"no rule", Deadline{From: "received_on", Due: "due_on"}, false},
		{"no due", Deadline{Rule: "r", From: "received_on", Done: "done_on"}, false},
	} {
		d := &Definition{ID: "t", Fields: fields, Key: []string{"no"}, Deadlines: []Deadline{tc.dl}}
		if err := d.checkDeadlines(); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	for _, d := range All() {
		if err := d.checkDeadlines(); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
	}
}
