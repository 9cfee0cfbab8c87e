package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuTimeout bounds the single run of the Nu HTML Checker over the whole site (about 3 s of JVM start, then
// milliseconds a page).
const vnuTimeout = 90 * time.Second

// vnuMessage is one message of vnu's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	Line     int    `json:"lastLine"`
	Column   int    `json:"firstColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
	SubType  string `json:"subType"`
	LastCol  int    `json:"lastColumn"`
	HiliteAt int    `json:"hiliteStart"`
}

// TestNuHTMLChecker runs vnu once over every built page and stylesheet, the two error pages the form backend returns without
// JavaScript, its two confirmation pages, and the call and application pages after the deadline with the page
// a late application gets, and wants zero errors.
func TestNuHTMLChecker(t *testing.T) {
	needJava(t)
	s := getSuite(t)
	files := make([]string, 0, len(s.Files)+8)
	for _, f := range append(s.Files, s.Redirects...) {
		files = append(files, filepath.Join(s.SiteDir, f))
	}
	css, _ := filepath.Glob(filepath.Join(s.SiteDir, "css", "*.css"))
	if len(css) == 0 {
		t.Errorf("the built site has no stylesheet under css/")
	}
	files = append(files, css...)
	closed := closedSuite.get(t)
	for _, f := range []string{"lavora-con-noi/bando-community-manager/index.html", "lavora-con-noi/candidatura/index.html"} {
		files = append(files, filepath.Join(closed.SiteDir, f))
	}
	_, pdf := writeCV(t)
	late := map[string]string{"call": "community-manager-2025"}
	for k, v := range candidate {
		late[k] = v
	}
	_, latePage := postForm(t, closed, "/api/applications", late, true, upload{"cv", "cv.pdf", pdf})
	dir := t.TempDir()
	for name, page := range map[string][]byte{
		"errore-candidatura.html":     errorPage(t, s, "/api/applications", badApplication, true),
		"errore-contatti.html":        errorPage(t, s, "/api/contact", badContact, false),
		"ricevuta-candidatura.html":   getPage(t, s, "/api/applications/ricevuta?numero="+sampleReceipt),
		"ricevuta-contatti.html":      getPage(t, s, "/api/contact/ricevuta?numero="+sampleReceipt),
		"candidatura-in-ritardo.html": latePage,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, page, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	msgs := runVNU(t, files)
	for _, m := range msgs {
		name := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(s.SiteDir, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = "public/" + rel
		} else if rel, err := filepath.Rel(closed.SiteDir, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = "public (call closed)/" + rel
		} else {
			name = filepath.Base(name)
		}
		t.Errorf("vnu: %s:%d:%d: %s %s\n    %s", name, m.Line, m.Column, m.Type, m.Message,
			strings.ReplaceAll(clip(m.Extract, 200), "\n", "↵"))
	}
	t.Logf("vnu checked %d files: %d errors", len(files), len(msgs))
}

// runVNU checks files in one JVM and returns the errors.
func runVNU(t testing.TB, files []string) []vnuMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	args := append([]string{"-jar", vnuPath, "--errors-only", "--also-check-css", "--format", "json", "--stdout"}, files...)
	cmd := exec.CommandContext(ctx, "java", args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		t.Fatalf("vnu: %v (%v); stderr: %s; stdout: %s", err, jerr, stderr.String(), clip(string(out), 500))
	}
	if err != nil && len(res.Messages) == 0 {
		t.Fatalf("vnu failed with no message: %v; stderr: %s", err, stderr.String())
	}
	return res.Messages
}
