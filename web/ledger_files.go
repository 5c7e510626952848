package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"fazhi/app"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// attachment is a Content-Disposition that keeps a Chinese file name.
func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := s.app.Template(r.Context(), &buf, d.ID); err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", attachment(d.Name+"-导入模板.xlsx"))
	w.Write(buf.Bytes())
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	var buf bytes.Buffer
	if _, err := s.app.Export(r.Context(), &buf, d.ID, year, q.Get("unit")); err != nil {
		s.failErr(w, r, err)
		return
	}
	name := d.Name
	if year != 0 {
		name += "-" + strconv.Itoa(year) + "年"
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", attachment(name+".xlsx"))
	w.Write(buf.Bytes())
}
