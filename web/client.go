package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"fazhi/app"
)

// ParseTrustedProxies parses a comma-separated list of addresses and CIDR
// ranges (10.0.0.1,192.168.0.0/24) naming the reverse proxies whose
// X-Forwarded-For and X-Forwarded-Proto headers are believed.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("受信任的代理“%s”无效：应为 IP 地址或网段，如 10.0.0.1 或 192.168.0.0/24", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.opts.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func peerAddr(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	return a.Unmap(), err == nil
}

// clientAddr is the address of the person at the browser: the peer's,
// unless the peer is a trusted proxy; then the rightmost address of
// X-Forwarded-For that is not a trusted proxy (addresses to its left could
// be written by the client itself). Without trusted proxies the header is
// ignored.
func (s *Server) clientAddr(r *http.Request) string {
	peer, ok := peerAddr(r)
	if !ok {
		return r.RemoteAddr
	}
	if !s.trusted(peer) {
		return peer.String()
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, f := range strings.Split(h, ",") {
			if f = strings.TrimSpace(f); f != "" {
				hops = append(hops, f)
			}
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			// Something that is not an address: the chain can no longer be
			// believed beyond it; the last good hop is the client.
			break
		}
		client = a.Unmap()
		if !s.trusted(client) {
			break
		}
	}
	return client.String()
}

// isTLS reports whether the browser reached the server over TLS: directly,
// or through a trusted proxy that says so in X-Forwarded-Proto.
func (s *Server) isTLS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if peer, ok := peerAddr(r); ok && s.trusted(peer) {
		return strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto")), "https")
	}
	return false
}

// withClient puts the client address into the request's context for the
// application layer's audit trail.
func (s *Server) withClient(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(app.WithClientAddr(r.Context(), s.clientAddr(r))))
	})
}
