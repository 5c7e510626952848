// Package ledger declares the 台账 that units keep: each ledger is one
// Definition (fields, Chinese labels, enumerations, validation, natural key,
// owning unit) from which storage, import, export and templates are derived.
// The package knows nothing of SQL or HTTP.
package ledger

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// FieldType is the kind of value a field holds.
type FieldType int

const (
	Text    FieldType = iota // free text
	Date                     // a calendar day, time.Time at UTC midnight
	Int                      // a whole number, int64
	Decimal                  // a fixed-point number, int64 scaled by 10^Scale
	Enum                     // one of Field.Enum
	Bool                     // 是 / 否
	UnitRef                  // a unit of the unit tree, stored as its 单位编码
	Year                     // a calendar year, int64
)

// Field is one column of a ledger.
type Field struct {
	Name     string    // column name in storage and the API (snake_case)
	Label    string    // Chinese header label; import headers match it
	Type     FieldType // value kind
	Enum     []string  // allowed values of an Enum field
	Required bool      // an import must carry this column and a value in every row
	Scale    int       // decimals of a Decimal field
	Min      *int64    // smallest allowed Int/Decimal (unscaled for Decimal: compared after scaling)
	// Derived fields are computed (a due date, a duration), never read
	// from an import; exports show them.
	Derived bool
	// Sensitive fields hold personal data (ID numbers): published
	// documents show them masked.
	Sensitive bool
	// Personal fields name a party who may be a natural person (申请人,
	// 原告, 特邀监督员): shown masked to readers outside the recording unit
	// and in published documents.
	Personal bool
	// Normalize rewrites a Text value before it is checked (e.g. 文号 brackets).
	Normalize func(string) string
	// Check validates a non-empty Text value (check digits, formats).
	Check func(string) error
	Note  string // a hint on the format, shown in templates and forms

	// Synonyms are the other header labels that case systems, registers
	// and national platforms use for the field (案件编号 for 案号); an
	// import header matches the Label or any of them (ledgers.md).
	Synonyms []string
	// Values maps the wordings registers use for an Enum value to the
	// standard value (撤销并责令重做 → 撤销并责令重作); keys are folded.
	Values map[string]string
	// Ambiguous lists written values that may mean several standard
	// values (终止): refused, naming the candidates.
	Ambiguous map[string][]string
	// MaxLen is the longest Text value in characters; 0 means CellMaxLen.
	MaxLen int
	// AmountUnit is the unit a Decimal amount is stored in (万元); a header
	// or a cell may state 元, 万元 or 亿元 and the value is converted.
	AmountUnit string
	// PlausibleMax is the largest scaled value that is not suspicious (an
	// amount typed in 元 under a 万元 header); larger values are refused
	// unless the user confirms them.
	PlausibleMax int64
	// Words are written values of an Int field that mean a number (即办 = 0).
	Words map[string]int64
	// Term names the Text field that keeps a deadline written as words
	// (长期坚持, 立行立改): the Date stays empty and has no due date.
	Term string
}

// CellMaxLen is Excel's limit of characters in one cell, the outer bound of
// every text field.
const CellMaxLen = 32767

// Labels returns the label and the synonyms of the field.
func (f *Field) Labels() []string { return append([]string{f.Label}, f.Synonyms...) }

// RecordCheck is a rule over several fields of one record, e.g. dates in order.
type RecordCheck struct {
	Field string // the field (Name) an error is reported against
	Check func(r Record) error
}

// Definition declares one ledger.
type Definition struct {
	ID     string   // fixed ledger ID of ledgers.md, e.g. reconsideration
	Name   string   // Chinese name, e.g. 行政复议案件
	Fields []Field  // in template column order
	Key    []string // natural key field names
	Owner  string   // the UnitRef field naming the unit a record belongs to
	// Central ledgers are kept by the district's Justice Bureau (the
	// 复议机构, the 备案审查 office, the 评查 and 督办 staff): their records
	// count for the unit in Owner (the respondent, the issuer) but that unit
	// reads them and does not edit them, and a writer may name any unit as
	// Owner. Other ledgers are kept by their own units: a writer below the
	// district level names only units within its scope.
	Central bool
	// Public ledgers are read by every account of the district (normative
	// documents once published, the enforcement handbook); writes still go
	// by the recording unit.
	Public bool
	Checks []RecordCheck
	// Deadlines are the statutory periods that run on the ledger's records.
	Deadlines []Deadline
	// Derive computes derived fields of a record after it is parsed; it may
	// use the environment (the working-day calendar).
	Derive func(r Record, env Env) error
}

// Env gives derivations what they need from outside the record.
type Env interface {
	// WorkdaysBetween counts working days after a up to and including b.
	WorkdaysBetween(a, b time.Time) (int, error)
	// Due computes the due date of a deadline rule.
	Due(rule string, in DueInput) (time.Time, error)
}

// Field returns the field named name, or nil.
func (d *Definition) Field(name string) *Field {
	for i := range d.Fields {
		if d.Fields[i].Name == name {
			return &d.Fields[i]
		}
	}
	return nil
}

// Mask hides the middle of a sensitive value: 410***********06X.
func Mask(s string) string {
	r := []rune(s)
	if len(r) <= 5 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-5) + string(r[len(r)-2:])
}

// MaskName keeps the first character of a name: 张三 → 张*.
func MaskName(s string) string {
	r := []rune(s)
	if len(r) <= 1 {
		return s
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}

// LooksMasked reports whether s has the shape MaskText gives the field's
// values (410***********06X, 张*), so that a masked copy sent back is told
// from a value a user typed.
func (f *Field) LooksMasked(s string) bool {
	r := []rune(s)
	stars := func(rs []rune) bool {
		for _, c := range rs {
			if c != '*' {
				return false
			}
		}
		return len(rs) > 0
	}
	switch {
	case f.Sensitive:
		return (len(r) <= 5 && stars(r)) || (len(r) > 5 && stars(r[3:len(r)-2]))
	case f.Personal:
		return len(r) > 1 && stars(r[1:])
	}
	return false
}

// Masked reports whether the field is shown masked to readers who may not
// see personal data (Sensitive or Personal).
func (f *Field) Masked() bool { return f.Sensitive || f.Personal }

// MaskText masks a text value of the field as readers without clearance
// see it; other fields' values come back unchanged.
func (f *Field) MaskText(s string) string {
	switch {
	case s == "":
		return s
	case f.Sensitive:
		return Mask(s)
	case f.Personal:
		return MaskName(s)
	}
	return s
}

// DateFields lists the names of the ledger's date fields.
func (d *Definition) DateFields() []string {
	var out []string
	for _, f := range d.Fields {
		if f.Type == Date {
			out = append(out, f.Name)
		}
	}
	return out
}

// Table is the storage table of the ledger.
func (d *Definition) Table() string { return "ledger_" + d.ID }

var registry = map[string]*Definition{}

// register adds a definition, refusing inconsistent ones at start-up.
func register(d *Definition) *Definition {
	if _, dup := registry[d.ID]; dup {
		panic("ledger: duplicate definition " + d.ID)
	}
	seen := map[string]bool{}
	for _, f := range d.Fields {
		if seen[f.Name] || seen["label:"+f.Label] {
			panic(fmt.Sprintf("ledger %s: duplicate field %s/%s", d.ID, f.Name, f.Label))
		}
		seen[f.Name], seen["label:"+f.Label] = true, true
		if f.Type == Enum && len(f.Enum) == 0 {
			panic(fmt.Sprintf("ledger %s: enum field %s has no values", d.ID, f.Name))
		}
	}
	for _, k := range append(append([]string{}, d.Key...), d.Owner) {
		if k != "" && !seen[k] {
			panic(fmt.Sprintf("ledger %s: key/owner field %s not declared", d.ID, k))
		}
	}
	if len(d.Key) == 0 {
		panic("ledger " + d.ID + ": no natural key")
	}
	if err := d.checkDeadlines(); err != nil {
		panic("ledger " + d.ID + ": " + err.Error())
	}
	registry[d.ID] = d
	return d
}

// Get returns the definition of ledger id.
func Get(id string) (*Definition, bool) {
	d, ok := registry[id]
	return d, ok
}

// All returns every ledger definition, sorted by ID.
func All() []*Definition {
	out := make([]*Definition, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IDs lists the ledger IDs, sorted.
func IDs() []string {
	var out []string
	for _, d := range All() {
		out = append(out, d.ID)
	}
	return out
}

// checkDeadlines verifies each deadline binding against the fields: every
// named field exists and has the type the binding needs (dates for
// From/Due/Done/LawDate/Restart/SuspendFrom/SuspendTo, Bool for Extended,
// Int for Period), and a Due computed from From is a derived field.
func (d *Definition) checkDeadlines() error {
	for _, dl := range d.Deadlines {
		if dl.Rule == "" {
			return fmt.Errorf("deadline without a rule")
		}
		want := map[string]FieldType{dl.From: Date, dl.Due: Date, dl.Done: Date, dl.LawDate: Date, dl.Restart: Date,
			dl.SuspendFrom: Date, dl.SuspendTo: Date, dl.Extended: Bool, dl.Period: Int}
		for name, t := range want {
			if name == "" {
				continue
			}
			f := d.Field(name)
			if f == nil {
				return fmt.Errorf("deadline %s names field %s, which the ledger does not declare", dl.Rule, name)
			}
			if f.Type != t {
				return fmt.Errorf("deadline %s: field %s has the wrong type", dl.Rule, name)
			}
		}
		if dl.Due == "" {
			return fmt.Errorf("deadline %s has no due-date field", dl.Rule)
		}
		if dl.From != "" && !d.Field(dl.Due).Derived {
			return fmt.Errorf("deadline %s: computed due date %s must be a derived field", dl.Rule, dl.Due)
		}
	}
	return nil
}
