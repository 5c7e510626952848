package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/calendar"
	"fazhi/gongwen"
	"fazhi/report"
)

func init() {
	register(&command{name: "report", usage: "--year Y --format docx|pdf|html|md -o FILE [--compare Y-1] [--accepted-only] | lint | save | source | history | plans | draft | publish",
		summary: "生成法治政府建设年度报告（公文 DOCX/PDF、可溯源 HTML、Markdown），检查、保存、发布与查看版本",
		run:     runReport})
}

// reportSubcommands are the report's own subcommands, each one use case.
var reportSubcommands = map[string]func(context.Context, *cli, []string) error{
	"lint":    reportLint,
	"save":    reportSave,
	"source":  reportSource,
	"history": reportHistory,
	"plans":   reportPlans,
	"draft":   reportDraft,
	"publish": reportPublish,
}

func runReport(ctx context.Context, a *cli, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if sub, ok := reportSubcommands[args[0]]; ok {
			return sub(ctx, a, args[1:])
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
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	var buf bytes.Buffer
	res, err := ap.RenderReport(ctx, &buf, app.ReportOptions{Year: *year, Format: fmtName, Compare: *compare,
		AcceptedOnly: *acceptedOnly, Force: *force, Live: *live, Public: *public, Internal: *internal, RecordsBase: *baseURL})
	var lf *app.LintFailed
	if errors.As(err, &lf) {
		return fmt.Errorf("%d年度报告检查发现%d处问题，未生成：\n%s\n请修改后重试（fazhi report lint --year %d 列出全部）；确需生成草稿时加 --force，文中将标明“草稿”", *year, len(lf.Findings), report.FindingsText(lf.Findings, 10), *year)
	}
	if err != nil {
		return err
	}
	if err := a.writeOutputFile(*out, buf.Bytes()); err != nil {
		return err
	}
	note := ""
	switch {
	case res.DraftMark != "":
		note = "（" + res.DraftMark + "）"
	case *acceptedOnly:
		note = "（只计已接收的报送）"
	case res.Published && res.Public:
		note = "（已发布的数字，公开版）"
	case res.Published:
		note = "（已发布的数字）"
	}
	fmt.Fprintf(a.stdout, "已生成%d年度报告 %s%s\n", *year, *out, note)
	return nil
}

func reportLint(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report lint")
	year := fs.Int("year", 0, "报告年度")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"用法: fazhi report lint --year Y"}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	c, err := ap.CheckReport(ctx, *year)
	if err != nil {
		return err
	}
	return a.printCheck(*year, c)
}

// printCheck prints the findings of a report's lint, one a line, and
// fails when there is any.
func (a *cli) printCheck(year int, c app.ReportCheck) error {
	for _, f := range c.Findings {
		fmt.Fprintln(a.stdout, f)
	}
	if len(c.Findings) > 0 {
		return fmt.Errorf("%d年度报告有%d处问题", year, len(c.Findings))
	}
	fmt.Fprintf(a.stdout, "%d年度报告未发现问题（%d个数字均取自指标）\n", year, c.Figures)
	return nil
}

// reportPublish freezes year's report (app.PublishReport).
func reportPublish(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report publish")
	year := fs.Int("year", 0, "报告年度")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"用法: fazhi report publish --year Y"}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	p, err := ap.PublishReport(ctx, *year)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已发布%d年度报告（正文第%d版，%s，成文日期%s）：%d项指标的数字和口径已冻结，之后台账改动不影响已发布的报告，report lint 会列出差异\n",
		*year, p.Version, p.DocNumber, gongwen.FormatDate(p.SignedOn), p.Figures)
	return nil
}

func reportSave(ctx context.Context, a *cli, args []string) error {
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
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	v, saved, err := ap.SaveReport(ctx, *year, string(text), *note)
	if app.CodeOf(err) == app.Invalid {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
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

func reportSource(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report source")
	year := fs.Int("year", 0, "报告年度")
	version := fs.Int("version", 0, "版本号（默认最新）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	v, ok, err := ap.ReportText(ctx, *year, *version)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%d年度没有该版本的报告正文", *year)
	}
	fmt.Fprint(a.stdout, v.Source)
	return nil
}

func reportHistory(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("report history")
	year := fs.Int("year", 0, "报告年度")
	diff := fs.Int("diff", 0, "列出该版相对上一版改动的段落")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	if *diff > 0 {
		cur, d, err := ap.ReportDiff(ctx, *year, *diff)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "第%d版（%s，%s）相对第%d版：%s\n", cur.Version, cur.Author, cur.CreatedAt.Local().Format("2006-01-02 15:04"), *diff-1, report.DiffSummary(d))
		for _, l := range d {
			fmt.Fprintln(a.stdout, l)
		}
		return nil
	}
	vs, err := ap.ReportVersions(ctx, *year)
	if err != nil {
		return err
	}
	for _, v := range vs {
		fmt.Fprintf(a.stdout, "第%d版  %s  %s  %s\n", v.Version, v.CreatedAt.Local().Format("2006-01-02 15:04"), v.Author, v.Note)
	}
	return nil
}

func reportPlans(ctx context.Context, a *cli, args []string) error {
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
	var dueOn time.Time
	if *due != "" {
		var err error
		if dueOn, err = calendar.ParseDate(*due); err != nil {
			return usageError{err.Error()}
		}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	if !*apply {
		items, _, err := ap.ReportPlans(ctx, *year)
		if err != nil {
			return err
		}
		for i, it := range items {
			fmt.Fprintf(a.stdout, "%d. %s\n", i+1, it)
		}
		fmt.Fprintf(a.stdout, "共%d项；加 --apply --owner 单位 分解为%d年任务\n", len(items), *year+1)
		return nil
	}
	t, err := ap.ApplyReportPlans(ctx, *year, *owner, dueOn)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已把%d年度报告的%d项工作打算分解为任务（新增 %d，已有 %d），所属文件：%s\n", *year, t.Plans, t.Added, t.Plans-t.Added, t.Document)
	return nil
}

func reportDraft(ctx context.Context, a *cli, args []string) error {
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
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	if *out != "" {
		text, err := ap.DraftReport(ctx, *year)
		if err != nil {
			return err
		}
		if err := a.writeOutputFile(*out, []byte(text)); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已写出%d年度报告草稿 %s\n", *year, *out)
		return nil
	}
	ver, err := ap.SaveDraft(ctx, *year, *force)
	if errors.Is(err, app.ErrNarrativeExists) {
		return fmt.Errorf("%v；用 -o 文件 写出草稿对照，或加 --force 另存为新版本（旧版本仍可用 report source --version 查看）", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已保存%d年度报告草稿（第%d版）；用 fazhi report source --year %d 查看\n", *year, ver, *year)
	return nil
}
