package e2e

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildNow is the instant the site is built and served as: the call for community managers is open.
var buildNow = time.Date(2025, 4, 20, 10, 0, 0, 0, time.FixedZone("CEST", 2*60*60))

// suite is the built site served with its form API, shared by every test of the binary.
type suite struct {
	// SiteDir holds the built files; DataDir the local store of the form API.
	SiteDir, DataDir string
	// URL is the server's root, without a trailing slash.
	URL string
	// Pages are the URL paths of every built HTML page, sorted: "/", "/presidi/", "/404.html".
	Pages []string
	// Files are the paths, relative to SiteDir, of those pages, in the same order.
	Files []string
	srv   *httptest.Server
	tmp   string
}

var (
	suiteOnce sync.Once
	theSuite  *suite
	suiteErr  error
)

// getSuite builds the site and starts its server once per test binary.
func getSuite(t testing.TB) *suite {
	t.Helper()
	suiteOnce.Do(func() { theSuite, suiteErr = newSuite() })
	if suiteErr != nil {
		t.Fatalf("setting up the site: %v", suiteErr)
	}
	return theSuite
}

func newSuite() (*suite, error) {
	tmp, err := os.MkdirTemp("", "quartieri-e2e-")
	if err != nil {
		return nil, err
	}
	s := &suite{tmp: tmp, SiteDir: filepath.Join(tmp, "public"), DataDir: filepath.Join(tmp, "data")}
	if err := os.MkdirAll(s.DataDir, 0o755); err != nil {
		return nil, err
	}
	if err := buildSite(s.SiteDir); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	api, err := formsAPI(s.DataDir)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/", http.FileServer(http.Dir(s.SiteDir)))
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	err = filepath.WalkDir(s.SiteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(s.SiteDir, p)
		s.Files = append(s.Files, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(s.Files)
	for _, f := range s.Files {
		s.Pages = append(s.Pages, pagePath(f))
	}
	return s, err
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

// stopSuite stops the server and removes the built site and the data.
func stopSuite() {
	if theSuite != nil {
		theSuite.srv.Close()
		os.RemoveAll(theSuite.tmp)
	}
}
