package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLocalFormAPI posts a tenant's message to the API that serve mounts and finds it, and its mail, on disk;
// then it moves the site.yaml of the source and sees the API follow without a restart.
func TestLocalFormAPI(t *testing.T) {
	src := t.TempDir()
	siteYAML, err := os.ReadFile("../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), siteYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(src, "themes"), os.DirFS("../themes")); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	now := func() time.Time { return time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC) }
	api, err := localFormAPI(t.Context(), src, data, now, io.Discard)
	if err != nil {
		t.Fatalf("localFormAPI: %v", err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()

	form := url.Values{"name": {"Anna Bianchi"}, "town": {"codogno"}, "topic": {"technical"},
		"message": {"Il citofono non funziona."}, "phone": {"0377 123456"}, "privacy": {"yes"}}
	req, _ := http.NewRequest("POST", srv.URL+"/api/contact", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/contact = %d %s, want 201", res.StatusCode, body)
	}
	for _, dir := range []string{"contact", "outbox"} {
		if files, _ := os.ReadDir(filepath.Join(data, dir)); len(files) != 1 {
			t.Errorf("%s/ holds %d files, want 1", dir, len(files))
		}
	}

	// A staff member renames the API base in site.yaml: the next request follows it.
	moved := strings.Replace(string(siteYAML), "apiBase: /api", "apiBase: /moduli", 1)
	later := time.Now().Add(2 * time.Second)
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(src, "site.yaml"), later, later)
	res, err = http.Get(srv.URL + "/moduli/contact/token")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /moduli/contact/token after the edit = %d, want 200", res.StatusCode)
	}
}
