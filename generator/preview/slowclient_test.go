package preview

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"quartieri/internal/httplimit"
)

// TestStalledUploadToTheAPIIsDropped: an upload to the form API that stops halfway is dropped after the idle
// limit and never reaches the handler as a whole body, while the event stream, which has no body, stays open
// past it.
func TestStalledUploadToTheAPIIsDropped(t *testing.T) {
	tn := testTuning()
	tn.limits = httplimit.Limits{Idle: 300 * time.Millisecond, Total: 2 * time.Second, MaxConns: 8}
	var whole atomic.Int64
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "truncated", http.StatusBadRequest)
			return
		}
		whole.Add(1)
	})
	root := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, Options{Addr: "127.0.0.1:0", Root: root, Build: fakeBuild(root, &atomic.Int64{}), API: api,
			Ready: func(a string) { ready <- a }}, tn)
	}()
	defer func() { cancel(); <-done }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	events, err := http.Get("http://" + addr + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n%s", strings.Repeat("a", 500))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Fatalf("the stalled upload is still open after 5 s: %v", err)
	}
	c.Write([]byte(strings.Repeat("a", 500)))
	if n := whole.Load(); n != 0 {
		t.Errorf("%d whole bodies reached the API, want 0", n)
	}
	// The event stream outlives the idle limit: a heartbeat still arrives.
	buf := make([]byte, 64)
	got := make(chan error, 1)
	go func() {
		time.Sleep(2 * tn.limits.Idle)
		_, err := events.Body.Read(buf)
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Errorf("the event stream ended: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("no heartbeat on the event stream")
	}
}
