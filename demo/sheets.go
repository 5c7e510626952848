package demo

// Sheet is one table of the data set in memory, as text: the title row
// (when the file has one), the header and one row per record, each cell as
// a clerk types it (dates 2006-01-02 or the table's own layout, amounts in
// 万元 without trailing zeros, 是/否).
type Sheet struct {
	Ledger string // ledger ID, or "units" for the unit tree
	File   string // the file name Write gives it
	Rows   [][]string
}

// Sheets generates every table of the data set in memory, in load order
// (the unit tree first), with the same content Write puts in the files.
func Sheets() ([]Sheet, error) {
	var out []Sheet
	for _, build := range generators {
		t, err := build(newGen())
		if err != nil {
			return nil, err
		}
		s := Sheet{Ledger: t.ledger, File: t.file}
		if t.title != "" {
			s.Rows = append(s.Rows, []string{t.title})
		}
		s.Rows = append(s.Rows, append([]string(nil), t.header...))
		for _, r := range t.rows {
			cells := make([]string, len(r))
			for i, v := range r {
				cells[i] = t.text(v)
			}
			s.Rows = append(s.Rows, cells)
		}
		out = append(out, s)
	}
	return out, nil
}
