package preview

import (
	"bytes"
	"net/http"
	"path"
	"quartieri/generator/publish"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// snapshot is what the server shows: the last good build and, while the latest build is broken, its error page.
type snapshot struct {
	files   map[string][]byte // URL path without the leading slash -> bytes; nil before the first good build
	failure []byte            // the error page, nil when the latest build succeeded
}

// server serves the in-memory build, the live-reload endpoints and the form API.
type server struct {
	current atomic.Pointer[snapshot]
	events  *broker
	api     http.Handler
}

// ServeHTTP routes /api/ to the API unchanged, /_preview/ to the live reload, and everything else to the build.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case s.api != nil && strings.HasPrefix(r.URL.Path, "/api/"):
		s.api.ServeHTTP(w, r)
		return
	case r.URL.Path == eventsPath:
		s.events.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Metodo non consentito", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == scriptPath {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "reload.js", time.Time{}, bytes.NewReader(reloadJS))
		return
	}
	snap := s.current.Load()
	name, found, redirect := resolve(snap.files, r.URL.Path)
	switch {
	case redirect:
		target := "/" + name + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
	case found && snap.failure != nil && isHTML(name):
		writePage(w, r, http.StatusInternalServerError, snap.failure)
	case found:
		body := snap.files[name]
		ctype := contentType(name, body)
		if strings.HasPrefix(ctype, "text/html") {
			body = inject(body)
		}
		w.Header().Set("Content-Type", ctype)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	case snap.failure != nil && isHTML(name):
		// The missing page may be the very one whose edit broke the build.
		writePage(w, r, http.StatusInternalServerError, snap.failure)
	case snap.files["404.html"] != nil:
		writePage(w, r, http.StatusNotFound, snap.files["404.html"])
	default:
		writePage(w, r, http.StatusNotFound, []byte(notFoundHTML))
	}
}

const notFoundHTML = `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Pagina non trovata</title></head>` +
	`<body><h1>Pagina non trovata</h1><p><a href="/">Vai alla pagina iniziale</a></p></body></html>`

// resolve maps a URL path to a file of the build: "/" and "/x/" to their index.html, "/x" to itself. When "/x" is
// missing but "/x/index.html" exists, it reports a redirect to "/" + name + "/". A name is returned even when
// nothing is found, to tell pages from other files.
func resolve(files map[string][]byte, urlPath string) (name string, found, redirect bool) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") || name == "" {
		name = path.Join(name, "index.html")
		_, found = files[name]
		return name, found, false
	}
	if _, ok := files[name]; ok {
		return name, true, false
	}
	if _, ok := files[name+"/index.html"]; ok {
		return name, false, true
	}
	return name, false, false
}

// isHTML reports whether a build file name is a page: it ends in .html or has no extension (a folder's URL).
func isHTML(name string) bool {
	ext := path.Ext(name)
	return ext == "" || ext == ".html" || ext == ".htm"
}

// writePage sends an HTML page with a status of its own, the live-reload script included.
func writePage(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	page = inject(page)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// contentType is the Content-Type a deployed file gets, so that the preview serves each file as the live site
// will.
func contentType(name string, body []byte) string { return publish.ContentType(name, body) }
