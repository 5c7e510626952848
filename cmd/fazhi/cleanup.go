package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/cleanup"
	"fazhi/gongwen"
	"fazhi/ident"
	"fazhi/ledger"
	"fazhi/store"
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
	t, err := ledger.ParseDate(s)
	if err != nil {
		return t, usageError{fmt.Sprintf("--%s：%v", name, err)}
	}
	return t, nil
}

// loadBatch opens the database and loads batch name, which must exist.
func (a *cli) loadBatch(ctx context.Context, name string) (*store.DB, cleanup.Batch, []ledger.Record, error) {
	db, err := a.openDB(ctx)
	if err != nil {
		return nil, cleanup.Batch{}, nil, err
	}
	b, rows, ok, err := db.CleanupBatch(ctx, name)
	if err == nil && !ok {
		err = fmt.Errorf("没有清理批次“%s”；用 fazhi cleanup open 开启，或用 fazhi cleanup list 查看已有批次", name)
	}
	if err != nil {
		db.Close()
		return nil, b, nil, err
	}
	return db, b, rows, nil
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
	if err := cleanup.CheckName(pos[0]); err != nil {
		return usageError{err.Error()}
	}
	cutoff, err := dateFlag("cutoff", *cutoffS)
	if err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	want := cleanup.Batch{Name: pos[0], Cutoff: cutoff, Status: cleanup.StatusOpen, Registered: true}
	for _, s := range issuers {
		code, err := unitArg(ctx, db, s)
		if err != nil {
			return err
		}
		want.Issuers = append(want.Issuers, code)
	}
	old, rows, exists, err := db.CleanupBatch(ctx, want.Name)
	if err != nil {
		return err
	}
	if exists {
		if err := cleanup.CheckReopen(old, want); err != nil {
			return err
		}
	}
	docs, _, err := db.FindRecords(ctx, ledger.Normdoc, ledger.Query{Scope: ledger.AllScope(), Conds: want.Conds()})
	if err != nil {
		return err
	}
	listed := map[string]bool{}
	for _, r := range rows {
		listed[r.String("doc_no")] = true
	}
	items := cleanup.Items(want, docs, listed)
	if _, err := db.OpenCleanup(ctx, want, items, store.Change{Actor: actor(), Source: "cleanup open", Scope: ledger.AllScope()}); err != nil {
		return err
	}
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	scope := "全部制定机关"
	if len(want.Issuers) > 0 {
		scope = strings.Join(shortNames(tree, want.Issuers), "、")
	}
	fmt.Fprintf(a.stdout, "清理批次“%s”：截至 %s、%s公布的有效规范性文件 %d 件，本次新列入 %d 件，清理结论均为“%s”。\n",
		want.Name, cutoff.Format("2006-01-02"), scope, len(docs), len(items), ledger.CleanupPending)
	if len(docs) == 0 {
		fmt.Fprintln(a.stderr, "注意：范围内没有规范性文件，请检查截止日期、制定机关，或先导入规范性文件台账（fazhi import normdoc）。")
	}
	fmt.Fprintf(a.stdout, "下一步：fazhi cleanup conclude %s 文号 结论 [--reason 理由]，或 fazhi import normdoc_cleanup 文件 成批导入结论。\n", want.Name)
	return nil
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

func describeBatch(b cleanup.Batch, sum cleanup.Summary, tree *ledger.UnitTree) string {
	var sb strings.Builder
	sb.WriteString("清理批次“" + b.Name + "”　" + b.Status)
	if b.Published() {
		fmt.Fprintf(&sb, "（%s，%s）", b.DecisionNo, b.DecisionDate.Format("2006-01-02"))
	}
	if !b.Cutoff.IsZero() {
		scope := "全部制定机关"
		if len(b.Issuers) > 0 {
			scope = strings.Join(shortNames(tree, b.Issuers), "、")
		}
		fmt.Fprintf(&sb, "　截至 %s　%s", b.Cutoff.Format("2006-01-02"), scope)
	}
	fmt.Fprintf(&sb, "\n  共 %d 件", sum.Total)
	var parts []string
	for _, c := range ledger.CleanupConclusions {
		if n := sum.ByConclusion[c]; n > 0 {
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
	if len(pos) == 0 {
		db, err := a.openDB(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		names, err := db.CleanupBatchNames(ctx)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			fmt.Fprintln(a.stdout, "还没有清理批次；用 fazhi cleanup open 批次 --cutoff 日期 开启。")
			return nil
		}
		tree, err := db.UnitTree(ctx)
		if err != nil {
			return err
		}
		for _, n := range names {
			b, rows, _, err := db.CleanupBatch(ctx, n)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, describeBatch(b, cleanup.Summarize(rows), tree))
		}
		return nil
	}
	db, b, rows, err := a.loadBatch(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, describeBatch(b, cleanup.Summarize(rows), tree))
	n := 0
	for _, r := range rows {
		if *pendingOnly && r.String("conclusion") != ledger.CleanupPending {
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
	name, no, conclusion := pos[0], ident.NormalizeDocNumber(pos[1]), strings.TrimSpace(pos[2])
	if err := cleanup.CheckConclusion(conclusion); err != nil {
		return usageError{err.Error()}
	}
	db, b, rows, err := a.loadBatch(ctx, name)
	if err != nil {
		return err
	}
	defer db.Close()
	if b.Published() {
		return fmt.Errorf("清理批次“%s”已以%s公布，不能再修改清理结论", name, b.DecisionNo)
	}
	var found ledger.Record
	pending := 0
	for _, r := range rows {
		if r.String("doc_no") == no {
			found = r
		} else if r.String("conclusion") == ledger.CleanupPending {
			pending++
		}
	}
	if found == nil {
		return fmt.Errorf("清理批次“%s”中没有文号为“%s”的文件；用 fazhi cleanup list %s 查看", name, no, name)
	}
	rec := ledger.Record{"batch": name, "doc_no": no, "conclusion": conclusion}
	present := []string{"batch", "doc_no", "conclusion"}
	if *reason != "" {
		rec["reason"] = strings.TrimSpace(*reason)
		present = append(present, "reason")
	}
	if _, err := db.SaveRecords(ctx, ledger.NormdocCleanup, []ledger.Record{rec}, present, store.Change{Actor: actor(), Source: "cleanup conclude", Scope: ledger.AllScope()}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s《%s》：%s（本批次还有 %d 件待定）\n", no, found.String("title"), conclusion, pending)
	return nil
}

// organName is the deciding government: --organ, else the root unit of
// kind 政府 in the unit tree.
func organName(tree *ledger.UnitTree, flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	for _, u := range tree.Units {
		if u.Parent == "" && u.Kind == "政府" {
			return u.Name, nil
		}
	}
	return "", usageError{"单位名录中没有类型为“政府”的根单位，请用 --organ 指定作出决定的机关，如 洛阳市偃师区人民政府"}
}

func cleanupDecision(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("cleanup decision")
	out := fs.String("o", "", "输出的 DOCX 文件")
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
		return usageError{"用法: fazhi cleanup decision 批次 -o 决定.docx [--no 偃政〔2022〕9号] [--date 2022-05-20]"}
	}
	date, err := dateFlag("date", *dateS)
	if err != nil {
		return err
	}
	cutoff, err := dateFlag("cutoff", *cutoffS)
	if err != nil {
		return err
	}
	no := ident.NormalizeDocNumber(*noFlag)
	if no != "" {
		if err := ident.CheckDocNumber(no); err != nil {
			return usageError{"--no：" + err.Error()}
		}
	}
	db, b, rows, err := a.loadBatch(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	// A batch imported as a file has no cut-off and scope on record; the
	// flags supply them for the decision's wording.
	if !cutoff.IsZero() {
		b.Cutoff = cutoff
	}
	if len(issuers) > 0 {
		b.Issuers = nil
		for _, s := range issuers {
			code, err := unitArg(ctx, db, s)
			if err != nil {
				return err
			}
			b.Issuers = append(b.Issuers, code)
		}
	}
	if no == "" {
		no = b.DecisionNo
	}
	if date.IsZero() {
		date = b.DecisionDate
	}
	if date.IsZero() {
		now := time.Now()
		date = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(a.stderr, "未指定 --date，成文日期暂用今天（%s）。\n", gongwen.FormatDate(date))
	}
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	org, err := organName(tree, *organ)
	if err != nil {
		return err
	}
	doc, err := cleanup.Decision(cleanup.DecisionInput{Organ: org, IssuerNames: shortNames(tree, b.Issuers), Batch: b, Rows: rows, No: no, Date: date})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("无法创建文件 %s: %w", *out, err)
	}
	if err := gongwen.WriteDOCX(f, doc); err != nil {
		f.Close()
		return fmt.Errorf("生成决定失败: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	var parts []string
	for _, l := range cleanup.Lists(rows) {
		parts = append(parts, fmt.Sprintf("%s %d 件", l.Heading, len(l.Rows)))
	}
	fmt.Fprintf(a.stdout, "已生成《%s》%s → %s\n  %s\n", cleanup.DecisionTitle(org), no, *out, strings.Join(parts, "，"))
	if no == "" {
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
	db, b, rows, err := a.loadBatch(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	nos := make([]any, len(rows))
	for i, r := range rows {
		nos[i] = r.String("doc_no")
	}
	docs := map[string]ledger.Record{}
	if len(nos) > 0 {
		recs, _, err := db.FindRecords(ctx, ledger.Normdoc, ledger.Query{Scope: ledger.AllScope(), Conds: []ledger.Cond{ledger.In("doc_no", nos...)}})
		if err != nil {
			return err
		}
		for _, r := range recs {
			docs[r.String("doc_no")] = r
		}
	}
	p, err := cleanup.Publish(b, rows, docs, *noFlag, date)
	if err != nil {
		return err
	}
	rs, ss, err := db.PublishCleanup(ctx, b, p, store.Change{Actor: actor(), Source: "cleanup publish", Scope: ledger.AllScope()})
	if err != nil {
		return fmt.Errorf("公布失败，未作任何修改: %w", err)
	}
	byStatus := map[string]int{}
	for _, r := range p.Statuses {
		byStatus[r.String("status")]++
	}
	var parts []string
	for _, s := range ledger.NormdocStatuses {
		if n := byStatus[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, n))
		}
	}
	no := p.Rows[0].String("decision_no")
	fmt.Fprintf(a.stdout, "已公布清理批次“%s”的清理结果决定（%s，%s）：%d 件清理记录写入决定文号和公布日期（更新 %d 件），%d 件规范性文件状态已变更",
		b.Name, no, date.Format("2006-01-02"), len(p.Rows), rs.Updated, ss.Updated)
	if len(parts) > 0 {
		fmt.Fprintf(a.stdout, "（%s）", strings.Join(parts, "，"))
	}
	fmt.Fprintln(a.stdout, "。")
	if len(p.Missing) > 0 {
		fmt.Fprintf(a.stderr, "注意：以下 %d 件文件不在规范性文件台账中，状态未能变更：%s\n", len(p.Missing), strings.Join(p.Missing, "、"))
	}
	return nil
}
