package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"fazhi/app"
	"fazhi/report"
)

type previewBlock struct {
	Heading bool
	Text    string
}

type versionRow struct {
	Version          int
	At, Author, Note string
	DiffURL          string
}

type diffLine struct{ Class, Text string }

type diffView struct {
	Title string
	Lines []diffLine
}

type reportData struct {
	Year          int
	Years         []Option
	AcceptedOnly  bool
	Source, Error string
	Findings      []string
	Checked       bool
	Preview       []previewBlock
	Versions      []versionRow
	Diff          *diffView
}

// Download is the address of the report in format.
func (d reportData) Download(format string) string {
	// With findings, the download is the draft marked 草稿 (RenderReport
	// refuses it otherwise).
	return withQuery(fmt.Sprintf("/report/%d/download", d.Year), "format", format, "accepted", boolParam(d.AcceptedOnly), "force", boolParam(len(d.Findings) > 0))
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	if year == 0 {
		year = s.asOfYear(r)
	}
	diff, _ := strconv.Atoi(q.Get("diff"))
	s.showReport(w, r, http.StatusOK, year, q.Get("accepted") == "1", "", false, diff, "")
}

// showReport renders the report page for text ("" the latest version),
// with lint findings when asked.
func (s *Server) showReport(w http.ResponseWriter, r *http.Request, status, year int, accepted bool, text string, lint bool, diff int, msg string) {
	ctx := r.Context()
	data := reportData{Year: year, AcceptedOnly: accepted, Source: text, Error: msg, Checked: lint}
	data.Years = yearOptions(strconv.Itoa(year), s.asOfYear(r), false)
	if text == "" {
		v, ok, err := s.app.ReportText(ctx, year, 0)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		if ok {
			data.Source = v.Source
		}
	}
	if data.Source != "" {
		findings, rep, err := s.app.LintReport(ctx, year, data.Source, accepted)
		switch {
		case err != nil && app.CodeOf(err) == app.Invalid:
			data.Findings = []string{err.Error()}
		case err != nil:
			s.failErr(w, r, err)
			return
		default:
			for _, f := range findings {
				data.Findings = append(data.Findings, f.String())
			}
			for _, b := range rep.Blocks {
				t := b.Text()
				if b.Lead != "" {
					t = b.Lead + t
				}
				data.Preview = append(data.Preview, previewBlock{Heading: b.Level > 0, Text: t})
			}
		}
	}
	vs, err := s.app.ReportVersions(ctx, year)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		row := versionRow{Version: v.Version, At: v.CreatedAt.In(chinaTime).Format("2006-01-02 15:04"), Author: v.Author, Note: v.Note}
		if v.Version > 1 {
			row.DiffURL = withQuery("/report", "year", strconv.Itoa(year), "diff", strconv.Itoa(v.Version)) + "#diff"
		}
		data.Versions = append(data.Versions, row)
	}
	if diff > 1 {
		if cur, d, err := s.app.ReportDiff(ctx, year, diff); err == nil {
			dv := &diffView{Title: fmt.Sprintf("第%d版相对第%d版：%s", cur.Version, diff-1, report.DiffSummary(d))}
			for _, l := range d {
				c := ""
				switch {
				case strings.HasPrefix(l, "+"):
					c = "add"
				case strings.HasPrefix(l, "-"):
					c = "del"
				}
				dv.Lines = append(dv.Lines, diffLine{Class: c, Text: l})
			}
			data.Diff = dv
		}
	}
	s.page(w, r, status, "report", fmt.Sprintf("%d年度报告", year), "report", data)
}

func (s *Server) reportYear(w http.ResponseWriter, r *http.Request) (int, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		s.fail(w, r, app.Invalid, "年度无效", http.StatusBadRequest)
		return 0, false
	}
	return year, true
}

// reportSave checks the narrative and, when asked and clean (or confirmed
// despite the findings), saves it as a new version.
func (s *Server) reportSave(w http.ResponseWriter, r *http.Request) {
	year, ok := s.reportYear(w, r)
	if !ok {
		return
	}
	text := strings.ReplaceAll(r.FormValue("source"), "\r\n", "\n")
	accepted := r.FormValue("accepted") == "1"
	if r.FormValue("action") != "save" {
		s.showReport(w, r, http.StatusOK, year, accepted, text, true, 0, "")
		return
	}
	findings, _, err := s.app.LintReport(r.Context(), year, text, accepted)
	if err != nil {
		if app.CodeOf(err) == app.Invalid {
			s.showReport(w, r, http.StatusBadRequest, year, accepted, text, true, 0, err.Error())
			return
		}
		s.failErr(w, r, err)
		return
	}
	if len(findings) > 0 && r.FormValue("force") != "1" {
		s.showReport(w, r, http.StatusOK, year, accepted, text, true, 0,
			fmt.Sprintf("检查发现%d处问题，未保存；请改正，或勾选“仍然保存”后再保存。", len(findings)))
		return
	}
	v, saved, err := s.app.SaveReport(r.Context(), year, text, r.FormValue("note"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if saved {
		s.flash(w, fmt.Sprintf("已保存%d年度报告第%d版", year, v))
	} else {
		s.flash(w, fmt.Sprintf("内容与第%d版相同，未新建版本", v))
	}
	http.Redirect(w, r, withQuery("/report", "year", strconv.Itoa(year)), http.StatusSeeOther)
}

// reportLint answers htmx as the narrative is typed: the whole page, of
// which htmx takes the findings.
func (s *Server) reportLint(w http.ResponseWriter, r *http.Request) {
	year, ok := s.reportYear(w, r)
	if !ok {
		return
	}
	s.showReport(w, r, http.StatusOK, year, r.FormValue("accepted") == "1", strings.ReplaceAll(r.FormValue("source"), "\r\n", "\n"), true, 0, "")
}

var reportTypes = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
	"html": "text/html; charset=utf-8",
	"md":   "text/markdown; charset=utf-8",
}

func (s *Server) reportDownload(w http.ResponseWriter, r *http.Request) {
	year, ok := s.reportYear(w, r)
	if !ok {
		return
	}
	format := r.URL.Query().Get("format")
	ct, known := reportTypes[format]
	if !known {
		s.fail(w, r, app.Invalid, "不支持的格式："+format, http.StatusBadRequest)
		return
	}
	// The internal HTML's figures link to this server's records pages.
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	q := r.URL.Query()
	o := app.ReportOptions{Year: year, Format: format, AcceptedOnly: q.Get("accepted") == "1", Force: q.Get("force") == "1", RecordsBase: scheme + "://" + r.Host}
	if format == "html" || format == "md" {
		o.Compare = year - 1
	}
	var buf bytes.Buffer
	if _, err := s.app.RenderReport(r.Context(), &buf, o); err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", attachment(fmt.Sprintf("%s%d年度法治政府建设情况报告.%s", s.opts.District, year, format)))
	w.Write(buf.Bytes())
}
