package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"fazhi/app"
	"fazhi/ledger"
	"fazhi/search"
	"fazhi/store"
)

// The search case: the top 20 hits of a term over the handbook (100,000
// entries; --quick 3,000) against the bare match, the number of documents
// the term occurs in, without ranking (issue 14: ≤ 3×).
func init() {
	Register(Case{Name: "search", Target: 3, Run: runSearch})
}

// searchTerms are measured: a common term of the trigram index, a rare one,
// and common one- and two-character terms (no trigram: a scan on SQLite, an
// index on PostgreSQL).
var searchTerms = []struct{ label, term string }{
	{"常见词", "行政处罚"},
	{"少见词", "罚没收入不得"},
	{"两字常见词", "执法"},
	{"单字", "罚"},
}

func searchDocs(env *Env) int {
	return env.Scale(100_000, 3000)
}

func runSearch(ctx context.Context, env *Env) ([]Result, error) {
	n := searchDocs(env)
	a, err := env.Filled(ctx, fmt.Sprintf("handbook-%d", n), fmt.Sprintf(" %d 条执法手册条目", n), func(a *app.App) error {
		return fillHandbook(ctx, a.Store(), n)
	})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	db := a.Store()
	actx := app.WithActor(ctx, app.LocalActor())
	iters := 15
	if env.Quick {
		iters = 5
	}
	var out []Result
	for _, st := range searchTerms {
		var total int
		figure, err := median(iters, func() error {
			_, res, err := a.Search(actx, st.term, search.DefaultLimit, nil)
			total = res.Total
			return err
		})
		if err != nil {
			return nil, err
		}
		q, args := bareMatch(db, st.term)
		var count int
		floor, err := median(iters, func() error {
			return db.SQL().QueryRowContext(ctx, q, args...).Scan(&count)
		})
		if err != nil {
			return nil, err
		}
		note := fmt.Sprintf("「%s」前 %d 条，共 %d 条命中（裸匹配 %d）；%d 篇文档，%d 次取中位数", st.term, search.DefaultLimit, total, count, n, iters)
		out = append(out, NewResult("search/"+st.label, env, "ms", figure, floor, 0, note))
	}
	return out, nil
}

// bareMatch is the floor: how many documents contain term, through the
// same index or scan the search uses, without scope, ranking or text.
func bareMatch(db *store.DB, term string) (string, []any) {
	if db.Dialect == store.SQLite {
		if search.Indexed(term) {
			return `SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?`, []any{`"` + term + `"`}
		}
		return `SELECT COUNT(*) FROM search_doc WHERE instr(title, ?) > 0 OR instr(body, ?) > 0 OR instr(context, ?) > 0`, []any{term, term, term}
	}
	p := "%" + term + "%"
	return `SELECT COUNT(*) FROM search_doc WHERE title LIKE $1 OR body LIKE $1 OR context LIKE $1`, []any{p}
}

// analyze refreshes the planner's statistics of fazhi's tables
// (store.Analyze), as a deployment's maintenance does; statistics are
// advice, so a failure only leaves the old ones.
func analyze(ctx context.Context, db *store.DB) {
	_ = db.Analyze(ctx)
}

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

// fillHandbook saves n generated handbook entries (150–350 characters of
// body each; 1% carry a rare phrase), deterministic.
func fillHandbook(ctx context.Context, db *store.DB, n int) error {
	d, ok := ledger.Get("handbook")
	if !ok {
		return fmt.Errorf("没有执法手册台账")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(k int) string {
		var b strings.Builder
		for j := 0; j < k; j++ {
			if j > 0 {
				b.WriteString([]string{"，", "；", "。"}[rng.IntN(3)])
			}
			b.WriteString(phrases[rng.IntN(len(phrases))])
		}
		return b.String()
	}
	fields := []string{"handbook", "chapter", "entry_title", "body"}
	i := 0
	_, err := db.SaveStream(ctx, d, store.Change{Actor: "bench", Source: "基准数据", Scope: ledger.AllScope()}, func() ([]store.Row, error) {
		if i >= n {
			return nil, nil
		}
		var rows []store.Row
		for ; i < n && len(rows) < 1000; i++ {
			body := pick(10 + rng.IntN(10))
			if i%100 == 0 {
				body += "。罚没收入不得与执法经费挂钩"
			}
			rows = append(rows, store.Row{Record: ledger.Record{
				"handbook":    fmt.Sprintf("基准行政执法手册（第%d册）", i%12+1),
				"chapter":     fmt.Sprintf("第%d章", i%20+1),
				"entry_title": fmt.Sprintf("%d. %s", i, pick(1+rng.IntN(2))),
				"body":        body,
			}, Present: fields})
		}
		return rows, nil
	})
	return err
}
