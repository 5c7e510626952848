package excel

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
)

// readCFB reads an OLE compound file: an Excel 97-2003 .xls or a WPS .et
// workbook is converted by LibreOffice; a Word document or an encrypted
// workbook gets one line saying so.
func readCFB(p string) ([]*Table, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取文件（%v）", p, err)
	}
	has := func(name string) bool { return bytes.Contains(data, utf16le(name)) }
	switch {
	case has("EncryptedPackage"):
		return nil, fmt.Errorf("%s: 这是设置了打开密码的 Excel 文件，请在 Excel 或 WPS 中取消密码后再导入", p)
	case has("WordDocument"):
		return nil, fmt.Errorf("%s: 这是 Word 97-2003 文档（.doc），不是 Excel 工作簿", p)
	case has("PowerPoint Document"):
		return nil, fmt.Errorf("%s: 这是 PowerPoint 演示文稿，不是 Excel 工作簿", p)
	case has("Workbook"), has("Book"), has("WPS"):
		return convert(p, ".xls")
	}
	return nil, fmt.Errorf("%s: 这是 Office 97-2003 格式的文件，但其中没有 Excel 工作簿", p)
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// ConvertTimeout bounds one LibreOffice conversion.
var ConvertTimeout = 2 * time.Minute

// sofficePath finds LibreOffice.
func sofficePath() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("未安装 LibreOffice")
}

// convert turns an .xls, .et or .ods into .xlsx with headless LibreOffice,
// in a private temporary folder that is removed afterwards, and reads it.
// The tables keep the user's path and are marked Rebuilt (an errors
// workbook is a new file, never the converted copy).
func convert(p, ext string) ([]*Table, error) {
	kind := map[string]string{".xls": "Excel 97-2003 / WPS 表格（.xls/.et）", ".ods": "OpenDocument 表格（.ods）"}[ext]
	soffice, err := sofficePath()
	if err != nil {
		return nil, fmt.Errorf("%s: 这是%s文件；读取它需要 LibreOffice，但本机未安装（可运行 apt-get install libreoffice-calc-nogui），或在 Excel/WPS 中“另存为” .xlsx 后再导入", p, kind)
	}
	tmp, err := os.MkdirTemp("", "fazhi-convert-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "input"+ext)
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(in, src, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), ConvertTimeout)
	defer cancel()
	out := filepath.Join(tmp, "out")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(tmp, "profile")),
		"--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
		"--convert-to", "xlsx", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "SAL_USE_VCLPLUGIN=svp")
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	x := filepath.Join(out, "input.xlsx")
	st, err := os.Stat(x)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: 这是%s文件，LibreOffice 转换超时；请在 Excel/WPS 中“另存为” .xlsx 后再导入", p, kind)
		}
		if strings.Contains(msg.String(), "could not be loaded") && !calcInstalled(soffice) {
			return nil, fmt.Errorf("%s: 这是%s文件；读取它需要 LibreOffice 的表格组件 Calc，但本机只装了 LibreOffice 的其他组件（可运行 apt-get install libreoffice-calc-nogui），或在 Excel/WPS 中“另存为” .xlsx 后再导入", p, kind)
		}
		return nil, fmt.Errorf("%s: 这是%s文件，但 LibreOffice 无法转换（%v %s）；文件可能已损坏，请在 Excel/WPS 中打开并“另存为” .xlsx", p, kind, runErr, strings.TrimSpace(msg.String()))
	}
	ts, err := readXLSX(x, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p, strings.TrimPrefix(err.Error(), x+": "))
	}
	for _, t := range ts {
		t.File, t.Rebuilt, t.Format = p, true, kind
	}
	return ts, nil
}

// calcInstalled reports whether LibreOffice's spreadsheet component is
// there (Debian splits it from the core the PDF path needs).
func calcInstalled(soffice string) bool {
	dir := filepath.Dir(soffice)
	if real, err := filepath.EvalSymlinks(soffice); err == nil {
		dir = filepath.Dir(real)
	}
	for _, lib := range []string{"libsclo.so", "libsclo.dylib", "sclo.dll"} {
		if _, err := os.Stat(filepath.Join(dir, lib)); err == nil {
			return true
		}
	}
	return false
}
