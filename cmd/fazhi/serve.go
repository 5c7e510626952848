package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fazhi/app"
	"fazhi/web"
)

func init() {
	register(&command{name: "serve", usage: "[--addr :8080] [--district 名称] [--tls-cert F --tls-key F] [--trusted-proxy CIDR,...]",
		summary: "启动网页服务：各单位在浏览器中填报、查询台账，司法局审核报送、查看工作台和年度报告",
		run:     runServe})
}

func runServe(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("serve")
	addr := fs.String("addr", ":8080", "监听地址（主机:端口）")
	district := fs.String("district", "", "页面顶部显示的地区名称，如 偃师区")
	cert := fs.String("tls-cert", "", "TLS 证书文件（PEM）；与 --tls-key 一起给出时以 HTTPS 提供服务，Cookie 带 Secure")
	key := fs.String("tls-key", "", "TLS 私钥文件（PEM）")
	proxies := fs.String("trusted-proxy", "", "受信任的反向代理地址或网段，逗号分隔（如 10.0.0.1,192.168.1.0/24）：仅来自这些地址的 X-Forwarded-For / X-Forwarded-Proto 被采信")
	maxMB := fs.Int("max-upload-mb", web.DefaultMaxUploadBytes>>20, "网页导入上传文件的大小上限（MB）；命令行导入不限")
	maxRows := fs.Int("max-import-rows", web.DefaultMaxImportRows, "网页导入文件的行数上限；命令行导入不限")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *maxMB <= 0 || *maxRows <= 0 {
		return usageError{"--max-upload-mb 与 --max-import-rows 须为正数"}
	}
	if len(rest) > 0 {
		return usageError{"用法: fazhi serve [--addr :8080] [--district 名称] [--tls-cert F --tls-key F] [--trusted-proxy CIDR,...]"}
	}
	if (*cert == "") != (*key == "") {
		return usageError{"--tls-cert 与 --tls-key 须同时给出"}
	}
	trusted, err := web.ParseTrustedProxies(*proxies)
	if err != nil {
		return usageError{err.Error()}
	}
	return a.serve(ctx, serveConfig{addr: *addr, district: *district, tlsCert: *cert, tlsKey: *key, trusted: trusted,
		maxUpload: int64(*maxMB) << 20, maxRows: *maxRows})
}

// serveConfig is how the web interface is served.
type serveConfig struct {
	addr, district  string
	tlsCert, tlsKey string // both or neither: HTTPS
	trusted         []netip.Prefix
	fallback        bool // a busy port is replaced by a free one on the same host
	maxUpload       int64
	maxRows         int
}

// serve runs the web interface on --db until interrupted. A demo database
// lists one account per role; with fallback, a busy port is replaced by a
// free one on the same host.
func (a *cli) serve(ctx context.Context, sc serveConfig) error {
	addr := sc.addr
	ap, _, err := app.Open(ctx, a.dsn, app.Existing, a.appOptions())
	if err != nil {
		return err
	}
	defer ap.Close()
	opts := web.Options{District: sc.district, Demo: ap.IsDemo(ctx), Log: slog.New(slog.NewTextHandler(a.stderr, nil)), TrustedProxies: sc.trusted,
		MaxUploadBytes: sc.maxUpload, MaxImportRows: sc.maxRows}
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
	if err != nil && sc.fallback {
		host, _, _ := net.SplitHostPort(addr)
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	if err != nil {
		return fmt.Errorf("无法在 %s 上启动网页服务: %w", addr, err)
	}
	var tlsCfg *tls.Config
	if sc.tlsCert != "" {
		c, err := tls.LoadX509KeyPair(sc.tlsCert, sc.tlsKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("无法读取 TLS 证书 %s 或私钥 %s: %w", sc.tlsCert, sc.tlsKey, err)
		}
		tlsCfg = &tls.Config{Certificates: []tls.Certificate{c}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, tlsCfg)
	}
	fmt.Fprintf(a.stdout, "\n网页服务已启动：%s\n", serverURL(ln.Addr(), tlsCfg != nil))
	if opts.Demo {
		fmt.Fprintf(a.stdout, "演示账号（密码均为 %s，无需首次改密）：\n", app.DemoPassword)
		for _, d := range opts.DemoAccounts {
			fmt.Fprintf(a.stdout, "  %-14s %-8s %s\n", d.Name, d.RoleName, d.UnitName)
		}
	}
	if a.dbRead != "" {
		switch t, err := ap.ReadTarget(ctx); {
		case err != nil:
			fmt.Fprintf(a.stderr, "警告：只读副本 %s: %v\n", app.Redact(a.dbRead), err)
		case t == "replica":
			fmt.Fprintf(a.stdout, "只读查询（列表、指标、报告、比较、搜索）在副本 %s 上执行\n", app.Redact(a.dbRead))
		default:
			fmt.Fprintf(a.stderr, "警告：只读副本 %s 无法连接（或不是备库），只读查询暂由主库执行；副本恢复后一分钟内自动改回\n", app.Redact(a.dbRead))
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
func serverURL(addr net.Addr, https bool) string {
	scheme := "http://"
	if https {
		scheme = "https://"
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return scheme + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return scheme + net.JoinHostPort(host, port) + "/"
}
