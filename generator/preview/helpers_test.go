package preview

import (
	"bufio"
	"bytes"
	"context"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quartieri/generator/diag"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// writeFiles writes name -> content under root, making folders as needed. Like most editors, it writes a
// temporary file and renames it, so that no build can see a half-written file even on a loaded machine.
func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p+".tmp", []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".tmp", p); err != nil {
			t.Fatal(err)
		}
	}
}

// fakeBuild renders every content/**.md under root as a page holding its text ("content/a/b.md" ->
// "a/b/index.html", "content/index.md" -> "index.html"), plus 404.html and css/site.css. Each line containing
// ERRORE is a diagnostic. builds counts the calls.
func fakeBuild(root string, builds *atomic.Int64) func() (map[string][]byte, error) {
	return func() (map[string][]byte, error) {
		builds.Add(1)
		files := map[string][]byte{
			"404.html":     []byte("<!DOCTYPE html><html lang=\"it\"><body><h1>Pagina non trovata</h1></body></html>"),
			"css/site.css": []byte("body{color:#0b0c0c}"),
		}
		var errs diag.List
		err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			for i, line := range strings.Split(string(src), "\n") {
				if strings.Contains(line, "ERRORE") {
					errs = append(errs, diag.Diagnostic{File: rel, Line: i + 1, Message: "la parola ERRORE non è ammessa"})
				}
			}
			url := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")
			url = strings.TrimSuffix(strings.TrimSuffix(url, "index"), "/")
			name := strings.TrimPrefix(url+"/index.html", "/")
			files[name] = []byte("<!DOCTYPE html><html lang=\"it\"><body><main>" + html.EscapeString(string(src)) +
				"</main></body></html>\n")
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(errs) > 0 {
			return nil, errs
		}
		return files, nil
	}
}

// testTuning is defaultTuning with a short heartbeat, so that tests also cross keep-alive comments.
func testTuning() tuning {
	tn := defaultTuning()
	tn.heartbeat = 50 * time.Millisecond
	return tn
}

// running is a preview started by startPreview.
type running struct {
	base           string // http://127.0.0.1:port
	stdout, stderr *syncBuffer
	builds         *atomic.Int64
	cancel         context.CancelFunc
	done           chan error
}

// startPreview runs the preview of root with fakeBuild on a free port and stops it at the end of the test.
func startPreview(t testing.TB, root string, tn tuning) *running {
	t.Helper()
	return startPreviewBuild(t, root, tn, nil)
}

// startPreviewBuild is startPreview with another build; nil means fakeBuild.
func startPreviewBuild(t testing.TB, root string, tn tuning, build func() (map[string][]byte, error)) *running {
	t.Helper()
	return startPreviewAt(t, "127.0.0.1:0", root, tn, build)
}

// startPreviewAt is startPreviewBuild listening on addr.
func startPreviewAt(t testing.TB, addr, root string, tn tuning, build func() (map[string][]byte, error)) *running {
	t.Helper()
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}, builds: &atomic.Int64{}, done: make(chan error, 1)}
	if build == nil {
		build = fakeBuild(root, r.builds)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	ready := make(chan string, 1)
	opts := Options{
		Addr: addr, Root: root, Build: build,
		Stdout: r.stdout, Stderr: r.stderr,
		Ready: func(addr string) { ready <- addr },
	}
	go func() { r.done <- run(ctx, opts, tn) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(5 * time.Second):
			t.Error("preview still running 5 s after cancel")
		}
	})
	select {
	case addr := <-ready:
		r.base = "http://" + addr
	case err := <-r.done:
		t.Fatalf("preview stopped before it was ready: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("preview not ready within 60 s")
	}
	return r
}

// get fetches path from the preview and returns the status and body.
func (r *running) get(t testing.TB, path string) (int, string) {
	t.Helper()
	res, err := http.Get(r.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// events connects an SSE client to the preview; it returns once subscribed, with a channel of the names of the
// events received, closed when the stream ends.
func (r *running) events(t testing.TB) <-chan string {
	t.Helper()
	req, err := http.NewRequest("GET", r.base+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	res, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q, want text/event-stream", ct)
	}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() && sc.Text() != ": connesso" {
	}
	out := make(chan string, 16)
	go func() {
		defer close(out)
		defer res.Body.Close()
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

// waitReload fails the test unless a reload event arrives within d.
func waitReload(t testing.TB, events <-chan string, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for {
		select {
		case name, ok := <-events:
			if !ok {
				t.Fatal("event stream ended while waiting for reload")
			}
			if name == "reload" {
				return
			}
		case <-deadline:
			t.Fatalf("no reload event within %v", d)
		}
	}
}

// noReload fails the test if a reload event arrives within d.
func noReload(t testing.TB, events <-chan string, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for {
		select {
		case name := <-events:
			if name == "reload" {
				t.Fatal("reload event, want none")
			}
		case <-deadline:
			return
		}
	}
}

// waitShows waits for reload events until GET path returns 200 with want, for at most d: a file written in
// place (truncated, then written) may be built twice on a loaded machine.
func (r *running) waitShows(t testing.TB, events <-chan string, path, want string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		waitReload(t, events, time.Until(deadline))
		if status, body := r.get(t, path); status == 200 && strings.Contains(body, want) {
			return
		}
	}
}
