package app

import (
	"context"
	"fmt"
	"time"

	"fazhi/calendar"
	"fazhi/ledger"
	"fazhi/report"
)

// The plans of a report's 下步工作打算: listed, broken down into the next
// year's 规划方案 tasks, and carried into the next report with their status.

// ReportPlans lists the plans of year's latest narrative (一是……二是…… of
// its 下步工作打算 section). Errors: NotFound (no narrative, or no plans).
func (a *App) ReportPlans(ctx context.Context, year int) ([]string, *report.Source, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return nil, nil, err
	}
	v, ok, err := a.db.ReportSource(ctx, year, 0)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, errorf(NotFound, "%d年度尚无报告正文", year)
	}
	src, err := report.Parse(v.Source)
	if err != nil {
		return nil, nil, &Error{Code: Invalid, Msg: fmt.Sprintf("%d年度报告正文: %v", year, err), Err: err}
	}
	items := report.Plans(src)
	if len(items) == 0 {
		return nil, nil, errorf(NotFound, "%d年度报告中没有“%s”部分，或其中没有“一是……二是……”形式的事项", year, report.PlansHeading)
	}
	return items, src, nil
}

// PlanTasks is what ApplyReportPlans did.
type PlanTasks struct {
	Plans, Added int
	Document     string // the 规划方案 the tasks belong to
}

// ApplyReportPlans makes each plan of year's report a task of year+1 in
// the 规划方案 ledger, led by owner (a unit code, name or short name) and
// due on due (zero: 31 December of year+1). Tasks made before keep the
// progress staff recorded. Errors: Invalid (unknown unit), NotFound.
func (a *App) ApplyReportPlans(ctx context.Context, year int, owner string, due time.Time) (PlanTasks, error) {
	if _, err := a.reportWriter(ctx, year, "把报告的工作打算分解为任务"); err != nil {
		return PlanTasks{}, err
	}
	items, src, err := a.ReportPlans(ctx, year)
	if err != nil {
		return PlanTasks{}, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return PlanTasks{}, err
	}
	code, err := lookupUnit(tree, owner)
	if err != nil {
		return PlanTasks{}, err
	}
	if due.IsZero() {
		due = calendar.Date(year+1, 12, 31)
	}
	_, d, ch, err := a.writer(ctx, ledger.PlanTask.ID, "report plans")
	if err != nil {
		return PlanTasks{}, err
	}
	doc := report.PlansDocument(src, year)
	existing, _, err := a.db.FindRecords(ctx, d, ledger.Query{Scope: ch.Scope, Conds: []ledger.Cond{ledger.In("document", doc)}})
	if err != nil {
		return PlanTasks{}, err
	}
	have := map[string]bool{}
	for _, r := range existing {
		have[r.String("no")] = true
	}
	var recs []ledger.Record
	for i, it := range items {
		no := fmt.Sprintf("BG%d-%02d", year, i+1)
		if have[no] {
			continue // keep the progress staff recorded
		}
		recs = append(recs, ledger.Record{"no": no, "document": doc, "task": it, "lead_unit": code, "due_on": due, "status": "未开始"})
	}
	res, err := a.db.SaveRecords(ctx, d, recs, []string{"no", "document", "task", "lead_unit", "due_on", "status"}, ch)
	if err != nil {
		return PlanTasks{}, err
	}
	return PlanTasks{Plans: len(items), Added: res.Inserted, Document: doc}, nil
}

// carriedPlans returns the tasks made from the plans of year's report with
// their current status, as the actor may read them.
func (a *App) carriedPlans(ctx context.Context, year int) ([]report.PlanStatus, error) {
	v, ok, err := a.db.ReportSource(ctx, year, 0)
	if err != nil || !ok {
		return nil, err
	}
	src, err := report.Parse(v.Source)
	if err != nil {
		return nil, err
	}
	_, rd, _, err := a.figureReader(ctx, "")
	if err != nil {
		return nil, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	recs, _, err := rd.FindRecords(ctx, ledger.PlanTask, ledger.Query{Conds: []ledger.Cond{ledger.In("document", report.PlansDocument(src, year))}})
	if err != nil {
		return nil, err
	}
	var out []report.PlanStatus
	for _, r := range recs {
		p := report.PlanStatus{No: r.String("no"), Task: r.String("task"), Unit: tree.Name(r.String("lead_unit")),
			Status: r.String("status"), Progress: r.String("progress")}
		p.Due, _ = r.Date("due_on")
		if d, ok := r.Date("done_on"); ok {
			p.Done = &d
		}
		out = append(out, p)
	}
	return out, nil
}
