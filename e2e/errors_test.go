package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// wrongAnswers are typed into each form to put it in its error state: some fields left empty, some wrong.
var wrongAnswers = map[string]map[string]string{
	applyForm:   {"given_name": "Mario", "tax_code": "RSSMRA85T10A562X", "email": "mario.rossi-at-example.it"},
	contactForm: {"name": "Anna Bianchi", "email": "non-una-email"},
}

// fillValues sets the form's fields (by name) without key events; for pages where typing is not the point.
func fillValues(tb *tab, formSel string, values map[string]string) {
	tb.t.Helper()
	for name, v := range values {
		tb.do(chromedp.SetValue(chromedp.CSS(formSel+` [name="`+name+`"]`), v))
	}
}

// clickSubmit clicks the form's submit button with the mouse.
func clickSubmit(tb *tab, formSel string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS(formSel + ` [type="submit"]`)))
}

// TestFormErrorStates runs axe on both forms in their error state, at 320 and 1280 px: with JavaScript (the
// inline error summary) and without (the page the form backend returns).
func TestFormErrorStates(t *testing.T) {
	s := getSuite(t)
	forms := []struct{ name, page, form string }{
		{"application", applyPage, applyForm},
		{"contact", contactPage, contactForm},
	}
	for _, vp := range []viewport{narrow, wide} {
		for _, js := range []bool{true, false} {
			t.Run(settings(vp, js), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t, vp, js)
				for _, f := range forms {
					tb.open(s.URL + f.page)
					fillValues(tb, f.form, wrongAnswers[f.form])
					clickSubmit(tb, f.form)
					if !js {
						tb.waitNavigation(s.URL+f.page, submitTimeout)
					}
					tb.waitFor(`document.title.startsWith('Errore: ') && document.body.innerText.includes("C'è un problema")`,
						submitTimeout, "the error summary of the "+f.name+" form")
					if js {
						checkSummaryFocus(t, tb, f.name)
						if at := evalIn[string](tb, "location.href"); at == s.URL+f.page {
							t.Logf("%s form: errors shown inline by the page's script", f.name)
						} else {
							t.Logf("%s form: errors shown on the page the backend returned (%s)", f.name, at)
						}
					}
					checkErrorSummary(t, tb, f.name)
					checkAxe(t, tb, f.name+" form with errors")
					if vp == wide && !js {
						checkStructure(t, tb, f.name+" form with errors")
					}
					if vp == narrow {
						checkReflow(t, tb, f.name+" form with errors")
					}
				}
			})
		}
	}
}

// checkSummaryFocus wants the focus on the error summary (or inside it), as the GOV.UK pattern says.
func checkSummaryFocus(t testing.TB, tb *tab, name string) {
	t.Helper()
	tb.waitFor(`(() => { const e = document.activeElement; return e && e !== document.body &&
		(e.innerText || '').includes("C'è un problema"); })()`, submitTimeout,
		"the focus on the error summary of the "+name+" form")
}

// checkErrorSummary checks the GOV.UK error pattern on the tab's page: the summary ("C'è un problema") has a
// link per error to an element that exists; each field has its message as "{id}-error", with the same words as
// the summary, tied to the field (or its fieldset) by aria-describedby.
func checkErrorSummary(t testing.TB, tb *tab, name string) {
	t.Helper()
	problems := evalIn[[]string](tb, `(() => {
		const out = [];
		const h = [...document.querySelectorAll('h2, h3')].find(e => e.textContent.includes("C'è un problema"));
		if (!h) return ['no heading "C\'è un problema"'];
		const box = h.parentElement;
		const links = [...box.querySelectorAll('a[href^="#"]')];
		if (!links.length) out.push('the summary has no link to a field');
		for (const a of links) {
			const id = decodeURIComponent(a.getAttribute('href').slice(1));
			const field = document.getElementById(id);
			if (!field) { out.push('summary link ' + a.getAttribute('href') + ' points at no element'); continue; }
			const msg = document.getElementById(id + '-error');
			if (!msg) { out.push('no error message #' + id + '-error next to the field'); continue; }
			if (!msg.textContent.replace(/\s+/g, ' ').includes(a.textContent.replace(/\s+/g, ' ').trim()))
				out.push('#' + id + '-error says "' + msg.textContent.trim() + '", the summary "' + a.textContent.trim() + '"');
			const owner = field.closest('fieldset') && ['radio', 'checkbox'].includes(field.type) ? field.closest('fieldset') : field;
			if (!(owner.getAttribute('aria-describedby') || '').split(/\s+/).includes(id + '-error'))
				out.push('#' + (owner.id || id) + ' has no aria-describedby for #' + id + '-error');
		}
		return out;
	})()`)
	for _, p := range problems {
		t.Errorf("error summary of the %s form (%s): %s", name, tb, p)
	}
}
