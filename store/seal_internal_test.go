package store

import (
	"strings"
	"testing"

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
