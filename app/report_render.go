package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fazhi/gongwen"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/report"
	"fazhi/store"
)

// ErrNarrativeExists is wrapped by SaveDraft's refusal to replace a
// year's narrative.
var ErrNarrativeExists = errors.New("narrative exists")

// ReportOptions says how RenderReport renders a year's report.
type ReportOptions struct {
	Year   int
	Format string // docx, pdf, html or md (report.OutputFormat)
	// Compare is the year whose figures HTML and Markdown compare with
	// (0: none).
	Compare int
	// AcceptedOnly takes the figures from accepted 报送 submissions only.
	AcceptedOnly bool
	// Force renders a report whose lint finds problems, marked 草稿 on top.
	Force bool
	// Live renders a published year from the records as they are now,
	// as a draft, instead of its frozen figures.
	Live bool
	// Public and Internal choose the HTML: the public document (no
	// records, no party names; the default of a published year) or the
	// internal one whose figures lead to their records.
	Public, Internal bool
	// RecordsBase is the web interface's base URL: the internal HTML's
	// figures link to its records pages. "" appends the records behind
	// each figure, report.AppendixRows of each part at most.
	RecordsBase string
}

// Rendered says what RenderReport wrote.
type Rendered struct {
	Published bool   // the frozen figures of the published report
	Public    bool   // the public HTML
	DraftMark string // the mark on a forced draft
	Findings  int    // lint findings of a forced draft
}

// LintFailed refuses to render a report whose lint finds problems.
type LintFailed struct {
	Year     int
	Findings []report.Finding
}

func (e *LintFailed) Error() string {
	return fmt.Sprintf("%d年度报告检查发现%d处问题，未生成：\n%s\n请修改后重试；确需生成草稿时可强制生成，文中将标明“草稿”", e.Year, len(e.Findings), report.FindingsText(e.Findings, 10))
}

// RenderReport writes year's report as o.Format to w. A published year
// comes with its frozen figures (unless o.Live); otherwise the latest
// narrative is linted first and refused with *LintFailed (code Invalid)
// when it has problems, unless o.Force. PDF needs LibreOffice (Invalid
// when missing). Memory and time do not grow with the records behind the
// figures: the HTML appendix is bounded (report.AppendixRows a part).
func (a *App) RenderReport(ctx context.Context, w io.Writer, o ReportOptions) (Rendered, error) {
	var out Rendered
	if _, err := a.reportReader(ctx, o.Year); err != nil {
		return out, err
	}
	if o.Compare != 0 {
		if err := checkYear(o.Compare); err != nil {
			return out, err
		}
	}
	pub, figs, published, err := a.db.Publication(ctx, o.Year)
	if err != nil {
		return out, err
	}
	var r *report.Report
	if published && !o.Live && !o.AcceptedOnly {
		v, err := a.narrative(ctx, o.Year, pub.Version)
		if err != nil {
			return out, err
		}
		if r, err = a.resolve(ctx, o.Year, pub.Version, v.Source, figs); err != nil {
			return out, err
		}
		out.Published = true
	} else {
		if r, err = a.ResolveReport(ctx, o.Year, "", o.AcceptedOnly); err != nil {
			return out, err
		}
		findings, err := a.lint(ctx, r, o.AcceptedOnly)
		if err != nil {
			return out, err
		}
		if len(findings) > 0 && !o.Force {
			lf := &LintFailed{Year: o.Year, Findings: findings}
			return out, &Error{Code: Invalid, Msg: lf.Error(), Err: lf}
		}
		if len(findings) > 0 {
			r.DraftMark = fmt.Sprintf("草稿：检查未通过（%d处问题），不得印发", len(findings))
			out.DraftMark, out.Findings = r.DraftMark, len(findings)
		}
	}
	what := "年度报告"
	if out.DraftMark != "" {
		what = "年度报告草稿"
	}
	if err := a.audit(ctx, "download", fmt.Sprintf("%d %s（%s）", o.Year, what, o.Format), AuditDetail{}); err != nil {
		return out, err
	}
	var changes []report.Change
	if o.Compare != 0 && (o.Format == "html" || o.Format == "md") {
		prev, err := a.reportValues(ctx, o.Compare, o.AcceptedOnly)
		if err != nil {
			return out, err
		}
		changes = r.Compare(prev)
	}
	switch o.Format {
	case "md":
		return out, r.WriteMarkdown(w, changes, o.Compare)
	case "html":
		h := report.HTMLOptions{Changes: changes, PrevYear: o.Compare, RecordsBase: o.RecordsBase,
			Public: o.Public || (out.Published && !o.Internal)}
		out.Public = h.Public
		if h.Public {
			if h.PartyNames, err = a.partyNames(ctx, o.Year, r.ScrubbedText()); err != nil {
				return out, err
			}
		} else if h.RecordsBase == "" {
			if h.Evidence, err = a.reportEvidence(ctx, r, o.AcceptedOnly); err != nil {
				return out, err
			}
		}
		return out, r.WriteHTML(w, h)
	case "docx":
		return out, gongwen.WriteDOCX(w, r.Document())
	case "pdf":
		err := gongwen.WritePDF(ctx, w, r.Document())
		if errors.Is(err, gongwen.ErrNoLibreOffice) {
			return out, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
		return out, err
	}
	return out, errorf(Invalid, "不支持的格式“%s”：可用 docx、pdf、html、md", o.Format)
}

// partyNames lists the names of parties to the records of year and the
// years around it that text (the report's scrubbed text) names, which the
// public document strikes out. The names are only matched against the
// text, never shown, so every record counts, whatever the actor may read.
// Storage matches each name inside the text (ledger.Within), so memory
// follows the names the text holds, not the records: a round reads at
// most partyRound records, strikes the names found out of the text and
// asks again until no record's name is left in it.
func (a *App) partyNames(ctx context.Context, year int, text string) ([]string, error) {
	var names []string
	for _, d := range ledger.All() {
		for _, f := range d.Fields {
			if !f.Personal || f.Sensitive {
				continue
			}
			for _, y := range []int{year - 1, year, year + 1} {
				rest := text
				for {
					recs, _, err := a.db.FindRecords(ctx, d, ledger.Query{Year: y, Scope: ledger.AllScope(),
						Conds: []ledger.Cond{ledger.Within(f.Name, rest)}, Limit: partyRound, NoTotal: true})
					if err != nil {
						return nil, err
					}
					var found []string
					for _, r := range recs {
						found = append(found, r.String(f.Name))
					}
					names = append(names, found...)
					if len(recs) < partyRound {
						break
					}
					scrubbed := report.Scrub(rest, found)
					if scrubbed == rest {
						break // a party named like the mark itself (某某)
					}
					rest = scrubbed
				}
			}
		}
	}
	return names, nil
}

// partyRound is how many records one round of partyNames reads.
const partyRound = 1000

// reportEvidence lists the records behind every figure the report uses,
// report.AppendixRows of each part at most, from the actor's readable
// records (or the accepted submissions), with the figures r already
// holds: only the records are read again.
func (a *App) reportEvidence(ctx context.Context, r *report.Report, acceptedOnly bool) ([]report.Evidence, error) {
	from, err := a.figureSource(ctx, r.Year, acceptedOnly)
	if err != nil {
		return nil, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	var out []report.Evidence
	for _, id := range r.Source.Placeholders() {
		ind, ok := indicator.Get(id)
		if !ok {
			continue
		}
		v, parts, err := indicator.ExplainWith(ctx, from, ind, r.Year, "", report.AppendixRows, r.Values)
		if err != nil {
			return nil, err
		}
		out = append(out, report.EvidenceFrom(v, parts, tree.Name))
	}
	return out, nil
}

// Published is year's publication: the narrative version and the
// indicators frozen.
type Published struct {
	store.Publication
	Figures int
}

// PublishReport freezes year's report (司法局管理员): its latest narrative
// must lint clean and have 发文字号 and 成文日期 filled; then the version
// and every indicator's value and definition are stored as the published
// figures, which later record edits never change. Errors: Invalid (not
// publishable), NotFound (no narrative).
func (a *App) PublishReport(ctx context.Context, year int) (Published, error) {
	act, err := a.reportWriter(ctx, year, "发布年度报告")
	if err != nil {
		return Published{}, err
	}
	v, ok, err := a.db.ReportSource(ctx, year, 0)
	if err != nil {
		return Published{}, err
	}
	if !ok {
		return Published{}, errorf(NotFound, "%d年度尚无报告正文，无法发布", year)
	}
	all, err := a.Indicators(ctx, year, "")
	if err != nil {
		return Published{}, err
	}
	r, err := a.resolve(ctx, year, v.Version, v.Source, byID(all))
	if err != nil {
		return Published{}, err
	}
	findings, err := a.lint(ctx, r, false)
	if err != nil {
		return Published{}, err
	}
	if err := report.Publishable(r.Source, findings); err != nil {
		return Published{}, &Error{Code: Invalid, Msg: fmt.Sprintf("%d年度报告不能发布：%v", year, err), Err: err}
	}
	p := store.Publication{Year: year, Version: v.Version, DocNumber: r.Source.DocNumber, SignedOn: r.Source.Date, Author: act.Name()}
	if err := a.db.PublishReport(ctx, p, all); err != nil {
		return Published{}, err
	}
	if err := a.audit(ctx, "report.publish", fmt.Sprintf("%d 年度报告", year), AuditDetail{Count: len(all),
		Note: fmt.Sprintf("第 %d 版，%s，成文日期 %s", v.Version, p.DocNumber, p.SignedOn)}); err != nil {
		return Published{}, err
	}
	return Published{Publication: p, Figures: len(all)}, nil
}
