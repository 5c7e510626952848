package web

import (
	"net/http"
	"strings"

	"fazhi/app"
)

type policiesData struct {
	Query, AsOf string
	Total       int
	Items       []app.Policy
}

// policies is the public list of normative documents in force: no login,
// readable on a phone; the QR poster (poster.PolicyListPath) opens it.
func (s *Server) policies(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	items, asOf, err := s.app.Policies(r.Context(), q)
	if err != nil {
		s.log.Error("web: policies", "err", err)
		http.Error(w, "暂时无法读取规范性文件目录，请稍后再试", http.StatusInternalServerError)
		return
	}
	s.render(w, r, http.StatusOK, "policies", &Page{Title: "现行有效的行政规范性文件",
		Data: policiesData{Query: q, AsOf: asOf.Format("2006年1月2日"), Total: len(items), Items: items}})
}
