package web

import (
	"net/http"
)

// contentSecurityPolicy allows nothing inline and nothing from another host:
// every script, style and font comes from the server's own /static/ files.
// ECharts draws on a canvas; images may be data: URLs (its save-as-image).
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// secure wraps h with the standard library's cross-origin protection
// (every POST, PUT, PATCH and DELETE must come from this server's own pages:
// Sec-Fetch-Site, else Origin against Host) and the security headers.
func (s *Server) secure(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "拒绝跨站请求：请从本系统的页面提交", http.StatusForbidden)
	}))
	protected := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		if s.isTLS(r) {
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		protected.ServeHTTP(w, r)
	})
}
