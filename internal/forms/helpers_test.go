package forms_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"quartieri/internal/forms"
	"quartieri/internal/localstore"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

const testSiteYAML = `
title: "Sito di prova"
baseURL: "https://quartieri.example.it/"
apiBase: /api
organization: { name: "Aler Pavia-Lodi" }
mail: { from: "sito@quartieri.example.it", staff: "personale@quartieri.example.it" }
calls:
  - id: community-manager-2025
    title: "Selezione di due community manager (operatori di quartiere)"
    applyPage: /lavora-con-noi/candidatura/
    closes: 2025-04-28T23:59:00+02:00
  - id: futuro
    title: "Bando futuro"
    opens: 2025-06-01T09:00:00+02:00
    closes: 2025-06-30T12:00:00+02:00
presidi:
  - { id: sant-angelo-lodigiano, town: "Sant'Angelo Lodigiano", email: "santangelo@quartieri.example.it" }
  - { id: codogno, town: "Codogno", email: "codogno@quartieri.example.it" }
  - { id: casalpusterlengo, town: "Casalpusterlengo", email: "casale@quartieri.example.it" }
menus:
  main:
    - { name: "Home", url: /, weight: 1 }
limits: { requests: 1000, window: 10m }
retention: { applicationsDays: 730, contactDays: 365 }
`

const callID = "community-manager-2025"

var inTime = mustTime("2025-04-20T10:00:00+02:00")

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// env is a handler on a local store with a settable clock, and the log it writes.
type env struct {
	t     *testing.T
	hooks *forms.Hooks
	h     http.Handler
	store *localstore.Store
	log   *bytes.Buffer
	logMu sync.Mutex
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func testSite(t testing.TB) *siteconfig.Site {
	site, err := siteconfig.Parse([]byte(testSiteYAML))
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func testTheme(t testing.TB) *theme.Theme {
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// newEnv builds the API; change the config in edit before the server is made.
func newEnv(t testing.TB, edit func(*forms.Config)) *env {
	store, err := localstore.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{store: store, log: &bytes.Buffer{}}
	if tt, ok := t.(*testing.T); ok {
		e.t = tt
	}
	now := inTime
	cfg := forms.Config{Site: testSite(t), Theme: testTheme(t), Records: store, Files: store, Mailer: store,
		Now: func() time.Time { return now }, Secret: []byte("test secret"),
		Logger: slog.New(slog.NewJSONHandler(lockedWriter{&e.logMu, e.log}, nil))}
	if edit != nil {
		edit(&cfg)
	}
	e.h, e.hooks = forms.NewAPIForTest(cfg)
	return e
}

func (e *env) token() string { return e.hooks.Token(time.Now().Add(-10 * time.Second)) }

// validApplication returns the fields of a valid application (with a valid token).
func (e *env) validApplication() map[string]string {
	return map[string]string{
		"call": callID, "given_name": "Maria Chiara", "family_name": "D’Agostino-Rossi", "tax_code": "RSSMRA85T10A562S",
		"email": "maria.rossi@example.it", "phone": "+39 333 123 4567", "education": "Laurea in Servizio sociale",
		"message": "Lavoro da dieci anni con le famiglie.", "declaration": "yes", "privacy": "yes",
		"_token": e.token(), "_idem": "idem-0123456789abcdef",
	}
}

// testPDF is a small PDF a reader opens: one page, a cross-reference table.
var testPDF = makePDF("")

// makePDF writes a one-page PDF 1.4 whose catalog has extra in it (e.g. "/OpenAction [3 0 R /Fit]") and, when
// streamData is given, a stream object holding it; the cross-reference table and startxref are right.
func makePDF(extra string, streamData ...[]byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + extra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	for _, d := range streamData {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n", len(offs), len(d))
		b.Write(d)
		b.WriteString("\nendstream\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// multipartBody encodes fields (sorted, for stable bodies) and, when cvName is not "-", a cv part.
func multipartBody(fields map[string]string, cvName string, cv []byte) ([]byte, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		mw.WriteField(k, fields[k])
	}
	if cvName != "-" {
		fw, _ := mw.CreateFormFile("cv", cvName)
		fw.Write(cv)
	}
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

type reply struct {
	status int
	header http.Header
	body   string
}

// text is the body with HTML entities decoded, to look for messages in pages.
func (r reply) text() string { return html.UnescapeString(r.body) }

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("body is not JSON (%v): %s", err, r.body)
	}
	return v
}

func (r reply) receipt(t *testing.T) string {
	t.Helper()
	rc, _ := r.json(t)["receipt"].(string)
	if !forms.ReceiptRE.MatchString(rc) {
		t.Fatalf("receipt %q has the wrong shape; body %s", rc, r.body)
	}
	return rc
}

// errorsOf returns the JSON errors as "field: message" lines.
func (r reply) errorsOf(t *testing.T) []string {
	t.Helper()
	var v struct {
		Errors []struct{ Field, Message string }
	}
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("body is not JSON (%v): %s", err, r.body)
	}
	var out []string
	for _, e := range v.Errors {
		out = append(out, e.Field+": "+e.Message)
	}
	return out
}

func (e *env) do(req *http.Request) reply {
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return reply{rec.Code, rec.Header(), rec.Body.String()}
}

// post sends a body to path; accept "json" asks for JSON.
func (e *env) post(path string, body []byte, contentType string, json bool, hdr ...string) reply {
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if json {
		req.Header.Set("Accept", "application/json")
	} else {
		req.Header.Set("Accept", "text/html,application/xhtml+xml")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return e.do(req)
}

func (e *env) apply(fields map[string]string, cvName string, cv []byte, json bool) reply {
	body, ct := multipartBody(fields, cvName, cv)
	return e.post("/api/applications", body, ct, json)
}

// stored lists the files in the store, relative, sorted, leaving out the folders listed in except.
func (e *env) stored(t testing.TB, except ...string) []string {
	t.Helper()
	var out []string
	root := e.store.Dir()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		for _, x := range except {
			if strings.HasPrefix(rel, x+"/") {
				return nil
			}
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (e *env) assertNothingStored(t *testing.T, except ...string) {
	t.Helper()
	if files := e.stored(t, except...); len(files) > 0 {
		t.Errorf("stored %v, want nothing", files)
	}
}

// mails returns the outbox's messages as text.
func (e *env) mails(t *testing.T) []string {
	t.Helper()
	paths, err := e.store.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		head, body, _ := strings.Cut(string(data), "\r\n\r\n")
		text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(head[strings.Index(head, "Subject: ")+9:])
		out = append(out, head+"\nDecoded-Subject: "+subject+"\n\n"+string(text))
	}
	return out
}

func (e *env) logText() string { e.logMu.Lock(); defer e.logMu.Unlock(); return e.log.String() }

func contains(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}
