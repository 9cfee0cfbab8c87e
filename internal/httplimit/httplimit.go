// Package httplimit bounds what slow or stalled clients can hold on the project's own HTTP servers: the preview
// of `generator serve` (with the form API) and the functions' local HTTP mode. On AWS, API Gateway buffers the
// request before the Lambda runs, so none of this applies there.
//
// A request body is read under two deadlines, set on the connection before each read through
// http.ResponseController: Idle, the longest pause between two reads (a client that stops sending halfway is
// dropped then), and Total, the longest time for the whole body (a client that trickles a byte at a time cannot
// hold a connection longer). A read past a deadline fails, the handler answers as for a truncated body, and the
// connection is closed: a client that resumes later finds it gone. Requests without a body (the preview's pages
// and its Server-Sent Events stream) get no deadline: http.Server.ReadTimeout would cut the event stream too.
//
// Listener accepts at most N connections at once; the next ones wait in the kernel's backlog until one closes,
// as golang.org/x/net/netutil.LimitListener does (not imported for 30 lines).
//
// The values the servers use (Defaults): Idle 30 s, Total 5 minutes, 64 connections, IdleTimeout 60 s between
// requests. A 4 MiB CV over a slow 3G upload (0.4 Mbit/s) takes about 85 s and over EDGE (128 kbit/s) about 4.5
// minutes, within Total; mobile networks pause for a few seconds on a handover, well within Idle. A browser opens
// at most 6 connections to a host and each preview tab holds one for its events: 64 leaves room for many tabs,
// while 64 stalled uploads of at most 4 MiB + 64 KiB each bound the memory they can hold.
package httplimit

import (
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits are the bounds of one server.
type Limits struct {
	Idle     time.Duration // longest pause while reading a request body
	Total    time.Duration // longest time to read a request body
	MaxConns int           // connections open at once
}

// Defaults are the limits of `generator serve` and of the functions' local HTTP mode (see the package doc).
var Defaults = Limits{Idle: 30 * time.Second, Total: 5 * time.Minute, MaxConns: 64}

// IdleTimeout is how long a kept-alive connection waits for its next request: an idle connection counts against
// MaxConns.
const IdleTimeout = 60 * time.Second

// Body returns h with the request body read under l.Idle and l.Total.
func Body(h http.Handler, l Limits) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
			r.Body = &deadlineBody{body: r.Body, rc: http.NewResponseController(w), idle: l.Idle,
				end: time.Now().Add(l.Total)}
		}
		h.ServeHTTP(w, r)
	})
}

type deadlineBody struct {
	body io.ReadCloser
	rc   *http.ResponseController
	idle time.Duration
	end  time.Time
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	d := time.Now().Add(b.idle)
	if d.After(b.end) {
		d = b.end
	}
	if err := b.rc.SetReadDeadline(d); err != nil {
		return 0, err
	}
	return b.body.Read(p)
}

func (b *deadlineBody) Close() error { return b.body.Close() }

// Listener returns ln accepting at most n connections at once.
func Listener(ln net.Listener, n int) net.Listener {
	return &limitListener{Listener: ln, sem: make(chan struct{}, n), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	sem       chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// Server returns an http.Server for h with l: the body deadlines, the header timeout and the idle timeout. Serve
// it on Listener(ln, l.MaxConns).
func Server(h http.Handler, l Limits) *http.Server {
	return &http.Server{Handler: Body(h, l), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: IdleTimeout}
}
