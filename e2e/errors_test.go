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
					checkAxe(t, tb, f.name+" form with errors")
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
