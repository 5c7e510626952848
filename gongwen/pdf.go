package gongwen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// InstallHint is the command that installs what ConvertPDF needs on
// Debian/Ubuntu (gongwen/install-fonts.sh runs it and adds the Fandol
// fonts).
const InstallHint = "apt-get update && apt-get install -y --no-install-recommends " +
	"libreoffice-writer-nogui fonts-noto-cjk fonts-liberation2 fonts-arphic-ukai poppler-utils"

// ErrNoLibreOffice is returned (wrapped) when neither soffice nor
// libreoffice is on PATH.
var ErrNoLibreOffice = errors.New("未找到 LibreOffice：PATH 中没有 soffice 或 libreoffice 命令")

// LibreOfficePath returns the LibreOffice executable on PATH.
func LibreOfficePath() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w。生成 PDF 需要 LibreOffice Writer 及字体，请以 root 运行：%s"+
		"（仿宋、楷体的替代字体 FandolFang/FandolKai 由 gongwen/install-fonts.sh 从 texlive-lang-chinese 中提取）",
		ErrNoLibreOffice, InstallHint)
}

// ConvertPDF converts a DOCX to PDF with headless LibreOffice and returns
// the path of the PDF written into outDir (same base name, .pdf). Each
// call uses its own LibreOffice profile, so calls may run concurrently,
// and a generated fontconfig file that maps the official font names
// (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体, Times New Roman) to
// free substitutes when the real fonts are not installed. The DOCX itself
// is converted as it is: WriteDOCX writes a file every suite lays out
// alike (docs/gongwen-office-suites.md), so there is no adapted copy.
func ConvertPDF(ctx context.Context, docxPath, outDir string) (string, error) {
	soffice, err := LibreOfficePath()
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(docxPath)
	if err != nil {
		return "", fmt.Errorf("读取 DOCX 失败：%w", err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", fmt.Errorf("创建输出目录失败：%w", err)
	}
	tmp, err := os.MkdirTemp("", "fazhi-gongwen-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)

	base := strings.TrimSuffix(filepath.Base(docxPath), filepath.Ext(docxPath))
	in := filepath.Join(tmp, base+".docx")
	if err := os.WriteFile(in, src, 0o600); err != nil {
		return "", err
	}
	fc := filepath.Join(tmp, "fonts.conf")
	fams := installedFamilies()
	if err := os.WriteFile(fc, fontConfig(func(n string) bool { return fams[strings.ToLower(n)] }, extraFontDirs()), 0o600); err != nil {
		return "", err
	}
	out := filepath.Join(tmp, "out")
	profile := "file://" + filepath.ToSlash(filepath.Join(tmp, "profile"))

	cmd := exec.CommandContext(ctx, soffice,
		"-env:UserInstallation="+profile,
		"--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
		"--convert-to", "pdf:writer_pdf_Export", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+fc, "SAL_USE_VCLPLUGIN=svp")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	killGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	pdf := filepath.Join(out, base+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		msg := strings.TrimSpace(output.String())
		if ctx.Err() != nil {
			return "", fmt.Errorf("LibreOffice 转换超时或被取消：%w", ctx.Err())
		}
		if runErr != nil {
			return "", fmt.Errorf("LibreOffice 转换失败：%v；输出：%s", runErr, msg)
		}
		return "", fmt.Errorf("LibreOffice 未生成 PDF；输出：%s", msg)
	}
	dst := filepath.Join(outDir, base+".pdf")
	if err := moveFile(pdf, dst); err != nil {
		return "", fmt.Errorf("保存 PDF 失败：%w", err)
	}
	return dst, nil
}

// moveFile renames src to dst, copying when they are on different file
// systems.
func moveFile(src, dst string) error {
	if os.Rename(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// WritePDF writes d as PDF to w: the DOCX WriteDOCX makes, converted by
// ConvertPDF as it is (the same file a clerk would download). Errors wrap
// ErrNoLibreOffice when LibreOffice is missing.
func WritePDF(ctx context.Context, w io.Writer, d *Document) error {
	dir, err := os.MkdirTemp("", "fazhi-gongwen-pdf-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		return err
	}
	docx := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(docx, buf.Bytes(), 0o600); err != nil {
		return err
	}
	pdf, err := ConvertPDF(ctx, docx, dir)
	if err != nil {
		return err
	}
	f, err := os.Open(pdf)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
