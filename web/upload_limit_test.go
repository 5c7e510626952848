package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/web"
)

// TestUpload_Limits: the web refuses a file over its size limit and one
// over its row limit with a clear Chinese message and writes nothing; the
// defaults are no lower than 200 MB and 2,000,000 rows.
func TestUpload_Limits(t *testing.T) {
	t.Parallel()
	if web.DefaultMaxUploadBytes < 200<<20 || web.DefaultMaxImportRows < 2_000_000 {
		t.Fatalf("defaults too low: %d bytes, %d rows", web.DefaultMaxUploadBytes, web.DefaultMaxImportRows)
	}
	a, _, err := app.Open(context.Background(), demoDB(t), app.Existing, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	s, err := web.New(a, web.Options{UploadDir: t.TempDir(), MaxUploadBytes: 1 << 20, MaxImportRows: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s)
	c.login("sifaju")
	head := "合同编号,合同名称,送审日期\n"
	big := head + strings.Repeat("HT-1,某合同,2022-01-05\n", 100000)
	st, body := c.upload("/ledgers/contract/import", "big.csv", big, nil)
	if st != http.StatusRequestEntityTooLarge || !strings.Contains(body, "超过网页上传的上限 1 MB") {
		t.Errorf("a 2 MB file under a 1 MB limit: %d\n%.400s", st, body)
	}
	rows := head + "HT-91,甲,2022-01-05\nHT-92,乙,2022-01-05\nHT-93,丙,2022-01-05\nHT-94,丁,2022-01-05\n"
	st, body = c.upload("/ledgers/contract/import", "rows.csv", rows, nil)
	if st != http.StatusBadRequest || !strings.Contains(body, "超过网页导入的上限 3 行") {
		t.Errorf("5 rows under a 3-row limit: %d\n%.600s", st, body)
	}
	act, _ := a.Actor(context.Background(), "sifaju")
	if _, err := a.GetRecord(app.WithActor(context.Background(), act), "contract", "HT-91"); app.CodeOf(err) != app.NotFound {
		t.Errorf("a refused file wrote a record: %v", err)
	}
}
