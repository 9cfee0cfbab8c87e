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

// TestCallClosesWhileOpen loads the application page built ten seconds before the deadline, with JavaScript on:
// the page warns that the call closes within 15 minutes. A candidate types some answers; 45 seconds of virtual
// time pass. The page must then say the call is closed in a role="alert" notice that has the focus, keep the
// form with what was typed, and offer no button to send it (issue 11: "keep what was typed, announce the closing
// in a role="alert" message that takes focus, and warn about 15 minutes before").
func TestCallClosesWhileOpen(t *testing.T) {
	s := deadlineSuite.get(t)
	tb := newTab(t, wide, true)
	tb.open(s.URL + applyPage)
	shown := func(sel string) string {
		return `(() => { const e = document.querySelector(` + jsq(sel) + `); return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0; })()`
	}
	if !evalIn[bool](tb, shown(applyForm)) {
		t.Fatalf("%s built at %s shows no application form", applyPage, justBefore.Format(time.RFC3339))
	}
	tb.waitFor(shown(`[data-call-warning][role="alert"]`), 5*time.Second, "the warning that the call closes within 15 minutes")
	if w := evalIn[string](tb, `document.querySelector('[data-call-warning]').innerText`); !strings.Contains(w, "15 minuti") {
		t.Errorf("the warning reads %q, want it to say 15 minuti", w)
	}
	typed := map[string]string{"given_name": "Giulia", "family_name": "Bianchi", "message": "Mi interessa molto questo lavoro."}
	for name, v := range typed {
		tb.do(chromedp.SendKeys(chromedp.CSS(applyForm+` [name="`+name+`"]`), v))
	}
	status := `(document.querySelector('[data-call-status]') || {}).textContent || ''`
	before := evalIn[string](tb, status)
	budget := float64(45 * time.Second / time.Millisecond)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{
			Policy: emulation.VirtualTimePolicyAdvance, Budget: &budget})
		return err
	}))
	tb.waitFor(`document.activeElement && document.activeElement.closest('[role="alert"][data-call-closed]')`, 10*time.Second,
		"the focus on the notice that the call has closed")
	if after := evalIn[string](tb, status); after == before {
		t.Errorf("the call status still reads %q after the deadline", after)
	}
	if !evalIn[bool](tb, shown(applyForm)) {
		t.Error("the application form was hidden at the deadline; the candidate's answers must stay in view")
	}
	for name, want := range typed {
		if got := evalIn[string](tb, `document.querySelector(`+jsq(applyForm+` [name="`+name+`"]`)+`).value`); got != want {
			t.Errorf("after the deadline %s holds %q, want what was typed, %q", name, got, want)
		}
	}
	if evalIn[bool](tb, shown(applyForm+` [type="submit"]`)) {
		t.Error("the send button is still shown after the deadline")
	}
	if evalIn[bool](tb, shown(`[data-call-warning]`)) {
		t.Error("the 15-minute warning is still shown after the deadline")
	}
	checkBlocksAfterDeadline(t, s)
	t.Logf("call status before: %q; after: %q; notice: %q", strings.TrimSpace(before), strings.TrimSpace(evalIn[string](tb, status)),
		evalIn[string](tb, `document.activeElement.innerText.slice(0, 80)`))
}

// checkBlocksAfterDeadline loads the home page ten seconds before the deadline with JavaScript on, lets 45
// seconds of virtual time pass, and wants the page's script to show the call blocks of the closed phase and hide
// the others, as a rebuild after the deadline would.
func checkBlocksAfterDeadline(t *testing.T, s *suite) {
	t.Helper()
	tb := newTab(t, wide, true)
	tb.open(s.URL + "/")
	wrong := `[...document.querySelectorAll('[data-call-when]')].filter(b => b.hidden === b.dataset.callWhen.split(' ').some(p => PHASES.includes(p)))
		.map(b => b.dataset.callWhen + (b.hidden ? ' hidden: ' : ' shown: ') + b.textContent.trim().slice(0, 50))`
	if n := evalIn[int](tb, `document.querySelectorAll('[data-call-when]').length`); n == 0 {
		t.Fatal("the home page has no call blocks")
	}
	if w := evalIn[[]string](tb, strings.ReplaceAll(wrong, "PHASES", "['open', 'closing']")); len(w) > 0 {
		t.Errorf("home page ten seconds before the deadline: %v", w)
	}
	budget := float64(45 * time.Second / time.Millisecond)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{
			Policy: emulation.VirtualTimePolicyAdvance, Budget: &budget})
		return err
	}))
	tb.waitFor(`(`+strings.ReplaceAll(wrong, "PHASES", "['closed']")+`).length === 0`, 10*time.Second,
		"the home page's call blocks of the closed phase, and only those, shown after the deadline")
}
