package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fazhi/app"
	"fazhi/calendar"
	"fazhi/gongwen"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/report"
	"fazhi/store"
)

func init() {
	register(&command{name: "report", usage: "--year Y --format docx|pdf|html|md -o FILE [--compare Y-1] [--accepted-only] | lint | save | source | history",
		summary: "生成法治政府建设年度报告（公文 DOCX/PDF、可溯源 HTML、Markdown），检查、保存与查看版本",
		run:     runReport})
}

func runReport(ctx context.Context, a *cli, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "lint":
			return runReportLint(ctx, a, args[1:])
		case "save":
			return runReportSave(ctx, a, args[1:])
		case "source":
			return runReportSource(ctx, a, args[1:])
		case "history":
			return runReportHistory(ctx, a, args[1:])
		case "plans":
			return runReportPlans(ctx, a, args[1:])
		case "draft":
			return runReportDraft(ctx, a, args[1:])
		case "publish":
			return runReportPublish(ctx, a, args[1:])
		}
		return usageError{fmt.Sprintf("未知的 report 子命令 %q（可用：lint、save、source、history、plans、draft、publish）", args[0])}
	}
	fs := a.newFlags("report")
	year := fs.Int("year", 0, "报告年度")
	format := fs.String("format", "", "docx、pdf、html 或 md（默认按输出文件扩展名）")
	out := fs.String("o", "", "输出文件")
	compare := fs.Int("compare", 0, "与该年度对比（附在 HTML 和 Markdown 之后）")
	acceptedOnly := fs.Bool("accepted-only", false, "数字只取自已接收的报送（HTML、Markdown 与上一年度对比）")
	force := fs.Bool("force", false, "检查发现问题时仍生成（文中加“草稿”标记）")
	live := fs.Bool("live", false, "已发布的年度也按现有台账计算（草稿）")
	public := fs.Bool("public", false, "HTML 为公开版：无记录附录、无当事人姓名（已发布年度默认公开版）")
	internal := fs.Bool("internal", false, "HTML 为内部版：数字可追溯到记录")
	baseURL := fs.String("base-url", os.Getenv("FAZHI_BASE_URL"), "内部版 HTML 中数字链接到该服务器的台账记录页（默认附有限条数的记录附录）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 || *out == "" {
		return usageError{"用法: fazhi report --year Y -o FILE.docx|.pdf|.html|.md [--format F] [--compare Y-1] [--force] [--public|--internal]"}
	}
	if err := a.checkOutput(*out); err != nil {
		return err
	}
	fmtName, err := report.OutputFormat(*format, *out)
	if err != nil {
		return usageError{err.Error()}
	}
	if *acceptedOnly {
		return a.writeAcceptedReport(ctx, *year, fmtName, *out)
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	pub, figs, published, err := db.Publication(ctx, *year)
	if err != nil {
		return err
	}
	var r *report.Report
	if published && !*live {
		if r, err = resolveReport(ctx, db, *year, pub.Version, figs); err != nil {
			return err
		}
	} else {
		if r, err = loadReport(ctx, db, *year); err != nil {
			return err
		}
		findings, err := lintReport(ctx, db, r)
		if err != nil {
			return err
		}
		if len(findings) > 0 && !*force {
			return fmt.Errorf("%d年度报告检查发现%d处问题，未生成：\n%s\n请修改后重试（fazhi report lint --year %d 列出全部）；确需生成草稿时加 --force，文中将标明“草稿”", *year, len(findings), report.FindingsText(findings, 10), *year)
		}
		if len(findings) > 0 {
			r.DraftMark = fmt.Sprintf("草稿：检查未通过（%d处问题），不得印发", len(findings))
		}
	}
	var changes []report.Change
	if *compare != 0 {
		prev, err := values(ctx, db, *compare)
		if err != nil {
			return err
		}
		changes = r.Compare(prev)
	}
	var buf bytes.Buffer
	switch fmtName {
	case "md":
		err = r.WriteMarkdown(&buf, changes, *compare)
	case "html":
		o := report.HTMLOptions{Changes: changes, PrevYear: *compare, RecordsBase: *baseURL,
			Public: *public || (published && !*live && !*internal)}
		if o.Public {
			o.PartyNames, err = partyNames(ctx, db, *year)
		} else if o.RecordsBase == "" {
			o.Evidence, err = evidence(ctx, db, r)
		}
		if err == nil {
			err = r.WriteHTML(&buf, o)
		}
	case "docx":
		err = gongwen.WriteDOCX(&buf, r.Document())
	case "pdf":
		return writePDF(ctx, a, r, *out)
	}
	if err != nil {
		return err
	}
	if err := a.writeOutputFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已生成%d年度报告 %s\n", *year, *out)
	return nil
}

// writeAcceptedReport renders the report over accepted 报送 submissions
// only, through the application layer.
func (a *cli) writeAcceptedReport(ctx context.Context, year int, format, out string) error {
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	var buf bytes.Buffer
	if err := ap.WriteReport(ctx, &buf, year, format, true); err != nil {
		return err
	}
	if err := a.writeOutputFile(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已生成%d年度报告 %s（只计已接收的报送）\n", year, out)
	return nil
}

// writePDF renders the DOCX and converts that same file with LibreOffice.
func writePDF(ctx context.Context, a *cli, r *report.Report, out string) error {
	dir, err := os.MkdirTemp("", "fazhi-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	docx := filepath.Join(dir, strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))+".docx")
	var buf bytes.Buffer
	if err := gongwen.WriteDOCX(&buf, r.Document()); err != nil {
		return err
	}
	if err := os.WriteFile(docx, buf.Bytes(), 0o644); err != nil {
		return err
	}
	pdf, err := gongwen.ConvertPDF(ctx, docx, dir)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		return err
	}
	if err := a.writeOutputFile(out, data); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已生成%d年度报告 %s\n", r.Year, out)
	return nil
}

// loadReport resolves the latest saved narrative of year with its live figures.
func loadReport(ctx context.Context, db *store.DB, year int) (*report.Report, error) {
	vals, err := values(ctx, db, year)
	if err != nil {
		return nil, err
	}
	return resolveReport(ctx, db, year, 0, vals)
}

// resolveReport resolves a version of year's narrative (0: the latest)
// with vals.
func resolveReport(ctx context.Context, db *store.DB, year, version int, vals map[string]indicator.Value) (*report.Report, error) {
	v, ok, err := db.ReportSource(ctx, year, version)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%d年度尚无报告正文：用 fazhi report save --year %d FILE 保存正文（示例见 fazhi report source --year 2022，需先 fazhi demo load）", year, year)
	}
	src, err := report.Parse(v.Source)
	if err != nil {
		return nil, fmt.Errorf("%d年度报告正文（第%d版）: %w", year, v.Version, err)
	}
	src.Year = year
	var plans []report.PlanStatus
	if strings.Contains(v.Source, report.PlansStatusDirective) {
		if plans, err = carriedPlans(ctx, db, year-1); err != nil {
			return nil, err
		}
	}
	return report.ResolveWithPlans(src, year, vals, plans), nil
}

// lintReport runs every check on r: its own lint against last year's
// figures and the narratives of this year and last (report.Lint).
func lintReport(ctx context.Context, db *store.DB, r *report.Report) ([]report.Finding, error) {
	prev, err := values(ctx, db, r.Year-1)
	if err != nil {
		return nil, err
	}
	refs, err := lintReferences(ctx, db, r.Year)
	if err != nil {
		return nil, err
	}
	return report.Lint(r, prev, refs...), nil
}

// partyNames lists the names of parties to the records of year (and the
// years around it), which a public document must not show.
func partyNames(ctx context.Context, db *store.DB, year int) ([]string, error) {
	var names []string
	for _, d := range ledger.All() {
		var fields []string
		for _, f := range d.Fields {
			if f.Personal {
				fields = append(fields, f.Name)
			}
		}
		if len(fields) == 0 {
			continue
		}
		for _, y := range []int{year - 1, year, year + 1} {
			recs, _, err := db.FindRecords(ctx, d, ledger.Query{Year: y, Scope: ledger.AllScope()})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				for _, f := range fields {
					names = append(names, r.String(f))
				}
			}
		}
	}
	return names, nil
}

// carriedPlans returns the tasks made from the plans of year's report, with
// their current status.
func carriedPlans(ctx context.Context, db *store.DB, year int) ([]report.PlanStatus, error) {
	v, ok, err := db.ReportSource(ctx, year, 0)
	if err != nil || !ok {
		return nil, err
	}
	src, err := report.Parse(v.Source)
	if err != nil {
		return nil, err
	}
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	recs, _, err := db.FindRecords(ctx, ledger.PlanTask, ledger.Query{Scope: ledger.AllScope(), Conds: []ledger.Cond{ledger.In("document", report.PlansDocument(src, year))}})
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

// values computes every indicator of year, by ID.
func values(ctx context.Context, db *store.DB, year int) (map[string]indicator.Value, error) {
	list, err := indicator.ComputeAll(ctx, allScope{db}, year, "")
	if err != nil {
		return nil, err
	}
	return byID(list), nil
}

// evidence lists the records behind every figure the report uses.
func evidence(ctx context.Context, db *store.DB, r *report.Report) ([]report.Evidence, error) {
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	var out []report.Evidence
	for _, id := range r.Source.Placeholders() {
		ind, ok := indicator.Get(id)
		if !ok {
			continue
		}
		v, parts, err := indicator.ExplainLimit(ctx, allScope{db}, ind, r.Year, "", report.AppendixRows)
		if err != nil {
			return nil, err
		}
		out = append(out, report.EvidenceFrom(v, parts, tree.Name))
	}
	return out, nil
}

func runReportLint(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report lint")
	year := fs.Int("year", 0, "报告年度")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"用法: fazhi report lint --year Y"}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := loadReport(ctx, db, *year)
	if err != nil {
		return err
	}
	findings, err := lintReport(ctx, db, r)
	if err != nil {
		return err
	}
	pub, figs, published, err := db.Publication(ctx, *year)
	if err != nil {
		return err
	}
	if published {
		pr, err := resolveReport(ctx, db, *year, pub.Version, figs)
		if err != nil {
			return err
		}
		findings = append(findings, report.Differences(pr.Source, figs, r.Values)...)
	}
	for _, f := range findings {
		fmt.Fprintln(a.stdout, f)
	}
	if len(findings) > 0 {
		return fmt.Errorf("%d年度报告有%d处问题", *year, len(findings))
	}
	fmt.Fprintf(a.stdout, "%d年度报告未发现问题（%d个数字均取自指标）\n", *year, len(r.Source.Placeholders()))
	return nil
}

// runReportPublish freezes year's report: lint clean, 发文字号 and 成文日期
// filled, then the narrative version and every indicator's value and
// definition stored as the published figures.
func runReportPublish(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report publish")
	year := fs.Int("year", 0, "报告年度")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"用法: fazhi report publish --year Y"}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	v, ok, err := db.ReportSource(ctx, *year, 0)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%d年度尚无报告正文，无法发布", *year)
	}
	r, err := resolveReport(ctx, db, *year, v.Version, nil)
	if err != nil {
		return err
	}
	all, err := indicator.ComputeAll(ctx, allScope{db}, *year, "")
	if err != nil {
		return err
	}
	r = report.ResolveWithPlans(r.Source, *year, byID(all), r.Plans)
	findings, err := lintReport(ctx, db, r)
	if err != nil {
		return err
	}
	if err := report.Publishable(r.Source, findings); err != nil {
		return fmt.Errorf("%d年度报告不能发布：%w", *year, err)
	}
	if err := db.PublishReport(ctx, store.Publication{Year: *year, Version: v.Version, DocNumber: r.Source.DocNumber, SignedOn: r.Source.Date, Author: actor()}, all); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已发布%d年度报告（正文第%d版，%s，成文日期%s）：%d项指标的数字和口径已冻结，之后台账改动不影响已发布的报告，report lint 会列出差异\n",
		*year, v.Version, r.Source.DocNumber, gongwen.FormatDate(r.Source.Date), len(all))
	return nil
}

func byID(list []indicator.Value) map[string]indicator.Value {
	m := make(map[string]indicator.Value, len(list))
	for _, v := range list {
		m[v.ID] = v
	}
	return m
}

func runReportSave(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report save")
	year := fs.Int("year", 0, "报告年度")
	note := fs.String("note", "", "本次修改说明")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *year == 0 || len(pos) != 1 {
		return usageError{"用法: fazhi report save --year Y FILE [--note 说明]"}
	}
	text, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	if _, err := report.Parse(string(text)); err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	v, saved, err := db.SaveReportSource(ctx, *year, string(text), actor(), *note)
	if err != nil {
		return err
	}
	if !saved {
		fmt.Fprintf(a.stdout, "内容与第%d版相同，未新建版本\n", v)
		return nil
	}
	fmt.Fprintf(a.stdout, "已保存%d年度报告正文第%d版\n", *year, v)
	return nil
}

func runReportSource(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report source")
	year := fs.Int("year", 0, "报告年度")
	version := fs.Int("version", 0, "版本号（默认最新）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	v, ok, err := db.ReportSource(ctx, *year, *version)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%d年度没有该版本的报告正文", *year)
	}
	fmt.Fprint(a.stdout, v.Source)
	return nil
}

func runReportHistory(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report history")
	year := fs.Int("year", 0, "报告年度")
	diff := fs.Int("diff", 0, "列出该版相对上一版改动的段落")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *diff > 0 {
		cur, ok, err := db.ReportSource(ctx, *year, *diff)
		if err != nil || !ok {
			return fmt.Errorf("%d年度报告没有第%d版", *year, *diff)
		}
		var prev store.ReportVersion
		if *diff > 1 {
			if prev, _, err = db.ReportSource(ctx, *year, *diff-1); err != nil {
				return err
			}
		}
		d := report.Diff(prev.Source, cur.Source)
		fmt.Fprintf(a.stdout, "第%d版（%s，%s）相对第%d版：%s\n", cur.Version, cur.Author, cur.CreatedAt.Local().Format("2006-01-02 15:04"), *diff-1, report.DiffSummary(d))
		for _, l := range d {
			fmt.Fprintln(a.stdout, l)
		}
		return nil
	}
	vs, err := db.ReportHistory(ctx, *year)
	if err != nil {
		return err
	}
	for _, v := range vs {
		fmt.Fprintf(a.stdout, "第%d版  %s  %s  %s\n", v.Version, v.CreatedAt.Local().Format("2006-01-02 15:04"), v.Author, v.Note)
	}
	return nil
}

// saveDemoReport stores the seed's 2022 narrative as the demo's report,
// leaving any later version staff saved in place.

func runReportPlans(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report plans")
	year := fs.Int("year", 0, "报告年度")
	owner := fs.String("owner", "", "牵头单位（分解为任务时必填；之后可导出台账逐条调整）")
	due := fs.String("deadline", "", "完成时限（默认次年12月31日）")
	apply := fs.Bool("apply", false, "把每项工作打算分解为次年的规划方案任务")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 || (*apply && *owner == "") {
		return usageError{"用法: fazhi report plans --year Y [--apply --owner 单位 [--deadline D]]"}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	v, ok, err := db.ReportSource(ctx, *year, 0)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%d年度尚无报告正文", *year)
	}
	src, err := report.Parse(v.Source)
	if err != nil {
		return err
	}
	items := report.Plans(src)
	if len(items) == 0 {
		return fmt.Errorf("%d年度报告中没有“%s”部分，或其中没有“一是……二是……”形式的事项", *year, report.PlansHeading)
	}
	if !*apply {
		for i, it := range items {
			fmt.Fprintf(a.stdout, "%d. %s\n", i+1, it)
		}
		fmt.Fprintf(a.stdout, "共%d项；加 --apply --owner 单位 分解为%d年任务\n", len(items), *year+1)
		return nil
	}
	code, err := unitArg(ctx, db, *owner)
	if err != nil {
		return err
	}
	dueOn := calendar.Date(*year+1, 12, 31)
	if *due != "" {
		if dueOn, err = calendar.ParseDate(*due); err != nil {
			return usageError{err.Error()}
		}
	}
	doc := report.PlansDocument(src, *year)
	existing, _, err := db.FindRecords(ctx, ledger.PlanTask, ledger.Query{Scope: ledger.AllScope(), Conds: []ledger.Cond{ledger.In("document", doc)}})
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range existing {
		have[r.String("no")] = true
	}
	var recs []ledger.Record
	for i, it := range items {
		no := fmt.Sprintf("BG%d-%02d", *year, i+1)
		if have[no] {
			continue // keep the progress staff recorded
		}
		recs = append(recs, ledger.Record{"no": no, "document": doc, "task": it, "lead_unit": code, "due_on": dueOn, "status": "未开始"})
	}
	res, err := db.SaveRecords(ctx, ledger.PlanTask, recs, []string{"no", "document", "task", "lead_unit", "due_on", "status"}, store.Change{Actor: actor(), Source: "report plans", Scope: ledger.AllScope()})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已把%d年度报告的%d项工作打算分解为任务（新增 %d，已有 %d），所属文件：%s\n", *year, len(items), res.Inserted, len(items)-len(recs), doc)
	return nil
}

func runReportDraft(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report draft")
	year := fs.Int("year", 0, "新报告的年度")
	out := fs.String("o", "", "把草稿写到文件（默认直接保存为该年度报告的新版本）")
	force := fs.Bool("force", false, "该年度已有报告正文时，仍以草稿作为新版本保存")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"用法: fazhi report draft --year Y [-o FILE]"}
	}
	if *out != "" {
		if err := a.checkOutput(*out); err != nil {
			return err
		}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	v, ok, err := db.ReportSource(ctx, *year-1, 0)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%d年度尚无报告正文，无法生成%d年度草稿", *year-1, *year)
	}
	prev, err := report.Parse(v.Source)
	if err != nil {
		return err
	}
	text, err := report.Draft(prev, v.Source, *year)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := a.writeOutputFile(*out, []byte(text)); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已写出%d年度报告草稿 %s\n", *year, *out)
		return nil
	}
	if cur, exists, err := db.ReportSource(ctx, *year, 0); err != nil {
		return err
	} else if exists && !*force {
		return fmt.Errorf("%d年度报告已有正文（第%d版，%s），未覆盖；用 -o 文件 写出草稿对照，或加 --force 另存为新版本（旧版本仍可用 report source --version 查看）", *year, cur.Version, cur.Author)
	}
	ver, _, err := db.SaveReportSource(ctx, *year, text, actor(), fmt.Sprintf("由%d年度报告生成的草稿", *year-1))
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已保存%d年度报告草稿（第%d版）；用 fazhi report source --year %d 查看\n", *year, ver, *year)
	return nil
}

// lintReferences are the narratives whose placeholders show where each
// figure belongs: every saved version of year's report and of the year
// before, and the seed.
func lintReferences(ctx context.Context, db *store.DB, year int) ([]*report.Source, error) {
	var refs []*report.Source
	for _, y := range []int{year, year - 1} {
		vs, err := db.ReportHistory(ctx, y)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			full, ok, err := db.ReportSource(ctx, y, v.Version)
			if err != nil {
				return nil, err
			}
			if src, perr := report.Parse(full.Source); ok && perr == nil {
				src.Year = y
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

// allScope reads every record, for the report commands not yet moved onto
// the application layer (run by the local administrator only).
type allScope struct{ db *store.DB }

func (s allScope) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	q.Scope = ledger.AllScope()
	return s.db.AggregateRecords(ctx, d, q, agg, field)
}

func (s allScope) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	q.Scope = ledger.AllScope()
	return s.db.FindRecords(ctx, d, q)
}

func (s allScope) UnitTree(ctx context.Context) (*ledger.UnitTree, error) { return s.db.UnitTree(ctx) }
