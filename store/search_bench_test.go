package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/search"
	"fazhi/store"
)

// phrases make up realistic handbook text: the vocabulary of township
// enforcement handbooks.
var phrases = []string{
	"行政执法人员应当持证上岗", "亮证执法", "严格执行行政执法公示制度", "执法全过程记录制度", "重大执法决定法制审核制度",
	"作出行政处罚决定前", "应当告知当事人拟作出的行政处罚内容及事实、理由、依据", "当事人有权进行陈述和申辩",
	"对违法事实清楚、证据确凿的", "可以当场作出行政处罚决定", "送达行政处罚决定书", "依法申请行政复议或者提起行政诉讼",
	"镇（街道）综合行政执法办公室", "以镇人民政府、街道办事处名义", "赋权事项清单", "建立健全行政裁量权基准制度",
	"责令限期改正", "没收违法所得", "罚款数额", "听证程序", "当事人要求听证的", "查封、扣押场所、设施或者财物",
	"执法文书", "案卷归档", "证据先行登记保存", "现场检查笔录", "询问笔录应当交被询问人核对", "违法建设",
	"占道经营", "户外广告设施", "生活垃圾分类", "燃气安全", "食品安全", "安全生产", "文物保护", "河道管理",
	"跨部门联合执法", "首违不罚", "轻微违法行为免罚清单", "包容审慎监管", "执法监督", "案卷评查",
}

func benchEntry(rng *rand.Rand, i int) ledger.Record {
	pick := func(n int) string {
		var b strings.Builder
		for j := 0; j < n; j++ {
			if j > 0 {
				b.WriteString([]string{"，", "；", "。"}[rng.IntN(3)])
			}
			b.WriteString(phrases[rng.IntN(len(phrases))])
		}
		return b.String()
	}
	body := pick(10 + rng.IntN(10)) // 150–350 characters
	if i%100 == 0 {
		body += "。罚没收入不得与执法经费挂钩" // a rare phrase: 1% of entries
	}
	return ledger.Record{
		"handbook":    fmt.Sprintf("偃师区行政执法手册（第%d册）", i%12+1),
		"chapter":     fmt.Sprintf("第%d章", i%20+1),
		"entry_title": fmt.Sprintf("%d. %s", i, pick(1+rng.IntN(2))),
		"body":        body,
	}
}

// BenchmarkSearch measures fazhi search over 10,000 handbook entries, per
// engine and query: long terms use the trigram index, one- and
// two-character terms scan.
//
//	go test -run '^$' -bench Search -benchtime 20x ./store/
func BenchmarkSearch(b *testing.B) {
	const n = 10000
	for _, e := range testdb.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			db := testdb.Open(b, e)
			rng := rand.New(rand.NewPCG(1, 2))
			recs := make([]ledger.Record, n)
			for i := range recs {
				recs[i] = benchEntry(rng, i)
			}
			d, _ := ledger.Get("handbook")
			if _, err := db.SaveRecords(context.Background(), d, recs, []string{"handbook", "chapter", "entry_title", "body"}, store.Change{Actor: "bench", Scope: ledger.AllScope()}); err != nil {
				b.Fatal(err)
			}
			if e.Name == "postgres" {
				db.SQL().Exec("ANALYZE search_doc")
			}
			for _, term := range []string{"综合行政执法", "行政处罚决定书", "罚没收入不得", "复议", "听证", "挂钩", "钩"} {
				q, _ := search.Parse(term)
				q.Limit = 20
				b.Run(term, func(b *testing.B) {
					var res search.Result
					for b.Loop() {
						var err error
						if res, err = db.Search(context.Background(), q, ledger.AllScope()); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(res.Total), "hits")
				})
			}
		})
	}
}
