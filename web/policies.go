package web

import (
	"net/http"
	"slices"
	"strings"

	"fazhi/app"
	"fazhi/ledger"
)

type policiesData struct {
	Query, AsOf string
	Total       int
	Items       []app.Policy
	// District is the district shown (a deployment of several); Districts
	// the choice offered when none is chosen yet.
	District  app.District
	Districts []app.District
}

// policies is the public list of normative documents in force: no login,
// readable on a phone; the QR poster (poster.PolicyListPath) opens it. A
// deployment of several districts first asks which (?district=CODE).
func (s *Server) policies(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	ds, err := s.app.PolicyDistricts(r.Context())
	if err != nil {
		s.log.Error("web: policies", "err", err)
		http.Error(w, "暂时无法读取规范性文件目录，请稍后再试", http.StatusInternalServerError)
		return
	}
	data := policiesData{Query: q}
	ctx := r.Context()
	switch dq := r.URL.Query().Get("district"); {
	case dq != "":
		code, _ := ledger.ParseDistrict(dq)
		i := slices.IndexFunc(ds, func(d app.District) bool { return d.Code == code })
		if i < 0 {
			http.Error(w, "没有这个区县的规范性文件目录："+dq, http.StatusNotFound)
			return
		}
		data.District = ds[i]
	case len(ds) == 1:
		data.District = ds[0]
	case len(ds) > 1:
		data.Districts = ds
		s.render(w, r, http.StatusOK, "policies", &Page{Title: "现行有效的行政规范性文件", Data: data})
		return
	}
	if data.District.Code != "" {
		ctx = ledger.WithDistrict(ctx, data.District.Code)
	}
	items, asOf, err := s.app.Policies(ctx, q)
	if err != nil {
		s.log.Error("web: policies", "err", err)
		http.Error(w, "暂时无法读取规范性文件目录，请稍后再试", http.StatusInternalServerError)
		return
	}
	data.AsOf, data.Total, data.Items = asOf.Format("2006年1月2日"), len(items), items
	if len(ds) < 2 {
		data.District = app.District{} // one district: its name is the site's
	}
	s.render(w, r, http.StatusOK, "policies", &Page{Title: "现行有效的行政规范性文件", Data: data})
}
