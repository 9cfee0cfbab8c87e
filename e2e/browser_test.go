package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The one Chromium of the test binary, started by the first test that needs it and closed by TestMain.
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc = func() {}
	browserErr    error
)

// browserStartTimeout bounds the start of Chromium; a healthy start takes well under a second.
const browserStartTimeout = 30 * time.Second

// startBrowser starts Chromium once, headless, with the flags of ARCHITECTURE.md and a new empty profile (chromedp
// makes a temporary user-data-dir and removes it at the end).
func startBrowser(t testing.TB) context.Context {
	t.Helper()
	needBrowser(t)
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath()),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			// The site's readers use Italian browsers (Accept-Language, navigator.language). The file input's
			// button stays "Choose File" unless Debian's chromium-l10n is installed.
			chromedp.Flag("lang", "it-IT"),
		)
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		browserCtx = ctx
		browserCancel = func() { cancel(); acancel() }
		done := make(chan error, 1)
		go func() { done <- chromedp.Do(ctx) }()
		select {
		case browserErr = <-done:
		case <-time.After(browserStartTimeout):
			browserErr = errors.New("Chromium did not start within " + browserStartTimeout.String())
		}
		if browserErr != nil {
			browserCancel()
		}
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", chromiumPath(), browserErr)
	}
	return browserCtx
}

// stopBrowser closes Chromium and waits for it to exit (chromedp removes its profile folder).
func stopBrowser() { browserCancel() }

// Viewports the site is checked at: the narrowest phone the site must reflow to, a common phone, and a laptop.
var (
	narrow = viewport{Width: 320, Height: 800}
	phone  = viewport{Width: 360, Height: 800}
	wide   = viewport{Width: 1280, Height: 900}
)

// viewport is a CSS-pixel window size.
type viewport struct{ Width, Height int64 }

func (v viewport) String() string { return fmt.Sprintf("%dpx", v.Width) }

// tab is one browser tab with a fixed viewport and JavaScript on or off.
type tab struct {
	t   testing.TB
	ctx context.Context
	JS  bool
	VP  viewport
}

// actionTimeout bounds every single browser step (a navigation, a script, a key press).
const actionTimeout = 20 * time.Second

// newTab opens a tab in the shared browser with the viewport and JavaScript setting; the test's cleanup
// closes it. With js false the page's own scripts do not run, while scripts the test evaluates (axe) still do.
func newTab(t testing.TB, vp viewport, js bool) *tab {
	t.Helper()
	bctx := startBrowser(t)
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, JS: js, VP: vp}
	// The first action opens the tab and binds it to ctx, so it cannot take a timeout context: bound it here.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("opening a tab: %v", err)
		}
	case <-time.After(actionTimeout):
		cancel()
		t.Fatalf("opening a tab: no answer within %v", actionTimeout)
	}
	tb.do(chromedp.EmulateViewport(vp.Width, vp.Height))
	tb.setScripts(js)
	return tb
}

// setScripts switches script execution in the tab. Chromium keeps running Runtime.evaluate while scripts are
// disabled, but fires no timers, and axe needs timers: so a JS-off tab loads each page with scripts disabled
// (the page's own scripts never run and never register a handler), then enables them only while axe runs.
func (tb *tab) setScripts(on bool) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// String names the tab's settings for messages, e.g. "320px, JS off".
func (tb *tab) String() string { return settings(tb.VP, tb.JS) }

// settings names a viewport and JavaScript setting, e.g. "320px, JS off".
func settings(vp viewport, js bool) string {
	if js {
		return vp.String() + ", JS on"
	}
	return vp.String() + ", JS off"
}

// try runs the actions within actionTimeout and returns their error.
func (tb *tab) try(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// do runs the actions within actionTimeout and fails the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := tb.try(actions...); err != nil {
		tb.t.Fatalf("browser (%s): %v", tb, err)
	}
}

// evalIn evaluates a JavaScript expression in the tab (awaiting a promise) and decodes its value.
func evalIn[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("browser (%s): evaluating %.80q: %v", tb, expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true or timeout passes, and fails the test with what on
// timeout.
func (tb *tab) waitFor(cond string, timeout time.Duration, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := func() (bool, error) {
			ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
			defer cancel()
			return chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		}()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			loc := evalIn[string](tb, "location.href")
			tb.t.Fatalf("browser (%s): waited %v for %s at %s (%s): last error %v", tb, timeout, what, loc, cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// origin is the origin of the tab's current page.
func (tb *tab) origin() string { tb.t.Helper(); return evalIn[string](tb, "location.origin") }

// open navigates to url and waits for the load event.
func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(url))
}

// jsonString encodes v as a JavaScript literal.
func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
