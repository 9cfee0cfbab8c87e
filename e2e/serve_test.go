package e2e

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveStartTimeout bounds building the generator and the first answer of `generator serve`.
const serveStartTimeout = 3 * time.Minute

// startServe builds the generator command and runs `generator serve -now` on a free port with its data in a
// temporary folder, as a newcomer does with `go run ./generator serve -now ...`; it returns the server's URL
// and the data folder. The process is stopped (interrupt, then kill) when the test ends.
func startServe(t *testing.T, now time.Time) (url, dataDir string, out *lockedBuffer) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "generator")
	ctx, cancel := context.WithTimeout(context.Background(), serveStartTimeout)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./generator")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./generator: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dataDir = filepath.Join(dir, "data")
	out = &lockedBuffer{}
	cmd := exec.Command(bin, "serve", "-source", repoRoot, "-addr", addr, "-data", dataDir,
		"-now", now.Format(time.RFC3339))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	url = "http://" + addr
	for {
		if resp, err := httpClient.Get(url + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url, dataDir, out
			}
		}
		select {
		case err := <-done:
			t.Fatalf("generator serve exited: %v\n%s", err, out.String())
		case <-ctx.Done():
			t.Fatalf("generator serve did not answer on %s within %v\n%s", addr, serveStartTimeout, out.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// TestGeneratorServe is issue 4's first check, as a newcomer does it: `generator serve -now
// 2025-04-20T10:00:00+02:00`, then in the browser (JavaScript on) an application with a real PDF and a contact
// message, each ending on its receipt, and the record, the CV and both mails of each under the data folder,
// none of them marked as spam; and the server's output names nobody (no personal data in logs).
func TestGeneratorServe(t *testing.T) {
	needBrowser(t)
	url, dataDir, out := startServe(t, openNow)
	for _, p := range []string{"/api/applications/token", "/api/contact/token"} {
		resp, err := httpClient.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("generator serve: GET %s = %d, want 200: the form API is not mounted at /api/", p, resp.StatusCode)
		}
	}
	cvPath, pdf := writeCV(t)
	s := &suite{URL: url, DataDir: dataDir}
	for _, c := range []struct {
		name, page, form, key string
		answers               keyboardAnswers
	}{
		{"application", applyPage, applyForm, "receipt", candidate.with("cv", cvPath)},
		{"contact", contactPage, contactForm, "ticket", tenant},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t, wide, true)
			tb.open(s.URL + c.page)
			loaded := time.Now()
			before := storeSnapshot(t, s.DataDir)
			fillWithJS(tb, c.form, c.answers)
			time.Sleep(time.Until(loaded.Add(humanDelay)))
			clickSubmit(tb, c.form)
			st := waitStored(t, s.DataDir, before, c.key, submitTimeout)
			checkReceiptPage(t, tb, st.Ref)
			checkNotSuspect(t, st)
			if c.name == "application" {
				checkCV(t, st, pdf)
			}
			checkMails(t, s.DataDir, before, st, 2)
		})
	}
	log := out.String()
	t.Logf("generator serve wrote %d lines of output", strings.Count(log, "\n"))
	for _, a := range []keyboardAnswers{candidate, tenant} {
		for field, v := range a {
			if len(v) > 3 && v != "yes" && field != "town" && field != "topic" && strings.Contains(log, v) {
				t.Errorf("generator serve's output carries the %s a person typed; logs must name nobody", field)
			}
		}
	}
}

// lockedBuffer collects a process's output, safe to read while the process writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
