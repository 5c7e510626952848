package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
)

// Large imports (issue 11, item 14): a 1,000,000-row CSV and a 200,000-row
// workbook of the 行政复议案件 ledger, imported by the built binary in a
// child process whose peak resident memory (VmHWM, from wait4's rusage)
// is measured, against the floor of reading the same file.

// largeHeader is the 行政复议案件 columns a unit's register carries.
var largeHeader = []string{"案号", "申请人", "申请人类型", "申请人证件号", "被申请人", "行为类别", "申请方式", "收到申请日期",
	"审查结果", "受理日期", "审理程序", "是否延期", "结案日期", "结案方式", "决定书文号", "承办人", "行政管理领域"}

var (
	largeRespondents = []string{"洛阳市偃师区人民政府", "洛阳市公安局偃师分局", "洛阳市偃师区市场监督管理局", "洛阳市自然资源和规划局偃师分局",
		"洛阳市偃师区人力资源和社会保障局", "洛阳市偃师区住房和城乡建设局"}
	largeActs        = []string{"行政处罚", "行政强制", "行政许可", "政府信息公开", "行政确认", "工伤认定"}
	largeMethods     = []string{"书面", "网上", "邮寄", "口头"}
	largeConclusions = []string{"维持", "驳回复议请求", "撤销", "确认违法", "撤销并责令重作", "调解"}
	largeDomains     = []string{"公安", "市场监管", "自然资源", "人力资源社会保障", "住房城乡建设", "城市管理"}
	largeHandlers    = []string{"李丽娟", "王建国", "赵敏", "孙志刚", "周晓燕"}
	largeSurnames    = []rune("张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗")
)

// largeRow is row i (1-based) of the generated ledger: deterministic,
// every value valid, dates spread over 2022.
func largeRow(i int) []string {
	recv := time.Date(2022, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300)
	k := i / 7
	return []string{
		fmt.Sprintf("偃政复〔2022〕%d号", i),
		fmt.Sprintf("%c某%d", largeSurnames[i%len(largeSurnames)], i),
		"自然人",
		"410381195110287406",
		largeRespondents[i%len(largeRespondents)],
		largeActs[k%len(largeActs)],
		largeMethods[i%len(largeMethods)],
		recv.Format("2006-01-02"),
		"受理",
		recv.AddDate(0, 0, 2).Format("2006-01-02"),
		"普通",
		"否",
		recv.AddDate(0, 0, 30+i%25).Format("2006-01-02"),
		largeConclusions[k%len(largeConclusions)],
		fmt.Sprintf("偃政复决〔2022〕%d号", i),
		largeHandlers[i%len(largeHandlers)],
		largeDomains[i%len(largeDomains)],
	}
}

// writeLargeCSV writes n rows as a UTF-8 CSV.
func writeLargeCSV(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	w.Write(largeHeader)
	for i := 1; i <= n; i++ {
		w.Write(largeRow(i))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeLargeXLSX writes n rows as a workbook, dates as date cells.
func writeLargeXLSX(t testing.TB, path string, n int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	dateFmt := "yyyy-mm-dd"
	ds, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	head := make([]any, len(largeHeader))
	for j, h := range largeHeader {
		head[j] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		r := largeRow(i)
		row := make([]any, len(r))
		for j, v := range r {
			if d, err := time.Parse("2006-01-02", v); err == nil {
				row[j] = excelize.Cell{Value: d, StyleID: ds}
			} else {
				row[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// run is a child process's outcome: output, wall time and peak RSS.
type run struct {
	out  string
	wall time.Duration
	peak int64 // bytes
}

// runPeak runs bin with args and env, measuring wall time and peak
// resident memory (wait4's ru_maxrss, VmHWM of the child).
func runPeak(t testing.TB, env []string, bin string, args ...string) run {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r := run{out: string(out), wall: time.Since(start)}
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, tail(r.out))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return r
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// readFloorEnv names the file a child test binary reads as the floor
// (see TestMain): the fastest a reader of that format can go.
const readFloorEnv = "FAZHI_READ_FLOOR"

// readFloor reads path as plainly as its format allows and prints the
// rows: encoding/csv record by record, or excelize's streaming Rows.
func readFloor(path string) {
	n := 0
	if strings.HasSuffix(path, ".csv") {
		f, err := os.Open(path)
		if err != nil {
			panic(err)
		}
		r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
		r.ReuseRecord = true
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				panic(err)
			}
			n++
		}
	} else {
		f, err := excelize.OpenFile(path, excelize.Options{TmpDir: os.TempDir()})
		if err != nil {
			panic(err)
		}
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			panic(err)
		}
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				panic(err)
			}
			n++
		}
		rows.Close()
		f.Close()
	}
	fmt.Println(n - 1) // the header row
}

var importedRe = regexp.MustCompile(`：(\d+) 行（新增 (\d+)`)

// imported reads the rows and insertions from an import's summary.
func imported(t testing.TB, out string) (rows, inserted int) {
	t.Helper()
	m := importedRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no import summary in:\n%s", tail(out))
	}
	rows, _ = strconv.Atoi(m[1])
	inserted, _ = strconv.Atoi(m[2])
	return rows, inserted
}

// peakLimit is the resident memory an import of any size must stay under.
const peakLimit = 300 << 20

// TestImport_MillionRowCSVUnder300MB imports a 1,000,000-row CSV with the
// built binary on each engine and fails when the child's peak resident
// memory exceeds 300 MB or any row is missing (FAZHI_HEAVY, .ci/run).
func TestImport_MillionRowCSVUnder300MB(t *testing.T) {
	testgate.Heavy(t, "百万行 CSV 导入的内存上限")
	const n = 1_000_000
	bin := buildFazhi(t)
	file := filepath.Join(t.TempDir(), "million.csv")
	writeLargeCSV(t, file, n)
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		if e.Name != "sqlite" && os.Getenv("FAZHI_MILLION_PG") == "" {
			// .ci/run runs this test in its SQLite pass; a million rows
			// through PostgreSQL take tens of minutes on its 2 cores
			// (docs/benchmarks.md), so that engine is opt-in.
			t.Skip("百万行导入在 PostgreSQL 上较慢：设置 FAZHI_MILLION_PG=1 时运行")
		}
		if e.Name == "sqlite" && os.Getenv("FAZHI_TEST_PG") != "" && os.Getenv("CI") != "" {
			t.Skip("CI 的 SQLite 轮次已运行百万行导入")
		}
		dsn := e.DSN(t)
		runPeak(t, nil, bin, "--db", dsn, "units", "import", repoFile("testdata", "units.csv"))
		r := runPeak(t, nil, bin, "--db", dsn, "import", "reconsideration", file)
		rows, ins := imported(t, r.out)
		if rows != n || ins != n {
			t.Fatalf("imported %d rows, inserted %d; want %d", rows, ins, n)
		}
		t.Logf("%s: %d rows in %.1f s (%.0f rows/s), peak RSS %d MB", e.Name, n, r.wall.Seconds(), n/r.wall.Seconds(), r.peak>>20)
		if r.peak > peakLimit {
			t.Fatalf("peak RSS %d MB, over the %d MB limit", r.peak>>20, peakLimit>>20)
		}
	})
}

// BenchmarkImportLarge imports a 1,000,000-row CSV and a 200,000-row
// workbook on each engine with the built binary, once, and reports rows/s,
// the child's peak RSS and the share of the read floor (the same file read
// by encoding/csv or excelize's streaming Rows in a child process).
//
//	go test -run '^$' -bench ImportLarge -benchtime 1x -timeout 60m ./cmd/fazhi/
func BenchmarkImportLarge(b *testing.B) {
	bin := buildFazhiB(b)
	dir := b.TempDir()
	files := []struct {
		name string
		n    int
	}{{"csv", 1_000_000}, {"xlsx", 200_000}}
	for _, fl := range files {
		path := filepath.Join(dir, fmt.Sprintf("recon-%d.%s", fl.n, fl.name))
		if fl.name == "csv" {
			writeLargeCSV(b, path, fl.n)
		} else {
			writeLargeXLSX(b, path, fl.n)
		}
		self, _ := os.Executable()
		var floor run
		b.Run(fl.name+"/floor", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				floor = runPeak(b, []string{readFloorEnv + "=" + path}, self)
			}
			if got := strings.TrimSpace(floor.out); got != strconv.Itoa(fl.n) {
				b.Fatalf("floor read %s rows, want %d", got, fl.n)
			}
			b.ReportMetric(float64(fl.n)/floor.wall.Seconds(), "rows/s")
			b.ReportMetric(float64(floor.peak>>20), "peak-MB")
		})
		for _, e := range testdb.Engines() {
			b.Run(fl.name+"/"+e.Name, func(b *testing.B) {
				var r run
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					dsn := e.DSN(b)
					runPeak(b, nil, bin, "--db", dsn, "units", "import", repoFile("testdata", "units.csv"))
					b.StartTimer()
					r = runPeak(b, nil, bin, "--db", dsn, "import", "reconsideration", path)
				}
				if rows, ins := imported(b, r.out); rows != fl.n || ins != fl.n {
					b.Fatalf("imported %d rows, inserted %d; want %d", rows, ins, fl.n)
				}
				rate := float64(fl.n) / r.wall.Seconds()
				b.ReportMetric(rate, "rows/s")
				b.ReportMetric(float64(r.peak>>20), "peak-MB")
				if floor.wall > 0 {
					b.ReportMetric(100*rate/(float64(fl.n)/floor.wall.Seconds()), "%-of-floor")
				}
				if r.peak > peakLimit {
					b.Errorf("peak RSS %d MB, over the %d MB limit", r.peak>>20, peakLimit>>20)
				}
			})
		}
	}
}

// buildFazhiB builds the binary for a benchmark.
func buildFazhiB(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "fazhi")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
