package main

import (
	"archive/zip"
	"context"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fazhi/demo"
	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// docxParagraphs returns the text of each paragraph of word/document.xml.
func docxParagraphs(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	tRe := regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)
	var out []string
	for _, p := range strings.Split(string(b), "</w:p>") {
		var sb strings.Builder
		for _, m := range tRe.FindAllStringSubmatch(p, -1) {
			sb.WriteString(html.UnescapeString(m[1]))
		}
		if s := strings.TrimSpace(sb.String()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// statuses returns the normdoc 状态 by 文号.
func statuses(t *testing.T, dsn string) map[string]string {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recs, _, err := db.FindRecords(context.Background(), ledger.Normdoc, ledger.Query{Scope: ledger.AllScope()})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range recs {
		m[r.String("doc_no")] = r.String("status")
	}
	return m
}

func TestCleanupCampaign(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		dir := t.TempDir()
		const batch = "2022年规范性文件专项清理"
		mustFazhi(t, dsn, "import", "normdoc", writeCSV(t, dir, "normdoc.csv", [][]string{
			{"文号", "标题", "制定机关", "公布日期", "状态"},
			{"偃政〔2015〕3号", "偃师市人民政府关于城市房屋拆迁管理的通知", "区政府", "2015-03-01", "有效"},
			{"偃政〔2016〕7号", "偃师市人民政府关于第三次全国农业普查有关问题的通知", "区政府", "2016-05-01", "有效"},
			{"偃政办〔2017〕12号", "偃师市人民政府办公室关于机关效能建设的通知", "区政府办公室", "2017-01-01", "有效"},
			{"偃政办〔2018〕4号", "偃师市人民政府办公室关于城区建筑垃圾管理的通知", "区政府办公室", "2018-02-02", "已修改"},
			{"偃政〔2019〕2号", "偃师市人民政府关于城市绿化管理的通知", "区政府", "2019-01-01", "有效"},
			{"偃政〔2020〕5号", "偃师市人民政府关于已废止事项的通知", "区政府", "2020-06-01", "废止"},
			{"偃政〔2022〕8号", "洛阳市偃师区人民政府关于截止日后文件的通知", "区政府", "2022-05-01", "有效"},
			{"偃司〔2021〕1号", "偃师区司法局关于部门文件的通知", "区司法局", "2021-01-01", "有效"},
		}))

		out := mustFazhi(t, dsn, "cleanup", "open", batch, "--cutoff", "2022-04-25", "--issuer", "区政府", "--issuer", "区政府办公室")
		if !strings.Contains(out, "截至 2022-04-25、区政府、区政府办公室公布的有效规范性文件 5 件，本次新列入 5 件") {
			t.Errorf("open:\n%s", out)
		}
		// Opening again lists nothing new; a different scope is refused.
		if out := mustFazhi(t, dsn, "cleanup", "open", batch, "--cutoff", "2022-04-25", "--issuer", "区政府办公室", "--issuer", "区政府"); !strings.Contains(out, "本次新列入 0 件") {
			t.Errorf("reopen:\n%s", out)
		}
		if _, _, err := fazhi(t, dsn, "cleanup", "open", batch, "--cutoff", "2022-05-25"); err == nil || !strings.Contains(err.Error(), "范围不同") {
			t.Errorf("reopen with another scope: %v", err)
		}
		out = mustFazhi(t, dsn, "cleanup", "list", batch)
		if !strings.Contains(out, "共 5 件：待定 5") || !strings.Contains(out, "1. 偃政〔2015〕3号　偃师市人民政府关于城市房屋拆迁管理的通知　2015-03-01　[待定]") || strings.Contains(out, "偃政〔2022〕8号") || strings.Contains(out, "偃司") || strings.Contains(out, "偃政〔2020〕5号") {
			t.Errorf("list after open:\n%s", out)
		}

		// Nothing can be published or drafted while documents are pending.
		if _, _, err := fazhi(t, dsn, "cleanup", "publish", batch, "--no", "偃政〔2022〕9号", "--date", "2022-05-20"); err == nil || !strings.Contains(err.Error(), "还有5件文件未作清理结论") {
			t.Errorf("publish with pending: %v", err)
		}

		for _, c := range [][]string{
			{"偃政〔2015〕3号", "废止", "--reason", "所依据的法律法规已废止"},
			{"偃政(2016)7号", "宣布失效"}, // mistyped brackets are normalised
			{"偃政办〔2017〕12号", "不再作为规范性文件管理"},
			{"偃政办〔2018〕4号", "修改"},
		} {
			mustFazhi(t, dsn, append([]string{"cleanup", "conclude", batch}, c...)...)
		}
		for args, want := range map[string]string{
			"偃政〔2019〕2号 作废":     "“作废”不是允许的清理结论",
			"偃政〔2019〕2号 待定":     "“待定”不是清理结论",
			"偃政〔2022〕8号 废止":     "中没有文号为“偃政〔2022〕8号”的文件",
			"偃政〔2019〕2号":        "用法",
			"偃政〔2019〕2号 继续有效 x": "用法",
		} {
			_, _, err := fazhi(t, dsn, append([]string{"cleanup", "conclude", batch}, strings.Fields(args)...)...)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("conclude %s: %v, want %q", args, err, want)
			}
		}
		// The last conclusion comes from a normdoc_cleanup file.
		mustFazhi(t, dsn, "import", "normdoc_cleanup", writeCSV(t, dir, "conclusions.csv", [][]string{
			{"清理批次", "文号", "清理结论", "理由"},
			{batch, "偃政〔2019〕2号", "继续有效", "符合上位法规定"},
		}))
		out = mustFazhi(t, dsn, "cleanup", "list", batch)
		if !strings.Contains(out, "共 5 件：继续有效 1，修改 1，废止 1，宣布失效 1，不再作为规范性文件管理 1") || !strings.Contains(out, "[废止]　所依据的法律法规已废止") {
			t.Errorf("list after conclusions:\n%s", out)
		}

		// The decision, drafted before publication.
		docx := filepath.Join(dir, "决定.docx")
		out = mustFazhi(t, dsn, "cleanup", "decision", batch, "-o", docx, "--no", "偃政〔2022〕9号", "--date", "2022-05-20")
		if !strings.Contains(out, "废止、宣布失效的规范性文件 2 件，不再作为规范性文件管理的文件 1 件，需要修改的规范性文件 1 件") {
			t.Errorf("decision:\n%s", out)
		}
		paras := docxParagraphs(t, docx)
		text := strings.Join(paras, "\n")
		for _, want := range []string{
			"偃政〔2022〕9号",
			"洛阳市偃师区人民政府关于公布规范性文件清理结果的决定",
			"对2022年4月25日以前区政府、区政府办公室印发的5件规范性文件进行了全面清理。经清理，废止、宣布失效2件，不再作为规范性文件管理1件，需要修改1件，继续有效1件。",
			"一、废止、宣布失效的规范性文件（2件）\n1.《偃师市人民政府关于城市房屋拆迁管理的通知》（偃政〔2015〕3号）\n2.《偃师市人民政府关于第三次全国农业普查有关问题的通知》（偃政〔2016〕7号）\n" +
				"二、不再作为规范性文件管理的文件（1件）\n1.《偃师市人民政府办公室关于机关效能建设的通知》（偃政办〔2017〕12号）\n" +
				"三、需要修改的规范性文件（1件）\n1.《偃师市人民政府办公室关于城区建筑垃圾管理的通知》（偃政办〔2018〕4号）\n",
			"2022年5月20日",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("decision lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "城市绿化管理") {
			t.Error("a document kept in force is listed in the decision")
		}

		// Publication: one transaction, statuses changed, history kept.
		out = mustFazhi(t, dsn, "cleanup", "publish", batch, "--no", "偃政〔2022〕9号", "--date", "2022-05-20")
		if !strings.Contains(out, "5 件清理记录写入决定文号和公布日期（更新 5 件），3 件规范性文件状态已变更（废止 1，失效 1，不再作为规范性文件管理 1）") {
			t.Errorf("publish:\n%s", out)
		}
		want := map[string]string{"偃政〔2015〕3号": "废止", "偃政〔2016〕7号": "失效", "偃政办〔2017〕12号": "不再作为规范性文件管理",
			"偃政办〔2018〕4号": "已修改", "偃政〔2019〕2号": "有效", "偃政〔2022〕8号": "有效", "偃司〔2021〕1号": "有效", "偃政〔2020〕5号": "废止"}
		got := statuses(t, dsn)
		for no, s := range want {
			if got[no] != s {
				t.Errorf("%s 状态 = %s, want %s", no, got[no], s)
			}
		}
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		var hist int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM record_history WHERE ledger = 'normdoc' AND action = '修改' AND source = '公布清理结果'`).Scan(&hist); err != nil || hist != 3 {
			// 偃政办〔2018〕4号 was already 已修改: three real changes.
			t.Errorf("normdoc history rows = %d (%v), want 3", hist, err)
		}
		db.Close()
		ind := indicators(t, dsn, "2022")
		for id, v := range map[string]float64{"normdoc.cleanup_total": 5, "normdoc.cleanup_repealed": 2, "normdoc.cleanup_unlisted": 1, "normdoc.cleanup_to_revise": 1} {
			if ind[id].Value != v {
				t.Errorf("%s = %v, want %v", id, ind[id].Value, v)
			}
		}

		// Published: conclusions are frozen; the same publication again is a
		// no-op, another number is refused; the list shows the decision.
		if _, _, err := fazhi(t, dsn, "cleanup", "conclude", batch, "偃政〔2019〕2号", "废止"); err == nil || !strings.Contains(err.Error(), "已以偃政〔2022〕9号公布") {
			t.Errorf("conclude after publication: %v", err)
		}
		if out := mustFazhi(t, dsn, "cleanup", "publish", batch, "--no", "偃政〔2022〕9号", "--date", "2022-05-20"); !strings.Contains(out, "（更新 0 件），0 件规范性文件状态已变更") {
			t.Errorf("publish again:\n%s", out)
		}
		if _, _, err := fazhi(t, dsn, "cleanup", "publish", batch, "--no", "偃政〔2022〕10号", "--date", "2022-05-20"); err == nil || !strings.Contains(err.Error(), "不能再以偃政〔2022〕10号公布") {
			t.Errorf("publish with another number: %v", err)
		}
		if out := mustFazhi(t, dsn, "cleanup", "list"); !strings.Contains(out, "清理批次“2022年规范性文件专项清理”　已公布（偃政〔2022〕9号，2022-05-20）　截至 2022-04-25　区政府、区政府办公室") {
			t.Errorf("list batches:\n%s", out)
		}
		// The decision of a published batch defaults to its number and date.
		mustFazhi(t, dsn, "cleanup", "decision", batch, "-o", docx)
		if text := strings.Join(docxParagraphs(t, docx), "\n"); !strings.Contains(text, "偃政〔2022〕9号") || !strings.Contains(text, "2022年5月20日") {
			t.Errorf("default number and date:\n%s", text)
		}
	})
}

// A batch imported as a normdoc_cleanup file (as the demo does) has no
// batch record: its decision is drawn from the rows alone.
func TestCleanupDecision_ImportedBatch(t *testing.T) {
	t.Parallel()
	e := testdb.Engines()[0]
	dsn := withUnits(t, e)
	dir := t.TempDir()
	rows := [][]string{{"清理批次", "文号", "标题", "制定机关", "公布日期", "清理结论", "决定文号", "决定公布日期"}}
	for i, c := range []string{"废止", "宣布失效", "废止", "不再作为规范性文件管理", "修改", "继续有效", "继续有效"} {
		rows = append(rows, []string{"2022年清理", "偃政〔2010〕" + string(rune('1'+i)) + "号", "关于事项" + string(rune('A'+i)) + "的通知", "区政府", "2010-0" + string(rune('1'+i)) + "-01", c, "偃政〔2022〕23号", "2022-06-28"})
	}
	mustFazhi(t, dsn, "import", "normdoc_cleanup", writeCSV(t, dir, "c.csv", rows))
	out := mustFazhi(t, dsn, "cleanup", "list")
	if !strings.Contains(out, "清理批次“2022年清理”　已公布（偃政〔2022〕23号，2022-06-28）") {
		t.Errorf("list:\n%s", out)
	}
	docx := filepath.Join(dir, "d.docx")
	mustFazhi(t, dsn, "cleanup", "decision", "2022年清理", "-o", docx)
	text := strings.Join(docxParagraphs(t, docx), "\n")
	for _, want := range []string{"对现行有效的7件规范性文件进行了全面清理", "一、废止、宣布失效的规范性文件（3件）\n1.《关于事项A的通知》（偃政〔2010〕1号）\n2.《关于事项B的通知》（偃政〔2010〕2号）\n3.《关于事项C的通知》（偃政〔2010〕3号）",
		"二、不再作为规范性文件管理的文件（1件）", "三、需要修改的规范性文件（1件）", "偃政〔2022〕23号", "2022年6月28日"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
	// The cut-off and scope, not on record for an imported batch, can be given.
	mustFazhi(t, dsn, "cleanup", "decision", "2022年清理", "-o", docx, "--cutoff", "2022-04-25", "--issuer", "区政府", "--issuer", "区政府办公室")
	if text := strings.Join(docxParagraphs(t, docx), "\n"); !strings.Contains(text, "对2022年4月25日以前区政府、区政府办公室印发的7件规范性文件进行了全面清理") {
		t.Errorf("decision with --cutoff/--issuer:\n%s", text)
	}
	if _, _, err := fazhi(t, dsn, "cleanup", "list", "没有的批次"); err == nil || !strings.Contains(err.Error(), "没有清理批次“没有的批次”") {
		t.Errorf("unknown batch: %v", err)
	}
}

// The demo's 2022 campaign (imported as a normdoc_cleanup file): the
// decision lists the report's 38 + 12 + 1 documents; search finds the
// demo's handbook entries.
func TestCleanupDecision_Demo(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := e.DSN(t)
		dir := t.TempDir()
		files, err := demo.Write(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			switch f.Ledger {
			case "units":
				mustFazhi(t, dsn, "units", "import", f.Path)
			case "normdoc", "normdoc_cleanup", "handbook":
				mustFazhi(t, dsn, "import", f.Ledger, f.Path)
			}
		}
		docx := filepath.Join(dir, "决定.docx")
		mustFazhi(t, dsn, "cleanup", "decision", "2022年规范性文件专项清理", "-o", docx, "--cutoff", "2022-04-25", "--issuer", "区政府", "--issuer", "区政府办公室")
		text := strings.Join(docxParagraphs(t, docx), "\n")
		for _, want := range []string{"洛阳市偃师区人民政府关于公布规范性文件清理结果的决定",
			"对2022年4月25日以前区政府、区政府办公室印发的88件规范性文件进行了全面清理",
			"一、废止、宣布失效的规范性文件（38件）", "\n38.《", "二、不再作为规范性文件管理的文件（12件）", "\n12.《", "三、需要修改的规范性文件（1件）"} {
			if !strings.Contains(text, want) {
				t.Errorf("demo decision lacks %q", want)
			}
		}
		if n := regexp.MustCompile(`(?m)^\d+\.《`).FindAllStringIndex(text, -1); len(n) != 51 {
			t.Errorf("demo decision lists %d documents, want 51", len(n))
		}
		for _, q := range []string{"综合行政执法", "复议", "合同"} {
			if out := mustFazhi(t, dsn, "search", q); !strings.Contains(out, "1. [执法手册]") {
				t.Errorf("search %s in the demo:\n%s", q, out)
			}
		}
	})
}
