package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// humanDelay is how long the JavaScript test waits on a form before sending it: the backend's time trap treats
// a form sent faster than a person could fill it as a sign of spam.
const humanDelay = 3500 * time.Millisecond

// fillWithJS types the text answers with key events, ticks checkboxes and picks radios by clicking, and attaches
// the file, on a page where the site's scripts run.
func fillWithJS(tb *tab, formSel string, answers keyboardAnswers) {
	tb.t.Helper()
	for name, v := range answers {
		sel := formSel + ` [name="` + name + `"]`
		kind := evalIn[string](tb, fmt.Sprintf(`(document.querySelector(%s) || {}).type || 'missing'`, jsq(sel)))
		switch kind {
		case "missing":
			tb.t.Fatalf("form %s has no field %q", formSel, name)
		case "checkbox":
			tb.do(chromedp.Click(chromedp.CSS(sel)))
		case "radio":
			tb.do(chromedp.Click(chromedp.CSS(sel + `[value="` + v + `"]`)))
		case "file":
			tb.do(chromedp.SetUploadFiles(chromedp.CSS(sel), []string{v}))
		default:
			tb.do(chromedp.SendKeys(chromedp.CSS(sel), v))
		}
	}
}

// TestSubmitWithJS sends both forms from pages where the site's scripts run, and wants the receipt page.
func TestSubmitWithJS(t *testing.T) {
	s := getSuite(t)
	cvPath, pdf := writeCV(t)
	cases := []struct {
		name, page, form, key string
		answers               keyboardAnswers
		cv                    bool // a CV is uploaded and must be stored
	}{
		{"application", applyPage, applyForm, "receipt", candidate.with("cv", cvPath, "tax_code", "BNCGLI90A41F205H",
			"given_name", "Giulia", "family_name", "Bianchi"), true},
		{"contact", contactPage, contactForm, "ticket", tenant.with("town", "sant-angelo-lodigiano", "topic", "technical"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, wide, true)
			tb.open(s.URL + c.page)
			loaded := time.Now()
			before := storeSnapshot(t, s.DataDir)
			fillWithJS(tb, c.form, c.answers)
			time.Sleep(time.Until(loaded.Add(humanDelay)))
			clickSubmit(tb, c.form)
			st := waitStored(t, s.DataDir, before, c.key, submitTimeout)
			checkReceiptPage(t, tb, st.Ref)
			checkNotSuspect(t, st)
			if c.cv {
				checkCV(t, st, pdf)
			}
			checkMails(t, s.DataDir, before, st, 2) // to staff or the presidio, and to the sender
		})
	}
}

// TestFixErrorsWithJS sends the contact form empty from a page whose scripts run, gets the inline error
// summary, fills the form in, sends it again and wants the receipt: the way most people meet an error.
func TestFixErrorsWithJS(t *testing.T) {
	s := getSuite(t)
	tb := newTab(t, narrow, true)
	tb.open(s.URL + contactPage)
	loaded := time.Now()
	before := storeSnapshot(t, s.DataDir)
	clickSubmit(tb, contactForm)
	tb.waitFor(`document.body.innerText.includes("C'è un problema")`, submitTimeout, "the error summary")
	fillWithJS(tb, contactForm, tenant.with("town", "casalpusterlengo", "topic", "administrative"))
	time.Sleep(time.Until(loaded.Add(humanDelay)))
	clickSubmit(tb, contactForm)
	st := waitStored(t, s.DataDir, before, "ticket", submitTimeout)
	checkReceiptPage(t, tb, st.Ref)
	checkNotSuspect(t, st)
	checkMails(t, s.DataDir, before, st, 2)
}
