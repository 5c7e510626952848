package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"fazhi/app"
	"fazhi/ledger"
	"fazhi/store"
)

// The refresh case: recomputing every stored due date after a deadline
// setting changes (app.SetSetting → store.RefreshDerived, streamed in pages
// of store.RefreshBatchSize), against the floor of reading the same
// records' columns with one bare SELECT and writing the changed rows with
// bare UPDATEs in one transaction. It reports the time and the heap
// high-water above the heap before the run, figure against floor; the
// issue sets no ratio (it asks for memory flat: a test,
// TestRefreshDerived_MemoryFlat, asserts it).
func init() {
	Register(Case{Name: "refresh", Run: runRefresh})
}

// refreshSetting is toggled between two periods of filing a normative
// document for the record (the normative documents' filing due dates
// change; every reconsideration case is recomputed and found unchanged).
const refreshSetting = "deadline.days.normdoc.filing"

func runRefresh(ctx context.Context, env *Env) ([]Result, error) {
	n := env.Scale(200_000, 10_000)
	d, _ := ledger.Get("reconsideration")
	a, err := env.Filled(ctx, fmt.Sprintf("reconsideration-%d", n), fmt.Sprintf(" %d 件行政复议案件", n), func(a *app.App) error {
		return fillReconsideration(ctx, a.Store(), d, n)
	})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	db := a.Store()
	actx := app.WithActor(ctx, app.LocalActor())
	var total int
	if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+d.Table()).Scan(&total); err != nil {
		return nil, err
	}
	// Two runs each, alternating the period so that each run changes the
	// same records; the second run of each is measured.
	var changed int
	var figTime time.Duration
	var figHeap uint64
	for i, days := range []string{"40", "30", "40", "30"} {
		var t time.Duration
		h, err := heapHigh(func() error {
			start := time.Now()
			c, err := a.SetSetting(actx, refreshSetting, days)
			t, changed = time.Since(start), c
			return err
		})
		if err != nil {
			return nil, err
		}
		if i >= 2 {
			figTime, figHeap = max(figTime, t), max(figHeap, h)
		}
	}
	var floorTime time.Duration
	var floorHeap uint64
	for range 2 {
		var t time.Duration
		h, err := heapHigh(func() error {
			start := time.Now()
			err := refreshFloor(ctx, db, d, changed)
			t = time.Since(start)
			return err
		})
		if err != nil {
			return nil, err
		}
		floorTime, floorHeap = t, h
	}
	rate := func(t time.Duration) float64 { return float64(total) / t.Seconds() }
	note := fmt.Sprintf("改设置 %s 后重算 %d 件行政复议案件（及其他台账）的期限，%d 件改变；每批 %d 条", refreshSetting, total, changed, store.RefreshBatchSize)
	mib := func(b uint64) float64 { return float64(b) / (1 << 20) }
	return []Result{
		NewResult("refresh/耗时", env, "ms", ms(figTime), ms(floorTime), 0, note+fmt.Sprintf("；%.0f 条/秒，下限 %.0f 条/秒", rate(figTime), rate(floorTime))),
		NewResult("refresh/堆内存峰值", env, "MiB", mib(figHeap), mib(max(floorHeap, 1<<10)), 0, "运行期间 Go 堆对象字节数的最高值减去运行前的值（每毫秒采样）"),
	}, nil
}

// refreshFloor reads the deadline columns of every record of d with one
// SELECT and updates changed of them with bare UPDATEs, in one
// transaction (rolled back: the floor leaves the data as it was).
func refreshFloor(ctx context.Context, db *store.DB, d *ledger.Definition, changed int) error {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id, received_on, review_result, correction_notice_on, correction_received_on, accepted_on, procedure, suspended_on, resumed_on, extended, concluded_on, acceptance_due_on, correction_due_on, decision_due_on FROM "+d.Table()+" ORDER BY id")
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var v [13]any
		ptrs := []any{&id}
		for i := range v {
			ptrs = append(ptrs, &v[i])
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return err
		}
		if len(ids) < changed && true {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	upd := rebind(db, "UPDATE "+d.Table()+" SET correction_due_on = ?, version = version + 1 WHERE id = ?")
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, upd, "2099-01-01", id); err != nil {
			return err
		}
	}
	return nil
}

// heapHigh runs f and returns the high-water mark of the Go heap's live and
// not yet swept objects above what it was before, sampled every
// millisecond.
func heapHigh(f func() error) (uint64, error) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var high uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				v := read()
				mu.Lock()
				high = max(high, v)
				mu.Unlock()
			}
		}
	}()
	err := f()
	close(stop)
	<-done
	high = max(high, read())
	if high < base {
		return 0, err
	}
	return high - base, err
}

// fillReconsideration adds n reconsideration cases, copies of the demo's
// with new case numbers, through the one write path.
func fillReconsideration(ctx context.Context, db *store.DB, d *ledger.Definition, n int) error {
	base, _, err := db.FindRecords(ctx, d, ledger.Query{Scope: ledger.AllScope()})
	if err != nil {
		return err
	}
	if len(base) == 0 {
		return fmt.Errorf("演示数据中没有行政复议案件")
	}
	var present []string
	for _, f := range d.Fields {
		if !f.Derived {
			present = append(present, f.Name)
		}
	}
	i := 0
	_, err = db.SaveStream(ctx, d, store.Change{Actor: "bench", Source: "基准数据", Scope: ledger.AllScope()}, func() ([]store.Row, error) {
		if i >= n {
			return nil, nil
		}
		var rows []store.Row
		for ; i < n && len(rows) < 1000; i++ {
			r := ledger.Record{}
			for _, k := range present {
				if v, ok := base[i%len(base)][k]; ok {
					r[k] = v
				}
			}
			r["case_no"] = fmt.Sprintf("偃政复〔2019〕%d号", 100000+i)
			r["decision_no"] = nil
			rows = append(rows, store.Row{Record: r, Present: present})
		}
		return rows, nil
	})
	return err
}
