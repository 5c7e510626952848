package report

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Formats are the report's output formats, named by file extension.
var Formats = []string{"docx", "pdf", "html", "md"}

// OutputFormat decides the format of output file out: its extension, which
// --format (flag, may be "") must agree with. A mismatch (--format pdf -o
// r.docx) is refused: the file would not open as what its name says.
func OutputFormat(flag, out string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	if ext == "markdown" {
		ext = "md"
	}
	if ext == "htm" {
		ext = "html"
	}
	flag = strings.ToLower(strings.TrimPrefix(flag, "."))
	known := func(f string) bool {
		for _, k := range Formats {
			if k == f {
				return true
			}
		}
		return false
	}
	switch {
	case flag != "" && !known(flag):
		return "", fmt.Errorf("不支持的格式 %q：可用 %s", flag, strings.Join(Formats, "、"))
	case ext == "" && flag == "":
		return "", fmt.Errorf("输出文件 %s 没有扩展名：请用 .docx、.pdf、.html 或 .md", out)
	case ext == "":
		return "", fmt.Errorf("输出文件 %s 没有扩展名：格式为 %s 时请写作 %s.%s", out, flag, out, flag)
	case !known(ext):
		return "", fmt.Errorf("输出文件扩展名 .%s 不支持：请用 .docx、.pdf、.html 或 .md", ext)
	case flag != "" && flag != ext:
		return "", fmt.Errorf("--format %s 与输出文件 %s 的扩展名 .%s 不一致，未生成：请改用 .%s 文件名或去掉 --format", flag, out, ext, flag)
	}
	return ext, nil
}
