package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestKeptCVNoJS sends the application without JavaScript with the CV and a wrong codice fiscale: the page the
// backend returns keeps the answers and says the CV was received ("Hai caricato", WCAG 3.3.7 redundant entry);
// correcting the code and sending again, without choosing the file again, stores the application with that CV.
func TestKeptCVNoJS(t *testing.T) {
	s := getSuite(t)
	cvPath, pdf := writeCV(t)
	tb := newTab(t, narrow, false)
	tb.open(s.URL + applyPage)
	answers := map[string]string{"given_name": "Luca", "family_name": "Verdi", "tax_code": "VRDLCU80A01H501X",
		"email": "luca.verdi@example.it", "phone": "0371 654321"}
	fillValues(tb, applyForm, answers)
	for _, box := range []string{"declaration", "privacy"} {
		tb.do(chromedp.Click(chromedp.CSS(applyForm + ` [name="` + box + `"]`)))
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS(applyForm+` [name="cv"]`), []string{cvPath}))
	before := storeSnapshot(t, s.DataDir)
	clickSubmit(tb, applyForm)
	tb.waitNavigation(s.URL+applyPage, submitTimeout)
	tb.waitFor(`document.title.startsWith('Errore: ')`, submitTimeout, "the error page for a wrong codice fiscale")
	if !evalIn[bool](tb, `document.body.innerText.includes('Hai caricato') && document.body.innerText.includes('cv-mario-rossi.pdf')`) {
		t.Errorf("the error page does not say the CV was received (\"Hai caricato: cv-mario-rossi.pdf\"):\n%s",
			clip(evalIn[string](tb, "document.querySelector('main').innerText"), 1500))
	}
	for name, want := range answers {
		if got := evalIn[string](tb, `document.querySelector(`+jsq(applyForm+` [name="`+name+`"]`)+`).value`); got != want {
			t.Errorf("the error page re-shows %s as %q, want what was typed (%d characters)", name, got, len(want))
		}
	}
	for _, box := range []string{"declaration", "privacy"} {
		if !evalIn[bool](tb, `document.querySelector(`+jsq(applyForm+` [name="`+box+`"]`)+`).checked`) {
			t.Logf("the error page does not keep %s ticked; ticking it again", box)
			tb.do(chromedp.Click(chromedp.CSS(applyForm + ` [name="` + box + `"]`)))
		}
	}
	tb.do(chromedp.SetValue(chromedp.CSS(applyForm+` [name="tax_code"]`), "VRDLCU80A01H501G"))
	at := evalIn[string](tb, "location.href")
	clickSubmit(tb, applyForm)
	tb.waitNavigation(at, submitTimeout)
	checkNotErrorPage(t, tb)
	st := waitStored(t, s.DataDir, before, "receipt", storedPromptly)
	checkReceiptPage(t, tb, st.Ref)
	checkCV(t, st, pdf)
	checkRecord(t, st, "VRDLCU80A01H501G")
}
