package e2e

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Wrong answers that every form must reject with an error summary: a short list of typical slips.
var (
	badApplication = map[string]string{
		"call": "community-manager-2025", "given_name": "Maria", "family_name": "",
		"tax_code": "RSSMRA85T10A562X", "email": "maria.rossi-at-example.it", "phone": "12",
	}
	badContact = map[string]string{"name": "", "message": "", "email": "non-una-email"}
)

// upload is a file sent in a multipart form.
type upload struct {
	Field, Name string
	Content     []byte
}

// postForm submits fields (and files) to the form API as a browser without JavaScript does (HTML wanted, same
// origin), as multipart/form-data or urlencoded, and returns the status and the body.
func postForm(t testing.TB, s *suite, path string, fields map[string]string, multi bool, files ...upload) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if multi {
		mw := multipart.NewWriter(&body)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		for _, f := range files {
			w, err := mw.CreateFormFile(f.Field, f.Name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(f.Content)
		}
		mw.Close()
		ctype = mw.FormDataContentType()
	} else {
		vals := url.Values{}
		for k, v := range fields {
			vals.Set(k, v)
		}
		body.WriteString(vals.Encode())
	}
	req, err := http.NewRequest("POST", s.URL+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	req.Header.Set("Origin", s.URL)
	client := &http.Client{Timeout: httpTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	return resp.StatusCode, b
}

// errorPage posts wrong answers and returns the error page the backend renders, checking it is one.
func errorPage(t testing.TB, s *suite, path string, fields map[string]string, multi bool) []byte {
	t.Helper()
	status, b := postForm(t, s, path, fields, multi)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("POST %s with wrong answers: status %d, want 422; body:\n%s", path, status, clip(string(b), 2000))
	}
	// The theme's texts are escaped like any text ("C&#39;è"): look at the page as a browser reads it.
	if text := html.UnescapeString(string(b)); !strings.Contains(text, "<title>Errore: ") || !strings.Contains(text, "C'è un problema") {
		t.Errorf("POST %s: the error page lacks the \"Errore: \" title or the \"C'è un problema\" summary:\n%s",
			path, clip(string(b), 2000))
	}
	return b
}

// sampleReceipt has the shape of a receipt or ticket number; confirmation pages check only the shape.
const sampleReceipt = "K7M4-PX2Q"

// getPage fetches a page the form backend renders and wants 200 and HTML.
func getPage(t testing.TB, s *suite, path string) []byte {
	t.Helper()
	resp, err := httpClient.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %d %s, %v:\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), err, clip(string(b), 1000))
	}
	return b
}

// httpTimeout bounds every request the tests make without the browser; httpClient is a client with it.
const httpTimeout = 20 * time.Second

var httpClient = &http.Client{Timeout: httpTimeout}
