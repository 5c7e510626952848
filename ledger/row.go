package ledger

import (
	"fmt"
	"strings"
)

// Units resolves the unit names staff type into unit codes.
type Units interface {
	// Lookup finds a unit by 单位编码, 单位名称 or 简称.
	Lookup(s string) (code string, ok bool)
	// Closest names the unit whose name is most like s, for error messages.
	Closest(s string) string
}

// FieldError is a problem with one field of one record.
type FieldError struct {
	Field string // field Name
	Label string // field Label, as staff know it
	Msg   string // Chinese reason
	// Warning marks a problem that does not stop the record from being
	// saved (a due date that cannot be computed yet).
	Warning bool
	// Confirm marks a value the user may confirm (an implausible amount).
	Confirm bool
}

// ParseOptions carries what a file says about its columns.
type ParseOptions struct {
	Context        map[string]CellContext // by field name
	ConfirmAmounts bool                   // accept implausible amounts
}

func (e FieldError) Error() string { return e.Label + ": " + e.Msg }

// ParseRecord builds a record from cell texts keyed by field name, checking
// every field and every record rule. It returns all problems found, not only
// the first. present says which columns the source carries; a required
// field is only reported empty when its column is present (a missing column
// is reported once, by the caller).
func (d *Definition) ParseRecord(cells map[string]string, units Units, env Env) (Record, []FieldError) {
	return d.ParseRecordWith(cells, units, env, ParseOptions{})
}

// ParseRecordWith is ParseRecord with the columns' context (header-stated
// units, the 1904 date system) and the user's confirmations.
func (d *Definition) ParseRecordWith(cells map[string]string, units Units, env Env, opt ParseOptions) (Record, []FieldError) {
	r := Record{}
	var errs []FieldError
	bad := map[string]bool{}
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Derived {
			continue // computed below, whatever the file says
		}
		raw, has := cells[f.Name]
		ctx := opt.Context[f.Name]
		ctx.Confirmed = opt.ConfirmAmounts
		v, err := f.ParseCell(raw, ctx)
		if ie, ok := err.(*ImplausibleError); ok {
			errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: ie.Error(), Confirm: true})
			bad[f.Name] = true
			continue
		}
		if err != nil {
			errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: err.Error()})
			bad[f.Name] = true
			continue
		}
		if t, ok := v.(Term); ok {
			if _, given := cells[f.Term]; !given || Clean(cells[f.Term]) == "" {
				r[f.Term] = string(t)
			}
			continue
		}
		if v == nil {
			if (f.Required || d.IsKey(f.Name)) && has {
				errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: "必填，不能为空"})
				bad[f.Name] = true
			}
			continue
		}
		if f.Type == UnitRef {
			s := v.(string)
			if names := SeveralUnits(s, units); len(names) > 1 {
				errs = append(errs, FieldError{Field: f.Name, Label: f.Label,
					Msg: fmt.Sprintf("一个单元格只能填一个单位，这里写了%s；请只填负责的那一个", strings.Join(quote(names), "和"))})
				bad[f.Name] = true
				continue
			}
			code, ok := units.Lookup(s)
			if !ok {
				if a, can := units.(interface{ Ambiguous(string) string }); can {
					if msg := a.Ambiguous(s); msg != "" {
						errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: msg})
						bad[f.Name] = true
						continue
					}
				}
				msg := fmt.Sprintf("单位“%s”不在单位名录中", s)
				if c := units.Closest(s); c != "" {
					msg += fmt.Sprintf("，是否为“%s”？", c)
				}
				errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: msg})
				bad[f.Name] = true
				continue
			}
			v = code
		}
		r[f.Name] = v
	}
	for _, c := range d.Checks {
		if bad[c.Field] {
			continue
		}
		if err := c.Check(r); err != nil {
			f := d.Field(c.Field)
			errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: err.Error()})
		}
	}
	if len(errs) == 0 {
		errs = append(errs, d.derive(r, env)...)
	}
	return r, errs
}

// Rederive recomputes the derived fields of a stored record (after the
// calendar or a configured period changed); problems come back as warnings.
func (d *Definition) Rederive(r Record, env Env) []FieldError {
	for _, n := range d.DerivedFields() {
		delete(r, n)
	}
	return d.derive(r, env)
}

// IsKey reports whether field name is part of the natural key.
func (d *Definition) IsKey(name string) bool {
	for _, k := range d.Key {
		if k == name {
			return true
		}
	}
	return false
}

// derive computes the due dates of the ledger's deadlines and its own
// derived fields.
func (d *Definition) derive(r Record, env Env) []FieldError {
	var errs []FieldError
	for i := range d.Deadlines {
		dl := &d.Deadlines[i]
		in, ok := dl.Input(r)
		if !ok || env == nil {
			continue
		}
		due, err := env.Due(dl.Rule, in)
		if err != nil {
			// The record is kept; only its due date is left empty (a case
			// still suspended, a date past the calendar's years).
			if in.SuspendFrom.IsZero() || !in.Resumed.IsZero() {
				f := d.Field(dl.Due)
				errs = append(errs, FieldError{Field: f.Name, Label: f.Label, Msg: "期限暂无法计算（记录照常导入）: " + err.Error(), Warning: true})
			}
			delete(r, dl.Due)
			continue
		}
		r[dl.Due] = due
	}
	if d.Derive != nil && env != nil {
		if err := d.Derive(r, env); err != nil {
			errs = append(errs, FieldError{Msg: err.Error()})
		}
	}
	return errs
}

// DerivedFields lists the names of the ledger's derived fields.
func (d *Definition) DerivedFields() []string {
	var out []string
	for _, f := range d.Fields {
		if f.Derived {
			out = append(out, f.Name)
		}
	}
	return out
}

// KeyLabels names the natural key as staff know it: 清理批次+文号.
func (d *Definition) KeyLabels() string {
	ls := make([]string, len(d.Key))
	for i, k := range d.Key {
		ls[i] = d.Field(k).Label
	}
	return strings.Join(ls, "+")
}
