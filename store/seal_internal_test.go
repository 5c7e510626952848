package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/seal"

	"fazhi/ledger"
	"fazhi/search"
)

// TestSearchIndex_RefusesSealedField: the search index holds text in
// clear, so a search source naming a sensitive field is refused.
func TestSearchIndex_RefusesSealedField(t *testing.T) {
	for _, src := range []search.Source{
		{Kind: "x", Ledger: "reconsideration", Title: []string{"applicant_id"}},
		{Kind: "x", Ledger: "reconsideration", Body: []string{"case_no"}, Info: []string{"applicant_id"}},
	} {
		if _, err := searchExprs(&src, ledger.Reconsideration, "t"); err == nil || !strings.Contains(err.Error(), "加密") {
			t.Errorf("%+v: %v", src, err)
		}
	}
}

// TestRotateKey_RegisteredColumn: a column of another table registered as
// holding sealed values (the audit trail's) is re-encrypted by a rotation,
// wherever the values stand in its text.
func TestRotateKey_RegisteredColumn(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "fazhi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.sql.ExecContext(ctx, "CREATE TABLE sealed_probe (id INTEGER PRIMARY KEY, body TEXT)"); err != nil {
		t.Fatal(err)
	}
	sealedMu.Lock()
	saved := sealedColumns
	sealedColumns = append(append([][2]string(nil), saved...), [2]string{"sealed_probe", "body"})
	sealedMu.Unlock()
	defer func() { sealedMu.Lock(); sealedColumns = saved; sealedMu.Unlock() }()
	old := db.Keys()
	body := `{"证件号":"` + old.Seal("410381195110287406") + `","其他":"` + old.Seal("x") + `"}`
	db.sql.ExecContext(ctx, "INSERT INTO sealed_probe (id, body) VALUES (1, ?), (2, 'clear text')", body)
	nk, _ := seal.NewKeyring(seal.NewKey())
	if _, err := db.RotateKey(ctx, nk); err != nil {
		t.Fatal(err)
	}
	var got string
	db.sql.QueryRowContext(ctx, "SELECT body FROM sealed_probe WHERE id = 1").Scan(&got)
	toks := sealedToken.FindAllString(got, -1)
	if len(toks) != 2 || strings.Contains(got, old.ID()) {
		t.Fatalf("after rotation: %s", got)
	}
	for i, want := range []string{"410381195110287406", "x"} {
		if p, err := nk.Open(toks[i]); err != nil || p != want || seal.KeyOf(toks[i]) != nk.ID() {
			t.Errorf("token %d: %q %v", i, p, err)
		}
	}
}
