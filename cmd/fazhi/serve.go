package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fazhi/app"
	"fazhi/web"
)

func init() {
	register(&command{name: "serve", usage: "[--addr :8080] [--district 名称]",
		summary: "启动网页服务：各单位在浏览器中填报、查询台账，司法局审核报送、查看工作台和年度报告",
		run:     runServe})
}

func runServe(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("serve")
	addr := fs.String("addr", ":8080", "监听地址（主机:端口）")
	district := fs.String("district", "", "页面顶部显示的地区名称，如 偃师区")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{"用法: fazhi serve [--addr :8080] [--district 名称]"}
	}
	return a.serve(ctx, *addr, *district, false)
}

// serve runs the web interface on --db until interrupted. A demo database
// lists one account per role; with fallback, a busy port is replaced by a
// free one on the same host.
func (a *cli) serve(ctx context.Context, addr, district string, fallback bool) error {
	ap, _, err := app.Open(ctx, a.dsn, app.Existing, app.Options{DataKeyFile: a.dataKey})
	if err != nil {
		return err
	}
	defer ap.Close()
	opts := web.Options{District: district, Demo: ap.IsDemo(ctx), Log: slog.New(slog.NewTextHandler(a.stderr, nil))}
	if opts.Demo {
		for _, d := range app.DemoAccounts {
			opts.DemoAccounts = append(opts.DemoAccounts, web.DemoAccount{Name: d.Name, Password: d.Password, Role: string(d.Role), RoleName: d.Role.Label(), UnitName: d.Unit})
		}
	}
	h, err := web.New(ap, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil && fallback {
		host, _, _ := net.SplitHostPort(addr)
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	if err != nil {
		return fmt.Errorf("无法在 %s 上启动网页服务: %w", addr, err)
	}
	fmt.Fprintf(a.stdout, "\n网页服务已启动：%s\n", serverURL(ln.Addr()))
	if opts.Demo {
		fmt.Fprintf(a.stdout, "演示账号（密码均为 %s，无需首次改密）：\n", app.DemoPassword)
		for _, d := range opts.DemoAccounts {
			fmt.Fprintf(a.stdout, "  %-14s %-8s %s\n", d.Name, d.RoleName, d.UnitName)
		}
	}
	fmt.Fprintln(a.stdout, "按 Ctrl+C 停止。")
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(opts.Log.Handler(), slog.LevelWarn)}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serverURL is the address to open in a browser: a wildcard host becomes
// 127.0.0.1.
func serverURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
