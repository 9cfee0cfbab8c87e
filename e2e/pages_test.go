package e2e

import (
	"fmt"
	"testing"
	"time"
)

// TestAccessibility runs axe on every built page at 320 px and 1280 px, with JavaScript off and on, and checks
// that no page scrolls sideways at 320 px (WCAG 1.4.10 reflow: 1280 px at 400% zoom), also with the WCAG 1.4.12
// text spacing, nor at 640 px (200% zoom).
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
					if vp == wide && !js {
						checkStructure(t, tb, p)
					}
					if vp == narrow {
						checkReflow(t, tb, p)
						checkTextSpacing(t, tb, p)
					}
				}
				for i, u := range s.RedirectCopies {
					tb.open(s.URL + u)
					checkAxe(t, tb, "redirect page "+s.Redirects[i])
				}
				t.Logf("%d pages and %d redirect pages checked in %v", len(s.Pages), len(s.Redirects),
					time.Since(start).Round(time.Millisecond))
			})
		}
	}
	t.Run("640px (200% zoom), JS on", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, viewport{Width: 640, Height: 450}, true)
		for _, p := range s.Pages {
			tb.open(s.URL + p)
			checkReflow(t, tb, p)
		}
	})
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

// textSpacing is the style of WCAG 1.4.12 (text spacing): line height 1.5, paragraph spacing 2 em, letter
// spacing 0.12 em, word spacing 0.16 em.
const textSpacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`

// checkTextSpacing applies textSpacing to the tab's page, then wants no sideways scrolling and no text cut off
// by a box that hides its overflow. It changes the page: call it last.
func checkTextSpacing(t testing.TB, tb *tab, what string) {
	t.Helper()
	clipped := evalIn[[]string](tb, `(() => {
		const st = document.createElement('style');
		st.textContent = `+jsq(textSpacing)+`;
		document.head.append(st);
		const out = [];
		for (const el of document.body.querySelectorAll('*')) {
			const s = getComputedStyle(el), b = el.getBoundingClientRect();
			if (b.width <= 2 || b.height <= 2 || s.visibility === 'hidden' || s.display === 'none') continue;
			const hides = v => v === 'hidden' || v === 'clip';
			if ((hides(s.overflowY) && el.scrollHeight > el.clientHeight + 2) ||
				(hides(s.overflowX) && el.scrollWidth > el.clientWidth + 2)) {
				if (out.length < 5) out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ?
					'.' + el.className.trim().split(/\s+/).join('.') : '') + ': ' + (el.innerText || '').trim().slice(0, 40));
			}
		}
		return out;
	})()`)
	if len(clipped) > 0 {
		t.Errorf("text spacing: %s (%s) cuts text off with the WCAG 1.4.12 spacing: %v", what, tb, clipped)
	}
	checkReflow(t, tb, what+" with WCAG 1.4.12 text spacing")
}
