package lambdahttp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"quartieri/internal/httplimit"
)

// TestLocalModeDropsStalledUploads: the functions' local HTTP mode drops an upload that stops halfway.
func TestLocalModeDropsStalledUploads(t *testing.T) {
	saved := limits
	limits = httplimit.Limits{Idle: 300 * time.Millisecond, Total: 2 * time.Second, MaxConns: 4}
	defer func() { limits = saved }()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) })
	getenv := func(k string) string {
		if k == "ADDR" {
			return addr
		}
		return ""
	}
	go func() { done <- Serve(ctx, h, getenv, slog.New(slog.DiscardHandler)) }()
	defer func() { cancel(); <-done }()
	var c net.Conn
	for range 100 {
		if c, err = net.Dial("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n%s", strings.Repeat("a", 500))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Fatalf("the stalled upload is still open after 5 s: %v", err)
	}
}
