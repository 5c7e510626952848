package web

import (
	"strings"

	"fazhi/ledger"
)

// Option is one choice of a dropdown.
type Option struct {
	Value, Label string
	Selected     bool
}

// FormField is one input of a record form, derived from a ledger field.
type FormField struct {
	Name, Label string
	Kind        string // text, textarea, date, number, select
	Options     []Option
	Required    bool
	Key         bool // part of the natural key: fixed once the record exists
	Note        string
	Value       string
	Errors      []string
	Warnings    []string
	Placeholder string
	ReadOnly    bool
}

// UnitOption is a unit a form may name.
type UnitOption struct{ Code, Name string }

// formFields derives the inputs of a record form from d: enums, units and
// 是/否 become dropdowns, dates a text box that takes every form the import
// takes (2022-03-05, 2022/3/5, 2022年3月5日 …) beside a calendar picker,
// derived fields are left out (the server computes them). vals holds the
// values as text (a stored record formatted, or what was typed); errs the
// problems per field name.
func formFields(d *ledger.Definition, vals map[string]string, errs, warns map[string][]string, units []UnitOption, editing bool) []FormField {
	var out []FormField
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Derived {
			continue
		}
		ff := FormField{Name: f.Name, Label: f.Label, Required: f.Required || d.IsKey(f.Name), Key: d.IsKey(f.Name),
			Note: f.Note, Value: vals[f.Name], Errors: errs[f.Name], Warnings: warns[f.Name]}
		ff.ReadOnly = editing && ff.Key
		switch f.Type {
		case ledger.Date:
			ff.Kind = "date"
			ff.Placeholder = "如 2022-03-05 或 2022年3月5日"
		case ledger.Int, ledger.Year, ledger.Decimal:
			ff.Kind = "number"
		case ledger.Enum:
			ff.Kind = "select"
			ff.Options = choices(f.Enum, nil, ff.Value)
		case ledger.Bool:
			ff.Kind = "select"
			ff.Options = choices([]string{"是", "否"}, nil, ff.Value)
		case ledger.UnitRef:
			ff.Kind = "select"
			codes := make([]string, len(units))
			names := make([]string, len(units))
			for i, u := range units {
				codes[i], names[i] = u.Name, u.Name
			}
			ff.Options = choices(codes, names, ff.Value)
		default:
			ff.Kind = "text"
			if long(f) {
				ff.Kind = "textarea"
			}
		}
		out = append(out, ff)
	}
	return out
}

// choices builds dropdown options; a current value that is not among them
// (an old enum value, a unit since renamed) is kept as the first choice so
// saving the form never changes it in silence.
func choices(values, labels []string, current string) []Option {
	opts := []Option{{Value: "", Label: "（请选择）", Selected: current == ""}}
	found := current == ""
	for i, v := range values {
		l := v
		if labels != nil {
			l = labels[i]
		}
		sel := v == current
		found = found || sel
		opts = append(opts, Option{Value: v, Label: l, Selected: sel})
	}
	if !found {
		opts = append(opts[:1], append([]Option{{Value: current, Label: current + "（原值）", Selected: true}}, opts[1:]...)...)
	}
	return opts
}

// long reports whether a text field holds prose (contents, opinions,
// measures, a handbook's 正文) rather than a short value, by what its label
// says it is.
func long(f *ledger.Field) bool {
	for _, suf := range []string{"内容", "正文", "描述", "措施", "情况", "问题", "意见", "建议", "举措", "目标"} {
		if strings.HasSuffix(f.Label, suf) {
			return true
		}
	}
	return false
}
