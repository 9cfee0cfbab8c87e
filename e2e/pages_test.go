package e2e

import (
	"fmt"
	"testing"
	"time"
)

// TestAccessibility runs axe on every built page at 320 px and 1280 px, with JavaScript off and on, and checks
// that no page scrolls sideways at 320 px (WCAG 1.4.10 reflow).
func TestAccessibility(t *testing.T) {
	s := getSuite(t)
	if len(s.Pages) == 0 {
		t.Fatal("the build produced no HTML page")
	}
	for _, vp := range []viewport{narrow, wide} {
		for _, js := range []bool{false, true} {
			t.Run(settings(vp, js), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t, vp, js)
				start := time.Now()
				for _, p := range s.Pages {
					tb.open(s.URL + p)
					checkAxe(t, tb, p)
					if vp == narrow {
						checkReflow(t, tb, p)
					}
				}
				t.Logf("%d pages checked in %v", len(s.Pages), time.Since(start).Round(time.Millisecond))
			})
		}
	}
}

// reflow describes how wide a page is against the window, with the elements that stick out.
type reflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Culprits    []string `json:"culprits"`
}

// checkReflow fails the test when the tab's page is wider than the window, naming the widest offenders.
func checkReflow(t testing.TB, tb *tab, what string) {
	t.Helper()
	r := evalIn[reflow](tb, `(() => {
		const w = window.innerWidth, out = [];
		for (const el of document.body.querySelectorAll('*')) {
			const b = el.getBoundingClientRect();
			if (b.right > w + 0.5 && out.length < 5) {
				out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
					(el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
					' right=' + Math.round(b.right));
			}
		}
		return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: out};
	})()`)
	if r.ScrollWidth > r.InnerWidth {
		t.Errorf("reflow: %s (%s) scrolls sideways: scrollWidth %d > innerWidth %d; elements past the edge: %v",
			what, tb, r.ScrollWidth, r.InnerWidth, fmt.Sprint(r.Culprits))
	}
}
