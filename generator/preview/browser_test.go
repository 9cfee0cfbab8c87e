package preview

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// requireChromium returns the path of Chromium, or skips the test when there is none (fails it when
// QUARTIERI_REQUIRE_SERVERS=1).
func requireChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
		t.Fatal("Chromium not found (QUARTIERI_REQUIRE_SERVERS=1; run `make deps`)")
	}
	t.Skip("Chromium not found; skipping (set QUARTIERI_REQUIRE_SERVERS=1 to fail instead)")
	return ""
}

// browser starts a headless Chromium for the test and returns a tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(requireChromium(t)), chromedp.NoSandbox)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}

// mainText returns the text of the tab's main element, "" while there is none.
func mainText(ctx context.Context) (string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("main") || {}).textContent || ""`))
}

// showsWithin polls the tab until its main text contains want, for at most d.
func showsWithin(t *testing.T, ctx context.Context, want string, d time.Duration) bool {
	t.Helper()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if text, err := mainText(ctx); err == nil && strings.Contains(text, want) {
			return true
		}
	}
	return false
}

func TestBrowserReloadsOnEditAndAfterRestart(t *testing.T) {
	ctx := browser(t)
	root := newRoot(t)
	p := startPreview(t, root, testTuning())
	if _, err := chromedp.Run(ctx, chromedp.Navigate(p.base+"/presidi/")); err != nil {
		t.Fatal(err)
	}
	if !showsWithin(t, ctx, "Riga uno", 10*time.Second) {
		t.Fatal("the page never showed its first version")
	}

	// The tab's EventSource may still be connecting: edit until an edit shows up by itself, at most 10 s.
	shown := false
	for i := 0; i < 20 && !shown; i++ {
		marker := "Modifica " + strings.Repeat("x", i+1)
		writeFiles(t, root, map[string]string{"content/presidi.md": marker + "\n"})
		shown = showsWithin(t, ctx, marker, 500*time.Millisecond)
	}
	if !shown {
		t.Fatal("edits never appeared in the tab without a manual reload")
	}
	// An editor's save can arrive as two batches, hence two reloads: let the second one land before the restart,
	// or the tab may be mid-reload while the server is down.
	time.Sleep(500 * time.Millisecond)

	// Restart: stop the server, edit while it is down, start a new one on the same address.
	addr := strings.TrimPrefix(p.base, "http://")
	p.cancel()
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("Run after cancel = %v", err)
		}
		p.done <- nil
	case <-time.After(5 * time.Second):
		t.Fatal("Run still running 5 s after cancel")
	}
	writeFiles(t, root, map[string]string{"content/presidi.md": "Dopo il riavvio\n"})
	startPreviewAt(t, addr, root, testTuning(), nil)
	if !showsWithin(t, ctx, "Dopo il riavvio", 15*time.Second) {
		text, _ := mainText(ctx)
		t.Fatalf("after the server restarted the tab shows %q, want it reloaded with \"Dopo il riavvio\"", text)
	}
}

// axePath is axe-core as the test command installs it (tools/node_modules), relative to this package.
const axePath = "../../tools/node_modules/axe-core/axe.min.js"

func TestBrowserErrorPageIsAccessible(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
			t.Fatalf("axe-core not found at %s (QUARTIERI_REQUIRE_SERVERS=1; run `make deps`)", axePath)
		}
		t.Skipf("axe-core not found at %s; skipping (set QUARTIERI_REQUIRE_SERVERS=1 to fail instead)", axePath)
	}
	ctx := browser(t)
	root := newRoot(t)
	writeFiles(t, root, map[string]string{
		"content/presidi.md": "Riga uno\nERRORE <b>in una riga molto lunga che non sta in uno schermo stretto di telefono</b>\nRiga tre\n",
	})
	p := startPreview(t, root, testTuning())
	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}})
		.then(r => r.violations.map(v => v.id + ": " + v.nodes.map(n => n.html).join(" | ")))`
	for _, width := range []int64{320, 1280} {
		if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(p.base+"/presidi/")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
			t.Fatal(err)
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](run, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if len(violations) > 0 {
			t.Errorf("axe-core at %d px on the error page:\n%s", width, strings.Join(violations, "\n"))
		}
		scroll, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if scroll {
			t.Errorf("the error page scrolls sideways at %d px", width)
		}
	}
}
