package preview

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"quartieri/generator/internal/corpus"
	"quartieri/generator/site"
	"quartieri/themes"
)

// siteBuild is what `generator serve` runs: the real build of the source folder root, in memory.
func siteBuild(root string) func() (map[string][]byte, error) {
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	builder := site.NewBuilder() // as `generator serve` does: unchanged pages are reused
	return func() (map[string][]byte, error) {
		res, err := builder.Build(os.DirFS(root), site.Options{Now: now})
		if err != nil {
			return nil, err
		}
		return res.Files, nil
	}
}

// siteFullBuild is siteBuild without a Builder: every build starts from scratch.
func siteFullBuild(root string) func() (map[string][]byte, error) {
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	return func() (map[string][]byte, error) {
		res, err := site.Build(os.DirFS(root), site.Options{Now: now})
		if err != nil {
			return nil, err
		}
		return res.Files, nil
	}
}

// writeSite writes a generated site of n pages with the repository's theme into a temporary folder.
func writeSite(t testing.TB, n int) string {
	t.Helper()
	root := t.TempDir()
	if err := corpus.Write(root, n); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopyThemes(root, themes.FS); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestServeRealSiteEditBreakFix(t *testing.T) {
	root := writeSite(t, 3)
	page, url := pickPage(t, root)
	rel, _ := filepath.Rel(root, page)
	rel = filepath.ToSlash(rel)
	original, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	p := startPreviewBuild(t, root, testTuning(), siteBuild(root))
	status, body := p.get(t, url)
	if status != 200 || !strings.Contains(body, `lang="it"`) || strings.Count(body, scriptTag) != 1 {
		t.Fatalf("GET %s: %d, want 200, the theme's page and the script once; stderr:\n%s\nbody:\n%s",
			url, status, p.stderr.String(), body)
	}
	events := p.events(t)

	writeFiles(t, root, map[string]string{rel: string(original) + "\nUna frase aggiunta durante l’anteprima.\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, url); status != 200 || !strings.Contains(body, "Una frase aggiunta durante l’anteprima.") {
		t.Fatalf("GET %s after edit: %d, want 200 with the new sentence; stderr:\n%s", url, status, p.stderr.String())
	}

	// An unknown front matter key on line 5 (title, description, date, then weight).
	lines := strings.Split(string(original), "\n")
	lineNo := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "weight:") {
			lines[i], lineNo = "wieght: 3", i+1
			break
		}
	}
	if lineNo < 0 {
		t.Fatalf("%s has no weight: line to break:\n%s", rel, original)
	}
	writeFiles(t, root, map[string]string{rel: strings.Join(lines, "\n")})
	waitReload(t, events, reloadWithin)
	status, body = p.get(t, url)
	where := rel + ":" + strconv.Itoa(lineNo)
	if status != 500 || !strings.Contains(body, "Errore nel contenuto") || !strings.Contains(body, where) ||
		!strings.Contains(body, "wieght: 3") {
		t.Fatalf("GET %s after breaking it: %d, want 500 and the error page naming %s and the line; body:\n%s",
			url, status, where, body)
	}
	if !strings.Contains(p.stderr.String(), where+": ") {
		t.Errorf("stderr %q lacks %q", p.stderr.String(), where+": ")
	}

	writeFiles(t, root, map[string]string{rel: string(original)})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, url); status != 200 || strings.Contains(body, "Errore nel contenuto") {
		t.Fatalf("GET %s after the fix: %d, want the page back", url, status)
	}
}
