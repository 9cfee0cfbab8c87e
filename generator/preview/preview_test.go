package preview

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// reloadWithin bounds how long a test waits for a rebuild; the batching itself takes 20 to 100 ms.
const reloadWithin = 5 * time.Second

func newRoot(t *testing.T) string {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"site.yaml":               "title: Operatori di quartiere\n",
		"content/index.md":        "Benvenuti\n",
		"content/servizi/_x.md":   "",
		"content/presidi.md":      "Riga uno\nRiga due\nRiga tre\nRiga quattro\nRiga cinque\n",
		"themes/base/layout.html": "<main></main>\n",
	})
	return root
}

func TestServeEditBreakFix(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	if out := p.stdout.String(); !strings.Contains(out, "Anteprima su "+p.base+"/ — premi Ctrl-C per uscire") {
		t.Errorf("stdout %q lacks the start line", out)
	}
	events := p.events(t)

	// Edit: the tab is told to reload and sees the new text.
	writeFiles(t, root, map[string]string{"content/presidi.md": "Riga uno\nTesto nuovo\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, "/presidi/"); status != 200 || !strings.Contains(body, "Testo nuovo") {
		t.Fatalf("GET /presidi/ after edit: %d %q, want 200 with the new text", status, body)
	}

	// Break: every page is the error page, static files stay, the terminal says the same.
	writeFiles(t, root, map[string]string{"content/presidi.md": "Riga uno\nRiga due\nERRORE <b>qui</b>\nRiga quattro\n"})
	waitReload(t, events, reloadWithin)
	status, body := p.get(t, "/presidi/")
	for _, want := range []string{"Errore nel contenuto", "content/presidi.md:3", "ERRORE &lt;b&gt;qui&lt;/b&gt;", "Riga due", scriptTag} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
	if status != 500 {
		t.Errorf("GET /presidi/ while broken: status %d, want 500", status)
	}
	if status, body := p.get(t, "/"); status != 500 || !strings.Contains(body, "content/presidi.md:3") {
		t.Errorf("GET / while broken: %d, want 500 and the error page", status)
	}
	if status, body := p.get(t, "/css/site.css"); status != 200 || body != "body{color:#0b0c0c}" {
		t.Errorf("GET /css/site.css while broken: %d %q, want the last good file", status, body)
	}
	if errs := p.stderr.String(); !strings.Contains(errs, "content/presidi.md:3: la parola ERRORE non è ammessa\n") {
		t.Errorf("stderr %q lacks the file:line: message line", errs)
	}

	// Fix: the page is back, without restarting.
	writeFiles(t, root, map[string]string{"content/presidi.md": "Riga uno\nTutto a posto\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, "/presidi/"); status != 200 || !strings.Contains(body, "Tutto a posto") {
		t.Fatalf("GET /presidi/ after fix: %d %q, want 200 with the fixed text", status, body)
	}
	if out := p.stdout.String(); !regexp.MustCompile(`(?m)^Ricostruito in \d+ ms: content/presidi\.md$`).MatchString(out) {
		t.Errorf("stdout %q lacks a \"Ricostruito in N ms: content/presidi.md\" line", out)
	}
}

func TestServeWatchesSiteYAMLAndThemes(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	events := p.events(t)
	for _, name := range []string{"site.yaml", "themes/base/layout.html"} {
		before := p.builds.Load()
		writeFiles(t, root, map[string]string{name: "modificato\n"})
		waitReload(t, events, reloadWithin)
		if p.builds.Load() == before {
			t.Errorf("editing %s did not rebuild", name)
		}
	}
}

func TestServeWatchesNewSubfolders(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	events := p.events(t)
	writeFiles(t, root, map[string]string{"content/nuova/cartella/pagina.md": "Prima versione\n"})
	waitReload(t, events, reloadWithin)
	// The second write can only be seen through a watch on the new folder.
	time.Sleep(50 * time.Millisecond)
	// Written in place, as some editors save.
	page := filepath.Join(root, "content", "nuova", "cartella", "pagina.md")
	if err := os.WriteFile(page, []byte("Seconda versione\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitShows(t, events, "/nuova/cartella/pagina/", "Seconda versione", reloadWithin)
}

func TestServeIgnoresEditorFiles(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	events := p.events(t)
	before := p.builds.Load()
	writeFiles(t, root, map[string]string{
		"content/.presidi.md.swp": "x", "content/presidi.md~": "x", "content/4913": "x",
		"content/#presidi.md#": "x", "themes/base/.goutputstream-XYZ": "x", "content/.DS_Store": "x",
		"README.md": "not a source", "content/scrivi.tmp": "x",
	})
	noReload(t, events, 300*time.Millisecond)
	if n := p.builds.Load(); n != before {
		t.Fatalf("editor files caused %d rebuilds, want none", n-before)
	}
	writeFiles(t, root, map[string]string{"content/presidi.md": "Vero cambiamento\n"})
	waitReload(t, events, reloadWithin)
}

func TestServeFirstBuildBroken(t *testing.T) {
	root := newRoot(t)
	writeFiles(t, root, map[string]string{"content/index.md": "Benvenuti\nERRORE\n"})
	p := startPreview(t, root, testTuning())
	events := p.events(t)
	if status, body := p.get(t, "/"); status != 500 || !strings.Contains(body, "content/index.md:2") {
		t.Fatalf("GET / with a broken first build: %d %q, want 500 and the error page", status, body)
	}
	writeFiles(t, root, map[string]string{"content/index.md": "Benvenuti\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, "/"); status != 200 || !strings.Contains(body, "Benvenuti") {
		t.Fatalf("GET / after fixing the first build: %d %q, want 200", status, body)
	}
}

func TestServeNotFoundAndInjection(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	status, body := p.get(t, "/non-esiste/")
	if status != 404 || !strings.Contains(body, "Pagina non trovata") || strings.Count(body, scriptTag) != 1 {
		t.Errorf("GET /non-esiste/: %d %q, want 404 with the built 404.html and the script once", status, body)
	}
	if _, body := p.get(t, "/"); strings.Count(body, scriptTag) != 1 {
		t.Errorf("GET /: the script appears %d times, want once", strings.Count(body, scriptTag))
	}
	if _, body := p.get(t, "/css/site.css"); strings.Contains(body, "script") {
		t.Errorf("GET /css/site.css holds the script: %q", body)
	}
	if status, body := p.get(t, scriptPath); status != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("GET %s: %d %q, want the script", scriptPath, status, body)
	}
}

func TestServeStopsPromptlyOnCancel(t *testing.T) {
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	events := p.events(t)
	p.cancel()
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("Run after cancel = %v, want nil", err)
		}
		p.done <- nil // for the cleanup
	case <-time.After(2 * time.Second):
		t.Fatal("Run still running 2 s after cancel")
	}
	select {
	case _, ok := <-events:
		for ok {
			_, ok = <-events
		}
	case <-time.After(2 * time.Second):
		t.Fatal("event stream still open after Run returned")
	}
}

func TestServeFallsBackToPolling(t *testing.T) {
	root := newRoot(t)
	tn := testTuning()
	tn.pollEvery = 50 * time.Millisecond
	tn.addWatch = func(w *fsnotify.Watcher, dir string) error {
		if filepath.Base(dir) == "servizi" {
			return syscall.ENOSPC
		}
		return w.Add(dir)
	}
	p := startPreview(t, root, tn)
	events := p.events(t)
	writeFiles(t, root, map[string]string{"content/servizi/pagina.md": "Con il polling\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, "/servizi/pagina/"); status != 200 || !strings.Contains(body, "Con il polling") {
		t.Fatalf("GET /servizi/pagina/ while polling: %d %q, want 200 with the new text", status, body)
	}
	writeFiles(t, root, map[string]string{"content/servizi/pagina.md": "Ancora con il polling\n"})
	waitReload(t, events, reloadWithin)
	if n := strings.Count(p.stderr.String(), "controllo i file ogni 50 ms"); n != 1 {
		t.Errorf("stderr says it polls %d times, want once:\n%s", n, p.stderr.String())
	}
}

func TestRunWithRelativeRoot(t *testing.T) {
	root := newRoot(t)
	t.Chdir(root)
	var builds atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Addr: "127.0.0.1:0", Root: ".", Build: fakeBuild(".", &builds), Ready: func(a string) { ready <- a }})
	}()
	var p running
	select {
	case a := <-ready:
		p.base = "http://" + a
	case err := <-done:
		t.Fatalf("Run = %v before it was ready", err)
	case <-time.After(5 * time.Second):
		t.Fatal("Run not ready within 5 s")
	}
	events := p.events(t)
	writeFiles(t, root, map[string]string{"content/index.md": "Cartella relativa\n"})
	waitReload(t, events, reloadWithin)
	if status, body := p.get(t, "/"); status != 200 || !strings.Contains(body, "Cartella relativa") {
		t.Fatalf("GET / with Root \".\": %d %q, want 200 with the new text", status, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run still running 5 s after cancel")
	}
}

func TestRunReportsAnAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var builds atomic.Int64
	root := newRoot(t)
	err = Run(context.Background(), Options{Addr: ln.Addr().String(), Root: root, Build: fakeBuild(root, &builds)})
	if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Fatalf("Run on a busy address = %v, want an error naming it", err)
	}
}

func TestServeFollowsRenamedAndRemovedFolders(t *testing.T) {
	root := newRoot(t)
	writeFiles(t, root, map[string]string{"content/vecchia/sotto/pagina.md": "Prima\n"})
	p := startPreview(t, root, testTuning())
	events := p.events(t)

	if err := os.Rename(filepath.Join(root, "content", "vecchia"), filepath.Join(root, "content", "nuova")); err != nil {
		t.Fatal(err)
	}
	waitReload(t, events, reloadWithin)
	if status, _ := p.get(t, "/vecchia/sotto/pagina/"); status != 404 {
		t.Errorf("GET /vecchia/sotto/pagina/ after the rename: %d, want 404", status)
	}
	// Only a watch on the renamed folder, under its new name, sees this edit.
	time.Sleep(50 * time.Millisecond)
	writeFiles(t, root, map[string]string{"content/nuova/sotto/pagina.md": "Dopo lo spostamento\n"})
	p.waitShows(t, events, "/nuova/sotto/pagina/", "Dopo lo spostamento", reloadWithin)

	if err := os.RemoveAll(filepath.Join(root, "content", "nuova")); err != nil {
		t.Fatal(err)
	}
	waitReload(t, events, reloadWithin)
	if status, _ := p.get(t, "/nuova/sotto/pagina/"); status != 404 {
		t.Errorf("GET /nuova/sotto/pagina/ after removing its folder: %d, want 404", status)
	}
	// A folder created again with the same name is watched again.
	writeFiles(t, root, map[string]string{"content/nuova/sotto/pagina.md": "Di nuovo\n"})
	p.waitShows(t, events, "/nuova/sotto/pagina/", "Di nuovo", reloadWithin)
	time.Sleep(50 * time.Millisecond)
	writeFiles(t, root, map[string]string{"content/nuova/sotto/pagina.md": "Ancora di nuovo\n"})
	p.waitShows(t, events, "/nuova/sotto/pagina/", "Ancora di nuovo", reloadWithin)
}
