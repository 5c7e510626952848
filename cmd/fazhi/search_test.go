package main

import (
	"encoding/json"
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

// importSearchData imports a few handbook entries and normative documents
// through fazhi import, as staff would.
func importSearchData(t *testing.T, dsn string) {
	t.Helper()
	dir := t.TempDir()
	hb := writeCSV(t, dir, "handbook.csv", [][]string{
		{"手册名称", "章节", "条目标题", "正文", "依据"},
		{"偃师区镇（街道）综合行政执法工作手册", "第一章 总则", "综合行政执法的范围", "镇（街道）综合行政执法办公室以镇人民政府、街道办事处名义行使赋权事项的行政处罚权。", "《中华人民共和国行政处罚法》第二十四条"},
		{"偃师区镇（街道）综合行政执法工作手册", "第二章 程序", "行政复议与行政诉讼的告知", "作出行政处罚决定时应当告知当事人申请行政复议或者提起行政诉讼的途径和期限。", ""},
		{"偃师区镇（街道）综合行政执法工作手册", "第三章 监督", "复议纠错案件的整改", "被复议机关撤销的复议案件，应当在收到复议决定书之日起三十日内整改。", ""},
		{"偃师区行政执法人员应知应会手册", "第五章 合同", "行政协议的订立", "行政机关订立行政协议，应当进行合法性审查；涉及重大合同的，提交区政府合同研判会议研究。", ""},
	})
	mustFazhi(t, dsn, "import", "handbook", hb)
	nd := writeCSV(t, dir, "normdoc.csv", [][]string{
		{"文号", "标题", "制定机关", "公布日期", "报送备案日期", "状态"},
		{"偃政〔2021〕12号", "洛阳市偃师区人民政府关于印发偃师区政府合同管理办法的通知", "区政府", "2021-06-01", "2021-06-20", "有效"},
		{"偃政办〔2022〕3号", "偃师区政府办公室关于推进镇（街道）综合行政执法改革的通知", "区政府办公室", "2022-02-10", "2022-03-01", "有效"},
	})
	mustFazhi(t, dsn, "import", "normdoc", nd)
}

func TestSearchCommand(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		importSearchData(t, dsn)

		out := mustFazhi(t, dsn, "search", "综合行政执法")
		for _, want := range []string{
			"含“综合行政执法”的共 4 条",
			"1. [执法手册] 【综合行政执法】的范围",
			"   偃师区镇（街道）【综合行政执法】工作手册 第一章 总则",
			"   镇（街道）【综合行政执法】办公室以镇人民政府",
			"[规范性文件] 偃师区政府办公室关于推进镇（街道）【综合行政执法】改革的通知",
			"偃政办〔2022〕3号 偃师区政府办公室　状态：有效 公布日期：2022-02-10",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("search 综合行政执法 lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "\x1b[") {
			t.Error("ANSI codes in plain output")
		}

		// Two characters, ranked: title hits, then by occurrences.
		out = mustFazhi(t, dsn, "search", "复议")
		a, b := strings.Index(out, "1. [执法手册] 【复议】纠错案件的整改"), strings.Index(out, "2. [执法手册] 行政【复议】与行政诉讼的告知")
		if a < 0 || b < a || !strings.Contains(out, "被【复议】机关撤销的【复议】案件") {
			t.Errorf("search 复议:\n%s", out)
		}
		out = mustFazhi(t, dsn, "search", "合同", "--limit", "1")
		if !strings.Contains(out, "含“合同”的共 2 条，显示前 1 条") || !strings.Contains(out, "1. [规范性文件] 洛阳市偃师区人民政府关于印发偃师区政府【合同】管理办法的通知") {
			t.Errorf("search 合同 --limit 1:\n%s", out)
		}
		// From the middle of the 依据 column; one character.
		if out := mustFazhi(t, dsn, "search", "处罚法》第二十"); !strings.Contains(out, "共 1 条") {
			t.Errorf("search in 依据:\n%s", out)
		}
		if out := mustFazhi(t, dsn, "search", "协", "--kind", "handbook"); !strings.Contains(out, "行政【协】议的订立") {
			t.Errorf("search 协:\n%s", out)
		}
		if out := mustFazhi(t, dsn, "search", "不存在的词"); !strings.Contains(out, "没有找到含“不存在的词”的执法手册条目或规范性文件") {
			t.Errorf("no hit:\n%s", out)
		}

		var js struct {
			Total int `json:"total"`
			Hits  []struct {
				Kind, Title, Snippet string
				Tier                 int
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(mustFazhi(t, dsn, "search", "合同", "--json")), &js); err != nil {
			t.Fatal(err)
		}
		if js.Total != 2 || js.Hits[0].Kind != "normdoc" || js.Hits[0].Tier != 0 || js.Hits[1].Tier != 1 || !strings.Contains(js.Hits[1].Snippet, "重大【合同】") {
			t.Errorf("--json: %+v", js)
		}

		for _, args := range [][]string{{"search"}, {"search", "x", "--limit", "0"}, {"search", "x", "--kind", "contract"}} {
			if _, _, err := fazhi(t, dsn, args...); err == nil {
				t.Errorf("%v: no error", args)
			}
		}
	})
}
