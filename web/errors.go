package web

import (
	"net/http"
	"net/url"

	"fazhi/app"
)

// statusOf maps the application layer's error codes to HTTP statuses, in
// this one place.
func statusOf(c app.Code) int {
	switch c {
	case app.Invalid:
		return http.StatusBadRequest
	case app.NotFound:
		return http.StatusNotFound
	case app.Conflict:
		return http.StatusConflict
	case app.Forbidden:
		return http.StatusForbidden
	case app.Unauthenticated:
		return http.StatusUnauthorized
	case app.TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

var titles = map[int]string{
	http.StatusBadRequest:          "输入有误",
	http.StatusNotFound:            "未找到",
	http.StatusConflict:            "操作冲突",
	http.StatusForbidden:           "无权访问",
	http.StatusUnauthorized:        "请先登录",
	http.StatusTooManyRequests:     "请稍后再试",
	http.StatusInternalServerError: "系统出错",
}

// fail shows an error page. status 0 takes the status from code.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code app.Code, msg string, status int) {
	if status == 0 {
		status = statusOf(code)
	}
	p := &Page{Title: titles[status], Data: msg}
	if u, ok := r.Context().Value(ctxKey{}).(User); ok {
		p.User = &u
		p.Nav = s.nav(r)
	}
	s.render(w, r, status, "error", p)
}

// failErr shows err: its Chinese message for a coded error, a generic one
// (and a log line) for an internal error.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	c := app.CodeOf(err)
	msg := err.Error()
	if c == app.Internal {
		s.log.Error("web: internal error", "path", r.URL.Path, "err", err)
		msg = "系统内部错误，请稍后重试；如反复出现，请联系系统管理员。"
	}
	s.fail(w, r, c, msg, 0)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func urlPathEscape(s string) string { return url.PathEscape(s) }
