package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fazhi/calendar"
	"fazhi/poster"
)

func init() {
	register(&command{name: "poster", usage: "--title 标题 --base-url http://主机:端口 -o poster.png",
		summary: "生成可打印的 A4 政策汇编海报（PNG），二维码打开服务器上的政策清单页",
		run:     runPoster})
}

func runPoster(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("poster")
	title := fs.String("title", "惠企政策汇编", "海报标题（写入 PNG 元数据和说明文件）")
	base := fs.String("base-url", os.Getenv("FAZHI_BASE_URL"), "fazhi 服务器地址，如 http://10.1.2.3:8080（环境变量 FAZHI_BASE_URL）")
	out := fs.String("o", "", "输出文件 (.png)")
	dpi := fs.Int("dpi", poster.DefaultDPI, "打印分辨率（72–600）")
	issuer := fs.String("issuer", os.Getenv("FAZHI_ISSUER"), "发布单位，印在海报底部（环境变量 FAZHI_ISSUER）")
	dateS := fs.String("date", "", "发布日期，印在海报底部（默认今天）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" {
		return usageError{"用法: fazhi poster --title 偃师区惠企政策汇编 --base-url http://主机:端口 -o poster.png"}
	}
	if ext := strings.ToLower(filepath.Ext(*out)); ext != ".png" {
		return usageError{fmt.Sprintf("输出文件“%s”应为 .png（暂不支持 %s）", *out, ext)}
	}
	u, err := poster.PolicyURL(*base)
	if err != nil {
		return usageError{err.Error()}
	}
	date := time.Now()
	if *dateS != "" {
		if date, err = calendar.ParseDate(*dateS); err != nil {
			return usageError{"--date: " + err.Error()}
		}
	}
	o := poster.Options{Title: strings.TrimSpace(*title), Issuer: strings.TrimSpace(*issuer), Date: date, URL: u, DPI: *dpi}
	caption := strings.TrimSuffix(*out, filepath.Ext(*out)) + ".txt"
	if err := a.checkOutput(caption); err != nil {
		return err
	}
	var l poster.Layout
	if err := a.writeOutput(*out, func(w io.Writer) (err error) {
		if l, err = poster.WritePNG(w, o); err != nil {
			return fmt.Errorf("生成海报失败: %w", err)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := a.writeOutputFile(caption, []byte(poster.Caption(o))); err != nil {
		return fmt.Errorf("写说明文件 %s 失败: %w", caption, err)
	}
	fmt.Fprintf(a.stdout, "已生成 A4 海报 %s（%d×%d 像素，%d dpi），二维码打开 %s\n", *out, l.Width, l.Height, l.DPI, u)
	fmt.Fprintf(a.stdout, "海报印有标题“%s”、%s和日期，说明文件 %s 可与海报一同张贴。\n", o.Title, map[bool]string{true: "发布单位“" + o.Issuer + "”", false: "（未指定 --issuer，未印发布单位）"}[o.Issuer != ""], caption)
	return nil
}
