package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fazhi/app"
)

func init() {
	register(&command{name: "cleanup", usage: "open|list|conclude|decision|publish 批次 …",
		summary: "规范性文件清理：开启批次、逐件作结论、生成清理结果决定、公布并变更文件状态",
		run:     runCleanup})
}

const cleanupUsage = `用法:
  fazhi cleanup open 批次 --cutoff 2022-04-25 [--issuer 区政府 --issuer 区政府办公室]
  fazhi cleanup list [批次] [--pending]
  fazhi cleanup conclude 批次 文号 结论 [--reason 理由]
  fazhi cleanup decision 批次 -o 决定.docx [--no 偃政〔2022〕9号] [--date 2022-05-20] [--organ 机关] [--cutoff 日期 --issuer 机关]
  fazhi cleanup publish 批次 --no 偃政〔2022〕9号 --date 2022-05-20
结论可选：` + "继续有效、修改、废止、宣布失效、不再作为规范性文件管理" + `；也可用 fazhi import normdoc_cleanup 文件 成批导入结论。`

func runCleanup(ctx context.Context, a *cli, args []string) error {
	if len(args) == 0 {
		return usageError{cleanupUsage}
	}
	sub := map[string]func(context.Context, *cli, []string) error{
		"open": cleanupOpen, "list": cleanupList, "conclude": cleanupConclude, "decision": cleanupDecision, "publish": cleanupPublish,
	}[args[0]]
	if sub == nil {
		return usageError{fmt.Sprintf("未知的 cleanup 子命令 %q\n%s", args[0], cleanupUsage)}
	}
	return sub(ctx, a, args[1:])
}

// multiFlag collects a flag given several times (--issuer A --issuer B).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// dateFlag parses a date flag in any form ledgers accept; "" gives zero.
func dateFlag(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := app.ParseDate(s)
	if err != nil {
		return t, usageError{fmt.Sprintf("--%s：%v", name, err)}
	}
	return t, nil
}

func cleanupOpen(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup open")
	cutoffS := fs.String("cutoff", "", "清理截止日期：此日及以前公布的文件列入清理")
	var issuers multiFlag
	fs.Var(&issuers, "issuer", "制定机关（可重复）；不指定则为全部机关")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *cutoffS == "" {
		return usageError{"用法: fazhi cleanup open 批次 --cutoff 2022-04-25 [--issuer 区政府 --issuer 区政府办公室]"}
	}
	cutoff, err := dateFlag("cutoff", *cutoffS)
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	res, err := ap.CleanupOpen(ctx, pos[0], cutoff, issuers)
	if err != nil {
		return err
	}
	scope := "全部制定机关"
	if len(res.IssuerNames) > 0 {
		scope = strings.Join(res.IssuerNames, "、")
	}
	fmt.Fprintf(a.stdout, "清理批次“%s”：截至 %s、%s公布的有效规范性文件 %d 件，本次新列入 %d 件，清理结论均为“%s”。\n",
		res.Batch.Name, cutoff.Format("2006-01-02"), scope, res.InScope, res.Listed, app.CleanupPending)
	if res.InScope == 0 {
		fmt.Fprintln(a.stderr, "注意：范围内没有规范性文件，请检查截止日期、制定机关，或先导入规范性文件台账（fazhi import normdoc）。")
	}
	fmt.Fprintf(a.stdout, "下一步：fazhi cleanup conclude %s 文号 结论 [--reason 理由]，或 fazhi import normdoc_cleanup 文件 成批导入结论。\n", res.Batch.Name)
	return nil
}

func describeBatch(cb app.CleanupBatch) string {
	b := cb.Batch
	var sb strings.Builder
	sb.WriteString("清理批次“" + b.Name + "”　" + b.Status)
	if b.Published() {
		fmt.Fprintf(&sb, "（%s，%s）", b.DecisionNo, b.DecisionDate.Format("2006-01-02"))
	}
	if !b.Cutoff.IsZero() {
		scope := "全部制定机关"
		if len(cb.IssuerNames) > 0 {
			scope = strings.Join(cb.IssuerNames, "、")
		}
		fmt.Fprintf(&sb, "　截至 %s　%s", b.Cutoff.Format("2006-01-02"), scope)
	}
	fmt.Fprintf(&sb, "\n  共 %d 件", cb.Summary.Total)
	var parts []string
	for _, c := range app.CleanupConclusions() {
		if n := cb.Summary.ByConclusion[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	if len(parts) > 0 {
		sb.WriteString("：" + strings.Join(parts, "，"))
	}
	return sb.String()
}

func cleanupList(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup list")
	pendingOnly := fs.Bool("pending", false, "只列出尚未作出结论的文件")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{"用法: fazhi cleanup list [批次] [--pending]"}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	if len(pos) == 0 {
		all, err := ap.CleanupBatches(ctx)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			fmt.Fprintln(a.stdout, "还没有清理批次；用 fazhi cleanup open 批次 --cutoff 日期 开启。")
			return nil
		}
		for _, cb := range all {
			fmt.Fprintln(a.stdout, describeBatch(cb))
		}
		return nil
	}
	cb, err := ap.CleanupBatch(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, describeBatch(cb))
	n := 0
	for _, r := range cb.Rows {
		if *pendingOnly && r.String("conclusion") != app.CleanupPending {
			continue
		}
		n++
		pub := ""
		if t, ok := r.Date("published_on"); ok {
			pub = t.Format("2006-01-02")
		}
		line := fmt.Sprintf("%3d. %s　%s　%s　[%s]", n, r.String("doc_no"), r.String("title"), pub, r.String("conclusion"))
		if reason := r.String("reason"); reason != "" {
			line += "　" + reason
		}
		fmt.Fprintln(a.stdout, line)
	}
	return nil
}

func cleanupConclude(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup conclude")
	reason := fs.String("reason", "", "清理理由")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usageError{"用法: fazhi cleanup conclude 批次 文号 结论 [--reason 理由]"}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	title, pending, err := ap.CleanupConclude(ctx, pos[0], pos[1], pos[2], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s《%s》：%s（本批次还有 %d 件待定）\n", app.NormalizeDocNumber(pos[1]), title, strings.TrimSpace(pos[2]), pending)
	return nil
}

func cleanupDecision(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup decision")
	out := fs.String("o", "", "输出文件：.docx 或 .pdf")
	noFlag := fs.String("no", "", "决定文号，如 偃政〔2022〕9号（已公布的批次默认用公布时的文号）")
	dateS := fs.String("date", "", "成文日期（已公布的批次默认用公布日期，否则为今天）")
	organ := fs.String("organ", "", "作出决定的机关（默认：单位名录中的区人民政府）")
	cutoffS := fs.String("cutoff", "", "清理截止日期，用于决定的表述（默认：开启批次时登记的日期）")
	var issuers multiFlag
	fs.Var(&issuers, "issuer", "清理范围内的制定机关（可重复），用于决定的表述")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"用法: fazhi cleanup decision 批次 -o 决定.docx|决定.pdf [--no 偃政〔2022〕9号] [--date 2022-05-20]"}
	}
	if err := a.checkOutput(*out); err != nil {
		return err
	}
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(*out), "."))
	if format != "docx" && format != "pdf" {
		return usageError{fmt.Sprintf("输出文件“%s”应为 .docx 或 .pdf（格式随扩展名）", *out)}
	}
	date, err := dateFlag("date", *dateS)
	if err != nil {
		return err
	}
	cutoff, err := dateFlag("cutoff", *cutoffS)
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	var buf bytes.Buffer
	res, err := ap.CleanupDecision(ctx, &buf, app.DecisionRequest{Batch: pos[0], No: *noFlag, Date: date, Organ: *organ, Cutoff: cutoff, Issuers: issuers, Format: format})
	if err != nil {
		return err
	}
	if res.DateDefault {
		fmt.Fprintf(a.stderr, "未指定 --date，成文日期暂用今天（%s）。\n", res.Date.Format("2006年1月2日"))
	}
	if err := a.writeOutputFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已生成《%s》%s → %s\n  %s\n", res.Title, res.No, *out, strings.Join(res.Lists, "，"))
	if res.NoMissing {
		fmt.Fprintln(a.stderr, "注意：未指定 --no，决定文号留空。")
	}
	return nil
}

func cleanupPublish(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup publish")
	noFlag := fs.String("no", "", "决定文号，如 偃政〔2022〕9号")
	dateS := fs.String("date", "", "决定公布日期")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *noFlag == "" || *dateS == "" {
		return usageError{"用法: fazhi cleanup publish 批次 --no 偃政〔2022〕9号 --date 2022-05-20"}
	}
	date, err := dateFlag("date", *dateS)
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	res, err := ap.CleanupPublish(ctx, pos[0], *noFlag, date)
	if err != nil {
		return err
	}
	var parts []string
	for _, s := range res.StatusOrder {
		if n := res.ByStatus[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, n))
		}
	}
	fmt.Fprintf(a.stdout, "已公布清理批次“%s”的清理结果决定（%s，%s）：%d 件清理记录写入决定文号和公布日期（更新 %d 件），%d 件规范性文件状态已变更",
		res.Batch.Name, res.No, date.Format("2006-01-02"), res.Rows, res.RowsUpdated, res.DocsUpdated)
	if len(parts) > 0 {
		fmt.Fprintf(a.stdout, "（%s）", strings.Join(parts, "，"))
	}
	fmt.Fprintln(a.stdout, "。")
	if len(res.Missing) > 0 {
		fmt.Fprintf(a.stderr, "注意：以下 %d 件文件不在规范性文件台账中，状态未能变更：%s\n", len(res.Missing), strings.Join(res.Missing, "、"))
	}
	return nil
}
