package web

import (
	"net/http"
)

// sessionCookie names the login cookie: HttpOnly, SameSite=Lax, Secure when
// served over TLS (directly, or behind a trusted proxy that says so),
// holding only a random token. The sessions live in the database
// (app.StartSession: only the token's hash is stored), so a restart logs no
// one out and several processes may serve one database; a session ends
// after app.SessionIdle without a request, and on logout.
const sessionCookie = "fazhi_session"

// token returns the request's session token ("" without a cookie).
func token(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// setSession sets the session cookie.
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, tok string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
}

// clearSession expires the session cookie.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
}
