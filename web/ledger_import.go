package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fazhi/app"
	"fazhi/excel"
	"fazhi/ledger"
)

// The web's default upload limits (issue 13 item 7: no lower than 200 MB
// and 2,000,000 rows); fazhi serve --max-upload-mb / --max-import-rows
// change them.
const (
	DefaultMaxUploadBytes = 256 << 20
	DefaultMaxImportRows  = 2_000_000
)

// upload is a file kept between its preview and its confirmation (or for
// its error workbook), for the account that sent it.
type upload struct {
	ledger, account, path, name string
	res                         app.ImportResult
	opt                         app.ImportOptions // as previewed; the import uses the same
	at                          time.Time
}

// uploads keeps uploaded files for an hour.
type uploads struct {
	mu  sync.Mutex
	m   map[string]*upload
	dir string
}

func (u *uploads) put(up *upload) string {
	b := make([]byte, 16)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	u.mu.Lock()
	defer u.mu.Unlock()
	for k, old := range u.m {
		if time.Since(old.at) > time.Hour {
			os.RemoveAll(filepath.Dir(old.path))
			delete(u.m, k)
		}
	}
	u.m[tok] = up
	return tok
}

func (u *uploads) get(tok, account, ledgerID string) (*upload, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	up, ok := u.m[tok]
	if !ok || up.account != account || up.ledger != ledgerID {
		return nil, false
	}
	return up, true
}

func (u *uploads) drop(tok string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if up, ok := u.m[tok]; ok {
		os.RemoveAll(filepath.Dir(up.path))
		delete(u.m, tok)
	}
}

type rowError struct {
	Row         int
	Column, Msg string
}

type previewData struct {
	FileName, Token, ErrorsURL string
	Rows, ErrorCount           int
	New, Changed, Unchanged    int
	Errors                     []rowError
	Notes                      []string
	Changes                    []struct{ Key, What string }
	// The options previewed (and imported on confirmation).
	ClearBlank, ConfirmAmounts bool
	// NeedConfirm: some errors are amounts the user may confirm.
	NeedConfirm bool
	// Columns offers a field for each column of the file's header when
	// the automatic match is incomplete (missing or ignored columns);
	// Fields are the choices.
	Columns []app.ImportColumn
	Fields  []string
	Mapping string // the mapping applied by hand, if any
}

type importData struct {
	Ledger  *ledger.Definition
	Preview *previewData
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if err := s.app.MayWriteLedger(r.Context(), d.ID); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.page(w, r, http.StatusOK, "import", "导入"+d.Name, d.ID, importData{Ledger: d})
}

// importUpload keeps the uploaded file and shows what importing it would
// do: the row errors (nothing is written while any row is bad), or the new,
// changed and unchanged rows awaiting confirmation.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	limit := s.opts.MaxUploadBytes
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20) // the form's other fields and boundaries
	f, hdr, err := r.FormFile("file")
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) || err == nil && hdr.Size > limit {
		if f != nil {
			f.Close()
		}
		s.fail(w, r, app.Invalid, fmt.Sprintf("文件超过网页上传的上限 %d MB，未导入任何数据；请拆分后分批导入，或请管理员在服务器上导入（不限大小）", limit>>20), http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		s.fail(w, r, app.Invalid, fmt.Sprintf("请选择要导入的文件（%s，不超过 %d MB）", strings.Join(excel.Extensions, "、"), limit>>20), http.StatusBadRequest)
		return
	}
	defer f.Close()
	dir, err := os.MkdirTemp(s.uploads.dir, "upload-")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	name := filepath.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		name = "upload.xlsx"
	}
	path := filepath.Join(dir, name)
	out, err := os.Create(path)
	if err == nil {
		_, err = io.Copy(out, f)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		s.failErr(w, r, err)
		return
	}
	act := actorOf(r)
	up := &upload{ledger: d.ID, account: act.Account, path: path, name: name, at: time.Now(),
		opt: app.ImportOptions{Source: name, ClearBlank: r.FormValue("clear_blank") != "", MaxRows: s.opts.MaxImportRows}}
	tok := s.uploads.put(up)
	s.preview(w, r, d, tok, up)
}

// importRepreview previews a kept upload again with other options: the
// amounts confirmed, blank cells clearing, columns mapped by hand.
func (s *Server) importRepreview(w http.ResponseWriter, r *http.Request) {
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	tok := r.FormValue("token")
	up, ok := s.uploads.get(tok, actorOf(r).Account, d.ID)
	if !ok {
		s.fail(w, r, app.NotFound, "上传的文件已过期或不存在，请重新上传", http.StatusNotFound)
		return
	}
	up.opt.ClearBlank = r.FormValue("clear_blank") != ""
	up.opt.ConfirmAmounts = r.FormValue("confirm_amounts") != ""
	if r.FormValue("remap") != "" {
		var parts []string
		for _, c := range up.res.Header {
			if f := r.FormValue("map_" + c.Letter); f != "" {
				parts = append(parts, c.Letter+"="+f)
			}
		}
		up.opt.Mapping = strings.Join(parts, ",")
	}
	s.preview(w, r, d, tok, up)
}

// preview shows what importing the kept upload with its options would do.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, d *ledger.Definition, tok string, up *upload) {
	prev, res, err := s.app.PreviewImport(r.Context(), d.ID, up.path, up.opt)
	up.res = res
	pd := &previewData{FileName: up.name, Token: tok, Rows: res.Rows, ClearBlank: up.opt.ClearBlank, ConfirmAmounts: up.opt.ConfirmAmounts, Mapping: up.opt.Mapping}
	status := http.StatusOK
	if err != nil {
		c := app.CodeOf(err)
		if c != app.Invalid && c != app.Conflict && c != app.Forbidden {
			s.uploads.drop(tok)
			s.failErr(w, r, err)
			return
		}
		status = statusOf(c)
		for _, p := range res.Problems {
			pd.Errors = append(pd.Errors, rowError{Row: p.Row, Column: p.Column, Msg: p.Msg})
			pd.NeedConfirm = pd.NeedConfirm || p.Confirm
		}
		if len(pd.Errors) == 0 {
			pd.Errors = append(pd.Errors, rowError{Msg: strings.ReplaceAll(err.Error(), up.path, up.name)})
		}
		pd.ErrorCount = max(len(pd.Errors), res.ProblemCount)
		if res.Table != nil && len(res.Problems) > 0 {
			pd.ErrorsURL = "/ledgers/" + d.ID + "/import/errors?token=" + tok
		}
		if res.Book == nil || up.opt.Mapping != "" {
			pd.Columns = res.Header // the header itself is wrong: map by hand
		}
	} else {
		pd.New, pd.Changed, pd.Unchanged = prev.New, prev.Changed, prev.Unchanged
		for _, n := range res.Notes {
			pd.Notes = append(pd.Notes, fmt.Sprintf("第%d行 %s：%s", n.Row, n.Column, n.Msg))
		}
		if len(res.Ignored) > 0 {
			pd.Notes = append(pd.Notes, "以下列不属于本台账，将被忽略："+strings.Join(res.Ignored, "、"))
			pd.Columns = res.Header
		}
		for _, c := range prev.Changes {
			what := "新增"
			if !c.New {
				what = strings.Join(c.What, "；")
			}
			pd.Changes = append(pd.Changes, struct{ Key, What string }{fmt.Sprintf("第%d行 %s", c.Row, c.Key), what})
		}
	}
	if pd.Columns != nil {
		for _, f := range d.Fields {
			if !f.Derived {
				pd.Fields = append(pd.Fields, f.Label)
			}
		}
	}
	s.page(w, r, status, "import", "导入"+d.Name, d.ID, importData{Ledger: d, Preview: pd})
}

func (s *Server) importConfirm(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("ledger")
	tok := r.FormValue("token")
	up, ok := s.uploads.get(tok, actorOf(r).Account, id)
	if !ok {
		s.fail(w, r, app.NotFound, "上传的文件已过期或不存在，请重新上传", http.StatusNotFound)
		return
	}
	res, err := s.app.Import(r.Context(), id, up.path, up.opt)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.uploads.drop(tok)
	msg := fmt.Sprintf("已导入 %s：共 %d 行，新增 %d 条，修改 %d 条，不变 %d 条", up.name, res.Rows, res.Result.Inserted, res.Result.Updated, res.Result.Unchanged)
	if res.MappingSaved {
		msg += "；列对应已保存，下次导入同样表头的文件时自动沿用"
	}
	s.flash(w, msg)
	http.Redirect(w, r, "/ledgers/"+id, http.StatusSeeOther)
}

// importErrors sends the user's own workbook back with each bad cell marked.
func (s *Server) importErrors(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("ledger")
	up, ok := s.uploads.get(r.URL.Query().Get("token"), actorOf(r).Account, id)
	if !ok {
		s.fail(w, r, app.NotFound, "上传的文件已过期或不存在，请重新上传", http.StatusNotFound)
		return
	}
	name := strings.TrimSuffix(up.name, filepath.Ext(up.name)) + "-错误标注.xlsx"
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", attachment(name))
	if err := s.app.WriteErrorWorkbook(w, up.res); err != nil {
		s.log.Error("web: error workbook", "err", err)
	}
}
