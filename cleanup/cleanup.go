// Package cleanup runs a 规范性文件清理 campaign as a workflow: a batch
// (清理批次) is opened with a cut-off date and a scope of issuing organs,
// which lists every document in scope as pending; each document gets a
// conclusion (清理结论); the decision that publishes the result
// (《…关于公布规范性文件清理结果的决定》) is drafted from the conclusions;
// publishing it stamps the decision on every row and changes the status of
// each document in the normdoc ledger.
//
// The package holds the rules only (scope, which conclusion leads to which
// status, which lists the decision carries, what may be published); store
// keeps batches and records, cmd/fazhi wires them.
package cleanup

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fazhi/ident"
	"fazhi/ledger"
)

// Batch states.
const (
	StatusOpen      = "清理中"
	StatusPublished = "已公布"
)

// Batch is one cleanup campaign.
type Batch struct {
	Name string
	// Cutoff: documents published on or before it are in scope; zero when
	// the batch was imported without `fazhi cleanup open`.
	Cutoff  time.Time
	Issuers []string // unit codes of the issuing organs in scope; empty: all
	Status  string   // StatusOpen or StatusPublished
	// The published decision (决定文号, 决定公布日期), once published.
	DecisionNo   string
	DecisionDate time.Time
	// Registered is true when the batch was opened (or published) with
	// fazhi cleanup and so has a cut-off and scope on record.
	Registered bool
}

// Published reports whether the decision of the batch has been published.
func (b Batch) Published() bool { return b.Status == StatusPublished }

// ScopeStatuses are the normdoc states a cleanup reviews: documents in force.
var ScopeStatuses = []string{"有效", "已修改"}

// CheckName validates a batch name.
func CheckName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("清理批次名称不能为空，如 2022年规范性文件专项清理")
	}
	if len([]rune(name)) > 60 {
		return fmt.Errorf("清理批次名称“%s”过长（最多60个字）", name)
	}
	return nil
}

// Conds selects the normdoc records in scope of b: in force, published on
// or before the cut-off, by one of the issuers.
func (b Batch) Conds() []ledger.Cond {
	conds := []ledger.Cond{ledger.LE("published_on", b.Cutoff), ledger.In("status", anys(ScopeStatuses)...)}
	if len(b.Issuers) > 0 {
		conds = append(conds, ledger.In("issuer", anys(b.Issuers)...))
	}
	return conds
}

// SameScope reports whether b and o cover the same documents.
func (b Batch) SameScope(o Batch) bool {
	x, y := slices.Clone(b.Issuers), slices.Clone(o.Issuers)
	slices.Sort(x)
	slices.Sort(y)
	return b.Cutoff.Equal(o.Cutoff) && slices.Equal(x, y)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Items returns the normdoc_cleanup records that list docs (normdoc records
// in scope) in batch b as pending, skipping documents already listed.
func Items(b Batch, docs []ledger.Record, listed map[string]bool) []ledger.Record {
	var out []ledger.Record
	for _, d := range docs {
		no := d.String("doc_no")
		if listed[no] {
			continue
		}
		r := ledger.Record{"batch": b.Name, "doc_no": no, "conclusion": ledger.CleanupPending}
		for _, f := range []string{"title", "issuer", "published_on"} {
			if v, ok := d[f]; ok && v != nil {
				r[f] = v
			}
		}
		out = append(out, r)
	}
	return out
}

// ItemFields are the normdoc_cleanup fields Items fills.
var ItemFields = []string{"batch", "doc_no", "title", "issuer", "published_on", "conclusion"}

// CheckConclusion validates a conclusion given for a document.
func CheckConclusion(c string) error {
	if c == ledger.CleanupPending {
		return fmt.Errorf("“%s”不是清理结论；请给出：%s", c, strings.Join(Conclusions(), "、"))
	}
	if !slices.Contains(ledger.CleanupConclusions, c) {
		return fmt.Errorf("“%s”不是允许的清理结论，可选：%s", c, strings.Join(Conclusions(), "、"))
	}
	return nil
}

// Conclusions are the conclusions a document can be given (all but pending).
func Conclusions() []string {
	var out []string
	for _, c := range ledger.CleanupConclusions {
		if c != ledger.CleanupPending {
			out = append(out, c)
		}
	}
	return out
}

// StatusAfter is the normdoc 状态 a published conclusion gives a document;
// false for 继续有效, which leaves the status as it is.
func StatusAfter(conclusion string) (string, bool) {
	switch conclusion {
	case "废止":
		return "废止", true
	case "宣布失效":
		return "失效", true
	case "不再作为规范性文件管理":
		return "不再作为规范性文件管理", true
	case "修改":
		return "已修改", true
	}
	return "", false
}

// Summary counts the documents of a batch by conclusion.
type Summary struct {
	Total        int
	ByConclusion map[string]int
}

// Pending is the number of documents without a conclusion.
func (s Summary) Pending() int { return s.ByConclusion[ledger.CleanupPending] }

// Summarize counts rows (normdoc_cleanup records of one batch).
func Summarize(rows []ledger.Record) Summary {
	s := Summary{Total: len(rows), ByConclusion: map[string]int{}}
	for _, r := range rows {
		s.ByConclusion[r.String("conclusion")]++
	}
	return s
}

// FromRows describes a batch that has no record of its own (imported as a
// normdoc_cleanup file): published when every row carries the same
// decision number and date.
func FromRows(name string, rows []ledger.Record) Batch {
	b := Batch{Name: name, Status: StatusOpen}
	for i, r := range rows {
		no := r.String("decision_no")
		d, ok := r.Date("decision_published_on")
		if no == "" || !ok || (i > 0 && (no != b.DecisionNo || !d.Equal(b.DecisionDate))) {
			b.DecisionNo, b.DecisionDate = "", time.Time{}
			return b
		}
		b.DecisionNo, b.DecisionDate = no, d
	}
	if len(rows) > 0 {
		b.Status = StatusPublished
	}
	return b
}

// SortRows orders documents the way lists show them: by publication date,
// then 文号.
func SortRows(rows []ledger.Record) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, _ := rows[i].Date("published_on")
		b, _ := rows[j].Date("published_on")
		if !a.Equal(b) {
			return a.Before(b)
		}
		return rows[i].String("doc_no") < rows[j].String("doc_no")
	})
}

// Publication is what publishing a decision writes, all in one transaction.
type Publication struct {
	Rows     []ledger.Record // normdoc_cleanup: batch, doc_no, decision_no, decision_published_on
	Statuses []ledger.Record // normdoc: doc_no, status (only real changes)
	// Missing lists the 文号 whose conclusion changes a status but which the
	// normdoc ledger does not hold: their status cannot be changed.
	Missing []string
}

// RowFields and StatusFields are the fields a Publication writes.
var (
	RowFields    = []string{"batch", "doc_no", "decision_no", "decision_published_on"}
	StatusFields = []string{"doc_no", "status"}
)

// Publish plans the publication of batch b's decision no of date: rows are
// the batch's normdoc_cleanup records, docs the normdoc records by 文号.
func Publish(b Batch, rows []ledger.Record, docs map[string]ledger.Record, no string, date time.Time) (Publication, error) {
	var p Publication
	no = ident.NormalizeDocNumber(no)
	if no == "" {
		return p, errors.New("请用 --no 给出清理结果决定的文号，如 偃政〔2022〕9号")
	}
	if err := ident.CheckDocNumber(no); err != nil {
		return p, fmt.Errorf("决定文号有误：%w", err)
	}
	if date.IsZero() {
		return p, errors.New("请用 --date 给出决定的公布日期，如 2022-05-20")
	}
	if len(rows) == 0 {
		return p, fmt.Errorf("清理批次“%s”中没有任何文件，无法公布", b.Name)
	}
	if b.Published() && (b.DecisionNo != no || !b.DecisionDate.Equal(date)) {
		return p, fmt.Errorf("清理批次“%s”已于%s以%s公布，不能再以%s公布", b.Name, b.DecisionDate.Format("2006-01-02"), b.DecisionNo, no)
	}
	if !b.Cutoff.IsZero() && date.Before(b.Cutoff) {
		return p, fmt.Errorf("决定公布日期 %s 早于清理截止日期 %s", date.Format("2006-01-02"), b.Cutoff.Format("2006-01-02"))
	}
	var pending []string
	for _, r := range rows {
		if r.String("conclusion") == ledger.CleanupPending {
			pending = append(pending, r.String("doc_no"))
		}
	}
	if len(pending) > 0 {
		return p, fmt.Errorf("清理批次“%s”还有%d件文件未作清理结论（%s），全部作出结论后才能公布", b.Name, len(pending), abbreviate(pending, 5))
	}
	for _, r := range rows {
		docNo := r.String("doc_no")
		if pub, ok := r.Date("published_on"); ok && date.Before(pub) {
			return p, fmt.Errorf("决定公布日期 %s 早于文件 %s 的公布日期 %s", date.Format("2006-01-02"), docNo, pub.Format("2006-01-02"))
		}
		p.Rows = append(p.Rows, ledger.Record{"batch": b.Name, "doc_no": docNo, "decision_no": no, "decision_published_on": date})
		status, change := StatusAfter(r.String("conclusion"))
		if !change {
			continue
		}
		d, ok := docs[docNo]
		if !ok {
			p.Missing = append(p.Missing, docNo)
			continue
		}
		if d.String("status") != status {
			p.Statuses = append(p.Statuses, ledger.Record{"doc_no": docNo, "status": status})
		}
	}
	return p, nil
}

// abbreviate joins the first n items, with 等 when there are more.
func abbreviate(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "、")
	}
	return strings.Join(items[:n], "、") + "等"
}

// CheckReopen checks that batch want may be opened over existing, a batch
// already on record: not once published, and with the same scope (opening
// again only lists documents entered since).
func CheckReopen(existing, want Batch) error {
	if existing.Published() {
		return fmt.Errorf("清理批次“%s”已以%s公布，不能再开启", existing.Name, existing.DecisionNo)
	}
	if existing.Registered && !existing.SameScope(want) {
		return fmt.Errorf("清理批次“%s”已开启（截止日期 %s），范围不同；请换一个批次名称", existing.Name, existing.Cutoff.Format("2006-01-02"))
	}
	return nil
}
