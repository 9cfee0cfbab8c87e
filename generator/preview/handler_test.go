package preview

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testSite returns a site serving files, with page as its error page when page is not nil.
func testSite(files map[string][]byte, failure []byte, api http.Handler) *server {
	s := &server{events: newBroker(time.Minute), api: api}
	s.current.Store(&snapshot{files: files, failure: failure})
	return s
}

var testFiles = map[string][]byte{
	"index.html":           []byte("<!DOCTYPE html><html><body><h1>Casa</h1></body></html>"),
	"servizi/index.html":   []byte("<html><body>Servizi</body></html>"),
	"404.html":             []byte("<html><body>Non trovata</body></html>"),
	"css/site.css":         []byte("body{color:#000}"),
	"js/site.js":           []byte("console.log(1)"),
	"sitemap.xml":          []byte("<urlset/>"),
	"robots.txt":           []byte("User-agent: *"),
	"img/foto.png":         []byte("\x89PNG\r\n\x1a\n"),
	"bando/domanda.pdf":    []byte("%PDF-1.4"),
	"dati/presidi.geojson": []byte(`{"type":"FeatureCollection"}`),
}

func TestServeFromMemory(t *testing.T) {
	s := testSite(testFiles, nil, nil)
	tests := []struct {
		method, path string
		status       int
		ctype        string
		location     string
		body         string // a substring of the body; "" for none
		script       bool   // the live-reload tag is in the body, exactly once
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "", "<h1>Casa</h1>", true},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "", "<h1>Casa</h1>", true},
		{"GET", "/servizi/", 200, "text/html; charset=utf-8", "", "Servizi", true},
		{"GET", "/servizi", 302, "", "/servizi/", "", false},
		{"GET", "/servizi?a=1", 302, "", "/servizi/?a=1", "", false},
		{"GET", "/css/site.css", 200, "text/css; charset=utf-8", "", "body{color:#000}", false},
		{"GET", "/js/site.js", 200, "text/javascript; charset=utf-8", "", "console.log(1)", false},
		{"GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", "", "<urlset/>", false},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "", "User-agent", false},
		{"GET", "/img/foto.png", 200, "image/png", "", "PNG", false},
		{"GET", "/bando/domanda.pdf", 200, "application/pdf", "", "%PDF", false},
		{"GET", "/nessuna/", 404, "text/html; charset=utf-8", "", "Non trovata", true},
		{"GET", "/nessuna.css", 404, "text/html; charset=utf-8", "", "Non trovata", true},
		{"GET", "/../../etc/passwd", 404, "text/html; charset=utf-8", "", "Non trovata", true},
		{"HEAD", "/", 200, "text/html; charset=utf-8", "", "", false},
		{"HEAD", "/nessuna/", 404, "text/html; charset=utf-8", "", "", false},
		{"POST", "/", 405, "text/plain; charset=utf-8", "", "Metodo non consentito", false},
		{"GET", scriptPath, 200, "text/javascript; charset=utf-8", "", "EventSource", false},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		res := rec.Result()
		body := rec.Body.String()
		name := tt.method + " " + tt.path
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", name, res.StatusCode, tt.status)
		}
		if got := res.Header.Get("Content-Type"); tt.ctype != "" && got != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", name, got, tt.ctype)
		}
		if got := res.Header.Get("Location"); got != tt.location {
			t.Errorf("%s: Location %q, want %q", name, got, tt.location)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", name, got)
		}
		if !strings.Contains(body, tt.body) {
			t.Errorf("%s: body %q lacks %q", name, body, tt.body)
		}
		if n, want := strings.Count(body, scriptTag), map[bool]int{true: 1}[tt.script]; n != want {
			t.Errorf("%s: live-reload tag %d times, want %d", name, n, want)
		}
		if tt.method == "HEAD" {
			if body != "" {
				t.Errorf("%s: body %q, want none", name, body)
			}
			if res.ContentLength <= 0 {
				t.Errorf("%s: Content-Length %d, want the length of the page", name, res.ContentLength)
			}
		}
	}
	if strings.Contains(string(testFiles["index.html"]), scriptTag) {
		t.Error("serving changed the build output: index.html now holds the live-reload tag")
	}
}

func TestServeErrorPageForPagesOnlyWhileBroken(t *testing.T) {
	s := testSite(testFiles, []byte("<html><body><h1>Errore nel contenuto</h1></body></html>"), nil)
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/", 500, "Errore nel contenuto"},
		{"/servizi/", 500, "Errore nel contenuto"},
		{"/pagina-nuova/", 500, "Errore nel contenuto"},
		{"/css/site.css", 200, "body{color:#000}"},
		{"/img/foto.png", 200, "PNG"},
		{"/manca.png", 404, "Non trovata"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("GET %s while broken: %d %q, want %d with %q", tt.path, rec.Code, rec.Body.String(), tt.status, tt.body)
		}
	}
}

func TestServeErrorPageBeforeAnyGoodBuild(t *testing.T) {
	s := testSite(nil, []byte("<html><body>Errore nel contenuto</body></html>"), nil)
	for _, p := range []string{"/", "/servizi/", "/servizi"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 500 || !strings.Contains(rec.Body.String(), "Errore nel contenuto") {
			t.Errorf("GET %s with no good build: %d %q, want 500 and the error page", p, rec.Code, rec.Body.String())
		}
	}
}

func TestServePassesAPIRequestsUnchanged(t *testing.T) {
	var seen *http.Request
	var seenBody string
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r
		b, _ := io.ReadAll(r.Body)
		seenBody = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"ricevuta":"ABC"}`)
	})
	s := testSite(testFiles, nil, api)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/contact?x=1", strings.NewReader("nome=Anna"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	s.ServeHTTP(rec, req)
	if seen == nil {
		t.Fatal("the API handler was not called for POST /api/contact")
	}
	if seen.URL.Path != "/api/contact" || seen.URL.RawQuery != "x=1" || seenBody != "nome=Anna" {
		t.Errorf("API saw %s ?%s body %q, want /api/contact ?x=1 body %q", seen.URL.Path, seen.URL.RawQuery, seenBody, "nome=Anna")
	}
	if rec.Code != http.StatusCreated || rec.Body.String() != `{"ricevuta":"ABC"}` || rec.Header().Get("Cache-Control") != "" {
		t.Errorf("API response changed on the way: %d %q Cache-Control %q", rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control"))
	}
}
