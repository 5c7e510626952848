package indicator

import (
	"encoding/json"
	"strconv"
)

// Group is one line of a grouped figure: the records whose field has Key.
type Group struct {
	Key   string  `json:"key"`
	Value float64 `json:"value"`
}

// Defined reports whether the value is a number: false for a rate whose
// denominator is 0 (nothing to divide), which is shown as "—".
func (v Value) Defined() bool { return !v.Null }

// Text writes the value without its unit as reports print it: no trailing
// zeros, "—" when it is not defined.
func (v Value) Text() string {
	if v.Null {
		return "—"
	}
	return strconv.FormatFloat(v.Value, 'f', -1, 64)
}

// MarshalJSON writes the value as ledgers.md fixes it: "value" is null for
// a rate whose denominator is 0.
func (v Value) MarshalJSON() ([]byte, error) {
	type plain Value
	var val any = v.Value
	if v.Null {
		val = nil
	}
	return json.Marshal(struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Value       any      `json:"value"`
		Unit        string   `json:"unit"`
		Numerator   *float64 `json:"numerator,omitempty"`
		Denominator *float64 `json:"denominator,omitempty"`
		Groups      []Group  `json:"groups,omitempty"`
		Definition  string   `json:"definition"`
	}{v.ID, v.Name, val, v.Unit, v.Numerator, v.Denominator, v.Groups, v.Definition})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (v *Value) UnmarshalJSON(data []byte) error {
	var w struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Value       *float64 `json:"value"`
		Unit        string   `json:"unit"`
		Numerator   *float64 `json:"numerator"`
		Denominator *float64 `json:"denominator"`
		Groups      []Group  `json:"groups"`
		Definition  string   `json:"definition"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*v = Value{ID: w.ID, Name: w.Name, Unit: w.Unit, Numerator: w.Numerator, Denominator: w.Denominator, Groups: w.Groups, Definition: w.Definition}
	if w.Value == nil {
		v.Null = true
	} else {
		v.Value = *w.Value
	}
	return nil
}

// NoRecords reports whether vals, computed for one year and scope, rest on
// no record at all: every flow figure (not a rate, a total or a year-end
// stock such as the catalogue in force) is 0.
func NoRecords(vals []Value) bool {
	for _, v := range vals {
		ind, ok := registry[v.ID]
		if !ok || ind.AsOf || ind.Agg == Rate || ind.Agg == Total {
			continue
		}
		if v.Value != 0 {
			return false
		}
	}
	return true
}
