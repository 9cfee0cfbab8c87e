package forms_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
)

func TestSuspectApplicationsAreKeptAndFlagged(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(e *env, f map[string]string)
		want  string
		flags bool
	}{
		{"honeypot", func(e *env, f map[string]string) { f["fax"] = "0371 000000" }, "honeypot", true},
		{"token too fast (only counted)", func(e *env, f map[string]string) { f["_token"] = e.hooks.Token(time.Now()) }, "", false},
		{"token too old (only counted)", func(e *env, f map[string]string) { f["_token"] = e.hooks.Token(time.Now().Add(-25 * time.Hour)) }, "", false},
		{"forged token", func(e *env, f map[string]string) { f["_token"] = "1700000000.AAAAAAAAAAAAAAAAAAAAAA" }, "token-invalid", true},
		{"no token (no JavaScript)", func(e *env, f map[string]string) { delete(f, "_token") }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			f := e.validApplication()
			tt.edit(e, f)
			r := e.apply(f, "cv.pdf", testPDF, true)
			if r.status != 201 {
				t.Fatalf("status %d: applications are never dropped", r.status)
			}
			a, _, _ := e.store.GetApplication(context.Background(), r.receipt(t))
			if got := strings.Join(a.Suspect, ","); got != tt.want {
				t.Errorf("Suspect = %q, want %q", got, tt.want)
			}
			mails := strings.Join(e.mails(t), "\n")
			if strings.Contains(mails, "da verificare") != tt.flags {
				t.Errorf("staff notice says \"da verificare\": %v, want %v", !tt.flags, tt.flags)
			}
			if !strings.Contains(e.logText(), `"spam signal"`) {
				t.Error("the signal is not counted in the log")
			}
		})
	}
}

func TestSuspectContactIsKeptButNotMailed(t *testing.T) {
	e := newEnv(t, nil)
	body, ct := contactBody(e, map[string]string{"fax": "x"})
	r := e.post("/api/contact", body, ct, true)
	if r.status != 201 {
		t.Fatalf("status %d", r.status)
	}
	m, ok, _ := e.store.GetMessage(context.Background(), r.receipt(t))
	if !ok || len(m.Suspect) != 1 || m.Suspect[0] != "honeypot" {
		t.Errorf("stored = %+v", m)
	}
	if n := len(e.mails(t)); n != 0 {
		t.Errorf("%d mails for a suspect message, want 0", n)
	}
}

// TestWeakTokenSignalsStillMail: a token under 3 seconds old (a tenant who corrects the form after an error
// page and sends it at once) or over a day old (a page left open) is only counted; the message is mailed.
// The honeypot and a bad signature make it suspect: stored, not mailed.
func TestWeakTokenSignalsStillMail(t *testing.T) {
	tests := []struct {
		name, token, fax string
		signal           string // counted in the log
		suspect          string
		mails            int
	}{
		{"too fast", "fast", "", "token-too-fast", "", 2},
		{"too old", "old", "", "token-too-old", "", 2},
		{"forged", "1700000000.AAAAAAAAAAAAAAAAAAAAAA", "", "token-invalid", "token-invalid", 0},
		{"honeypot", "ok", "0371 000000", "honeypot", "honeypot", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			tok := tt.token
			switch tok {
			case "fast":
				tok = e.hooks.Token(time.Now())
			case "old":
				tok = e.hooks.Token(time.Now().Add(-25 * time.Hour))
			case "ok":
				tok = e.token()
			}
			body, ct := contactBody(e, map[string]string{"_token": tok, "fax": tt.fax})
			r := e.post("/api/contact", body, ct, false)
			if r.status != 303 {
				t.Fatalf("status %d", r.status)
			}
			u, _ := url.Parse(r.header.Get("Location"))
			ticket := u.Query().Get("numero")
			m, ok, _ := e.store.GetMessage(context.Background(), ticket)
			if !ok || strings.Join(m.Suspect, ",") != tt.suspect {
				t.Errorf("stored %v, Suspect = %v, want %q", ok, m.Suspect, tt.suspect)
			}
			if n := len(e.mails(t)); n != tt.mails {
				t.Errorf("%d mails, want %d", n, tt.mails)
			}
			if !strings.Contains(e.logText(), `"signal":"`+tt.signal+`"`) {
				t.Errorf("the signal %s is not counted in the log", tt.signal)
			}
		})
	}
}

func TestEphemeralSecretMakesForgedTokensWeak(t *testing.T) {
	e := newEnv(t, func(c *forms.Config) { c.Secret = nil })
	body, ct := contactBody(e, map[string]string{"_token": "1700000000.AAAAAAAAAAAAAAAAAAAAAA"})
	r := e.post("/api/contact", body, ct, true)
	m, _, _ := e.store.GetMessage(context.Background(), r.receipt(t))
	if len(m.Suspect) != 0 || len(e.mails(t)) != 2 {
		t.Errorf("with a random secret a bad token made the message suspect: %v", m.Suspect)
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, func(c *forms.Config) { c.Site.Limits.Requests = 3; c.Site.Limits.Window = time.Minute })
	for i := range 3 {
		body, ct := contactBody(e, map[string]string{"message": "Messaggio " + strconv.Itoa(i)})
		if r := e.post("/api/contact", body, ct, true); r.status != 201 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	before := e.stored(t)
	body, ct := contactBody(e, map[string]string{"message": "Uno di troppo"})
	r := e.post("/api/contact", body, ct, true)
	if r.status != 429 {
		t.Fatalf("status %d, want 429", r.status)
	}
	secs, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || secs < 1 || secs > 60 {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	if !strings.Contains(strings.Join(r.errorsOf(t), ""), "riprova tra un minuto") {
		t.Errorf("message = %v", r.errorsOf(t))
	}
	h := e.post("/api/applications", body, ct, false)
	if h.status != 429 || !strings.Contains(h.text(), "troppi moduli") {
		t.Errorf("HTML: %d", h.status)
	}
	if after := e.stored(t); len(after) != len(before) {
		t.Errorf("a rate-limited request stored something: %v", after)
	}
	// Another address is not affected.
	other := e.post("/api/contact", body, ct, true, "X-Forwarded-For", "203.0.113.9")
	if other.status != 429 {
		t.Errorf("X-Forwarded-For must not be trusted without TrustedProxies: %d", other.status)
	}
}

// TestRateLimitIPv6Prefix: the addresses of one IPv6 /64 share one count; another /64, or an IPv4 address, does
// not.
func TestRateLimitIPv6Prefix(t *testing.T) {
	e := newEnv(t, func(c *forms.Config) { c.Site.Limits.Requests = 5; c.Site.Limits.Window = time.Minute })
	body, ct := contactBody(e, nil)
	post := func(remote string) int {
		req := httptest.NewRequest("POST", "/api/contact", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Accept", "application/json")
		req.RemoteAddr = remote
		return e.do(req).status
	}
	limited := 0
	for i := range 100 {
		if post(fmt.Sprintf("[2001:db8:1:2:%x:%x::%x]:4%03d", i*7, i*13, i+1, i)) == 429 {
			limited++
		}
	}
	if limited != 95 {
		t.Errorf("%d of 100 addresses of one /64 limited, want 95", limited)
	}
	for _, remote := range []string{"[2001:db8:1:3::1]:443", "192.0.2.1:1234", "[::ffff:192.0.2.2]:80"} {
		if got := post(remote); got == 429 {
			t.Errorf("%s: 429, want it counted apart", remote)
		}
	}
	for range 4 {
		post("[::ffff:192.0.2.1]:80")
	}
	if got := post("192.0.2.1:99"); got != 429 {
		t.Errorf("192.0.2.1, also seen as ::ffff:192.0.2.1: %d, want 429", got)
	}
}

func TestRateLimitBehindAProxy(t *testing.T) {
	e := newEnv(t, func(c *forms.Config) {
		c.Site.Limits.Requests = 1
		c.Site.Limits.Window = time.Minute
		c.TrustedProxies = 1
	})
	body, ct := contactBody(e, nil)
	if r := e.post("/api/contact", body, ct, true, "X-Forwarded-For", "198.51.100.1, 203.0.113.1"); r.status != 201 {
		t.Fatalf("first: %d", r.status)
	}
	// The client forging the first entry does not escape: the proxy's entry is what counts.
	if r := e.post("/api/contact", body, ct, true, "X-Forwarded-For", "198.51.100.77, 203.0.113.1"); r.status != 429 {
		t.Errorf("spoofed first entry: %d, want 429", r.status)
	}
	if r := e.post("/api/contact", body, ct, true, "X-Forwarded-For", "203.0.113.2"); r.status == 429 {
		t.Errorf("another client: %d", r.status)
	}
}

func TestOrigin(t *testing.T) {
	tests := []struct {
		origin string
		status int
	}{
		{"", 201},
		{"https://quartieri.example.it", 201},
		{"http://example.com", 201}, // the request's own host (httptest uses example.com)
		{"https://evil.example.net", 403},
		{"null", 403},
	}
	for _, tt := range tests {
		e := newEnv(t, nil)
		body, ct := contactBody(e, nil)
		r := e.post("/api/contact", body, ct, true, "Origin", tt.origin)
		if r.status != tt.status {
			t.Errorf("Origin %q: %d, want %d", tt.origin, r.status, tt.status)
		}
		if tt.status == 403 {
			if !strings.Contains(strings.Join(r.errorsOf(t), ""), "solo dalle pagine di questo sito") {
				t.Errorf("Origin %q: message %v", tt.origin, r.errorsOf(t))
			}
			e.assertNothingStored(t)
		}
	}
}

func TestKeptCV(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	f["email"] = "sbagliata"
	r := e.apply(f, "Curriculum Rossi.pdf", testPDF, true)
	if r.status != 422 {
		t.Fatalf("status %d", r.status)
	}
	ref, _ := r.json(t)["cv_ref"].(string)
	if ref == "" || r.json(t)["uploaded"] != "Curriculum Rossi.pdf" {
		t.Fatalf("no cv_ref in %s", r.body)
	}
	if files := e.stored(t, "pending"); len(files) != 0 {
		t.Errorf("stored outside pending/: %v", files)
	}
	h := e.apply(f, "Curriculum Rossi.pdf", testPDF, false)
	if !strings.Contains(h.text(), "Hai caricato") || !strings.Contains(h.text(), "Curriculum Rossi.pdf") || strings.Contains(h.body, "%PDF") {
		t.Errorf("the HTML form does not say the CV was kept (or shows its bytes):\n%s", h.body)
	}
	// The corrected form comes back without a file, with cv_ref.
	f["email"] = "maria@example.it"
	f["cv_ref"] = ref
	ok := e.apply(f, "", nil, true)
	if ok.status != 201 {
		t.Fatalf("status %d %s", ok.status, ok.body)
	}
	a, _, _ := e.store.GetApplication(context.Background(), ok.receipt(t))
	got, _ := e.store.Get(context.Background(), a.CVKey)
	if string(got) != string(testPDF) || a.CVName != "Curriculum Rossi.pdf" {
		t.Errorf("kept CV not used: %q %q", got, a.CVName)
	}
	// A forged reference is refused.
	// Change one character in the middle to another: the last ones may carry only padding bits, and replacing
	// them with fixed text sometimes left the reference as it was (a failure about once in a thousand runs).
	i := len(ref) / 2
	forged := "A"
	if ref[i] == 'A' {
		forged = "B"
	}
	f["cv_ref"] = ref[:i] + forged + ref[i+1:]
	f["tax_code"] = codicefiscale.Example(7)
	bad := e.apply(f, "", nil, true)
	if bad.status != 422 || !strings.Contains(strings.Join(bad.errorsOf(t), ""), "non è più disponibile") {
		t.Errorf("forged cv_ref: %d %s", bad.status, bad.body)
	}
}
