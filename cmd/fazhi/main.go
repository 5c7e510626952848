// Command fazhi runs a district government's 法治政府建设 ledgers, indicators and annual report.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"

	"fazhi/app"
	"fazhi/internal/termtext"
)

// command is one subcommand of the fazhi binary. Each lives in its own file
// and registers itself from init.
type command struct {
	name    string
	usage   string // one line: arguments after the command name
	summary string // one line, Chinese, shown in `fazhi help`
	run     func(ctx context.Context, a *cli, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// app carries what every command shares: the database DSN and the output streams.
type cli struct {
	dsn string
	// dbRead is --db-read: a PostgreSQL streaming replica the read-only
	// queries go to ("" reads from --db).
	dbRead string
	as     string // --as: the account the command acts as
	// district is --district: the 行政区划代码 the command acts in, where
	// the acting account's own district does not decide.
	district string
	// dataKey is --data-key: the file holding the data key ("" looks in
	// the environment, then beside the database).
	dataKey  string
	auditKey string // --audit-key: the audit trail's key file
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

// usageError marks an error caused by how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp is returned after a command printed its help on request.
var errHelp = errors.New("help shown")

func main() {
	a := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	if err := a.main(context.Background(), os.Args[1:]); err != nil && !errors.Is(err, errHelp) {
		fmt.Fprintln(termtext.NewWriter(os.Stderr), "错误:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func (a *cli) main(ctx context.Context, args []string) error {
	// Every command prints through these: control characters from stored
	// fields are shown escaped, never acted on by the terminal.
	a.stdout, a.stderr = termtext.NewWriter(a.stdout), termtext.NewWriter(a.stderr)
	fs := flag.NewFlagSet("fazhi", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	def := os.Getenv("FAZHI_DB")
	if def == "" {
		def = "fazhi.db"
	}
	fs.StringVar(&a.dsn, "db", def, "数据库：SQLite 文件路径，或 postgres:// 连接串（环境变量 FAZHI_DB）")
	fs.StringVar(&a.dbRead, "db-read", os.Getenv("FAZHI_DB_READ"), "只读副本：PostgreSQL 流复制备库的 postgres:// 连接串；列表、指标、仪表板、报告、区县比较和搜索从这里读，写入仍在 --db；副本不可用时改读主库（环境变量 FAZHI_DB_READ）")
	fs.StringVar(&a.dataKey, "data-key", "", "数据密钥文件（加密证件号的密钥，须与数据库分开保管）；不给出时依次用环境变量 FAZHI_DATA_KEY、FAZHI_DATA_KEY_FILE、数据库旁的 文件名.key（PostgreSQL：~/.config/fazhi/data.key）")
	fs.StringVar(&a.as, "as", os.Getenv("FAZHI_AS"), "以该账号身份执行（环境变量 FAZHI_AS）；不给出时为本机管理员")
	fs.StringVar(&a.district, "district", os.Getenv("FAZHI_DISTRICT"), "在该行政区划（6 位行政区划代码，如 410307）操作；市、省级代码（如 4103）汇总其下各区县（环境变量 FAZHI_DISTRICT）")
	fs.StringVar(&a.auditKey, "audit-key", "", "审计日志密钥文件（环境变量 FAZHI_AUDIT_KEY）；默认为 SQLite 数据库旁的 文件名-audit.key，首次使用时生成")
	fs.Usage = func() { a.printHelp() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" {
		a.printHelp()
		return nil
	}
	c, ok := commands[rest[0]]
	if !ok {
		return usageError{fmt.Sprintf("未知命令 %q，运行 fazhi help 查看全部命令", rest[0])}
	}
	if a.district != "" {
		var err error
		if ctx, err = app.WithDistrict(ctx, a.district); err != nil {
			return usageError{err.Error()}
		}
	}
	return c.run(ctx, a, rest[1:])
}

func (a *cli) printHelp() {
	fmt.Fprintln(a.stdout, "fazhi — 法治政府建设台账、指标与年度报告\n\n用法: fazhi [--db DSN] [--db-read DSN] [--as 账号] [--district 行政区划代码] [--audit-key 文件] 命令 [参数]\n\n不带 --as 时以本机管理员身份执行（运行服务器的人，可做司法局管理员、系统管理员和安全管理员的事），历史记录中记为“本机管理员:操作系统用户名”。\n一个库可容纳多个区县（行政区划）：账号在其单位所属的行政区划内操作；本机管理员或市级账号用 --district 指定区县。\n\n命令:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(a.stdout, "  %-44s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
	}
}

// newFlags returns a flag set for a subcommand whose errors are reported, not printed twice.
// Its errors come back in Chinese (parseFlags); -h prints the options in Chinese.
func (a *cli) newFlags(c string) *flag.FlagSet {
	fs := flag.NewFlagSet("fazhi "+c, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // the flag package calls it on errors too; help is printed by parseFlags
	helps.Store(fs, func() {
		fmt.Fprintf(a.stdout, "fazhi %s 的选项：\n", c)
		fs.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(a.stdout, "  --%-16s %s\n", f.Name, f.Usage)
		})
	})
	return fs
}

// helps holds each flag set's help printer.
var helps sync.Map

// flagError restates the flag package's English errors in Chinese.
func flagError(err error) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return usageError{"未知选项 " + strings.TrimPrefix(msg, "flag provided but not defined: ") + "（-h 查看可用选项）"}
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return usageError{"选项 " + strings.TrimPrefix(msg, "flag needs an argument: ") + " 需要一个值"}
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "abc" for flag -if-version: parse error
		if i := strings.Index(msg, " for flag "); i > 0 {
			val := strings.TrimPrefix(strings.TrimPrefix(msg[:i], "invalid value "), "invalid boolean value ")
			name := msg[i+len(" for flag "):]
			if j := strings.Index(name, ":"); j > 0 {
				name = name[:j]
			}
			return usageError{fmt.Sprintf("选项 %s 的值 %s 无效", name, val)}
		}
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return usageError{"选项写法有误：" + strings.TrimPrefix(msg, "bad flag syntax: ")}
	}
	return usageError{msg}
}

// parseFlags parses args, allowing flags after positional arguments
// (fazhi import reconsideration f.xlsx --errors-out e.xlsx).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if h, ok := helps.Load(fs); ok {
					h.(func())()
				}
				return nil, errHelp
			}
			return nil, flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
