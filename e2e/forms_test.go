package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The two forms: where they are and how to find them on their page.
const (
	applyPage   = "/lavora-con-noi/candidatura/"
	contactPage = "/contatti/"
	applyForm   = `form[action$="/api/applications"]`
	contactForm = `form[action$="/api/contact"]`
	// submitTimeout bounds the wait from pressing submit to the page that answers.
	submitTimeout = 15 * time.Second
)

// A candidate and a tenant, invented for the tests (the codice fiscale is the textbook example).
var (
	candidate = keyboardAnswers{
		"given_name": "Mario", "family_name": "Rossi", "tax_code": "RSSMRA85T10A562S",
		"email": "mario.rossi@example.it", "phone": "+39 0371 123456", "declaration": "yes", "privacy": "yes",
	}
	tenant = keyboardAnswers{
		"name": "Anna Bianchi", "town": "codogno", "topic": "payments",
		"message": "Non riesco a pagare le bollette di questo mese. Vorrei un appuntamento.",
		"email":   "anna.bianchi@example.it", "privacy": "yes",
	}
)

// writeCV writes a small real PDF for the upload and returns its path and bytes.
func writeCV(t testing.TB) (string, []byte) {
	t.Helper()
	pdf := minimalPDF("Curriculum vitae di Mario Rossi")
	p := filepath.Join(t.TempDir(), "cv-mario-rossi.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, pdf
}

// with returns a copy of a with the extra answers.
func (a keyboardAnswers) with(kv ...string) keyboardAnswers {
	b := keyboardAnswers{}
	for k, v := range a {
		b[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		b[kv[i]] = kv[i+1]
	}
	return b
}

// checkNotErrorPage fails the test at once when the tab shows an error page, with what the page says.
func checkNotErrorPage(t testing.TB, tb *tab) {
	t.Helper()
	title := evalIn[string](tb, "document.title")
	if strings.HasPrefix(title, "Errore") || !strings.HasPrefix(evalIn[string](tb, "location.href"), tb.origin()) {
		t.Fatalf("the form answered with an error page %q at %s:\n%s", title, evalIn[string](tb, "location.href"),
			clip(evalIn[string](tb, "(document.querySelector('main') || document.body).innerText"), 1500))
	}
}

// checkReceiptPage waits for the tab to show ref, then checks the page with axe.
func checkReceiptPage(t testing.TB, tb *tab, ref string) {
	t.Helper()
	tb.waitFor(`document.body.innerText.includes(`+jsq(ref)+`)`, submitTimeout, "the receipt "+ref+" on the page")
	t.Logf("receipt %s shown at %s", ref, strings.TrimPrefix(evalIn[string](tb, "location.href"), tb.origin()))
	checkNotErrorPage(t, tb)
	checkAxe(t, tb, "the confirmation page")
	checkStructure(t, tb, "the confirmation page")
}

// storedPromptly bounds the wait for the record once the answer page shows: the backend stores before it
// answers, so the record is there already.
const storedPromptly = 2 * time.Second

// TestKeyboardNoJS completes both forms with the keyboard alone and JavaScript off, and finds what was sent in
// the local store.
func TestKeyboardNoJS(t *testing.T) {
	s := getSuite(t)
	cvPath, pdf := writeCV(t)
	t.Run("application", func(t *testing.T) {
		tb := newTab(t, narrow, false)
		tb.open(s.URL + applyPage)
		before := storeSnapshot(t, s.DataDir)
		fillWithKeyboard(t, tb, applyForm, candidate.with("cv", cvPath))
		tb.waitNavigation(s.URL+applyPage, submitTimeout)
		checkNotErrorPage(t, tb)
		st := waitStored(t, s.DataDir, before, "receipt", storedPromptly)
		checkReceiptPage(t, tb, st.Ref)
		checkRecord(t, st, candidate["tax_code"], candidate["email"])
		checkNotSuspect(t, st)
		checkCV(t, st, pdf)
		checkMails(t, s.DataDir, before, st, 2) // the candidate's confirmation and the staff notice
	})
	t.Run("contact", func(t *testing.T) {
		tb := newTab(t, narrow, false)
		tb.open(s.URL + contactPage)
		before := storeSnapshot(t, s.DataDir)
		fillWithKeyboard(t, tb, contactForm, tenant)
		tb.waitNavigation(s.URL+contactPage, submitTimeout)
		checkNotErrorPage(t, tb)
		st := waitStored(t, s.DataDir, before, "ticket", storedPromptly)
		checkReceiptPage(t, tb, st.Ref)
		checkRecord(t, st, tenant["email"])
		checkNotSuspect(t, st)
		checkMails(t, s.DataDir, before, st, 2) // the presidio's mailbox and the tenant's acknowledgement
	})
}
