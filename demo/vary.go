package demo

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fazhi/ledger"
)

// Options say what the generator makes of the 偃师区 data set.
type Options struct {
	Year  int     // the year the data set's 2022 becomes; its 2021 and 2023 records shift along
	Seed  uint64  // the same seed gives the same records
	Scale float64 // multiplies every district's record counts (1 = the demo's proportions)
}

// DataYear is the year of the demo data set.
const DataYear = 2022

// stream is the random stream of one part of one district.
func stream(seed uint64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(h.Sum64(), seed))
}

// Size is the district's size relative to 偃师区, between 0.6 and 1.4
// (1 on average), drawn from the seed: districts differ as real ones do.
func (d District) Size(seed uint64) float64 {
	return 0.6 + 0.8*stream(seed, "size", d.Code).Float64()
}

// Records makes the district's records of ledger def for year o.Year from
// base, the records of the 偃师区 data set (as the importer reads them:
// unit codes resolved, derived fields computed), deterministically for
// o.Seed.
//
// The data set's 2022 records make the year: round(count × Size × Scale)
// records drawn from them in a shuffled order; beyond their number the
// records repeat with new keys (the last number of the key raised:
// 偃政复〔2022〕35号 becomes 偃政复〔2022〕135号) for ledgers keyed by one
// numbered text (a ledger keyed by year and unit, or by a name, keeps at
// most its base records). Every record gets the district's unit codes and
// names, its years moved to o.Year, and its dates moved by whole weeks (a
// date that would break a rule of the ledger keeps its place). Derived
// fields are dropped: the write path derives them again from the
// district's calendar.
//
// As the data set has some records of 2021 and 2023 around its year, the
// year comes with as many of the year before's and the year after's: the
// first records of those years as Records makes them, so that generating
// the neighbouring year later finds them unchanged (years generated into
// one database add up, whatever their order). A record whose key names no
// year (a service's 事项编码) is one record whatever the year: the year
// generated last gives its dates.
func Records(def *ledger.Definition, base []ledger.Record, d District, o Options) []ledger.Record {
	if len(base) == 0 {
		return nil
	}
	scale := o.Scale
	if scale <= 0 {
		scale = 1
	}
	size := d.Size(o.Seed) * scale
	var main []ledger.Record
	before, after := 0, 0
	for _, r := range base {
		switch baseYear(def, r) {
		case DataYear - 1:
			before++
		case DataYear + 1:
			after++
		default:
			main = append(main, r)
		}
	}
	if len(main) == 0 {
		main, before, after = base, 0, 0
	}
	out := yearRecords(def, main, d, o.Seed, size, o.Year, -1)
	keys := make(map[string]bool, len(out))
	for _, r := range out {
		keys[def.KeyOf(r)] = true
	}
	for _, near := range []struct{ year, n int }{{o.Year - 1, before}, {o.Year + 1, after}} {
		want := int(math.Round(float64(near.n) * size))
		if want == 0 {
			continue
		}
		for _, r := range yearRecords(def, main, d, o.Seed, size, near.year, want) {
			if k := def.KeyOf(r); !keys[k] {
				keys[k] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// baseYear is the year a record of the data set belongs to: the year
// of its key (述法 by year and unit) or written in it (偃政复〔2021〕3号),
// else the year of its first date.
func baseYear(def *ledger.Definition, r ledger.Record) int {
	for _, k := range def.Key {
		if y, ok := r[k].(int64); ok && def.Field(k).Type == ledger.Year {
			return int(y)
		}
		if s, ok := r[k].(string); ok {
			for _, m := range yearRun.FindAllString(s, -1) {
				if y, _ := strconv.Atoi(m); len(m) == 4 && y >= DataYear-1 && y <= DataYear+1 {
					return y
				}
			}
		}
	}
	for _, f := range def.Fields {
		if t, ok := r[f.Name].(time.Time); ok && f.Type == ledger.Date && !f.Derived {
			return t.Year()
		}
	}
	return DataYear
}

// yearRecords makes the district's records of year from main, the data
// set's records of its own year; limit > 0 stops after that many (the
// first records of the same sequence).
func yearRecords(def *ledger.Definition, main []ledger.Record, d District, seed uint64, size float64, year, limit int) []ledger.Record {
	r := stream(seed, def.ID, d.Code, strconv.Itoa(year))
	n := max(int(math.Round(float64(len(main))*size)), 1)
	keyField := copyKey(def, main)
	if keyField == nil {
		n = min(n, len(main))
	}
	if limit > 0 {
		n = min(n, limit)
	}
	order := r.Perm(len(main))
	dy := year - DataYear
	rn := d.rename()
	step := keyStep(keyField, main)
	derived := map[string]bool{}
	for _, f := range def.DerivedFields() {
		derived[f] = true
	}
	out := make([]ledger.Record, 0, n)
	keys := make(map[string]bool, n)
	for i := 0; len(out) < n && i < 4*n; i++ {
		src := main[order[i%len(main)]]
		copyNo := i / len(main)
		weeks := 0
		if r.Float64() < 0.7 {
			weeks = r.IntN(9) - 4
		}
		var rec ledger.Record
		for _, w := range []int{weeks, 0} {
			rec = districtRecord(def, src, d, rn, dy, w, derived)
			if w == 0 || passes(def, rec) {
				break
			}
		}
		if keyField != nil && copyNo > 0 {
			k := bumpKey(rec.String(keyField.Name), copyNo, step, keyField)
			if k == "" {
				continue
			}
			rec[keyField.Name] = k
		}
		k := def.KeyOf(rec)
		if keys[k] {
			continue // two records of the data set made one key
		}
		keys[k] = true
		out = append(out, rec)
	}
	return out
}

// districtRecord is src as the district keeps it in year 2022+dy, its dates
// moved by weeks.
func districtRecord(def *ledger.Definition, src ledger.Record, d District, rn *strings.Replacer, dy, weeks int, derived map[string]bool) ledger.Record {
	rec := make(ledger.Record, len(src))
	for k, v := range src {
		if derived[k] {
			continue
		}
		rec[k] = v
	}
	for i := range def.Fields {
		f := &def.Fields[i]
		v, ok := rec[f.Name]
		if !ok || v == nil {
			continue
		}
		switch f.Type {
		case ledger.UnitRef:
			if s, ok := v.(string); ok && strings.HasPrefix(s, ledger.DefaultDistrict) {
				rec[f.Name] = d.Code + strings.TrimPrefix(s, ledger.DefaultDistrict)
			}
		case ledger.Text:
			s := v.(string)
			t := shiftProjectCode(shiftYears(s, dy), dy)
			if d.Code != ledger.DefaultDistrict {
				t = rn.Replace(t)
			}
			if f.Normalize != nil {
				t = f.Normalize(t)
			}
			if t != s && (f.Check == nil || f.Check(t) == nil) {
				rec[f.Name] = t
			}
		case ledger.Date:
			if t, ok := v.(time.Time); ok {
				rec[f.Name] = t.AddDate(dy, 0, 7*weeks)
			}
		case ledger.Year:
			if y, ok := v.(int64); ok {
				rec[f.Name] = y + int64(dy)
			}
		}
	}
	return rec
}

// passes reports whether rec keeps the ledger's record rules.
func passes(def *ledger.Definition, rec ledger.Record) bool {
	for _, c := range def.Checks {
		if c.Check(rec) != nil {
			return false
		}
	}
	return true
}

var yearRun = regexp.MustCompile(`\d+`)

// shiftYears moves the years written in a text (〔2022〕, 2022年) by dy:
// a run of exactly four digits from 2000 to 2039.
func shiftYears(s string, dy int) string {
	if dy == 0 || !strings.ContainsAny(s, "0123456789") {
		return s
	}
	return yearRun.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) != 4 {
			return m
		}
		y, _ := strconv.Atoi(m)
		if y < 2000 || y > 2039 {
			return m
		}
		return strconv.Itoa(y + dy)
	})
}

var projectCode = regexp.MustCompile(`^(\d{2})(\d{2}-\d{6}-)`)

// shiftProjectCode moves the year of a 项目代码 (2206-410307-04-19-006523:
// filed in June 2022) by dy.
func shiftProjectCode(s string, dy int) string {
	m := projectCode.FindStringSubmatch(s)
	if dy == 0 || m == nil {
		return s
	}
	yy, _ := strconv.Atoi(m[1])
	return fmt.Sprintf("%02d", (yy+dy+100)%100) + s[2:]
}

// copyKey is the key field whose number tells the copies of a record
// apart: the one text field of a key, when the data set's keys carry a
// number; nil when records cannot repeat (keyed by year and unit, by a
// name and a date).
func copyKey(def *ledger.Definition, base []ledger.Record) *ledger.Field {
	if len(def.Key) != 1 {
		return nil
	}
	f := def.Field(def.Key[0])
	if f.Type != ledger.Text {
		return nil
	}
	for _, r := range base {
		if !strings.ContainsAny(r.String(f.Name), "0123456789") {
			return nil
		}
	}
	return f
}

// keyStep is the power of ten above every last number of the keys of
// base: adding a multiple of it to a key's last number never gives
// another key of base.
func keyStep(f *ledger.Field, base []ledger.Record) int {
	if f == nil {
		return 0
	}
	top := 0
	for _, r := range base {
		k := r.String(f.Name)
		if m := lastNumber(k); m != nil {
			v, _ := strconv.Atoi(k[m[0]:m[1]])
			top = max(top, v)
		}
	}
	step := 10
	for step <= top {
		step *= 10
	}
	return step
}

func lastNumber(s string) []int {
	ms := yearRun.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return nil
	}
	return ms[len(ms)-1]
}

// bumpKey raises the last number of key by copyNo × step, keeping its
// width when it is written with leading zeros (006523 → 106523); "" when
// the new key would fail the field's check (the number outgrew its width).
func bumpKey(key string, copyNo, step int, f *ledger.Field) string {
	m := lastNumber(key)
	if m == nil {
		return fmt.Sprintf("%s-%d", key, copyNo+1)
	}
	digits := key[m[0]:m[1]]
	v, _ := strconv.Atoi(digits)
	num := fmt.Sprintf("%0*d", len(digits), v+copyNo*step)
	out := key[:m[0]] + num + key[m[1]:]
	if f.Check != nil && f.Check(out) != nil {
		return ""
	}
	return out
}
