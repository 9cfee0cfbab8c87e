package forms_test

import (
	"net/url"
	"strings"
	"testing"

	"quartieri/internal/forms"
)

func TestIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{" \t", true},
		{"\n", true},
		{"\r\n", true},
		{"\u00a0", true},        // no-break space
		{"\u2003\u3000", true},  // em space, ideographic space
		{"\u200b\ufeff", true},  // zero-width space, byte order mark
		{"\u2028", true},        // line separator
		{" \u202e ", true},      // right-to-left override
		{"a", false},            // a letter
		{"\u00a0x", false},      // a letter after a no-break space
		{"0", false},            // a digit
		{"\u200bmario@", false}, // text after a zero-width space
		{"\u0301", false},       // a combining accent shows
		{"\U0001F600", false},   // an emoji
		{"\u202ecod\u202c", false},
	}
	for _, tt := range tests {
		if got := forms.IsBlank(tt.in); got != tt.want {
			t.Errorf("IsBlank(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsInvisible(t *testing.T) {
	for _, r := range []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200c,
		0x200d, 0x200e, 0x200f, 0xfeff, 0x00ad, 0x2060, 0x061c} {
		if !forms.IsInvisible(r) {
			t.Errorf("IsInvisible(%U) = false, want true", r)
		}
	}
	for _, r := range []rune{'a', 'è', ' ', '\u00a0', '\'', '’', '-', '\u0301', '@'} {
		if forms.IsInvisible(r) {
			t.Errorf("IsInvisible(%U) = true, want false", r)
		}
	}
}

// TestContactBlankContacts: an email or phone made only of white space or invisible characters is no way to
// answer: 422 on the contact fields, nothing stored.
func TestContactBlankContacts(t *testing.T) {
	for _, c := range []struct{ email, phone string }{
		{"\n", ""}, {"\u00a0", ""}, {"", "\r\n"}, {"\u200b", ""}, {"\u00a0", "\t\n"}, {"\ufeff", "\u2028"},
	} {
		e := newEnv(t, nil)
		q := url.Values{}
		for k, v := range e.validContact() {
			q.Set(k, v)
		}
		q.Set("email", c.email)
		q.Set("phone", c.phone)
		body, ct := []byte(q.Encode()), "application/x-www-form-urlencoded"
		r := e.post("/api/contact", body, ct, true)
		if r.status != 422 || !contains(r.errorsOf(t), "email: Inserisci un indirizzo email o un numero di telefono, così possiamo risponderti") {
			t.Errorf("email %q phone %q: %d %v, want 422 on email", c.email, c.phone, r.status, r.body)
		}
		e.assertNothingStored(t)
	}
}

// TestInvisibleCharactersInOneLineFields: names, email, phone and codice fiscale refuse format characters with a
// message that says what to do; the message fields keep them.
func TestInvisibleCharactersInOneLineFields(t *testing.T) {
	tests := []struct{ field, value, want string }{
		{"given_name", "Maria\u202e", "given_name: Il nome contiene un carattere invisibile"},
		{"family_name", "\u2066Rossi\u2069", "family_name: Il cognome contiene un carattere invisibile"},
		{"given_name", "Ma\u200bria", "given_name: Il nome contiene un carattere invisibile"},
		{"email", "maria.rossi@example.it\ufeff", "email: L'indirizzo email contiene un carattere invisibile"},
		{"phone", "333\u200e1234567", "phone: Il numero di telefono contiene un carattere invisibile"},
		{"tax_code", "RSSMRA85T10A562S\u200d", "tax_code: Il codice fiscale contiene un carattere invisibile"},
	}
	for _, tt := range tests {
		e := newEnv(t, nil)
		f := e.validApplication()
		f[tt.field] = tt.value
		r := e.apply(f, "cv.pdf", testPDF, true)
		errs := r.errorsOf(t)
		if r.status != 422 || len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) || !strings.Contains(errs[0], "scrivilo di nuovo a mano") {
			t.Errorf("%s=%q: %d %v, want 422 %q", tt.field, tt.value, r.status, errs, tt.want)
		}
	}
}

// TestInvisibleCharactersDroppedFromFileName: a right-to-left override cannot make "cv‮fdp.exe" read "cvexe.pdf".
func TestInvisibleCharactersDroppedFromFileName(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	f["given_name"] = "" // an error, so the form comes back with the kept CV's name
	r := e.apply(f, "cv\u202efdp.exe\u200b.pdf", testPDF, true)
	if got, want := r.json(t)["uploaded"], "cvfdp.exe.pdf"; got != want {
		t.Errorf("uploaded = %q, want %q", got, want)
	}
}
