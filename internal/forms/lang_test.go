package forms_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
)

// langSiteYAML is the test site with the courtesy translations' languages.
const langSiteYAML = testSiteYAML + `
languages:
  - { code: it, name: Italiano }
  - { code: ar, name: العربية }
  - { code: en, name: English, menus: { main: [{ name: Home, url: /en/ }, { name: Write to us, url: /en/contatti/ }] } }
  - { code: fr, name: Français }
  - { code: ro, name: Română }
  - { code: sq, name: Shqip }
  - { code: uk, name: Українська }
`

func langEnv(t *testing.T) *env {
	return newEnv(t, func(c *forms.Config) {
		site, err := siteconfig.Parse([]byte(langSiteYAML))
		if err != nil {
			t.Fatal(err)
		}
		c.Site = site
	})
}

// badContacts are contact forms with every mistake a person can make on the form's fields.
var badContacts = []map[string]string{
	{"name": "", "town": "", "topic": "", "message": "", "email": "", "phone": "", "privacy": ""},
	{"name": "Mario 3", "town": "milano", "topic": "altro", "email": "mario", "phone": "abc"},
	{"name": strings.Repeat("a", 101), "message": strings.Repeat("x", 3001), "email": "màrio@example.it"},
	{"name": "\xff", "message": "\xff", "email": strings.Repeat("a", 250) + "@example.it"},
}

// TestContactErrorsInEveryLanguage sends each mistake from a page in every language: the status and the fields
// are those of the Italian page, and every message is in the page's language (none is left in Italian).
func TestContactErrorsInEveryLanguage(t *testing.T) {
	e := langEnv(t)
	for i, edit := range badContacts {
		body, ct := contactBody(e, edit)
		it := e.post("/api/contact", body, ct, true)
		if it.status != 422 {
			t.Fatalf("case %d: status %d, want 422: %s", i, it.status, it.body)
		}
		italian := it.errorsOf(t)
		for _, lang := range []string{"ar", "en", "fr", "ro", "sq", "uk"} {
			edit["lang"] = lang
			body, ct := contactBody(e, edit)
			r := e.post("/api/contact", body, ct, true)
			if r.status != it.status {
				t.Errorf("case %d in %s: status %d, want %d", i, lang, r.status, it.status)
			}
			got := r.errorsOf(t)
			if len(got) != len(italian) {
				t.Fatalf("case %d in %s: %d errors, want %d: %q", i, lang, len(got), len(italian), got)
			}
			for j := range got {
				gf, gm, _ := strings.Cut(got[j], ": ")
				wf, wm, _ := strings.Cut(italian[j], ": ")
				if gf != wf {
					t.Errorf("case %d in %s: error %d is about %q, want %q", i, lang, j, gf, wf)
				}
				if gm == wm {
					t.Errorf("case %d in %s: message left in Italian: %q", i, lang, wm)
				}
			}
		}
		delete(edit, "lang")
	}
	e.assertNothingStored(t)
}

func TestContactInArabic(t *testing.T) {
	e := langEnv(t)
	body, ct := contactBody(e, map[string]string{"lang": "ar", "email": "mario"})
	r := e.post("/api/contact", body, ct, false)
	if r.status != 422 {
		t.Fatalf("status %d, want 422", r.status)
	}
	for _, want := range []string{`<html lang="ar" dir="rtl">`, "اكتب البريد الإلكتروني بالشكل الصحيح"} {
		if !strings.Contains(r.text(), want) {
			t.Errorf("the re-shown form lacks %q", want)
		}
	}

	body, ct = contactBody(e, map[string]string{"lang": "ar"})
	r = e.post("/api/contact", body, ct, false)
	loc := r.header.Get("Location")
	if r.status != 303 || !strings.Contains(loc, "lingua=ar") {
		t.Fatalf("status %d Location %q, want 303 to a receipt with lingua=ar", r.status, loc)
	}
	page := e.do(httptest.NewRequest("GET", loc, nil))
	if !strings.Contains(page.body, `<html lang="ar" dir="rtl">`) {
		t.Errorf("the confirmation page is not in Arabic:\n%s", page.body)
	}
	ticket := strings.SplitN(strings.SplitN(loc, "numero=", 2)[1], "&", 2)[0]
	m, ok, _ := e.store.GetMessage(context.Background(), ticket)
	if !ok || m.Lang != "ar" {
		t.Fatalf("stored message %+v, want Lang ar", m)
	}
	found := false
	for _, mail := range e.mails(t) {
		if strings.Contains(mail, "To: <codogno@") && strings.Contains(mail, "pagina in arabo (ar): forse serve un interprete") {
			found = true
		}
	}
	if !found {
		t.Errorf("the presidio's mail does not note the language:\n%s", strings.Join(e.mails(t), "\n----\n"))
	}
}

// TestContactUnknownLanguage: a lang the site does not have is the site's language.
func TestContactUnknownLanguage(t *testing.T) {
	e := langEnv(t)
	body, ct := contactBody(e, map[string]string{"lang": "xx"})
	r := e.post("/api/contact", body, ct, true)
	m, ok, _ := e.store.GetMessage(context.Background(), r.receipt(t))
	if !ok || m.Lang != "" {
		t.Fatalf("stored message %+v, want no Lang", m)
	}
	for _, mail := range e.mails(t) {
		if strings.Contains(mail, "Lingua:") {
			t.Errorf("a mail notes a language: %s", mail)
		}
	}
}
