package forms_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
)

// omocodic returns code with its last digit written as its omocodia letter, check character recomputed.
func omocodic(code string) string {
	b := []byte(code)
	b[14] = "LMNPQRSTUV"[b[14]-'0']
	b[15] = codicefiscale.CheckChar(string(b[:15]))
	return string(b)
}

// A later application with an omocodic spelling of the same code supersedes the first, and the first one's
// address hears of it, with both receipts and whom to write to.
func TestSupersedeNotice(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	first := e.apply(f, "cv.pdf", testPDF, true).receipt(t)
	f["tax_code"] = omocodic(f["tax_code"])
	f["email"] = "altra.persona@example.it"
	f["_idem"] = "another-key-0123456789"
	second := e.apply(f, "cv.pdf", testPDF, true).receipt(t)
	a2, ok, _ := e.store.GetApplication(context.Background(), second)
	if !ok || a2.Supersedes != first {
		t.Fatalf("Supersedes = %q, want %q (the omocodic spelling is the same person)", a2.Supersedes, first)
	}
	var notice []string
	for _, m := range e.mails(t) {
		if strings.Contains(m, "è stata sostituita") {
			notice = append(notice, m)
		}
	}
	if len(notice) != 1 {
		t.Fatalf("%d supersede notices, want 1", len(notice))
	}
	m := notice[0]
	for _, want := range []string{"To: <maria.rossi@example.it>", "numero " + second, "candidatura numero " + first,
		"Se non l'hai inviata tu, scrivici subito"} {
		if !strings.Contains(m, want) {
			t.Errorf("the notice lacks %q:\n%s", want, m)
		}
	}
	for _, leak := range []string{"altra.persona", f["tax_code"], "Maria"} {
		if strings.Contains(m, leak) {
			t.Errorf("the notice repeats %q of the new application", leak)
		}
	}
	st, _ := e.store.MailStatus()
	if !strings.Contains(strings.Join(st, "\n"), `"ref":"`+first+`","kind":"superseded","status":"sent"`) {
		t.Errorf("the notice's outcome is not noted under %s: %v", first, st)
	}
}

// An index entry written before keys were normalised (under the omocodic spelling as typed) is still found.
func TestLatestLegacyKey(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	f["tax_code"] = omocodic(f["tax_code"])
	if _, err := e.store.SetLatest(context.Background(), callID, f["tax_code"], "AAAA-BBBB"); err != nil {
		t.Fatal(err)
	}
	r := e.apply(f, "cv.pdf", testPDF, true).receipt(t)
	a, _, _ := e.store.GetApplication(context.Background(), r)
	if a.Supersedes != "AAAA-BBBB" {
		t.Errorf("Supersedes = %q, want the legacy entry's AAAA-BBBB", a.Supersedes)
	}
	if l, _ := e.store.Latest(context.Background(), callID, codicefiscale.Person(f["tax_code"])); l != r {
		t.Errorf("Latest under the normalised key = %q, want %q", l, r)
	}
}

// Under a simulated clock (serve -now) records are kept for their retention from the real day.
func TestRetentionOnRealClock(t *testing.T) {
	e := newEnv(t, nil)
	r := e.apply(e.validApplication(), "cv.pdf", testPDF, true).receipt(t)
	a, _, _ := e.store.GetApplication(context.Background(), r)
	if want := time.Now().AddDate(0, 0, 730); a.ExpiresAt.Before(want.Add(-time.Hour)) || a.ExpiresAt.After(want.Add(time.Hour)) {
		t.Errorf("ExpiresAt = %v, want about %v (the real clock), submitted at %v", a.ExpiresAt, want, a.SubmittedAt)
	}
}
