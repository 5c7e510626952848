package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/internal/termtext"
)

func init() {
	register(&command{name: "audit", usage: "list|export|verify|anchor|prune [选项]",
		summary: "审计日志：查看、导出（审计员）；校验链、锚定链头、清理 180 天前的记录",
		run:     runAudit})
}

const auditUsage = `用法:
  fazhi --as 审计员账号 audit list [--actor 账号] [--action 操作] [--target 对象] [--from 日期] [--to 日期] [--limit N]
  fazhi --as 审计员账号 audit export -o F.xlsx [同上筛选]
  fazhi audit verify [--anchor 锚定文件]
  fazhi audit anchor [-o 锚定文件]        打印链头，并追加到锚定文件（请保存在数据库服务器之外）
  fazhi --as 审计员账号 audit prune --before 日期   清理该日期之前的记录（须早于 180 天前）`

// errAuditBroken makes the command exit 1 after printing the finding.
var errAuditBroken = errors.New("审计日志校验未通过")

func runAudit(ctx context.Context, a *cli, args []string) error {
	if len(args) == 0 {
		return usageError{auditUsage}
	}
	switch args[0] {
	case "list", "export":
		return auditList(ctx, a, args[0], args[1:])
	case "verify":
		return auditVerify(ctx, a, args[1:])
	case "anchor":
		return auditAnchor(ctx, a, args[1:])
	case "prune":
		return auditPrune(ctx, a, args[1:])
	}
	return usageError{fmt.Sprintf("未知的 audit 子命令 %q\n%s", args[0], auditUsage)}
}

// auditFilters adds the list/export filters to fs.
func auditFilters(fs *flag.FlagSet) func() (app.AuditQuery, error) {
	actor := fs.String("actor", "", "操作人账号（本机管理员记为 本机管理员:用户名）")
	action := fs.String("action", "", "操作，如 login.fail、record.update；以点结尾为一类，如 record.")
	target := fs.String("target", "", "对象包含的文字")
	from := fs.String("from", "", "起始日期（含），如 2026-01-01")
	to := fs.String("to", "", "截止日期（含）")
	return func() (app.AuditQuery, error) {
		q := app.AuditQuery{Actor: *actor, Action: *action, Target: *target}
		var err error
		if q.From, err = auditDay(*from, "--from"); err != nil {
			return q, err
		}
		if q.To, err = auditDay(*to, "--to"); err != nil {
			return q, err
		}
		if !q.To.IsZero() {
			q.To = q.To.AddDate(0, 0, 1) // the whole day
		}
		return q, nil
	}
}

// auditDay is the start of day s in China time.
func auditDay(s, flag string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := app.ParseDate(s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("%s %s: %v", flag, s, err)}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, app.ChinaTime), nil
}

func auditList(ctx context.Context, a *cli, sub string, args []string) error {
	fs := a.newFlags("audit " + sub)
	query := auditFilters(fs)
	limit := fs.Int("limit", 100, "最多显示条数（最新的在前）")
	out := fs.String("o", "", "输出文件 (.xlsx)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	q, err := query()
	if err != nil {
		return err
	}
	if sub == "export" {
		if *out == "" {
			return usageError{"用法: fazhi audit export -o F.xlsx [筛选]"}
		}
		if err := xlsxPath(*out); err != nil {
			return err
		}
		if err := a.checkOutput(*out); err != nil {
			return err
		}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	if sub == "export" {
		var buf bytes.Buffer
		n, err := ap.ExportAudit(ctx, &buf, q)
		if err != nil {
			return err
		}
		if err := a.writeOutputFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已导出审计日志 %d 条到 %s\n", n, *out)
		return nil
	}
	q.PageSize = *limit
	p, err := ap.AuditLog(ctx, q)
	if err != nil {
		return err
	}
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "序号\t时间\t操作人\t角色\t来源\t操作\t对象\t内容\t")
	for _, e := range p.Entries {
		cells := []string{fmt.Sprint(e.Seq), e.At, e.Actor, e.Role, e.Addr, e.ActionLabel, e.Target, e.Detail}
		for i := range cells {
			cells[i] = termtext.Cell(cells[i])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintf(a.stdout, "共 %d 条，显示 %d 条\n", p.Total, len(p.Entries))
	return nil
}

func auditVerify(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("audit verify")
	anchorFile := fs.String("anchor", "", "锚定文件（fazhi audit anchor 写出）：链须仍含其中每个链头")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	var anchors []app.Anchor
	if *anchorFile != "" {
		f, err := os.Open(*anchorFile)
		if err != nil {
			return usageError{fmt.Sprintf("无法读取锚定文件 %s: %v", *anchorFile, err)}
		}
		anchors, err = app.ParseAnchors(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *anchorFile, err)
		}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	rep, err := ap.VerifyAudit(ctx, anchors)
	if err != nil {
		return err
	}
	if !rep.OK {
		fmt.Fprintf(a.stdout, "审计日志校验未通过：%s\n", rep.Problem)
		if rep.Broken > 0 {
			fmt.Fprintf(a.stdout, "第一条有问题的记录：第 %d 条\n", rep.Broken)
		}
		return errAuditBroken
	}
	from := ""
	if rep.Pruned > 0 {
		from = fmt.Sprintf("（自清理检查点第 %d 条之后）", rep.Pruned)
	}
	fmt.Fprintf(a.stdout, "审计日志校验通过：%d 条记录%s，链头第 %d 条，核对锚点 %d 个，密钥指纹 %s\n", rep.Entries, from, rep.Last, rep.Anchors, rep.Key)
	return nil
}

func auditAnchor(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("audit anchor")
	out := fs.String("o", "", "把链头追加到该文件（请保存在数据库服务器之外）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
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
	an, err := ap.AnchorAudit(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, an.String())
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return fmt.Errorf("无法写入锚定文件 %s: %w", *out, err)
		}
		_, werr := fmt.Fprintln(f, an.String())
		if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
			return fmt.Errorf("无法写入锚定文件 %s: %w", *out, err)
		}
		fmt.Fprintf(a.stdout, "已追加到 %s\n", *out)
	}
	return nil
}

func auditPrune(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("audit prune")
	before := fs.String("before", "", "清理该日期之前的记录（须早于 180 天前）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *before == "" {
		return usageError{"用法: fazhi --as 审计员账号 audit prune --before 日期"}
	}
	d, err := auditDay(*before, "--before")
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	n, err := ap.PruneAudit(ctx, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已清理 %s 之前的审计记录 %d 条，并写入检查点\n", *before, n)
	return nil
}
