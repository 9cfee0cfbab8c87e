package forms_test

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func (e *env) validContact() map[string]string {
	return map[string]string{"name": "Giuseppe Bianchi", "town": "codogno", "topic": "technical",
		"message": "Perde acqua dal soffitto del bagno.", "email": "g.bianchi@example.it", "phone": "0377 123456",
		"privacy": "yes", "_token": e.token()}
}

// contactBody url-encodes the valid contact fields changed by edit ("" deletes).
func contactBody(e *env, edit map[string]string) ([]byte, string) {
	f := e.validContact()
	for k, v := range edit {
		if v == "" {
			delete(f, k)
		} else {
			f[k] = v
		}
	}
	q := url.Values{}
	for k, v := range f {
		q.Set(k, v)
	}
	return []byte(q.Encode()), "application/x-www-form-urlencoded"
}

func TestContactMessage(t *testing.T) {
	e := newEnv(t, nil)
	body, ct := contactBody(e, nil)
	r := e.post("/api/contact", body, ct, true)
	if r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	ticket := r.receipt(t)
	m, ok, _ := e.store.GetMessage(context.Background(), ticket)
	if !ok || m.Town != "codogno" || m.Urgent || m.Message != "Perde acqua dal soffitto del bagno." {
		t.Fatalf("stored message = %+v", m)
	}
	if d := time.Until(m.ExpiresAt); d < 365*24*time.Hour-time.Minute || d > 365*24*time.Hour { // on the real clock
		t.Errorf("retention %v", d)
	}
	mails := e.mails(t)
	if len(mails) != 2 {
		t.Fatalf("%d mails, want 2 (presidio, acknowledgement)", len(mails))
	}
	all := strings.Join(mails, "\n----\n")
	for _, want := range []string{"To: <codogno@quartieri.example.it>", "Reply-To: <g.bianchi@example.it>",
		"To: <g.bianchi@example.it>", "Perde acqua dal soffitto", ticket} {
		if !strings.Contains(all, want) {
			t.Errorf("mails lack %q:\n%s", want, all)
		}
	}
	for _, m := range mails {
		if strings.Contains(m, "\nTo: <g.bianchi@example.it>") && strings.Contains(m, "Perde acqua") {
			t.Error("the acknowledgement repeats what the tenant typed")
		}
	}
	h := e.post("/api/contact", []byte(strings.Replace(string(body), "Perde", "Gocciola", 1)), ct, false)
	if h.status != 303 || !strings.HasPrefix(h.header.Get("Location"), "/api/contact/ricevuta?") {
		t.Errorf("HTML: %d %q", h.status, h.header.Get("Location"))
	}
}

func TestContactMultipartAndPhoneOnly(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validContact()
	delete(f, "email")
	body, ct := multipartBody(f, "-", nil)
	r := e.post("/api/contact", body, ct, true)
	if r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	if n := len(e.mails(t)); n != 1 {
		t.Errorf("%d mails, want 1 (no email for an acknowledgement)", n)
	}
}

func TestContactPaymentsIsUrgent(t *testing.T) {
	e := newEnv(t, nil)
	body, ct := contactBody(e, map[string]string{"topic": "payments", "town": "casalpusterlengo"})
	r := e.post("/api/contact", body, ct, true)
	m, _, _ := e.store.GetMessage(context.Background(), r.receipt(t))
	if !m.Urgent {
		t.Error("a payments message is not Urgent")
	}
	found := false
	for _, mail := range e.mails(t) {
		if strings.Contains(mail, "To: <casale@quartieri.example.it>") && strings.Contains(mail, "Decoded-Subject: [URGENTE] ") {
			found = true
		}
	}
	if !found {
		t.Errorf("no [URGENTE] mail to the presidio:\n%s", strings.Join(e.mails(t), "\n"))
	}
}

func TestContactErrors(t *testing.T) {
	tests := []struct {
		name string
		edit map[string]string
		want []string
	}{
		{"missing everything", map[string]string{"name": "", "town": "", "topic": "", "message": "", "email": "", "phone": "", "privacy": ""},
			[]string{"name: Inserisci il tuo nome e cognome", "town: Scegli il comune in cui abiti",
				"topic: Scegli di cosa vuoi parlare", "message: Scrivi il tuo messaggio",
				"email: Inserisci un indirizzo email o un numero di telefono, così possiamo risponderti",
				"privacy: Seleziona la casella per confermare di aver letto l'informativa sulla privacy"}},
		{"unknown town", map[string]string{"town": "milano"}, []string{"town: Scegli il comune in cui abiti"}},
		{"unknown topic", map[string]string{"topic": "altro"}, []string{"topic: Scegli di cosa vuoi parlare"}},
		{"message too long", map[string]string{"message": strings.Repeat("è", 3001)}, []string{"message: Il messaggio deve avere al massimo 3000 caratteri (ora ne ha 3001)"}},
		{"CR/LF in the email", map[string]string{"email": "a@example.it\r\nBcc: b@example.it"}, []string{"email: Inserisci l'indirizzo email nel formato giusto, per esempio nome@esempio.it"}},
		{"accent in the email", map[string]string{"email": "giuseppe@caffè.it"}, []string{"email: " + msgEmailASCII}},
		{"CR/LF in the name", map[string]string{"name": "Giuseppe\nBcc"}, []string{"name: Il nome può contenere solo lettere, spazi, apostrofi e trattini"}},
		{"control character in the message", map[string]string{"message": "ciao\x00"}, []string{"message: Il messaggio contiene caratteri che non riconosciamo: scrivilo di nuovo senza copiarlo da altri programmi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			body, ct := contactBody(e, tt.edit)
			r := e.post("/api/contact", body, ct, true)
			if r.status != 422 || strings.Join(r.errorsOf(t), "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %d\n%s\nwant 422\n%s", r.status, strings.Join(r.errorsOf(t), "\n"), strings.Join(tt.want, "\n"))
			}
			h := e.post("/api/contact", body, ct, false)
			if h.status != 422 || !strings.Contains(h.text(), tt.want[0][strings.Index(tt.want[0], ": ")+2:]) {
				t.Errorf("HTML %d lacks the message", h.status)
			}
			e.assertNothingStored(t)
		})
	}
}

// TestContactBodyTooLarge: a 413 names the message only when the message is what is too long.
func TestContactBodyTooLarge(t *testing.T) {
	const generic = ": Il modulo contiene più testo di quanto possiamo ricevere: accorcia i testi più lunghi e invia di nuovo"
	tests := []struct {
		name      string
		multipart bool
		edit      map[string]string
		file      []byte
		msg       string
	}{
		{"long message", false, map[string]string{"message": strings.Repeat("a", 70<<10)}, nil,
			"message: Il messaggio deve avere al massimo 3000 caratteri"},
		{"long message, multipart", true, map[string]string{"message": strings.Repeat("a", 70<<10)}, nil,
			"message: Il messaggio deve avere al massimo 3000 caratteri"},
		{"long name", false, map[string]string{"name": strings.Repeat("a", 70<<10)}, nil,
			"name: Il nome deve avere al massimo 100 caratteri"},
		{"long unknown field", false, map[string]string{"zzz": strings.Repeat("a", 70<<10)}, nil, generic},
		{"long unknown field, multipart", true, map[string]string{"zzz": strings.Repeat("a", 70<<10)}, nil, generic},
		{"a file", true, nil, bytes.Repeat([]byte("a"), 70<<10),
			": Al messaggio non si possono allegare file: togli il file e invia di nuovo solo il testo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			body, ct := contactBody(e, tt.edit)
			if tt.multipart {
				f := e.validContact()
				for k, v := range tt.edit {
					f[k] = v
				}
				body, ct = multipartBody(f, "-", nil)
				if tt.file != nil {
					body, ct = multipartBody(f, "foto.jpg", tt.file)
				}
			}
			r := e.post("/api/contact", body, ct, true)
			if got := strings.Join(r.errorsOf(t), "\n"); r.status != 413 || got != tt.msg {
				t.Errorf("got %d %q, want 413 %q", r.status, got, tt.msg)
			}
			e.assertNothingStored(t)
		})
	}
}

func TestContactDoubleSubmits(t *testing.T) {
	e := newEnv(t, nil)
	body, ct := contactBody(e, map[string]string{"_idem": "contact-idem-0123456789"})
	replies := make([]reply, 10)
	done := make(chan int)
	for i := range replies {
		go func() { replies[i] = e.post("/api/contact", body, ct, true); done <- i }()
	}
	for range replies {
		<-done
	}
	created := 0
	for _, r := range replies {
		if r.status == 201 {
			created++
		} else if r.status != 200 {
			t.Fatalf("status %d %s", r.status, r.body)
		}
		if r.receipt(t) != replies[0].receipt(t) {
			t.Errorf("tickets differ: %s, %s", r.receipt(t), replies[0].receipt(t))
		}
	}
	if created != 1 || len(e.mails(t)) != 2 {
		t.Errorf("%d created, %d mails; want 1 and 2", created, len(e.mails(t)))
	}
}

// TestRepeatWindow: without _idem (no JavaScript) the same content is one submission only for a short window
// (double clicks, client retries); a day later it is a new one. With _idem the key lasts as long as the record.
// A suspect copy never swallows a genuine one.
func TestRepeatWindow(t *testing.T) {
	tests := []struct {
		name    string
		form    string
		idem    bool
		after   time.Duration
		fax     string // of the first submission
		wantNew bool
	}{
		{"contact, within a minute", "contact", false, time.Minute, "", false},
		{"contact, after 23 hours", "contact", false, 23 * time.Hour, "", false},
		{"contact, after 25 hours", "contact", false, 25 * time.Hour, "", true},
		{"contact with _idem, after 25 hours", "contact", true, 25 * time.Hour, "", false},
		{"contact, suspect then genuine", "contact", false, time.Minute, "x", true},
		{"application, within a minute", "applications", false, time.Minute, "", false},
		{"application, after 25 hours", "applications", false, 25 * time.Hour, "", true},
		{"application with _idem, after 25 hours", "applications", true, 25 * time.Hour, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			var mu sync.Mutex
			wall := time.Now()
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return wall }
			e.hooks.SetWall(clock)
			e.store.SetClock(clock)
			send := func(fax string) reply {
				var f map[string]string
				if tt.form == "contact" {
					f = e.validContact()
				} else {
					f = e.validApplication()
				}
				delete(f, "_token")
				delete(f, "_idem")
				if tt.idem {
					f["_idem"] = "repeat-idem-0123456789"
				}
				if fax != "" {
					f["fax"] = fax
				}
				body, ct := multipartBody(f, "cv.pdf", testPDF)
				if tt.form == "contact" {
					body, ct = multipartBody(f, "-", nil)
				}
				return e.post("/api/"+tt.form, body, ct, true)
			}
			first := send(tt.fax)
			if first.status != 201 {
				t.Fatalf("first: %d %s", first.status, first.body)
			}
			mails := len(e.mails(t))
			mu.Lock()
			wall = wall.Add(tt.after)
			mu.Unlock()
			second := send("")
			if tt.wantNew {
				if second.status != 201 || second.receipt(t) == first.receipt(t) {
					t.Fatalf("second: %d %s, want 201 with a new number (first %s)", second.status, second.body, first.receipt(t))
				}
				want := mails + 2
				if tt.form == "applications" {
					want++ // the supersede notice to the first one's address
				}
				if got := len(e.mails(t)); got != want {
					t.Errorf("%d mails after the second, want %d", got, want)
				}
				return
			}
			if second.status != 200 || second.receipt(t) != first.receipt(t) {
				t.Fatalf("second: %d %s, want 200 with %s", second.status, second.body, first.receipt(t))
			}
			if got := len(e.mails(t)); got != mails {
				t.Errorf("%d mails after the repeat, want %d", got, mails)
			}
		})
	}
}
