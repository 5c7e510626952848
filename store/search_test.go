package store_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/search"
	"fazhi/store"
)

var testUnits = []ledger.Unit{
	{Code: "410307200", Name: "洛阳市偃师区人民政府", ShortName: "区政府", Kind: "政府"},
	{Code: "410307201", Name: "偃师区政府办公室", ShortName: "区政府办公室", Parent: "410307200", Kind: "政府部门"},
	{Code: "410307207", Name: "偃师区司法局", ShortName: "区司法局", Parent: "410307200", Kind: "政府部门"},
}

const handbookName = "偃师区镇（街道）综合行政执法工作手册"

func entry(chapter, title, body string) ledger.Record {
	r := ledger.Record{"handbook": handbookName, "chapter": chapter, "entry_title": title}
	if body != "" {
		r["body"] = body
	}
	return r
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func saveAll(t testing.TB, db *store.DB, id string, recs ...ledger.Record) {
	t.Helper()
	d, _ := ledger.Get(id)
	var present []string
	for _, f := range d.Fields {
		present = append(present, f.Name)
	}
	if _, err := db.SaveRecords(context.Background(), d, recs, present, store.Change{Actor: "test", Source: "test", Scope: ledger.AllScope()}); err != nil {
		t.Fatal(err)
	}
}

func find(t *testing.T, db *store.DB, s string, limit int) search.Result {
	t.Helper()
	q, err := search.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	q.Limit = limit
	res, err := db.Search(context.Background(), q, ledger.AllScope())
	if err != nil {
		t.Fatalf("search %q: %v", s, err)
	}
	if !sort.SliceIsSorted(res.Hits, func(i, j int) bool { return search.Less(res.Hits[i], res.Hits[j]) }) {
		t.Errorf("search %q: hits not in search.Less order: %+v", s, res.Hits)
	}
	for _, h := range res.Hits { // the SQL counts agree with the domain's
		tc, bc, cc := 0, 0, 0
		for _, term := range q.Terms {
			tc, bc, cc = tc+search.Count(h.Title, term), bc+search.Count(h.Body, term), cc+search.Count(h.Context, term)
		}
		if tc != h.TitleCount || bc != h.BodyCount || cc != h.ContextCount {
			t.Errorf("search %q, %s: counts %d/%d/%d, want %d/%d/%d", s, h.Title, h.TitleCount, h.BodyCount, h.ContextCount, tc, bc, cc)
		}
	}
	return res
}

func titles(res search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Title)
	}
	return out
}

func seedSearch(t *testing.T, db *store.DB) {
	ctx := context.Background()
	if _, _, err := db.SaveUnits(ctx, testUnits); err != nil {
		t.Fatal(err)
	}
	saveAll(t, db, "handbook",
		entry("第一章 总则", "综合行政执法的范围", "镇（街道）综合行政执法办公室以镇人民政府、街道办事处名义，依照赋权清单行使行政处罚权。"),
		entry("第二章 程序", "行政复议与行政诉讼的告知", "作出行政处罚决定时，应当告知当事人申请行政复议或者提起行政诉讼的途径和期限。复议机关为区人民政府。"),
		entry("第二章 程序", "听证程序", "当事人要求听证的，应当在告知后五日内提出。"),
		entry("第三章 监督", "复议纠错案件的整改", "被复议机关撤销、变更或者确认违法的复议案件，应当在收到复议决定书之日起三十日内整改，并向司法局报告整改情况。"),
		entry("第四章 保障", "执法经费", "执法经费列入镇（街道）财政预算，不得与罚没收入挂钩。"),
	)
	saveAll(t, db, "normdoc",
		ledger.Record{"doc_no": "偃政〔2021〕12号", "title": "洛阳市偃师区人民政府关于印发偃师区政府合同管理办法的通知",
			"issuer": "410307200", "published_on": day("2021-06-01"), "status": "有效", "legality_opinion": "合同审查程序合法"},
		ledger.Record{"doc_no": "偃政办〔2022〕3号", "title": "偃师区政府办公室关于加强行政执法监督的通知",
			"issuer": "410307201", "published_on": day("2022-02-10"), "status": "有效"},
		ledger.Record{"doc_no": "偃司〔2020〕8号", "title": "关于规范法律顾问参与重大合同审查的意见",
			"issuer": "410307207", "published_on": day("2020-09-09"), "status": "废止"},
	)
}

func TestSearch_SubstringsAndRanking(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		db := testdb.Open(t, e)
		seedSearch(t, db)

		// ≥3 characters (trigram index): title hit first, then the entries
		// found through the handbook name only.
		res := find(t, db, "综合行政执法", 10)
		if res.Total != 5 || len(res.Hits) != 5 || res.Hits[0].Title != "综合行政执法的范围" || res.Hits[0].Tier() != 0 || res.Hits[1].Tier() != 2 {
			t.Errorf("综合行政执法: total %d, %v", res.Total, titles(res))
		}

		// Two characters (LIKE): title hits first, more occurrences first.
		res = find(t, db, "复议", 10)
		want := []string{"复议纠错案件的整改", "行政复议与行政诉讼的告知"}
		if got := titles(res); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("复议: got %v, want %v", got, want)
		}
		if h := res.Hits[0]; h.TitleCount != 1 || h.BodyCount != 3 {
			t.Errorf("复议 counts: %+v", h)
		}

		// Handbook entries and normative documents together; normdoc
		// titles outrank a body-only hit.
		res = find(t, db, "合同", 10)
		want = []string{"洛阳市偃师区人民政府关于印发偃师区政府合同管理办法的通知", "关于规范法律顾问参与重大合同审查的意见"}
		if got := titles(res); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("合同: got %v, want %v", got, want)
		}
		if h := res.Hits[0]; h.Kind != "normdoc" || h.BodyCount != 1 || !strings.Contains(h.Info, "状态：有效") || !strings.Contains(h.Info, "公布日期：2021-06-01") {
			t.Errorf("合同 first hit: %+v", h)
		}

		// From the middle of a text, one character, a unit name, a 文号.
		for q, wantTitle := range map[string]string{
			"罚没收入挂":   "执法经费",
			"挂钩":      "执法经费",
			"钩":       "执法经费",
			"五日内提出":   "听证程序",
			"偃司〔2020": "关于规范法律顾问参与重大合同审查的意见",
			"司法局":     "关于规范法律顾问参与重大合同审查的意见", // the issuer's name (context)
		} {
			res := find(t, db, q, 10)
			found := false
			for _, h := range res.Hits {
				found = found || h.Title == wantTitle
			}
			if !found {
				t.Errorf("%s: %v lacks %s", q, titles(res), wantTitle)
			}
		}

		// Several terms: all must occur; a long and a short one mix index and scan.
		res = find(t, db, "行政处罚 复议", 10)
		if got := titles(res); len(got) != 1 || got[0] != "行政复议与行政诉讼的告知" {
			t.Errorf("行政处罚 复议: %v", got)
		}

		// LIKE wildcards are plain characters; nothing matches.
		for _, q := range []string{"%", "_", "综合%执法"} {
			if res := find(t, db, q, 10); res.Total != 0 {
				t.Errorf("%q matched %v", q, titles(res))
			}
		}

		// PostgreSQL: pg_trgm GIN indexes serve the terms of 3 characters and more.
		if e.Name == "postgres" {
			var n int
			if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'search_doc' AND indexdef LIKE '%gin_trgm_ops%'`).Scan(&n); err != nil || n != 3 {
				t.Errorf("trigram indexes: %d, %v", n, err)
			}
		}

		// Limit keeps the best; Total counts all.
		res = find(t, db, "综合行政执法", 2)
		if res.Total != 5 || len(res.Hits) != 2 || res.Hits[0].Title != "综合行政执法的范围" {
			t.Errorf("limit 2: total %d, %v", res.Total, titles(res))
		}
	})
}

func TestSearch_FollowsLedgerChanges(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := e.DSN(t)
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { db.Close() }()
		seedSearch(t, db)

		// An update through SaveRecords replaces the indexed text.
		saveAll(t, db, "handbook", entry("第四章 保障", "执法经费", "执法装备经费由区财政统筹保障。"))
		if res := find(t, db, "罚没收入", 10); res.Total != 0 {
			t.Errorf("old text still found: %v", titles(res))
		}
		if res := find(t, db, "执法装备", 10); res.Total != 1 {
			t.Errorf("new text not found: %v", titles(res))
		}
		// A delete, even by plain SQL, removes the document.
		if _, err := db.SQL().ExecContext(ctx, `DELETE FROM ledger_handbook WHERE entry_title = '听证程序'`); err != nil {
			t.Fatal(err)
		}
		if res := find(t, db, "听证", 10); res.Total != 0 {
			t.Errorf("deleted entry found: %v", titles(res))
		}

		// Reopening keeps the index; a lost index is rebuilt from the ledgers
		// on the next start.
		db.Close()
		if db, err = store.Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		if res := find(t, db, "复议", 10); res.Total != 2 {
			t.Errorf("after reopen: %v", titles(res))
		}
		for _, q := range []string{"DELETE FROM search_doc", "DELETE FROM search_source"} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if db, err = store.Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		if res := find(t, db, "复议", 10); res.Total != 2 {
			t.Errorf("after rebuild: %v", titles(res))
		}
		if res := find(t, db, "综合行政执法", 10); res.Total != 4 {
			t.Errorf("after rebuild (index): total %d %v", res.Total, titles(res))
		}
	})
}
