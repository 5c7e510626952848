package app_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// Outcomes of one action on another unit's record.
const (
	seen      = "seen"      // the read succeeded and includes the record
	hidden    = "hidden"    // the read succeeded and leaves the record out
	ok        = "ok"        // the single-record action succeeded
	forbidden = "forbidden" // app.Forbidden
	conflict  = "conflict"  // app.Conflict (adding a key that exists)
	na        = "-"         // the action does not apply to this ledger
)

var actions = []string{"list", "list-unit", "show", "export", "explain", "indicators", "search", "add", "edit", "delete", "restore"}

// wantScope is the expected matrix, written out: role → action → outcome
// on a record kept by and counted for a unit other than 区民政局 (the unit
// of the clerk and the unit head). It is not derived from the policy code.
var wantScope = map[string]map[string]string{
	"sifaju": { // 司法局管理员, all
		"list": seen, "list-unit": ok, "show": ok, "export": seen, "explain": seen, "indicators": seen, "search": seen,
		"add": conflict, "edit": ok, "delete": ok, "restore": ok},
	"lingdao": { // 领导, all, read only
		"list": seen, "list-unit": ok, "show": ok, "export": seen, "explain": seen, "indicators": seen, "search": seen,
		"add": forbidden, "edit": forbidden, "delete": forbidden, "restore": forbidden},
	"minzheng": { // 单位填报员 of 区民政局, own unit
		"list": hidden, "list-unit": forbidden, "show": forbidden, "export": hidden, "explain": hidden, "indicators": hidden, "search": seen,
		"add": conflict, "edit": forbidden, "delete": forbidden, "restore": forbidden},
	"minzheng-head": { // 单位负责人 of 区民政局, own unit, read only
		"list": hidden, "list-unit": forbidden, "show": forbidden, "export": hidden, "explain": hidden, "indicators": hidden, "search": seen,
		"add": forbidden, "edit": forbidden, "delete": forbidden, "restore": forbidden},
	"xitong": { // 系统管理员: no records
		"list": forbidden, "list-unit": forbidden, "show": forbidden, "export": forbidden, "explain": forbidden, "indicators": forbidden, "search": forbidden,
		"add": forbidden, "edit": forbidden, "delete": forbidden, "restore": forbidden},
	"anquan": { // 安全管理员: no records
		"list": forbidden, "list-unit": forbidden, "show": forbidden, "export": forbidden, "explain": forbidden, "indicators": forbidden, "search": forbidden,
		"add": forbidden, "edit": forbidden, "delete": forbidden, "restore": forbidden},
	"shenji": { // 审计员: no records
		"list": forbidden, "list-unit": forbidden, "show": forbidden, "export": forbidden, "explain": forbidden, "indicators": forbidden, "search": forbidden,
		"add": forbidden, "edit": forbidden, "delete": forbidden, "restore": forbidden},
}

// wantPublic overrides wantScope on the public ledgers (published normative
// documents, the handbook): every account of the district reads them.
var wantPublic = map[string]map[string]string{
	"minzheng":      {"list": seen, "show": ok, "export": seen, "explain": seen, "indicators": seen},
	"minzheng-head": {"list": seen, "show": ok, "export": seen, "explain": seen, "indicators": seen},
}

// wantCentral overrides wantScope on the ledgers the Justice Bureau keeps
// (复议, 府院联动, 规范性文件, 清理, 任务, 评查, 整改): a unit's clerk adds nothing
// there, even under a key of its own.
var wantCentral = map[string]map[string]string{
	"minzheng": {"add": forbidden},
}

// TestScopeMatrix walks every ledger × every role × every action against a
// record of another unit.
func TestScopeMatrix(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		tree, err := ap.Units(local)
		if err != nil {
			t.Fatal(err)
		}
		mz, _ := tree.Lookup("偃师区民政局")
		roles := make([]string, 0, len(wantScope))
		for r := range wantScope {
			roles = append(roles, r)
		}
		slices.Sort(roles)
		// Every 2022 figure over all units, taken before any action: the
		// actions leave every figure as it was (an edit writes the value
		// back, a delete is restored), so a role's figure equals it exactly
		// when the role sees every record behind it.
		all, err := ap.Indicators(local, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		// Each ledger's actions touch only its own records and figures, so
		// the ledgers run in parallel on the one database.
		for _, d := range ledger.All() {
			t.Run(d.ID, func(t *testing.T) {
				t.Parallel()
				target, ind := pickTarget(t, ap, d, mz)
				if target == nil {
					t.Errorf("%s: the demo has no record of a unit other than 区民政局", d.ID)
					return
				}
				for _, role := range roles {
					ctx := as(t, ap, role)
					for _, act := range actions {
						want := wantScope[role][act]
						if d.Public {
							if w, ok := wantPublic[role][act]; ok {
								want = w
							}
						}
						if d.Central {
							if w, ok := wantCentral[role][act]; ok {
								want = w
							}
						}
						if ((act == "explain" || act == "indicators") && ind == nil) || (act == "search" && !searchable(d)) || (act == "list-unit" && d.Owner == "") {
							want = na
						}
						if want == na {
							continue
						}
						got := try(t, ap, ctx, d, target, ind, act, tree, all)
						if got != want {
							t.Errorf("%s × %s × %s: got %s, want %s", d.ID, role, act, got, want)
						}
					}
				}
			})
		}
	})
}

// pickTarget finds a record of d kept by and counted for a unit other than
// mz, preferring one behind a 2022 count indicator of d (then returned).
func pickTarget(t *testing.T, ap *app.App, d *ledger.Definition, mz string) (*app.RecordView, *indicator.Indicator) {
	other := func(v app.RecordView) bool {
		return v.RecordUnit != mz && (d.Owner == "" || v.Record.String(d.Owner) != mz)
	}
	for _, ind := range indicator.All() {
		if ind.Ledger != d.ID || ind.Agg != indicator.Count {
			continue
		}
		_, parts, err := ap.Explain(local, ind.ID, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			for i := range p.Records {
				if other(p.Records[i]) {
					return &p.Records[i], ind
				}
			}
		}
	}
	p, err := ap.ListRecords(local, d.ID, app.ListQuery{PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Records {
		if other(p.Records[i]) {
			return &p.Records[i], nil
		}
	}
	return nil, nil
}

func searchable(d *ledger.Definition) bool { return d.ID == "normdoc" || d.ID == "handbook" }

// try runs one action and classifies its outcome.
// all is every 2022 figure over all units.
func try(t *testing.T, ap *app.App, ctx context.Context, d *ledger.Definition, target *app.RecordView, ind *indicator.Indicator, act string, tree *ledger.UnitTree, all []indicator.Value) string {
	t.Helper()
	key := target.Key
	classify := func(err error, included bool) string {
		switch {
		case err == nil && included:
			return seen
		case err == nil:
			return hidden
		case app.CodeOf(err) == app.Forbidden:
			return forbidden
		case app.CodeOf(err) == app.Conflict:
			return conflict
		}
		t.Errorf("%s %s: %v", d.ID, act, err)
		return "error"
	}
	single := func(err error) string {
		if err == nil {
			return ok
		}
		return classify(err, false)
	}
	switch act {
	case "list", "list-unit":
		q := app.ListQuery{PageSize: 100000}
		if act == "list-unit" {
			q.Unit = target.Record.String(d.Owner)
		}
		p, err := ap.ListRecords(ctx, d.ID, q)
		if act == "list-unit" {
			return single(err)
		}
		return classify(err, err == nil && containsKey(p.Records, key))
	case "show":
		_, err := ap.GetRecord(ctx, d.ID, key)
		return single(err)
	case "export":
		var buf bytes.Buffer
		_, err := ap.Export(ctx, &buf, d.ID, 0, "")
		return classify(err, err == nil && exportHas(t, buf.Bytes(), d, target, tree))
	case "explain":
		_, parts, err := ap.Explain(ctx, ind.ID, 2022, "")
		in := false
		for _, p := range parts {
			in = in || containsKey(p.Records, key)
		}
		return classify(err, in)
	case "indicators":
		mine, err := ap.Indicators(ctx, 2022, "")
		if err != nil {
			return classify(err, false)
		}
		return classify(nil, value(mine, ind.ID) == value(all, ind.ID))
	case "search":
		title := target.Record.String("title")
		if d.ID == "handbook" {
			title = target.Record.String("entry_title")
		}
		_, res, err := ap.Search(ctx, firstRunes(title, 8), 1000, []string{d.ID})
		in := false
		for _, h := range res.Hits {
			in = in || h.RecordID == target.Record[ledger.MetaID].(int64)
		}
		return classify(err, in)
	case "add":
		vals := map[string]string{}
		for _, f := range d.Fields {
			if v, has := target.Record[f.Name]; has && !f.Derived {
				vals[f.Name] = f.Format(v, tree.Name)
			}
		}
		_, err := ap.AddRecord(ctx, d.ID, vals)
		return single(err)
	case "edit":
		f := firstEditable(d, target)
		_, err := ap.EditRecord(ctx, d.ID, key, map[string]string{f.Name: f.Format(target.Record[f.Name], tree.Name)}, 0)
		return single(err)
	case "delete":
		err := ap.DeleteRecord(ctx, d.ID, key, "测试删除")
		if err == nil {
			if rerr := ap.RestoreRecord(local, d.ID, key); rerr != nil {
				t.Fatal(rerr)
			}
		}
		return single(err)
	case "restore":
		if err := ap.DeleteRecord(local, d.ID, key, "测试恢复"); err != nil {
			t.Fatal(err)
		}
		err := ap.RestoreRecord(ctx, d.ID, key)
		if err != nil {
			if rerr := ap.RestoreRecord(local, d.ID, key); rerr != nil {
				t.Fatal(rerr)
			}
		}
		return single(err)
	}
	t.Fatalf("unknown action %s", act)
	return ""
}

func containsKey(vs []app.RecordView, key string) bool {
	for _, v := range vs {
		if v.Key == key {
			return true
		}
	}
	return false
}

func value(vs []indicator.Value, id string) string {
	for _, v := range vs {
		if v.ID == id {
			return fmt.Sprint(v.Value)
		}
	}
	return "missing"
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// firstEditable is a field the record sets that is neither key nor derived.
func firstEditable(d *ledger.Definition, v *app.RecordView) *ledger.Field {
	for i := range d.Fields {
		f := &d.Fields[i]
		if _, has := v.Record[f.Name]; has && !f.Derived && !d.IsKey(f.Name) && !f.Masked() {
			return f
		}
	}
	return d.Field(d.Key[0])
}

// exportHas reports whether an exported workbook has a row whose key cells
// are the target's, as a user reads them. Cells are read raw (formatting
// every date of a large ledger is what made this test slow); a key cell
// whose raw value is not the target's is compared again as displayed (a
// date key such as 聘期起 is stored as a serial number).
func exportHas(t *testing.T, data []byte, d *ledger.Definition, target *app.RecordView, tree *ledger.UnitTree) bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for hi, row := range rows {
		cols := map[string]int{}
		for j, c := range row {
			cols[strings.TrimSpace(c)] = j
		}
		idx := make([]int, len(d.Key))
		found := true
		for i, k := range d.Key {
			j, ok := cols[d.Field(k).Label]
			found = found && ok
			idx[i] = j
		}
		if !found {
			continue
		}
		for ri, r := range rows[hi+1:] {
			match := true
			for i, k := range d.Key {
				if !match {
					break
				}
				f2 := d.Field(k)
				want := f2.Format(target.Record[k], tree.Name)
				is := func(v string) bool { return v == want || (f2.Masked() && v == f2.MaskText(want)) }
				match = idx[i] < len(r) && is(r[idx[i]])
				if !match && f2.Type != ledger.Text {
					cell, _ := excelize.CoordinatesToCellName(idx[i]+1, hi+ri+2)
					shown, err := f.GetCellValue(sheet, cell)
					match = err == nil && is(shown)
				}
			}
			if match {
				return true
			}
		}
		return false
	}
	t.Fatalf("%s export: no header row", d.ID)
	return false
}
