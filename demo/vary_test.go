package demo

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
)

var (
	baseOnce sync.Once
	baseRecs map[string][]ledger.Record
	baseErr  error
)

// baseRecords reads the data set's sheets through the importer (no
// calendar: derived fields stay empty), once for the package's tests.
func baseRecords(t *testing.T) map[string][]ledger.Record {
	t.Helper()
	baseOnce.Do(func() {
		sheets, err := Sheets()
		if err != nil {
			baseErr = err
			return
		}
		first, _ := Districts(1)
		tree := ledger.NewUnitTree(first[0].Units())
		baseRecs = map[string][]ledger.Record{}
		for _, s := range sheets[1:] {
			d, _ := ledger.Get(s.Ledger)
			st, err := importer.Open(d, []*excel.Table{{File: s.File, CSV: true, Rows: s.Rows}}, importer.Options{Units: tree})
			if err != nil {
				baseErr = err
				return
			}
			for st.Next() {
				baseRecs[s.Ledger] = append(baseRecs[s.Ledger], st.Item().Record)
			}
			st.Close()
			if n := st.Book.ProblemCount(); n > 0 || st.Err() != nil {
				baseErr = st.Err()
				if baseErr == nil {
					baseErr = &importer.MissingError{Msg: importer.Report(s.File, st.Book.Problems())}
				}
				return
			}
		}
	})
	if baseErr != nil {
		t.Fatal(baseErr)
	}
	return baseRecs
}

// TestDistricts_NamesAndCodes: 偃师区 first, then one district of each
// city in turn; codes are valid county-level codes, unique, within 河南省.
func TestDistricts_NamesAndCodes(t *testing.T) {
	t.Parallel()
	ds, err := Districts(MaxDistricts)
	if err != nil {
		t.Fatal(err)
	}
	if MaxDistricts != 157 || ds[0].Code != "410307" || ds[0].Name != "偃师区" || ds[0].CityName != "洛阳市" {
		t.Fatalf("%d districts, first %+v", MaxDistricts, ds[0])
	}
	if ds[1].CityCode != "410100" || ds[2].CityCode != "410200" {
		t.Errorf("districts 2 and 3 lie in %s and %s, want 郑州市 and 开封市", ds[1].CityName, ds[2].CityName)
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if seen[d.Code] || ledger.LevelOf(d.Code) != ledger.LevelCounty || !ledger.InRegion(d.Code, ProvinceCode) {
			t.Errorf("district %+v: repeated, not a county or not in 河南省", d)
		}
		seen[d.Code] = true
		if d.CityCode != "" && !ledger.InRegion(d.Code, d.CityCode) {
			t.Errorf("%s (%s) is not within its city %s", d.Name, d.Code, d.CityCode)
		}
	}
	if _, err := Districts(MaxDistricts + 1); err == nil {
		t.Error("158 districts accepted")
	}
	if ds[1].Rename("偃政复〔2022〕35号 洛阳市偃师区人民政府 偃师区司法局 （2022）豫0381行初12号") !=
		"中政复〔2022〕35号 郑州市中原区人民政府 中原区司法局 （2022）豫0102行初12号" {
		t.Errorf("rename: %s", ds[1].Rename("偃政复〔2022〕35号 洛阳市偃师区人民政府 偃师区司法局 （2022）豫0381行初12号"))
	}
}

// TestRecords_DeterministicAndValid: the same seed gives the same records,
// another seed others; every generated record (copies beyond the data
// set's size included) parses back as its ledger's row, keys are unique
// within the district, unit references are the district's units.
func TestRecords_DeterministicAndValid(t *testing.T) {
	base := baseRecords(t)
	t.Parallel()
	ds, _ := Districts(3)
	o := Options{Year: 2022, Seed: 7, Scale: 1.3}
	differ := false
	for _, d := range ds[2:] {
		units := d.Units()
		tree := ledger.NewUnitTree(units)
		for id, recs := range base {
			def, _ := ledger.Get(id)
			a := Records(def, recs, d, o)
			b := Records(def, recs, d, o)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s %s: two runs with seed 7 differ", d.Name, id)
			}
			c := Records(def, recs, d, Options{Year: 2022, Seed: 8, Scale: 1.3})
			differ = differ || !reflect.DeepEqual(a, c)
			keys := map[string]bool{}
			for _, r := range a {
				k := def.KeyOf(r)
				if keys[k] {
					t.Errorf("%s %s: key %s repeated", d.Name, id, def.KeyText(r))
				}
				keys[k] = true
				cells := map[string]string{}
				for _, f := range def.Fields {
					if v, ok := r[f.Name]; ok && !f.Derived {
						cells[f.Name] = f.Format(v, nil)
						if f.Type == ledger.UnitRef && !ledger.InRegion(v.(string)[:6], d.Code) {
							t.Errorf("%s %s %s: unit %v of another district", d.Name, id, def.KeyText(r), v)
						}
					}
				}
				if _, errs := def.ParseRecordWith(cells, tree, nil, ledger.ParseOptions{ConfirmAmounts: true}); len(errs) > 0 {
					t.Errorf("%s %s %s: %v", d.Name, id, def.KeyText(r), errs)
				}
			}
		}
	}
	if !differ {
		t.Error("seeds 7 and 8 gave the same records")
	}
}

// TestRecords_Year: --year moves dates, years and the years in 文号; the
// data set's own records keep their proportions (size × scale).
func TestRecords_Year(t *testing.T) {
	t.Parallel()
	base := baseRecords(t)
	ds, _ := Districts(2)
	def, _ := ledger.Get("reconsideration")
	recs := Records(def, base["reconsideration"], ds[1], Options{Year: 2019, Seed: 1, Scale: 1})
	in := 0
	for _, r := range recs {
		for _, f := range def.DateFields() {
			if d, ok := r.Date(f); ok && d.Year() == 2019 {
				in++
				break
			}
		}
	}
	if in == 0 {
		t.Fatalf("no 2019 reconsideration among %d", len(recs))
	}
	if k := recs[0].String("case_no"); !containsAll(k, "中政复", "〔20") || containsAll(k, "2022") {
		t.Errorf("case number %s", k)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// TestRecords_YearsAddUp: the records of 2021 that generating 2022 brings
// along are records generating 2021 makes, unchanged, so years generated
// into one database add up in any order.
func TestRecords_YearsAddUp(t *testing.T) {
	t.Parallel()
	base := baseRecords(t)
	ds, _ := Districts(2)
	shared := 0
	for id, recs := range base {
		def, _ := ledger.Get(id)
		y21 := map[string]ledger.Record{}
		for _, r := range Records(def, recs, ds[1], Options{Year: 2021, Seed: 3, Scale: 0.5}) {
			y21[def.KeyOf(r)] = r
		}
		for _, r := range Records(def, recs, ds[1], Options{Year: 2022, Seed: 3, Scale: 0.5}) {
			if !strings.Contains(def.KeyText(r), "2021") {
				continue // a key without a year (事项编码): one record, the last year generated
			}
			if old, ok := y21[def.KeyOf(r)]; ok {
				shared++
				if !reflect.DeepEqual(old, r) {
					t.Errorf("%s %s: generating 2022 changes the record generating 2021 made:\n%v\n%v", id, def.KeyText(r), old, r)
				}
			}
		}
	}
	if shared == 0 {
		t.Error("generating 2022 brings no 2021 records along")
	}
}
