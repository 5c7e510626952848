package gongwen

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	reLevel1 = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	reLevel2 = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
)

// seedDocument builds the 偃师区 2022 report (shared/seed) as a Document:
// 上行文 with 签发人, a title long enough to wrap, 一、 headings, run-in
// （一） headings, figures marked with Ref, two signatures.
func seedDocument(t testing.TB) *Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "yanshi-2022-body.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []Block
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		switch {
		case reLevel1.MatchString(line):
			blocks = append(blocks, Head(1, line))
		case reLevel2.MatchString(line):
			i := strings.Index(line, "。") + len("。")
			blocks = append(blocks, Para(Lead(2, line[:i]), Plain(line[i:])))
		default:
			blocks = append(blocks, Para(Plain(line)))
		}
	}
	// Mark one figure the way the report renderer does.
	for i, b := range blocks {
		last := &b.Runs[len(b.Runs)-1]
		if before, after, ok := strings.Cut(last.Text, "行政复议申请案件51起"); ok {
			runs := append(b.Runs[:len(b.Runs)-1:len(b.Runs)-1],
				Plain(before+"行政复议申请案件"), Fig("51", "fuyi.shenqing"), Plain("起"+after))
			blocks[i].Runs = runs
		}
	}
	return &Document{
		Issuer:     "中共洛阳市偃师区委员会",
		DocNumber:  "偃文〔2023〕12号",
		Signer:     "赵玉勋",
		Title:      "中共偃师区委 偃师区人民政府关于2022年度法治政府建设情况的报告",
		Blocks:     blocks,
		Signatures: []string{"中共偃师区委", "偃师区人民政府"},
		Date:       time.Date(2023, 3, 22, 0, 0, 0, 0, time.Local),
	}
}

func seedDOCX(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, seedDocument(t)); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("GONGWEN_DUMP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "seed.docx"), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

// fullDocument exercises the optional parts: 下行文 (no 签发人), 主送机关,
// 附件说明, unsealed signature, 附注, 版记, all four heading levels.
func fullDocument() *Document {
	return &Document{
		Issuer:    "洛阳市偃师区人民政府办公室文件",
		DocNumber: "偃政办〔2025〕7号",
		Title:     "洛阳市偃师区人民政府办公室关于印发偃师区2025年法治政府建设工作要点的通知",
		Addressee: "各镇人民政府、街道办事处，区人民政府各部门",
		Blocks: []Block{
			Para(Plain("现将《偃师区2025年法治政府建设工作要点》印发给你们，请认真贯彻执行。各单位于2025年12月10日前报送年度工作总结。")),
			Head(1, HeadingNumber(1, 1)+"总体要求"),
			Head(2, HeadingNumber(2, 1)+"指导思想"),
			Head(3, HeadingNumber(3, 1)+"坚持党的领导。"),
			Head(4, HeadingNumber(4, 1)+"加强组织保障。"),
			Para(Lead(3, "1.完善制度。"), Plain("健全重大行政决策程序制度，落实合法性审查要求，审查率达到"), Fig("100%", "hefaxing.shenchalv"), Plain("。")),
		},
		Attachments: []string{"偃师区2025年法治政府建设工作要点", "偃师区2025年法治政府建设任务分工表"},
		Signatures:  []string{"洛阳市偃师区人民政府办公室"},
		Date:        time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC),
		NoSeal:      true,
		Notes:       "此件公开发布",
		CC:          "区委办公室，区人大常委会办公室，区政协办公室",
		PrintedBy:   "洛阳市偃师区人民政府办公室",
		PrintedDate: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC),
	}
}
