package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fazhi/gongwen"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/report"
	"fazhi/store"
)

// The annual report's narrative as the web edits it: versions, lint before
// saving, the resolved text and the downloads. Figures come from the
// actor's readable records, or from accepted 报送 submissions only.

// ReportVersions lists the saved versions of year's narrative, oldest
// first (司法局管理员, 领导).
func (a *App) ReportVersions(ctx context.Context, year int) ([]store.ReportVersion, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return nil, err
	}
	return a.db.ReportHistory(ctx, year)
}

// ReportText returns version of year's narrative (0: the latest); ok is
// false when there is none.
func (a *App) ReportText(ctx context.Context, year, version int) (store.ReportVersion, bool, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return store.ReportVersion{}, false, err
	}
	return a.db.ReportSource(ctx, year, version)
}

func (a *App) reportReader(ctx context.Context, year int) (Actor, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, err
	}
	if !act.Local && act.Role != RoleAdmin && act.Role != RoleLeader {
		return act, errorf(Forbidden, "%s无权查看年度报告", act.describe())
	}
	return act, checkYear(year)
}

// reportValues computes every indicator of year by ID, over all readable
// records or over accepted submissions only.
func (a *App) reportValues(ctx context.Context, year int, acceptedOnly bool) (map[string]indicator.Value, error) {
	compute := a.Indicators
	if acceptedOnly {
		compute = a.IndicatorsAccepted
	}
	list, err := compute(ctx, year, "")
	if err != nil {
		return nil, err
	}
	m := make(map[string]indicator.Value, len(list))
	for _, v := range list {
		m[v.ID] = v
	}
	return m, nil
}

// ResolveReport parses text (the latest saved narrative when text is "")
// and fills in year's figures. Errors: Invalid (a malformed narrative),
// NotFound (nothing saved for year).
func (a *App) ResolveReport(ctx context.Context, year int, text string, acceptedOnly bool) (*report.Report, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return nil, err
	}
	if text == "" {
		v, ok, err := a.db.ReportSource(ctx, year, 0)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errorf(NotFound, "%d年度尚无报告正文", year)
		}
		text = v.Source
	}
	src, err := report.Parse(text)
	if err != nil {
		return nil, &Error{Code: Invalid, Msg: fmt.Sprintf("%d年度报告正文: %v", year, err), Err: err}
	}
	src.Year = year
	vals, err := a.reportValues(ctx, year, acceptedOnly)
	if err != nil {
		return nil, err
	}
	var plans []report.PlanStatus
	if strings.Contains(text, report.PlansStatusDirective) {
		if plans, err = a.carriedPlans(ctx, year-1); err != nil {
			return nil, err
		}
	}
	return report.ResolveWithPlans(src, year, vals, plans), nil
}

// carriedPlans returns the tasks made from the plans of year's report with
// their current status.
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

// LintReport checks a narrative before it is saved: unknown placeholders,
// typed numbers that differ from the indicator they sit beside (against
// this and every earlier version of this and last year's narrative), and
// the 公文 rules of package report.
func (a *App) LintReport(ctx context.Context, year int, text string, acceptedOnly bool) ([]report.Finding, *report.Report, error) {
	r, err := a.ResolveReport(ctx, year, text, acceptedOnly)
	if err != nil {
		return nil, nil, err
	}
	prev, err := a.reportValues(ctx, year-1, acceptedOnly)
	if err != nil && CodeOf(err) != Invalid {
		return nil, nil, err
	}
	var refs []*report.Source
	for _, y := range []int{year, year - 1} {
		vs, err := a.db.ReportHistory(ctx, y)
		if err != nil {
			return nil, nil, err
		}
		for _, v := range vs {
			full, ok, err := a.db.ReportSource(ctx, y, v.Version)
			if err != nil {
				return nil, nil, err
			}
			if src, perr := report.Parse(full.Source); ok && perr == nil {
				src.Year = y // lint tells another year's 文号 and 成文日期 from this year's
				refs = append(refs, src)
			}
		}
	}
	if seed, err := report.Parse(report.Seed2022); err == nil {
		seed.Year = 2022
		refs = append(refs, seed)
	}
	return report.Lint(r, prev, refs...), r, nil
}

// SaveReport stores text as the next version of year's narrative
// (司法局管理员); saved is false when it equals the latest version.
func (a *App) SaveReport(ctx context.Context, year int, text, note string) (version int, saved bool, err error) {
	act, err := actor(ctx)
	if err != nil {
		return 0, false, err
	}
	if err := require(act, permReport, "保存年度报告"); err != nil {
		return 0, false, err
	}
	if err := checkYear(year); err != nil {
		return 0, false, err
	}
	if _, err := report.Parse(text); err != nil {
		return 0, false, &Error{Code: Invalid, Msg: fmt.Sprintf("报告正文: %v", err), Err: err}
	}
	return a.db.SaveReportSource(ctx, year, text, act.Name(), strings.TrimSpace(note))
}

// WriteReport renders year's latest narrative as format (docx, pdf, html,
// md). HTML and Markdown carry the comparison with the year before, and
// HTML the records behind every figure. PDF needs LibreOffice.
func (a *App) WriteReport(ctx context.Context, w io.Writer, year int, format string, acceptedOnly bool) error {
	r, err := a.ResolveReport(ctx, year, "", acceptedOnly)
	if err != nil {
		return err
	}
	var changes []report.Change
	if format == "html" || format == "md" {
		prev, err := a.reportValues(ctx, year-1, acceptedOnly)
		if err != nil && CodeOf(err) != Invalid {
			return err
		}
		changes = r.Compare(prev)
	}
	switch format {
	case "md":
		return r.WriteMarkdown(w, changes, year-1)
	case "html":
		ev, err := a.reportEvidence(ctx, r, acceptedOnly)
		if err != nil {
			return err
		}
		return r.WriteHTML(w, report.HTMLOptions{Evidence: ev, Changes: changes, PrevYear: year - 1})
	case "docx":
		return gongwen.WriteDOCX(w, r.Document())
	case "pdf":
		dir, err := os.MkdirTemp("", "fazhi-report-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		var buf bytes.Buffer
		if err := gongwen.WriteDOCX(&buf, r.Document()); err != nil {
			return err
		}
		docx := filepath.Join(dir, fmt.Sprintf("%d年度报告.docx", year))
		if err := os.WriteFile(docx, buf.Bytes(), 0o644); err != nil {
			return err
		}
		pdf, err := gongwen.ConvertPDF(ctx, docx, dir)
		if errors.Is(err, gongwen.ErrNoLibreOffice) {
			return &Error{Code: Invalid, Msg: "服务器未安装 LibreOffice，无法生成 PDF；请下载 DOCX", Err: err}
		}
		if err != nil {
			return err
		}
		f, err := os.Open(pdf)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}
	return errorf(Invalid, "不支持的格式“%s”：可用 docx、pdf、html、md", format)
}

// reportEvidence lists the records behind every figure the report uses.
func (a *App) reportEvidence(ctx context.Context, r *report.Report, acceptedOnly bool) ([]report.Evidence, error) {
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	explain := a.Explain
	if acceptedOnly {
		explain = a.ExplainAccepted
	}
	var out []report.Evidence
	for _, id := range r.Source.Placeholders() {
		if _, ok := indicator.Get(id); !ok {
			continue
		}
		v, parts, err := explain(ctx, id, r.Year, "")
		if err != nil {
			return nil, err
		}
		ps := make([]indicator.Part, len(parts))
		for i, p := range parts {
			ps[i] = indicator.Part{Indicator: p.Indicator, Ledger: p.Ledger, Value: p.Value}
			for _, rv := range p.Records {
				ps[i].Records = append(ps[i].Records, rv.Record)
			}
		}
		out = append(out, report.EvidenceFrom(v, ps, tree.Name))
	}
	return out, nil
}
