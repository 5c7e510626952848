package ledger

import "time"

// Deadline binds a statutory deadline rule (package deadline) to a ledger's
// fields: where the period starts, where the computed due date is kept, and
// which field records that the duty was done.
type Deadline struct {
	Rule string // deadline rule ID, e.g. reconsideration.decision
	// From is the date field the period runs from. Empty: Due is itself an
	// entered date (a rectification item's own 整改时限).
	From string
	Due  string // the Date field holding the due date (derived when From is set)
	Done string // the Date field recording that the duty was discharged
	// Closed reports a record that no longer runs against this deadline
	// although Done is empty (an application refused, a task completed).
	Closed func(Record) bool
	// Applies limits the rule to some records (the simplified procedure,
	// a 差评 among evaluations); nil: every record with From set.
	Applies    func(Record) bool
	Extended   string            // Bool field: the period was extended
	Simplified func(Record) bool // the simplified procedure applies
	// SuspendFrom and SuspendTo are the 中止 and 恢复 date fields.
	SuspendFrom, SuspendTo string
	LawDate                string // date field choosing the law version (default From)
	// Period is an Int field that sets a configurable rule's period for
	// this record (a document's 有效期（年）).
	Period string
	// Restart is a date field that, when set, starts the period again
	// (补正材料收到日期: review runs from the completed materials).
	Restart string
	// Paused reports that the period is stopped (waiting for the
	// applicant's 补正 materials): no due date while it holds.
	Paused func(Record) bool
}

// DueInput is what computing a due date needs from a record.
type DueInput struct {
	From, LawDate        time.Time
	Extended, Simplified bool
	SuspendFrom, Resumed time.Time // zero when not suspended / not resumed
	Period               *int      // the record's own period, for configurable rules
}

// Input gathers a record's inputs for the deadline; ok is false when the
// deadline does not apply (no start date, or Applies says no).
func (dl *Deadline) Input(r Record) (DueInput, bool) {
	if dl.From == "" {
		return DueInput{}, false
	}
	from, ok := r.Date(dl.From)
	if !ok || (dl.Applies != nil && !dl.Applies(r)) || (dl.Paused != nil && dl.Paused(r)) {
		return DueInput{}, false
	}
	in := DueInput{From: from, LawDate: from}
	if again, ok := r.Date(dl.Restart); ok && dl.Restart != "" && again.After(from) {
		in.From = again
	}
	if d, ok := r.Date(dl.LawDate); ok && dl.LawDate != "" {
		in.LawDate = d
	}
	if dl.Extended != "" {
		in.Extended, _ = r[dl.Extended].(bool)
	}
	if dl.Simplified != nil {
		in.Simplified = dl.Simplified(r)
	}
	if n, ok := r.Int(dl.Period); ok && dl.Period != "" {
		p := int(n)
		in.Period = &p
	}
	if dl.SuspendFrom != "" {
		in.SuspendFrom, _ = r.Date(dl.SuspendFrom)
		in.Resumed, _ = r.Date(dl.SuspendTo)
	}
	return in, true
}

// Open reports whether the duty is still to be done.
func (dl *Deadline) Open(r Record) bool {
	if _, done := r.Date(dl.Done); done {
		return false
	}
	return dl.Closed == nil || !dl.Closed(r)
}
