package e2e

import (
	"testing"
)

// zoomText200 sets the root font size to 200%, as a browser's text-size setting does for a site sized in rem and
// em (WCAG 1.4.4), and opens the main menu where it is collapsed, so that its links are checked too.
const zoomText200 = `(() => {
	document.documentElement.style.fontSize = '200%';
	document.querySelectorAll('details').forEach(d => { d.open = true; });
	return true;
})()`

// clippedText lists up to 8 elements a person reads or operates (labels, legends, buttons, links, headings,
// text) whose content is wider than their box, or whose box ends past the window's right edge.
const clippedText = `(() => {
	const out = [], w = innerWidth;
	const sel = 'label, legend, button, summary, a, h1, h2, h3, p, li, dt, dd, td, th, caption, input, textarea, strong, span';
	for (const el of document.querySelectorAll(sel)) {
		const b = el.getBoundingClientRect(), s = getComputedStyle(el);
		if (b.width === 0 || b.height === 0 || s.visibility === 'hidden' || b.right < 0 || el.closest('.visually-hidden, .hp, [hidden], .table-wrap thead')) continue;
		const text = el.matches('input, textarea') ? false : el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
		if (text || b.right > w + 0.5 || b.left < -0.5) {
			if (out.length < 8) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
				(typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
				' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '" box ' + Math.round(b.left) + '..' +
				Math.round(b.right) + ' content ' + el.scrollWidth + '>' + el.clientWidth);
		}
	}
	return out;
})()`

// checkZoomed applies zoomText200 to the tab's page and wants no sideways scrolling and no clipped text.
func checkZoomed(t testing.TB, tb *tab, what string) {
	t.Helper()
	evalIn[bool](tb, zoomText200)
	checkReflow(t, tb, what+" at 200% text")
	if c := evalIn[[]string](tb, clippedText); len(c) > 0 {
		t.Errorf("200%% text: %s (%s) cuts text off or sticks out: %v", what, tb, c)
	}
}

// TestText200 wants every page, and both forms with every error shown, readable at 320 px with text at 200%
// (WCAG 1.4.4 resize text, 1.4.10 reflow): no sideways scrolling, no label, legend, button or link cut off,
// with JavaScript on and off.
func TestText200(t *testing.T) {
	s := getSuite(t)
	forms := []struct{ name, page, form string }{
		{"application", applyPage, applyForm},
		{"contact", contactPage, contactForm},
	}
	for _, js := range []bool{false, true} {
		t.Run(settings(narrow, js), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, narrow, js)
			for _, p := range s.Pages {
				tb.open(s.URL + p)
				checkZoomed(t, tb, p)
			}
			for _, f := range forms {
				for _, answers := range []map[string]string{nil, wrongAnswers[f.form]} {
					tb.open(s.URL + f.page)
					fillValues(tb, f.form, answers)
					clickSubmit(tb, f.form)
					if !js {
						tb.waitNavigation(s.URL+f.page, submitTimeout)
					}
					tb.waitFor(`document.title.startsWith('Errore: ')`, submitTimeout, "the errors of the "+f.name+" form")
					checkZoomed(t, tb, f.name+" form with errors")
				}
			}
		})
	}
}
