package main

import (
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// hostileRecords reads the field file inj-recon.csv into records as they
// would be if they had reached the database before import refused control
// characters: text cells verbatim, other cells parsed. One record also
// carries ESC in its 案号 and stays open, so the deadline lists show it.
func hostileRecords(t *testing.T, ctx context.Context, db *store.DB) ([]ledger.Record, []string) {
	t.Helper()
	f, err := os.Open(repoFile("..", "shared", "field", "hostile", "inj-recon.csv"))
	if err != nil {
		f, err = os.Open("/work/shared/field/hostile/inj-recon.csv")
	}
	if err != nil {
		t.Skip("field file inj-recon.csv not available:", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	d := ledger.Reconsideration
	tree, err := db.UnitTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv{deadline.Engine{Cal: calendar.Builtin(), Config: deadline.DefaultConfig()}}
	var fields []*ledger.Field
	var present []string
	for _, label := range rows[0] {
		for i := range d.Fields {
			if d.Fields[i].Label == label {
				fields = append(fields, &d.Fields[i])
				present = append(present, d.Fields[i].Name)
			}
		}
	}
	present = append(present, d.DerivedFields()...)
	var recs []ledger.Record
	for n, row := range rows[1:] {
		r := ledger.Record{}
		for j, fd := range fields {
			cell := row[j]
			switch fd.Type {
			case ledger.Text:
				if cell != "" {
					r[fd.Name] = cell
				}
			case ledger.UnitRef:
				code, ok := tree.Lookup(cell)
				if !ok {
					t.Fatalf("row %d: unit %q", n+2, cell)
				}
				r[fd.Name] = code
			default:
				v, err := fd.Parse(cell)
				if err != nil {
					t.Fatalf("row %d %s: %v", n+2, fd.Label, err)
				}
				if v != nil {
					r[fd.Name] = v
				}
			}
		}
		if strings.Contains(r.String("applicant"), "\x1b") {
			r["case_no"] = r.String("case_no") + "\x1b]0;PWNED\a"
			delete(r, "concluded_on")
			delete(r, "conclusion")
		}
		d.Rederive(r, env)
		recs = append(recs, r)
	}
	return recs, present
}

// testEnv computes derived fields on the built-in calendar.
type testEnv struct{ eng deadline.Engine }

func (e testEnv) WorkdaysBetween(a, b time.Time) (int, error) { return e.eng.Cal.WorkdaysBetween(a, b) }
func (e testEnv) Due(rule string, in ledger.DueInput) (time.Time, error) {
	res, err := e.eng.Compute(rule, deadline.Input{From: in.From, LawDate: in.LawDate, Extended: in.Extended, Simplified: in.Simplified, DaysOverride: in.Period})
	return res.Due, err
}

// TestTerminalOutput_EscapesControlCharacters (issue 13): ESC, BEL, VT and
// other control characters stored in fields are shown escaped by every
// command that prints them, never sent raw to the terminal.
func TestTerminalOutput_EscapesControlCharacters(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := withUnits(t, e)
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		recs, present := hostileRecords(t, ctx, db)
		if _, err := db.SaveRecords(ctx, ledger.Reconsideration, recs, present, store.Change{Actor: "test\x1b[2J", Source: "inj-recon.csv", Scope: ledger.AllScope()}); err != nil {
			t.Fatal(err)
		}
		doc := ledger.Record{"doc_no": "偃政〔2022〕9号", "title": "关于综合行政执法\x1b[2J\x1b]8;;http://evil/\a改革\u202e的通知", "issuer": "410307200"}
		if _, err := db.SaveRecords(ctx, ledger.Normdoc, []ledger.Record{doc}, []string{"doc_no", "title", "issuer"}, store.Change{Actor: "test", Source: "test", Scope: ledger.AllScope()}); err != nil {
			t.Fatal(err)
		}
		db.Close()

		var all strings.Builder
		for _, args := range [][]string{
			{"explain", "reconsideration.received", "--year", "2022"},
			{"due", "reconsideration", "--as-of", "2022-06-01"},
			{"warnings", "--as-of", "2022-06-01"},
			{"search", "综合行政执法"},
			{"export", "reconsideration", "-o", "/nonexistent/dir/x.xlsx"}, // an error message
		} {
			out, errs, err := fazhi(t, dsn, args...)
			text := out + errs
			if err != nil {
				text += err.Error()
			}
			for _, c := range []string{"\x1b", "\a", "\v", "\x01", "\u202e"} {
				if strings.Contains(out+errs, c) {
					t.Errorf("fazhi %s printed %q raw:\n%s", strings.Join(args, " "), c, out+errs)
				}
			}
			all.WriteString(text)
		}
		for _, want := range []string{`\x1b[2J`, `\x1b]0;PWNED\x07`, `\x0b`, `\u202e`} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("output lacks the escaped form %s:\n%s", want, all.String())
			}
		}
	})
}
