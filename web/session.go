package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"
)

// sessionCookie names the login cookie: HttpOnly, SameSite=Lax, Secure when
// served over TLS, holding only a random token.
const sessionCookie = "fazhi_session"

// idleTimeout ends a session no request has used for this long (等保: log
// out after 30 minutes idle).
const idleTimeout = 30 * time.Minute

// session is one logged-in browser.
type session[A any] struct {
	actor A
	user  User
	seen  time.Time
}

// sessions keeps the logged-in browsers in memory: a restart logs everyone
// out, which is what a district intranet server expects after an update.
type sessions[A any] struct {
	mu  sync.Mutex
	m   map[string]*session[A]
	now func() time.Time
}

func newSessions[A any](now func() time.Time) *sessions[A] {
	return &sessions[A]{m: map[string]*session[A]{}, now: now}
}

// start records a new session and sets its cookie.
func (s *sessions[A]) start(w http.ResponseWriter, r *http.Request, actor A, u User) {
	b := make([]byte, 32)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	s.mu.Lock()
	s.m[tok] = &session[A]{actor: actor, user: u, seen: s.now()}
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// get returns the session of the request, refreshing its idle timer.
func (s *sessions[A]) get(r *http.Request) (*session[A], bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	se, ok := s.m[c.Value]
	if !ok {
		return nil, false
	}
	now := s.now()
	if now.Sub(se.seen) > idleTimeout {
		delete(s.m, c.Value)
		return nil, false
	}
	se.seen = now
	return se, true
}

// end forgets the request's session and clears its cookie.
func (s *sessions[A]) end(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.mu.Lock()
		delete(s.m, c.Value)
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}
