package httplimit_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"quartieri/internal/httplimit"
)

// small are limits a test can wait for.
var small = httplimit.Limits{Idle: 300 * time.Millisecond, Total: 1500 * time.Millisecond, MaxConns: 3}

// serve starts a server with l whose handler reads the whole body and answers 200 "read N" or 400.
func serve(t *testing.T, l httplimit.Limits) (addr string, bodies *atomic.Int64) {
	t.Helper()
	bodies = &atomic.Int64{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			http.Error(w, "truncated", http.StatusBadRequest)
			return
		}
		bodies.Add(1)
		fmt.Fprintf(w, "read %d", n)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httplimit.Server(h, l)
	go srv.Serve(httplimit.Listener(ln, l.MaxConns))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), bodies
}

// startUpload sends the headers of a POST of size bytes and the first part bytes of its body.
func startUpload(t *testing.T, addr string, size, part int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(c, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", size, strings.Repeat("a", part))
	return c
}

// closedWithin reports whether the server ends the connection (an answer, then EOF) within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(d))
	_, err := io.ReadAll(c)
	return err == nil // EOF: closed by the server; a timeout: still open
}

func TestStalledUploadIsDropped(t *testing.T) {
	addr, bodies := serve(t, small)
	c := startUpload(t, addr, 1000, 500)
	defer c.Close()
	if !closedWithin(c, 5*time.Second) {
		t.Fatal("a stalled upload is still open after 5 s (Idle is 300 ms)")
	}
	// Resuming after the limit: nothing is accepted.
	c.Write([]byte(strings.Repeat("a", 500)))
	time.Sleep(100 * time.Millisecond)
	if n := bodies.Load(); n != 0 {
		t.Errorf("%d bodies read, want 0", n)
	}
}

func TestTrickleUploadIsDroppedAtTotal(t *testing.T) {
	l := small
	l.Idle = 3 * time.Second // longer than Total: only Total can drop it
	addr, bodies := serve(t, l)
	c := startUpload(t, addr, 1000, 1)
	defer c.Close()
	start := time.Now()
	for time.Since(start) < 5*time.Second {
		if _, err := c.Write([]byte("a")); err != nil {
			break
		}
		time.Sleep(100 * time.Millisecond) // within Idle
	}
	if !closedWithin(c, 2*time.Second) {
		t.Fatal("a trickling upload is still open after 5 s (Total is 1.5 s)")
	}
	if n := bodies.Load(); n != 0 {
		t.Errorf("%d bodies read, want 0", n)
	}
}

func TestUploadInTimeIsRead(t *testing.T) {
	l := small
	l.Idle, l.Total = 3*time.Second, 5*time.Second // a pause of 100 ms, even on a busy machine
	addr, _ := serve(t, l)
	c := startUpload(t, addr, 1000, 500)
	defer c.Close()
	time.Sleep(100 * time.Millisecond)
	c.Write([]byte(strings.Repeat("a", 500)))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != "read 1000" {
		t.Errorf("%d %q, want 200 read 1000", resp.StatusCode, body)
	}
}

func TestConnectionLimit(t *testing.T) {
	l := small
	l.Idle, l.Total = 10*time.Second, 10*time.Second // stalls that last the whole test
	addr, _ := serve(t, l)
	var held []net.Conn
	for range l.MaxConns {
		held = append(held, startUpload(t, addr, 1000, 10))
	}
	extra, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	fmt.Fprintf(extra, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	extra.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, err := extra.Read(make([]byte, 1)); err == nil {
		t.Fatal("a connection over MaxConns was served")
	}
	held[0].Close()
	extra.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(extra), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("once one closed, the waiting connection got %v, %v", resp, err)
	}
	for _, c := range held[1:] {
		c.Close()
	}
}

// TestStalledUploadsLeaveNoGoroutines: 20 stalled uploads are dropped and their goroutines end.
func TestStalledUploadsLeaveNoGoroutines(t *testing.T) {
	l := small
	l.MaxConns = 64
	addr, _ := serve(t, l)
	before := runtime.NumGoroutine()
	var conns []net.Conn
	for range 20 {
		conns = append(conns, startUpload(t, addr, 1<<20, 4096))
	}
	for _, c := range conns {
		if !closedWithin(c, 5*time.Second) {
			t.Fatal("a stalled upload is still open after 5 s")
		}
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines after the uploads were dropped, %d before", n, before)
	}
}
