package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabStop is an element the Tab key reached, with whether it showed a focus indicator.
type tabStop struct {
	Key       string `json:"key"`
	Indicator bool   `json:"indicator"`
}

// hasIndicatorJS is a JavaScript function that reports whether a focused element shows a focus indicator: an
// outline that is not transparent, or a box shadow. (Forced-colours mode drops box shadows: there an outline
// must do it.)
const hasIndicatorJS = `(e => {
	const s = getComputedStyle(e), c = s.outlineColor;
	const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 &&
		c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c);
	return outline || (!!s.boxShadow && s.boxShadow !== 'none');
})`

// focusIndicatorJS describes the focused element: a key naming it, and whether it shows a visible outline or a
// box shadow. It returns an empty key when the focus left the page or came back to an element already reached.
const focusIndicatorJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return {key: '', indicator: true};
	const seen = window.__e2eTabStops || (window.__e2eTabStops = new Set());
	if (seen.has(e)) return {key: '', indicator: true};
	seen.add(e);
	const key = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '') +
		(e.getAttribute('href') ? '[href=' + e.getAttribute('href') + ']' : '') + ' "' + (e.innerText || e.value || '').trim().slice(0, 30) + '"';
	return {key, indicator: ` + hasIndicatorJS + `(e)};
})()`

// maxTabStops bounds the walk through one page.
const maxTabStops = 200

// walkFocus presses Tab from the top of the page until the focus leaves the page or comes back to an element
// already reached, and returns the elements reached in order.
func walkFocus(tb *tab) []tabStop {
	tb.t.Helper()
	var stops []tabStop
	for range maxTabStops {
		tb.press(kb.Tab)
		st := evalIn[tabStop](tb, focusIndicatorJS)
		if st.Key == "" {
			return stops
		}
		stops = append(stops, st)
	}
	tb.t.Fatalf("focus: more than %d tab stops", maxTabStops)
	return nil
}

// TestFocusVisible walks every page with the Tab key, without JavaScript at 1280 px, and wants a visible focus
// indicator on every element reached (WCAG 2.4.7), also in forced-colours mode (Windows high contrast).
func TestFocusVisible(t *testing.T) {
	s := getSuite(t)
	for _, forced := range []bool{false, true} {
		name := "normal colours"
		if forced {
			name = "forced colours"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, wide, false)
			if forced {
				tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}}})
					return err
				}))
			}
			total := 0
			for _, p := range s.Pages {
				tb.open(s.URL + p)
				if got := evalIn[bool](tb, "matchMedia('(forced-colors: active)').matches"); got != forced {
					t.Fatalf("focus: forced-colors emulation is %v, want %v", got, forced)
				}
				stops := walkFocus(tb)
				total += len(stops)
				for _, st := range stops {
					if !st.Indicator {
						t.Errorf("focus: %s (%s, %s): %s has the focus but no visible indicator (outline or box-shadow)", p, tb, name, st.Key)
					}
				}
			}
			t.Logf("%d tab stops on %d pages", total, len(s.Pages))
		})
	}
}
