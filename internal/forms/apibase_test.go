package forms_test

import (
	"net/url"
	"strings"
	"testing"

	"quartieri/internal/forms"
)

// TestAbsoluteAPIBase: with the API on its own domain (apiBase a full URL), the routes match the URL's path and
// the browser is sent back to the full address.
func TestAbsoluteAPIBase(t *testing.T) {
	e := newEnv(t, func(c *forms.Config) {
		site := *c.Site
		site.APIBase = "https://api.esempio.it/moduli"
		c.Site = &site
	})
	form := url.Values{"name": {"Anna Bianchi"}, "town": {"codogno"}, "topic": {"technical"},
		"message": {"Il citofono non funziona."}, "phone": {"0377 123456"}, "privacy": {"yes"}}
	r := e.post("/moduli/contact", []byte(form.Encode()), "application/x-www-form-urlencoded", false)
	if r.status != 303 || !strings.HasPrefix(r.header.Get("Location"), "https://api.esempio.it/moduli/contact/ricevuta?") {
		t.Fatalf("POST /moduli/contact = %d, Location %q; want 303 to https://api.esempio.it/moduli/contact/ricevuta?...",
			r.status, r.header.Get("Location"))
	}
	if r := e.post("/api/contact", []byte(form.Encode()), "application/x-www-form-urlencoded", true); r.status != 404 {
		t.Errorf("POST /api/contact with apiBase elsewhere = %d, want 404", r.status)
	}
}
