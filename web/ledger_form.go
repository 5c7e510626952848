package web

import (
	"errors"
	"net/http"
	"strconv"

	"fazhi/app"
	"fazhi/ledger"
)

type formData struct {
	Ledger            *ledger.Definition
	Editing           bool
	KeyText           string
	Version           int64
	Action, RecordURL string
	Fields            []FormField
	Errors            []string
}

// units lists the unit tree for dropdowns.
func (s *Server) unitChoices(r *http.Request) ([]UnitOption, error) {
	tree, err := s.app.Units(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]UnitOption, len(tree.Units))
	for i, u := range tree.Units {
		out[i] = UnitOption{Code: u.Code, Name: u.Name}
	}
	return out, nil
}

func (s *Server) newForm(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if err := s.app.MayWriteLedger(r.Context(), d.ID); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.showForm(w, r, http.StatusOK, d, false, "", 0, map[string]string{}, nil)
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("key")
	rv, err := s.app.GetRecord(r.Context(), r.PathValue("ledger"), key)
	if err == nil {
		err = s.app.MayChange(r.Context(), rv)
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	tree, err := s.app.Units(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	vals := map[string]string{}
	for i := range rv.Ledger.Fields {
		f := &rv.Ledger.Fields[i]
		vals[f.Name] = f.Format(rv.Record[f.Name], tree.Name)
	}
	s.showForm(w, r, http.StatusOK, rv.Ledger, true, rv.Key, rv.Version, vals, nil)
}

// showForm renders the add or edit form with the values typed and the
// problems found, each beside its field.
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, status int, d *ledger.Definition, editing bool, key string, version int64, vals map[string]string, err error) {
	units, uerr := s.unitChoices(r)
	if uerr != nil {
		s.failErr(w, r, uerr)
		return
	}
	data := formData{Ledger: d, Editing: editing, KeyText: key, Version: version, Action: "/ledgers/" + d.ID + "/new"}
	if editing {
		dq := r.URL.Query().Get("district")
		data.Action = inDistrict("/ledgers/"+d.ID+"/edit?key="+urlQueryEscape(key), dq)
		data.RecordURL = recordURL(d, key, dq)
	}
	errs, warns := map[string][]string{}, map[string][]string{}
	var fe *app.FieldErrors
	switch {
	case err == nil:
	case errors.As(err, &fe):
		for _, e := range fe.Errs {
			if e.Field == "" || d.Field(e.Field) == nil || d.Field(e.Field).Derived {
				data.Errors = append(data.Errors, e.Error())
				continue
			}
			errs[e.Field] = append(errs[e.Field], e.Msg)
			data.Errors = append(data.Errors, e.Error())
		}
	default:
		data.Errors = append(data.Errors, err.Error())
	}
	data.Fields = formFields(d, vals, errs, warns, units, editing)
	title := "新增" + d.Name
	if editing {
		title = "修改" + d.Name
	}
	s.page(w, r, status, "form", title, d.ID, data)
}

// formValues reads the submitted fields of d (derived fields are never taken).
func formValues(r *http.Request, d *ledger.Definition) map[string]string {
	r.ParseForm()
	vals := map[string]string{}
	for _, f := range d.Fields {
		if f.Derived {
			continue
		}
		if v, ok := r.PostForm[f.Name]; ok && len(v) > 0 {
			vals[f.Name] = v[0]
		}
	}
	return vals
}

func (s *Server) add(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	vals := formValues(r, d)
	rv, err := s.app.AddRecord(r.Context(), d.ID, vals)
	if err != nil {
		if c := app.CodeOf(err); c == app.Invalid || c == app.Conflict {
			s.showForm(w, r, statusOf(c), d, false, "", 0, vals, err)
			return
		}
		s.failErr(w, r, err)
		return
	}
	s.flash(w, "已新增“"+rv.Key+"”")
	http.Redirect(w, r, recordURL(d, rv.Key, recordDistrict(r, rv.Record)), http.StatusSeeOther)
}

func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	key := r.URL.Query().Get("key")
	shown := formValues(r, d)
	vals := map[string]string{}
	for k, v := range shown {
		if !d.IsKey(k) { // the key identifies the record; it is not edited
			vals[k] = v
		}
	}
	version, _ := strconv.ParseInt(r.PostFormValue("_version"), 10, 64)
	rv, err := s.app.EditRecord(r.Context(), d.ID, key, vals, version)
	if err != nil {
		if c := app.CodeOf(err); c == app.Invalid || c == app.Conflict {
			s.showForm(w, r, statusOf(c), d, true, key, version, shown, err)
			return
		}
		s.failErr(w, r, err)
		return
	}
	s.flash(w, "已保存“"+rv.Key+"”（第"+strconv.FormatInt(rv.Version, 10)+"版）")
	http.Redirect(w, r, recordURL(d, rv.Key, recordDistrict(r, rv.Record)), http.StatusSeeOther)
}
