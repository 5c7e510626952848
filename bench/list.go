package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fazhi/app"
	"fazhi/ledger"
	"fazhi/store"
	"fazhi/web"
)

// The list case: the web's ledger list (/ledgers/case_review) filtered by
// year and grade, sorted by score descending, paged (50 a page), under 8
// concurrent logged-in loopback clients, at env.Records records (2 million
// for a full run), against a bare net/http handler that runs the same SQL
// (the rows of the page and the count of every match) on the same database
// and writes the rows as text: p99 ≤ 2× (issue 14).
func init() {
	Register(Case{Name: "list", Target: 2, Run: runList})
}

const listClients = 8

func runList(ctx context.Context, env *Env) ([]Result, error) {
	d, _ := ledger.Get("case_review")
	n := env.Records
	a, err := env.Filled(ctx, fmt.Sprintf("case_review-%d", n), fmt.Sprintf(" %d 条行政执法案卷评查记录", n), func(a *app.App) error {
		return fillCaseReview(ctx, env, a.Store(), d, n)
	})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	db := a.Store()
	district, err := listDistrict(ctx, db)
	if err != nil {
		return nil, err
	}
	s, err := web.New(a, web.Options{District: "偃师区", Demo: true, UploadDir: os.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	fazhi := httptest.NewServer(s)
	defer fazhi.Close()
	bare := httptest.NewServer(bareList(db, d, district))
	defer bare.Close()

	perClient := 40
	if env.Quick {
		perClient = 8
	}
	paths := func(i int) string {
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		q := url.Values{"year": {strconv.Itoa(2019 + rng.IntN(5))}, "f.grade": {"合格"}, "sort": {"score"}, "desc": {"1"}, "page": {strconv.Itoa(1 + rng.IntN(20))}}
		return "/ledgers/case_review?" + q.Encode()
	}
	figure, pages, err := loadLatencies(fazhi.URL, true, perClient, paths)
	if err != nil {
		return nil, err
	}
	floor, _, err := loadLatencies(bare.URL, false, perClient, paths)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%d 条记录；%d 个并发客户端各 %d 次请求（已登录）：按年度和等次筛选、按得分降序、每页 50 条的第 1–20 页；下限为裸 net/http 处理器执行同样的 SQL；%s",
		n, listClients, perClient, pages)
	return []Result{
		NewResult("list/p50", env, "ms", ms(quantile(figure, 0.5)), ms(quantile(floor, 0.5)), -1, note),
		NewResult("list/p99", env, "ms", ms(quantile(figure, 0.99)), ms(quantile(floor, 0.99)), 2, "同上，第 99 百分位的响应时间"),
	}, nil
}

// loadLatencies runs listClients clients, each making perClient requests
// (after one warm-up request each) and returns the sorted latencies.
func loadLatencies(base string, login bool, perClient int, path func(i int) string) ([]time.Duration, string, error) {
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	var sample string
	var wg sync.WaitGroup
	clients := make([]*http.Client, listClients)
	for c := range clients {
		jar, _ := cookiejar.New(nil)
		clients[c] = &http.Client{Jar: jar, Timeout: 5 * time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if login {
			resp, err := post(clients[c], base+"/login", url.Values{"name": {"lingdao"}, "password": {app.DemoPassword}}, base)
			if err != nil {
				return nil, "", err
			}
			if resp != http.StatusSeeOther {
				return nil, "", fmt.Errorf("登录失败：HTTP %d", resp)
			}
		}
	}
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := -1; i < perClient; i++ {
				start := time.Now()
				resp, err := clients[c].Get(base + path(c*1000+i+1))
				if err == nil {
					var body []byte
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, body)
					}
					if err == nil && c == 0 && i == 0 {
						mu.Lock()
						sample = pageSummary(string(body))
						mu.Unlock()
					}
				}
				d := time.Since(start)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if i >= 0 {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	return lat, sample, firstErr
}

// pageSummary says how big a page was.
func pageSummary(body string) string {
	return fmt.Sprintf("fazhi 的一页 %d 字节、%d 行", len(body), strings.Count(body, "<tr"))
}

func post(c *http.Client, u string, form url.Values, origin string) (int, error) {
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", origin)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// bareList is the floor's handler: the SQL store.FindRecords runs for the
// list (the page's rows and, by window, the count of every match), rows
// written as tab-separated text.
func bareList(db *store.DB, d *ledger.Definition, district string) http.Handler {
	var cols []string
	for _, f := range d.Fields {
		cols = append(cols, f.Name)
	}
	q := rebind(db, fmt.Sprintf(`SELECT id, %s, version, record_unit, created_by, deleted_at, deleted_by, delete_reason, district, COUNT(*) OVER ()
FROM %s WHERE (reviewed_on >= ? AND reviewed_on < ?) AND grade IN (?) AND deleted_at IS NULL AND district = ?
ORDER BY score DESC, file_no LIMIT 50 OFFSET ?`, strings.Join(cols, ", "), d.Table()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		year, _ := strconv.Atoi(r.URL.Query().Get("year"))
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		from, to := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-01-01", year+1)
		var a1, a2 any = from, to
		if db.Dialect == store.Postgres {
			a1, a2 = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		rows, err := db.SQL().QueryContext(r.Context(), q, a1, a2, r.URL.Query().Get("f.grade"), district, (page-1)*50)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		ct, _ := rows.Columns()
		vals := make([]sql.RawBytes, len(ct))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			for _, v := range vals {
				w.Write(v)
				w.Write([]byte{'\t'})
			}
			w.Write([]byte{'\n'})
		}
	})
}

// listDistrict is the district the demo's records are kept in.
func listDistrict(ctx context.Context, db *store.DB) (string, error) {
	var district string
	err := db.SQL().QueryRowContext(ctx, "SELECT district FROM ledger_case_review WHERE district IS NOT NULL LIMIT 1").Scan(&district)
	return district, err
}

// fillCaseReview adds n case file reviews over five years (2019–2023) by
// the demo's agencies, scores 60.0–100.0, graded by score, through the one
// write path, deterministic.
func fillCaseReview(ctx context.Context, env *Env, db *store.DB, d *ledger.Definition, n int) error {
	base, _, err := db.FindRecords(ctx, d, ledger.Query{Scope: ledger.AllScope()})
	if err != nil {
		return err
	}
	var agencies []string
	seen := map[string]bool{}
	for _, r := range base {
		if a := r.String("agency"); a != "" && !seen[a] {
			seen[a] = true
			agencies = append(agencies, a)
		}
	}
	if len(agencies) == 0 {
		return fmt.Errorf("演示数据中没有案卷评查记录")
	}
	kinds := d.Field("kind").Enum
	rng := rand.New(rand.NewPCG(3, 4))
	fields := []string{"file_no", "agency", "kind", "batch", "reviewed_on", "score", "grade", "reviewer"}
	i := 0
	_, err = db.SaveStream(ctx, d, store.Change{Actor: "bench", Source: "基准数据", Scope: ledger.AllScope()}, func() ([]store.Row, error) {
		if i >= n {
			return nil, nil
		}
		if i > 0 && i%200_000 == 0 {
			env.Logf("  %d / %d", i, n)
		}
		var rows []store.Row
		for ; i < n && len(rows) < 2000; i++ {
			year := 2019 + i%5
			score := int64(600 + rng.IntN(401))
			grade := "合格"
			switch {
			case score >= 900:
				grade = "优秀"
			case score < 700:
				grade = "不合格"
			}
			day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365))
			rows = append(rows, store.Row{Record: ledger.Record{
				"file_no":     fmt.Sprintf("基准评查〔%d〕%07d号", year, i),
				"agency":      agencies[rng.IntN(len(agencies))],
				"kind":        kinds[rng.IntN(len(kinds))],
				"batch":       fmt.Sprintf("%d年度行政执法案卷评查", year),
				"reviewed_on": day,
				"score":       score,
				"grade":       grade,
				"reviewer":    fmt.Sprintf("评查员%d", rng.IntN(40)),
			}, Present: fields})
		}
		return rows, nil
	})
	return err
}
