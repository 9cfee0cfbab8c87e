package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

const siteYAML = `
title: "Sito di prova"
baseURL: "https://quartieri.example.it/"
apiBase: /api
organization: { name: "Aler Pavia-Lodi" }
mail: { from: "sito@quartieri.example.it", staff: "personale@quartieri.example.it" }
calls:
  - id: community-manager-2025
    title: "Bando per due operatori di quartiere"
    applyPage: /lavora-con-noi/candidatura/
    closes: 2025-04-28T23:59:00+02:00
presidi:
  - { id: sant-angelo-lodigiano, town: "Sant'Angelo Lodigiano", email: "santangelo@quartieri.example.it" }
  - { id: codogno, town: "Codogno", email: "codogno-fail@quartieri.example.it" }
  - { id: casalpusterlengo, town: "Casalpusterlengo", email: "casale@quartieri.example.it" }
menus:
  main:
    - { name: "Home", url: /, weight: 1 }
limits: { requests: 1000, window: 10m }
retention: { applicationsDays: 730, contactDays: 365 }
`

const callID = "community-manager-2025"

// failingMailer fails every mail to an address holding "fail" and drops the others.
type failingMailer struct{}

func (failingMailer) Send(_ context.Context, m *forms.Mail) error {
	for _, to := range m.To {
		if strings.Contains(to, "fail") {
			return errors.New("mailbox unavailable")
		}
	}
	return nil
}

// fixture is what fill sent through the real form handler.
type fixture struct {
	source string // folder with site.yaml
	// rossi1 is superseded by rossi2; bianchi's confirmation mail failed; verdi is suspect (honeypot).
	rossi1, bianchi, rossi2, verdi string
	cv2                            []byte // rossi2's CV
	// payments (urgent, oldest), technical (newest, long, its presidio mail failed), social.
	payments, technical, social string
	// spam is the newest message, with the honeypot filled.
	spam string
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fill posts applications and messages through the real form handlers on the given stores (as on AWS, the
// contact form may have its own records).
func fill(t *testing.T, records, contactRecords forms.Records, files forms.Files) *fixture {
	t.Helper()
	f := &fixture{source: t.TempDir()}
	if err := os.WriteFile(filepath.Join(f.source, "site.yaml"), []byte(siteYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	site, err := siteconfig.Parse([]byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	var now time.Time
	cfg := forms.Config{Site: site, Theme: th, Records: records, Files: files, Mailer: failingMailer{},
		Now: func() time.Time { return now }, Secret: []byte("staff test"), Logger: slog.New(slog.DiscardHandler)}
	mux := http.NewServeMux()
	mux.Handle("/api/applications", forms.NewApplications(cfg))
	cfg.Records = contactRecords
	mux.Handle("/api/contact", forms.NewContact(cfg))
	h := http.Handler(mux)

	apply := func(when, given, family, cf, email, idem, fax string, cv []byte) string {
		now = at(when)
		fields := map[string]string{"call": callID, "given_name": given, "family_name": family, "tax_code": cf,
			"email": email, "phone": "+39 333 000 0000", "declaration": "yes", "privacy": "yes",
			"message": "Riga uno\nRiga due", "_idem": idem, "fax": fax}
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("cv", "curriculum.pdf")
		fw.Write(cv)
		mw.Close()
		return post(t, h, "/api/applications", mw.FormDataContentType(), b.Bytes())
	}
	cv := func(s string) []byte { // a PDF the form's structure check opens: an xref table and startxref
		head := "%PDF-1.4\n% " + s + "\n"
		return []byte(head + "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n" + strconv.Itoa(len(head)) + "\n%%EOF\n")
	}
	f.rossi1 = apply("2025-04-20T10:00:00+02:00", "Maria", "Rossi", "RSSMRA85T10A562S", "maria@example.it", "idem-rossi-000000001", "", cv("rossi 1"))
	f.bianchi = apply("2025-04-21T11:00:00+02:00", "Luca", "Bianchi", "BNCLCU90A01F205V", "luca@fail.example.it", "idem-bianchi-0000001", "", cv("bianchi"))
	f.cv2 = cv("rossi 2, corrected")
	f.rossi2 = apply("2025-04-22T12:00:00+02:00", "Maria", "Rossi", "rssmra85t10a562s", "maria@example.it", "idem-rossi-000000002", "", f.cv2)
	f.verdi = apply("2025-04-23T13:00:00+02:00", "Anna", "Verdi", "VRDNNA75M41E648X", "anna@example.it", "idem-verdi-000000001", "1234", cv("verdi"))

	message := func(when, town, topic, name, email, phone, text string, fax ...string) string {
		now = at(when)
		v := url.Values{"name": {name}, "town": {town}, "topic": {topic}, "message": {text}, "privacy": {"yes"},
			"email": {email}, "phone": {phone}, "fax": fax}
		return post(t, h, "/api/contact", "application/x-www-form-urlencoded", []byte(v.Encode()))
	}
	f.payments = message("2025-05-01T09:00:00+02:00", "casalpusterlengo", "payments", "Giuseppe Neri", "", "0377 123456",
		"Non riesco a pagare l'affitto di maggio.")
	f.social = message("2025-05-02T10:30:00+02:00", "sant-angelo-lodigiano", "social", "Lucia Gallo", "lucia@example.it", "",
		"Vorrei parlare con qualcuno.")
	f.technical = message("2025-05-03T14:00:00+02:00", "codogno", "technical", "Paolo Riva", "paolo@example.it", "",
		"L'ascensore è fermo da una settimana\ne mia madre non riesce a scendere: abita al quinto piano e ha novant'anni.")
	f.spam = message("2025-05-04T08:00:00+02:00", "sant-angelo-lodigiano", "technical", "Offerta", "offerte@example.com", "",
		"Compra adesso", "555 1234")
	return f
}

func post(t *testing.T, h http.Handler, path, contentType string, body []byte) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct{ Receipt string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusCreated || out.Receipt == "" {
		t.Fatalf("POST %s: %d %s", path, rec.Code, rec.Body)
	}
	return out.Receipt
}

// staff runs the command with args and returns what it wrote.
func staff(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return env[k] }, &o, &e)
	return o.String(), e.String(), err
}

// lineOf returns the first line of out that starts with s (blanks aside), failing the test when there is none.
func lineOf(t *testing.T, out, s string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), s) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", s, out)
	return ""
}

// lineAfter returns the line after the first that starts with s: a row's note.
func lineAfter(t *testing.T, out, s string) string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), s) && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	t.Fatalf("no line after %q in:\n%s", s, out)
	return ""
}

// order reports whether the strings appear in out in that order.
func order(out string, s ...string) bool {
	at := 0
	for _, x := range s {
		i := strings.Index(out[at:], x)
		if i < 0 {
			return false
		}
		at += i + len(x)
	}
	return true
}
