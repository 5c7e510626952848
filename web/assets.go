package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// static holds the CSS, JS and vendored libraries the pages use. Nothing is
// fetched from another host: every file is embedded in the binary.
//
//go:embed static
var static embed.FS

// asset is one embedded file ready to serve.
type asset struct {
	name  string // path under static/, e.g. vendor/htmx.min.js
	ctype string
	body  []byte
	gz    []byte // gzip of body, when it is worth sending
	etag  string
}

// assets serves the embedded files under content-hashed URLs,
// /static/<first 12 hex digits of sha256>/<name>, so a browser may cache them
// for a year and a new binary's files are fetched fresh.
type assets struct {
	url    map[string]string // name → hashed URL
	byPath map[string]*asset // hashed URL → asset
}

func loadAssets() (*assets, error) {
	a := &assets{url: map[string]string{}, byPath: map[string]*asset{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])[:12]
		ct := mime.TypeByExtension(path.Ext(name))
		switch {
		case ct == "":
			ct = "text/plain; charset=utf-8"
		case strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "charset"):
			ct += "; charset=utf-8"
		}
		as := &asset{name: name, ctype: ct, body: body, etag: `"` + h + `"`}
		if len(body) > 1024 && (strings.Contains(ct, "javascript") || strings.HasPrefix(ct, "text/")) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			as.gz = buf.Bytes()
		}
		u := "/static/" + h + "/" + name
		a.url[name] = u
		a.byPath[u] = as
		return nil
	})
	return a, err
}

// URL returns the hashed URL of the embedded file name; an unknown name is a
// programming error caught when the templates are checked at start-up.
func (a *assets) URL(name string) (string, error) {
	u, ok := a.url[name]
	if !ok {
		return "", fmt.Errorf("web: no embedded asset %q", name)
	}
	return u, nil
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	as, ok := a.byPath[r.URL.Path]
	if !ok {
		http.Error(w, "文件不存在："+r.URL.Path, http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", as.etag)
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == as.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.body
	if as.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
