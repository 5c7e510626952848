package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fazhi/cleanup"
	"fazhi/gongwen"
	"fazhi/ident"
	"fazhi/ledger"
	"fazhi/store"
)

// A normative-document cleanup campaign (规范性文件清理): open a batch over
// the documents in force at a cut-off, conclude each, write the decision
// (清理结果决定, a 公文) and publish it, which changes the documents' status.
// The campaign is 司法局管理员's work (permReport).

// CleanupBatch is a batch with its rows and what they add up to.
type CleanupBatch struct {
	Batch       cleanup.Batch
	Rows        []ledger.Record // normdoc_cleanup records of the batch
	Summary     cleanup.Summary
	IssuerNames []string // short names of the issuers in scope; empty: all
}

func (a *App) cleanupActor(ctx context.Context, what string) (Actor, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, err
	}
	return act, require(act, permReport, what)
}

// batch loads batch name, which must exist.
func (a *App) batch(ctx context.Context, name string) (CleanupBatch, error) {
	b, rows, ok, err := a.db.CleanupBatch(ctx, name)
	if err != nil {
		return CleanupBatch{}, err
	}
	if !ok {
		return CleanupBatch{}, errorf(NotFound, "没有清理批次“%s”：请先开启该批次，或查看已有批次", name)
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return CleanupBatch{}, err
	}
	return CleanupBatch{Batch: b, Rows: rows, Summary: cleanup.Summarize(rows), IssuerNames: shortNames(tree, b.Issuers)}, nil
}

// shortNames returns the short names (or names) of units.
func shortNames(tree *ledger.UnitTree, codes []string) []string {
	var out []string
	for _, c := range codes {
		u, ok := tree.Get(c)
		switch {
		case !ok:
			out = append(out, c)
		case u.ShortName != "":
			out = append(out, u.ShortName)
		default:
			out = append(out, u.Name)
		}
	}
	return out
}

func (a *App) unitCodes(ctx context.Context, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range names {
		code, err := lookupUnit(tree, s)
		if err != nil {
			return nil, err
		}
		out = append(out, code)
	}
	return out, nil
}

// CleanupOpened is what opening a batch did.
type CleanupOpened struct {
	CleanupBatch
	InScope int // documents in force at the cut-off from the issuers
	Listed  int // newly listed in the batch now
}

// CleanupOpen opens batch name over the normative documents in force and
// published on or before cutoff by issuers (unit names; none: all), each
// listed with the pending conclusion. Opening it again lists documents
// added since, with the same cut-off and scope.
func (a *App) CleanupOpen(ctx context.Context, name string, cutoff time.Time, issuers []string) (CleanupOpened, error) {
	act, err := a.cleanupActor(ctx, "开启规范性文件清理")
	if err != nil {
		return CleanupOpened{}, err
	}
	if err := cleanup.CheckName(name); err != nil {
		return CleanupOpened{}, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	if cutoff.IsZero() {
		return CleanupOpened{}, errorf(Invalid, "请给出清理截止日期")
	}
	want := cleanup.Batch{Name: name, Cutoff: cutoff, Status: cleanup.StatusOpen, Registered: true}
	if want.Issuers, err = a.unitCodes(ctx, issuers); err != nil {
		return CleanupOpened{}, err
	}
	old, rows, exists, err := a.db.CleanupBatch(ctx, want.Name)
	if err != nil {
		return CleanupOpened{}, err
	}
	if exists {
		if err := cleanup.CheckReopen(old, want); err != nil {
			return CleanupOpened{}, &Error{Code: Conflict, Msg: err.Error(), Err: err}
		}
	}
	docs, _, err := a.db.FindRecords(ctx, ledger.Normdoc, ledger.Query{Scope: act.scope(), Conds: want.Conds()})
	if err != nil {
		return CleanupOpened{}, err
	}
	listed := map[string]bool{}
	for _, r := range rows {
		listed[r.String("doc_no")] = true
	}
	items := cleanup.Items(want, docs, listed)
	if _, err := a.db.OpenCleanup(ctx, want, items, a.change(act, "开启清理批次")); err != nil {
		return CleanupOpened{}, err
	}
	cb, err := a.batch(ctx, name)
	if err != nil {
		return CleanupOpened{}, err
	}
	return CleanupOpened{CleanupBatch: cb, InScope: len(docs), Listed: len(items)},
		a.audit(ctx, "cleanup.open", "规范性文件清理“"+name+"”", AuditDetail{Count: len(items)})
}

// change is the storage change of an actor's write outside the ledger forms.
func (a *App) change(act Actor, source string) store.Change {
	return store.Change{Actor: act.Name(), Source: source, Scope: act.scope(), RecordUnit: act.Unit, Account: act.Account}
}

// CleanupBatches lists every batch with its summary.
func (a *App) CleanupBatches(ctx context.Context) ([]CleanupBatch, error) {
	if _, err := a.cleanupActor(ctx, "查看规范性文件清理"); err != nil {
		return nil, err
	}
	names, err := a.db.CleanupBatchNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []CleanupBatch
	for _, n := range names {
		cb, err := a.batch(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, cb)
	}
	return out, nil
}

// CleanupBatch returns one batch with its rows.
func (a *App) CleanupBatch(ctx context.Context, name string) (CleanupBatch, error) {
	if _, err := a.cleanupActor(ctx, "查看规范性文件清理"); err != nil {
		return CleanupBatch{}, err
	}
	return a.batch(ctx, name)
}

// CleanupConclude records the conclusion (and reason) on one document of an
// unpublished batch. It returns the document's title and how many other
// documents of the batch are still pending.
func (a *App) CleanupConclude(ctx context.Context, name, docNo, conclusion, reason string) (title string, pending int, err error) {
	act, err := a.cleanupActor(ctx, "作出清理结论")
	if err != nil {
		return "", 0, err
	}
	no, conclusion := ident.NormalizeDocNumber(docNo), strings.TrimSpace(conclusion)
	if err := cleanup.CheckConclusion(conclusion); err != nil {
		return "", 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	cb, err := a.batch(ctx, name)
	if err != nil {
		return "", 0, err
	}
	if cb.Batch.Published() {
		return "", 0, errorf(Conflict, "清理批次“%s”已以%s公布，不能再修改清理结论", name, cb.Batch.DecisionNo)
	}
	var found ledger.Record
	for _, r := range cb.Rows {
		if r.String("doc_no") == no {
			found = r
		} else if r.String("conclusion") == ledger.CleanupPending {
			pending++
		}
	}
	if found == nil {
		return "", 0, errorf(NotFound, "清理批次“%s”中没有文号为“%s”的文件", name, no)
	}
	rec := ledger.Record{"batch": name, "doc_no": no, "conclusion": conclusion}
	present := []string{"batch", "doc_no", "conclusion"}
	if r := strings.TrimSpace(reason); r != "" {
		rec["reason"] = r
		present = append(present, "reason")
	}
	if _, err := a.db.SaveRecords(ctx, ledger.NormdocCleanup, []ledger.Record{rec}, present, a.change(act, "清理结论")); err != nil {
		return "", 0, err
	}
	return found.String("title"), pending, a.audit(ctx, "cleanup.conclude", "规范性文件清理“"+name+"” "+docNo,
		AuditDetail{After: map[string]string{"结论": conclusion, "理由": reason}})
}

// DecisionRequest says how to word a batch's decision; zero fields take the
// batch's own (the published number and date; the cut-off and scope on
// record), the organ defaults to the root 政府 unit, the date to today.
type DecisionRequest struct {
	Batch   string
	No      string
	Date    time.Time
	Organ   string
	Cutoff  time.Time
	Issuers []string // unit names, for the decision's wording
	Format  string   // "docx" (default) or "pdf" (LibreOffice converts the same DOCX)
}

// DecisionResult says what decision was written.
type DecisionResult struct {
	Title        string
	No           string
	Date         time.Time
	DateDefault  bool     // no date given or on record: today
	Lists        []string // 废止 12 件 …
	NoMissing    bool
	OrganDefault bool
}

// CleanupDecision writes batch's 清理结果决定 as a GB/T 9704 DOCX (or its
// PDF, req.Format) to w.
func (a *App) CleanupDecision(ctx context.Context, w io.Writer, req DecisionRequest) (DecisionResult, error) {
	if _, err := a.cleanupActor(ctx, "生成清理结果决定"); err != nil {
		return DecisionResult{}, err
	}
	no := ident.NormalizeDocNumber(req.No)
	if no != "" {
		if err := ident.CheckDocNumber(no); err != nil {
			return DecisionResult{}, errorf(Invalid, "决定文号: %v", err)
		}
	}
	cb, err := a.batch(ctx, req.Batch)
	if err != nil {
		return DecisionResult{}, err
	}
	b := cb.Batch
	// A batch imported as a file has no cut-off and scope on record; the
	// request supplies them for the decision's wording.
	if !req.Cutoff.IsZero() {
		b.Cutoff = req.Cutoff
	}
	if len(req.Issuers) > 0 {
		if b.Issuers, err = a.unitCodes(ctx, req.Issuers); err != nil {
			return DecisionResult{}, err
		}
	}
	res := DecisionResult{No: no, Date: req.Date}
	if res.No == "" {
		res.No = b.DecisionNo
	}
	if res.Date.IsZero() {
		res.Date = b.DecisionDate
	}
	if res.Date.IsZero() {
		res.Date, res.DateDefault = a.today(), true
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return res, err
	}
	org := req.Organ
	if org == "" {
		for _, u := range tree.Units {
			if u.Parent == "" && u.Kind == "政府" {
				org = u.Name
				break
			}
		}
		if org == "" {
			return res, errorf(Invalid, "单位名录中没有类型为“政府”的根单位，请指定作出决定的机关，如 洛阳市偃师区人民政府")
		}
	}
	doc, err := cleanup.Decision(cleanup.DecisionInput{Organ: org, IssuerNames: shortNames(tree, b.Issuers), Batch: b, Rows: cb.Rows, No: res.No, Date: res.Date})
	if err != nil {
		return res, err
	}
	write := gongwen.WriteDOCX
	switch req.Format {
	case "", "docx":
	case "pdf":
		write = func(w io.Writer, d *gongwen.Document) error { return gongwen.WritePDF(ctx, w, d) }
	default:
		return res, errorf(Invalid, "清理结果决定只能生成 DOCX 或 PDF，不支持“%s”", req.Format)
	}
	if err := write(w, doc); err != nil {
		return res, fmt.Errorf("生成决定失败: %w", err)
	}
	res.Title, res.NoMissing = cleanup.DecisionTitle(org), res.No == ""
	for _, l := range cleanup.Lists(cb.Rows) {
		res.Lists = append(res.Lists, fmt.Sprintf("%s %d 件", l.Heading, len(l.Rows)))
	}
	return res, a.audit(ctx, "download", "规范性文件清理结果决定", AuditDetail{})
}

// PublishResult is what publishing a batch changed.
type PublishResult struct {
	Batch       cleanup.Batch
	No          string
	Rows        int            // cleanup records given the decision's number and date
	RowsUpdated int            //
	DocsUpdated int            // normative documents whose status changed
	ByStatus    map[string]int // new status → documents
	Missing     []string       // document numbers not in the normdoc ledger
	StatusOrder []string
}

// CleanupPublish publishes batch name's decision (number no, published on
// date): every cleanup record gets the decision, every document its new
// status, in one transaction; a published batch cannot change.
func (a *App) CleanupPublish(ctx context.Context, name, no string, date time.Time) (PublishResult, error) {
	act, err := a.cleanupActor(ctx, "公布清理结果")
	if err != nil {
		return PublishResult{}, err
	}
	if strings.TrimSpace(no) == "" || date.IsZero() {
		return PublishResult{}, errorf(Invalid, "公布须给出决定文号和公布日期")
	}
	cb, err := a.batch(ctx, name)
	if err != nil {
		return PublishResult{}, err
	}
	nos := make([]any, len(cb.Rows))
	for i, r := range cb.Rows {
		nos[i] = r.String("doc_no")
	}
	docs := map[string]ledger.Record{}
	if len(nos) > 0 {
		recs, _, err := a.db.FindRecords(ctx, ledger.Normdoc, ledger.Query{Scope: act.scope(), Conds: []ledger.Cond{ledger.In("doc_no", nos...)}})
		if err != nil {
			return PublishResult{}, err
		}
		for _, r := range recs {
			docs[r.String("doc_no")] = r
		}
	}
	p, err := cleanup.Publish(cb.Batch, cb.Rows, docs, no, date)
	if err != nil {
		return PublishResult{}, &Error{Code: Conflict, Msg: err.Error(), Err: err}
	}
	rs, ss, err := a.db.PublishCleanup(ctx, cb.Batch, p, a.change(act, "公布清理结果"))
	if err != nil {
		return PublishResult{}, fmt.Errorf("公布失败，未作任何修改: %w", err)
	}
	res := PublishResult{Batch: cb.Batch, No: p.Rows[0].String("decision_no"), Rows: len(p.Rows), RowsUpdated: rs.Updated, DocsUpdated: ss.Updated,
		ByStatus: map[string]int{}, Missing: p.Missing, StatusOrder: ledger.NormdocStatuses}
	for _, r := range p.Statuses {
		res.ByStatus[r.String("status")]++
	}
	return res, a.audit(ctx, "cleanup.publish", "规范性文件清理“"+name+"”", AuditDetail{Note: "文号 " + no})
}

// CleanupConclusions lists the conclusions a document may get.
func CleanupConclusions() []string { return ledger.CleanupConclusions }

// CleanupPending is the conclusion of a document not yet concluded.
const CleanupPending = ledger.CleanupPending
