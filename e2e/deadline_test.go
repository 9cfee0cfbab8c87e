package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// justBefore is ten seconds before the first late instant of the call (29 April 2025, 00:00 in Rome).
var justBefore = time.Date(2025, 4, 28, 23, 59, 50, 0, rome)

var deadlineSuite = &lazySuite{now: justBefore}

// TestCallClosesWhileOpen loads the application page built ten seconds before the deadline, with JavaScript on,
// lets 45 seconds of virtual time pass, and wants the page to say the call is closed and hide the form, as the
// issue asks ("where JavaScript runs, keeps it right after the deadline passes").
func TestCallClosesWhileOpen(t *testing.T) {
	s := deadlineSuite.get(t)
	tb := newTab(t, wide, true)
	tb.open(s.URL + applyPage)
	visible := `(() => { const f = document.querySelector(` + jsq(applyForm) + `); return !!f && !f.closest('[hidden]'); })()`
	if !evalIn[bool](tb, visible) {
		t.Fatalf("%s built at %s shows no application form", applyPage, justBefore.Format(time.RFC3339))
	}
	status := `(document.querySelector('[data-call-status]') || {}).textContent || ''`
	before := evalIn[string](tb, status)
	budget := float64(45 * time.Second / time.Millisecond)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{
			Policy: emulation.VirtualTimePolicyAdvance, Budget: &budget})
		return err
	}))
	tb.waitFor(`!(`+visible+`)`, 10*time.Second, "the application form to hide after the deadline")
	after := evalIn[string](tb, status)
	if after == before {
		t.Errorf("the call status still reads %q after the deadline", after)
	}
	t.Logf("call status before: %q; after: %q", strings.TrimSpace(before), strings.TrimSpace(after))
}
