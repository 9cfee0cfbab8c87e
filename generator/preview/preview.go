// Package preview is the live preview behind `generator serve`: it builds the site in memory, serves it, watches
// the sources, rebuilds on every change and tells the open browser tabs to reload.
//
// # Serving
//
// Run serves the files of the latest good build from memory: "/x/" is "x/index.html", "/x" is the file "x" or,
// when only "x/index.html" exists, a redirect to "/x/". The Content-Type follows the extension. A missing file is
// the build's "404.html" with status 404. Every response says Cache-Control: no-store, so a reload always shows
// the latest build. GET and HEAD are answered; requests under /api/ go to Options.API exactly as they came.
//
// # Live reload
//
// Every text/html response gets, just before its last </body>, the tag
//
//	<script src="/_preview/reload.js" defer></script>
//
// (added by the server: the build output never holds it). The script listens to the Server-Sent Events of
// /_preview/events and reloads the page on a "reload" event, sent after every rebuild; when the server restarts,
// the script reconnects and reloads.
//
// # Watching
//
// fsnotify watches every folder under Root/content and Root/themes (new folders are added as they appear, gone
// ones dropped) and Root itself for site.yaml. Editors' temporary and swap files (.swp, .swx, ~, #...#, .#...,
// .goutputstream*, 4913, .DS_Store, *.tmp) and permission-only changes are ignored. Changes are batched: a
// rebuild starts once no change has arrived for 20 ms, and at most 100 ms after the first change. When the system
// has no inotify watches left, Run says so once on Stderr and checks the files every 500 ms instead.
//
// # Errors
//
// When a build fails, static files of the last good build keep being served, but every page is an Italian error
// page ("Errore nel contenuto", status 500) listing each error with its file, line, message and the lines of
// the source around it; the open tabs reload to show it, and Stderr prints the same "file:line: message" lines.
// The next good build restores the site and reloads the tabs again. If the very first build fails, every page is
// the error page until the sources are fixed.
//
// Stdout gets one line when the server is ready ("Anteprima su http://ADDR/ — premi Ctrl-C per uscire") and one
// per build, with its duration and the files that changed ("Ricostruito in 12 ms: content/presidi.md").
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"quartieri/internal/httplimit"
)

// Options configures Run.
type Options struct {
	// Addr is the TCP address to listen on, such as 127.0.0.1:1313; port 0 picks a free port.
	Addr string
	// Root is the source folder: Root/content and Root/themes are watched with every folder below them, and
	// Root/site.yaml. Diagnostics' File names are relative to it.
	Root string
	// Build builds the whole site in memory and returns its files by URL path without the leading slash
	// ("index.html", "servizi/presidi/index.html", "css/site.css"). Its error may be a diag.List.
	Build func() (map[string][]byte, error)
	// API, when not nil, serves every request under /api/, unchanged.
	API http.Handler
	// Stdout receives the start line and one line per build; Stderr the diagnostics and warnings. Nil discards.
	Stdout, Stderr io.Writer
	// Ready, when not nil, is called once the server listens, with its real address.
	Ready func(addr string)
}

// tuning holds the timings and hooks Run uses; tests change them.
type tuning struct {
	quiet, maxWait time.Duration // the batching windows
	pollEvery      time.Duration // the stat walk interval when inotify watches run out
	heartbeat      time.Duration // the interval of SSE keep-alive comments
	shutdown       time.Duration // how long Run waits for requests in flight when ctx is cancelled
	addWatch       func(w *fsnotify.Watcher, dir string) error
	limits         httplimit.Limits // slow uploads and connections (package httplimit)
}

func defaultTuning() tuning {
	return tuning{
		quiet:     20 * time.Millisecond,
		maxWait:   100 * time.Millisecond,
		pollEvery: 500 * time.Millisecond,
		heartbeat: 20 * time.Second,
		shutdown:  3 * time.Second,
		addWatch:  func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) },
		limits:    httplimit.Defaults,
	}
}

// Run builds the site, serves it on opts.Addr and rebuilds it on every change of the sources until ctx is
// cancelled; then it shuts the server down, ends the event streams, closes the watcher and returns nil. It returns
// an error only when it cannot listen or the server fails.
func Run(ctx context.Context, opts Options) error {
	return run(ctx, opts, defaultTuning())
}

func run(ctx context.Context, opts Options, tn tuning) error {
	if opts.Build == nil {
		return errors.New("anteprima: manca la funzione che costruisce il sito")
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return fmt.Errorf("anteprima: cartella %q: %w", opts.Root, err)
	}
	b := &builder{build: opts.Build, root: root, stdout: orDiscard(opts.Stdout), stderr: orDiscard(opts.Stderr)}
	b.srv = &server{events: newBroker(tn.heartbeat), api: opts.API}
	b.srv.current.Store(&snapshot{})

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("anteprima: non riesco ad aprire l’indirizzo %s: %w", opts.Addr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	b.start(ctx, &wg, tn)

	// Slow or stalled uploads to the form API are dropped, and connections bounded (package httplimit).
	srv := httplimit.Server(b.srv, tn.limits)
	srv.RegisterOnShutdown(b.srv.events.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(httplimit.Listener(ln, tn.limits.MaxConns)) }()
	addr := displayAddr(ln.Addr())
	fmt.Fprintf(b.stdout, "Anteprima su http://%s/ — premi Ctrl-C per uscire\n", addr)
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}

	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
	}
	cancel()
	b.srv.events.close()
	shutCtx, stop := context.WithTimeout(context.Background(), tn.shutdown)
	defer stop()
	if shutErr := srv.Shutdown(shutCtx); shutErr != nil && err == nil {
		err = shutErr
	}
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// start builds the site once, then keeps watching the sources and rebuilding, on goroutines of wg, until ctx is
// done. The first build starts once the sources are watched, so that no edit made while it runs is lost, and
// start returns after it: when Ready is called, every edit from then on is seen.
func (b *builder) start(ctx context.Context, wg *sync.WaitGroup, tn tuning) {
	changes := make(chan string, 64)
	batches := make(chan []string)
	watching := make(chan struct{})
	wg.Go(func() { watchSources(ctx, b.root, changes, b.stderr, tn, sync.OnceFunc(func() { close(watching) })) })
	wg.Go(func() { batch(ctx, changes, batches, tn.quiet, tn.maxWait) })
	<-watching
	b.rebuild(nil)
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case names := <-batches:
				b.rebuild(names)
			}
		}
	})
}

// displayAddr is the address to print: an unspecified host (":1313") is shown as localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
