package e2e

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var rome = time.FixedZone("CEST", 2*60*60)

// openNow is the instant the site is built and served as by most tests: the call for community managers is
// open. closedNow is a day after its deadline.
var (
	openNow   = time.Date(2025, 4, 20, 10, 0, 0, 0, rome)
	closedNow = time.Date(2025, 4, 29, 10, 0, 0, 0, rome)
)

// suite is the site built as at one instant and served with its form API, whose clock starts at that instant.
type suite struct {
	Now time.Time
	// SiteDir holds the built files; DataDir the local store of the form API.
	SiteDir, DataDir string
	// URL is the server's root, without a trailing slash.
	URL string
	// Pages are the URL paths of every built HTML page, sorted: "/", "/presidi/", "/404.html".
	Pages []string
	// Files are the paths, relative to SiteDir, of those pages, in the same order.
	Files []string
	// Redirects are the paths, relative to SiteDir, of the redirect pages written for aliases (a meta refresh
	// that leaves at once); they are not in Pages. RedirectCopies are the URL paths of copies of them without
	// the meta refresh, so that a browser stays on them long enough to be checked.
	Redirects, RedirectCopies []string
	// extraDir holds pages the tests serve under /_e2e/ (see serveCopy).
	extraDir string
	srv      *httptest.Server
	tmp      string
}

// lazySuite sets a suite up once per test binary. All the tests post from one address (127.0.0.1) to the same
// API, about 25 times in a run: site.yaml's rate limit (limits.requests per limits.window) must stay above that,
// and `go test -count=N` shares one suite across the N runs.
type lazySuite struct {
	once sync.Once
	now  time.Time
	s    *suite
	err  error
}

var (
	openSuite   = &lazySuite{now: openNow}
	closedSuite = &lazySuite{now: closedNow}
)

// get builds the site and starts its server on first use.
func (l *lazySuite) get(t testing.TB) *suite {
	t.Helper()
	l.once.Do(func() { l.s, l.err = newSuite(l.now) })
	if l.err != nil {
		t.Fatalf("setting up the site as at %s: %v", l.now.Format(time.RFC3339), l.err)
	}
	return l.s
}

// getSuite returns the site as at openNow, when the call is open.
func getSuite(t testing.TB) *suite { t.Helper(); return openSuite.get(t) }

func newSuite(now time.Time) (*suite, error) {
	tmp, err := os.MkdirTemp("", "quartieri-e2e-")
	if err != nil {
		return nil, err
	}
	s := &suite{Now: now, tmp: tmp, SiteDir: filepath.Join(tmp, "public"), DataDir: filepath.Join(tmp, "data"),
		extraDir: filepath.Join(tmp, "extra")}
	for _, d := range []string{s.DataDir, s.extraDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if err := buildSite(s.SiteDir, now); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	api, err := formsAPI(s.DataDir, now)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/_e2e/", http.StripPrefix("/_e2e/", http.FileServer(http.Dir(s.extraDir))))
	mux.Handle("/", http.FileServer(http.Dir(s.SiteDir)))
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	err = filepath.WalkDir(s.SiteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(s.SiteDir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if metaRefresh.Match(b) {
			s.Redirects = append(s.Redirects, filepath.ToSlash(rel))
		} else {
			s.Files = append(s.Files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(s.Files)
	slices.Sort(s.Redirects)
	for _, f := range s.Redirects {
		b, err := os.ReadFile(filepath.Join(s.SiteDir, f))
		if err != nil {
			return nil, err
		}
		name := "redirect-" + strings.ReplaceAll(f, "/", "-")
		if err := os.WriteFile(filepath.Join(s.extraDir, name), metaRefresh.ReplaceAll(b, nil), 0o644); err != nil {
			return nil, err
		}
		s.RedirectCopies = append(s.RedirectCopies, "/_e2e/"+name)
	}
	for _, f := range s.Files {
		s.Pages = append(s.Pages, pagePath(f))
	}
	return s, nil
}

// metaRefresh finds the meta refresh of a redirect page.
var metaRefresh = regexp.MustCompile(`(?i)<meta http-equiv="refresh"[^>]*>`)

// serveCopy saves a page the backend returned so that the browser can load it from the site's own origin
// (its stylesheet and script resolve as on the real page), and returns its URL.
func (s *suite) serveCopy(t testing.TB, name string, page []byte) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.extraDir, name), page, 0o644); err != nil {
		t.Fatal(err)
	}
	return s.URL + "/_e2e/" + name
}

// pagePath turns a built file's path into the URL path a visitor uses: "a/index.html" -> "/a/".
func pagePath(file string) string {
	if file == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(file, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + file
}

// stopSuite stops the servers and removes the built sites and their data.
func stopSuite() {
	for _, l := range []*lazySuite{openSuite, closedSuite, deadlineSuite} {
		if l.s != nil {
			l.s.srv.Close()
			os.RemoveAll(l.s.tmp)
		}
	}
}
