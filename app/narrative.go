package app

import (
	"context"
	"fmt"
	"strings"

	"fazhi/indicator"
	"fazhi/report"
	"fazhi/store"
)

// The annual report's narrative: versions, lint, the resolved text, the
// draft for the next year. Figures come from the actor's readable records,
// or from accepted 报送 submissions only. Rendering and publishing are in
// report_render.go, the plans of 下步工作打算 in report_plans.go.

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

// ReportDiff compares version of year's narrative with the version before
// it, paragraph by paragraph (report.Diff: "- " removed, "+ " added).
// Errors: NotFound (no such version).
func (a *App) ReportDiff(ctx context.Context, year, version int) (store.ReportVersion, []string, error) {
	cur, ok, err := a.ReportText(ctx, year, version)
	if err != nil {
		return cur, nil, err
	}
	if !ok || version < 1 {
		return cur, nil, errorf(NotFound, "%d年度报告没有第%d版", year, version)
	}
	var prev store.ReportVersion
	if version > 1 {
		if prev, _, err = a.db.ReportSource(ctx, year, version-1); err != nil {
			return cur, nil, err
		}
	}
	return cur, report.Diff(prev.Source, cur.Source), nil
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

// reportWriter is the actor allowed to save and publish the report.
func (a *App) reportWriter(ctx context.Context, year int, what string) (Actor, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, err
	}
	if err := require(act, permReport, what); err != nil {
		return act, err
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
	return byID(list), nil
}

// someValues computes the indicators ids of year (unknown IDs skipped),
// over the actor's readable records or accepted submissions only.
func (a *App) someValues(ctx context.Context, year int, ids []string, acceptedOnly bool) (map[string]indicator.Value, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	src, err := a.figureSource(ctx, year, acceptedOnly)
	if err != nil {
		return nil, err
	}
	m := make(map[string]indicator.Value, len(ids))
	for _, id := range ids {
		ind, ok := indicator.Get(id)
		if _, done := m[id]; !ok || done {
			continue
		}
		v, err := indicator.Compute(ctx, src, ind, year, "")
		if err != nil {
			return nil, err
		}
		m[id] = v
	}
	return m, nil
}

// figureSource is what the actor's figures of year are computed from:
// every readable record, or the records of accepted submissions only.
func (a *App) figureSource(ctx context.Context, year int, acceptedOnly bool) (indicator.Source, error) {
	_, src, _, err := a.figureReader(ctx, "")
	if err != nil {
		return nil, err
	}
	if !acceptedOnly {
		return src, nil
	}
	units, err := a.acceptedUnits(ctx, year)
	if err != nil {
		return nil, err
	}
	return accepted{src, units}, nil
}

func byID(list []indicator.Value) map[string]indicator.Value {
	m := make(map[string]indicator.Value, len(list))
	for _, v := range list {
		m[v.ID] = v
	}
	return m
}

// ResolveReport parses text (the latest saved narrative when text is "")
// and fills in year's figures. Errors: Invalid (a malformed narrative),
// NotFound (nothing saved for year).
func (a *App) ResolveReport(ctx context.Context, year int, text string, acceptedOnly bool) (*report.Report, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return nil, err
	}
	if text == "" {
		v, err := a.narrative(ctx, year, 0)
		if err != nil {
			return nil, err
		}
		text = v.Source
	}
	vals, err := a.reportValues(ctx, year, acceptedOnly)
	if err != nil {
		return nil, err
	}
	return a.resolve(ctx, year, 0, text, vals)
}

// narrative returns version of year's narrative (0: the latest).
// Errors: NotFound.
func (a *App) narrative(ctx context.Context, year, version int) (store.ReportVersion, error) {
	v, ok, err := a.db.ReportSource(ctx, year, version)
	if err != nil {
		return v, err
	}
	if !ok {
		if version != 0 {
			return v, errorf(NotFound, "%d年度没有第%d版报告正文", year, version)
		}
		return v, errorf(NotFound, "%d年度尚无报告正文：请先保存正文（可由上一年度报告生成草稿，或从演示数据的2022年度报告开始）", year)
	}
	return v, nil
}

// resolve parses text (version names it in errors; 0: unsaved) and fills
// in vals and, where the text asks, the status of last year's plans.
func (a *App) resolve(ctx context.Context, year, version int, text string, vals map[string]indicator.Value) (*report.Report, error) {
	src, err := report.Parse(text)
	if err != nil {
		where := fmt.Sprintf("%d年度报告正文", year)
		if version > 0 {
			where += fmt.Sprintf("（第%d版）", version)
		}
		return nil, &Error{Code: Invalid, Msg: fmt.Sprintf("%s: %v", where, err), Err: err}
	}
	src.Year = year
	var plans []report.PlanStatus
	if strings.Contains(text, report.PlansStatusDirective) {
		if plans, err = a.carriedPlans(ctx, year-1); err != nil {
			return nil, err
		}
	}
	return report.ResolveWithPlans(src, year, vals, plans), nil
}

// LintReport checks a narrative before it is saved (text; "" the latest
// saved one): unknown placeholders, typed numbers that differ from the
// indicator they sit beside (against this and every earlier version of
// this and last year's narrative), and the 公文 rules of package report.
func (a *App) LintReport(ctx context.Context, year int, text string, acceptedOnly bool) ([]report.Finding, *report.Report, error) {
	r, err := a.ResolveReport(ctx, year, text, acceptedOnly)
	if err != nil {
		return nil, nil, err
	}
	findings, err := a.lint(ctx, r, acceptedOnly)
	return findings, r, err
}

// lint runs every check of report.Lint on r, against last year's figures
// and the narratives that show where each figure belongs.
func (a *App) lint(ctx context.Context, r *report.Report, acceptedOnly bool) ([]report.Finding, error) {
	prev, err := a.someValues(ctx, r.Year-1, report.LintPrevious(r.Source), acceptedOnly)
	if err != nil && CodeOf(err) != Invalid {
		return nil, err
	}
	refs, err := a.lintReferences(ctx, r.Year)
	if err != nil {
		return nil, err
	}
	return report.Lint(r, prev, refs...), nil
}

// lintReferences are the narratives whose placeholders show where each
// figure belongs: every saved version of year's report and of the year
// before, and the seed.
func (a *App) lintReferences(ctx context.Context, year int) ([]*report.Source, error) {
	var refs []*report.Source
	for _, y := range []int{year, year - 1} {
		vs, err := a.db.ReportHistory(ctx, y)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			full, ok, err := a.db.ReportSource(ctx, y, v.Version)
			if err != nil {
				return nil, err
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
	return refs, nil
}

// ReportCheck is the lint of year's latest narrative.
type ReportCheck struct {
	Findings []report.Finding
	// Figures is how many placeholders the narrative has (every figure
	// in it taken from an indicator).
	Figures int
}

// CheckReport lints year's latest saved narrative with its live figures;
// for a published year it also names each figure that differs from the
// published one (report.Differences).
func (a *App) CheckReport(ctx context.Context, year int) (ReportCheck, error) {
	findings, r, err := a.LintReport(ctx, year, "", false)
	if err != nil {
		return ReportCheck{}, err
	}
	pub, figs, published, err := a.db.Publication(ctx, year)
	if err != nil {
		return ReportCheck{}, err
	}
	if published {
		v, err := a.narrative(ctx, year, pub.Version)
		if err != nil {
			return ReportCheck{}, err
		}
		pr, err := a.resolve(ctx, year, pub.Version, v.Source, figs)
		if err != nil {
			return ReportCheck{}, err
		}
		findings = append(findings, report.Differences(pr.Source, figs, r.Values)...)
	}
	return ReportCheck{Findings: findings, Figures: len(r.Source.Placeholders())}, nil
}

// SaveReport stores text as the next version of year's narrative
// (司法局管理员); saved is false when it equals the latest version.
func (a *App) SaveReport(ctx context.Context, year int, text, note string) (version int, saved bool, err error) {
	act, err := a.reportWriter(ctx, year, "保存年度报告")
	if err != nil {
		return 0, false, err
	}
	if _, err := report.Parse(text); err != nil {
		return 0, false, &Error{Code: Invalid, Msg: fmt.Sprintf("报告正文: %v", err), Err: err}
	}
	version, saved, err = a.db.SaveReportSource(ctx, year, text, act.Name(), strings.TrimSpace(note))
	if err != nil || !saved {
		return version, saved, err
	}
	return version, saved, a.audit(ctx, "report.save", fmt.Sprintf("%d 年度报告", year), AuditDetail{Note: fmt.Sprintf("第 %d 版：%s", version, strings.TrimSpace(note))})
}

// DraftReport turns last year's latest narrative into one for year
// (report.Draft: period years moved, 发文字号 and 成文日期 left to fill,
// last year's plans listed with their status). Errors: NotFound (nothing
// saved for year-1).
func (a *App) DraftReport(ctx context.Context, year int) (string, error) {
	if _, err := a.reportReader(ctx, year); err != nil {
		return "", err
	}
	v, ok, err := a.db.ReportSource(ctx, year-1, 0)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errorf(NotFound, "%d年度尚无报告正文，无法生成%d年度草稿", year-1, year)
	}
	prev, err := report.Parse(v.Source)
	if err != nil {
		return "", &Error{Code: Invalid, Msg: fmt.Sprintf("%d年度报告正文: %v", year-1, err), Err: err}
	}
	text, err := report.Draft(prev, v.Source, year)
	if err != nil {
		return "", &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	return text, nil
}

// SaveDraft saves DraftReport's text as the next version of year's
// narrative. A year that already has a narrative is left as it is unless
// replace is set (the old versions stay readable). Errors: Conflict (a
// narrative exists), NotFound.
func (a *App) SaveDraft(ctx context.Context, year int, replace bool) (int, error) {
	text, err := a.DraftReport(ctx, year)
	if err != nil {
		return 0, err
	}
	if _, err := a.reportWriter(ctx, year, "保存年度报告"); err != nil {
		return 0, err
	}
	if cur, exists, err := a.db.ReportSource(ctx, year, 0); err != nil {
		return 0, err
	} else if exists && !replace {
		return 0, &Error{Code: Conflict, Msg: fmt.Sprintf("%d年度报告已有正文（第%d版，%s），未覆盖", year, cur.Version, cur.Author), Err: ErrNarrativeExists}
	}
	v, _, err := a.SaveReport(ctx, year, text, fmt.Sprintf("由%d年度报告生成的草稿", year-1))
	return v, err
}
