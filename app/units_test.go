package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// TestUnits_RenameReachesSearchAndKeepsShortNames: a units file renaming a
// unit changes what search shows at once; a file without the 简称 column
// keeps the stored short names.
func TestUnits_RenameReachesSearchAndKeepsShortNames(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		_, before, err := ap.Search(local, "偃师区政府办公室", 100, []string{"normdoc"})
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), "rename.csv")
		os.WriteFile(f, []byte("单位编码,单位名称,上级单位,单位类型\n410307201,偃师区人民政府办公室,410307200,政府部门\n"), 0o644)
		if _, _, _, err := ap.ImportUnits(local, f); err != nil {
			t.Fatal(err)
		}
		tree, _ := ap.Units(local)
		u, _ := tree.Get("410307201")
		if u.Name != "偃师区人民政府办公室" || u.ShortName != "区政府办公室" {
			t.Errorf("unit after a file without 简称: %+v", u)
		}
		_, after, err := ap.Search(local, "偃师区人民政府办公室", 100, []string{"normdoc"})
		if err != nil {
			t.Fatal(err)
		}
		if before.Total == 0 || after.Total != before.Total {
			t.Errorf("documents of the renamed unit: %d before, %d found by the new name", before.Total, after.Total)
		}
		for _, h := range after.Hits {
			if strings.Contains(h.Context+h.Info+h.Title, "偃师区政府办公室") {
				t.Errorf("hit still shows the old name: %+v", h)
			}
		}
		_ = app.LocalActor
	})
}
