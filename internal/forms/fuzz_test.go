package forms_test

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"quartieri/internal/forms"
)

// FuzzDecodeApplication feeds arbitrary multipart bodies to the decoding and validation of an application: it
// must never panic, never accept a CV over the limit, and every error must name a message.
func FuzzDecodeApplication(f *testing.F) {
	e := newEnv(f, nil)
	body, ct := multipartBody(e.validApplication(), "cv.pdf", testPDF)
	boundary := ct[strings.Index(ct, "boundary=")+9:]
	f.Add(boundary, body)
	f.Add(boundary, body[:len(body)/2])
	f.Add("x", body)
	f.Add(boundary, []byte("--"+boundary+"--\r\n"))
	f.Add(boundary, []byte("--"+boundary+"\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"../../a.pdf\"\r\n\r\nMZ\r\n--"+boundary+"--\r\n"))
	f.Add(boundary, []byte("--"+boundary+"\r\nContent-Disposition: form-data; name=\"given_name\"\r\nContent-Type: multipart/mixed; boundary=y\r\n\r\n--y\r\n\r\n--y--\r\n--"+boundary+"--"))
	f.Add(boundary, []byte("--"+boundary+"\r\nContent-Disposition: form-data; name=\"tax_code\"\r\n\r\nrss mra 85t10 a562s\xff\r\n--"+boundary+"--\r\n"))
	withInvisible := e.validApplication()
	withInvisible["given_name"] = "Maria\u202e"
	for _, seed := range []struct {
		fields map[string]string
		cv     []byte
	}{{withInvisible, readPDF(f, "active-launch.pdf")}, {e.validApplication(), []byte("%PDF-1.4\n\x7fELF\x02\x01")}} {
		b, ct := multipartBody(seed.fields, "cv\u202efdp.exe", seed.cv)
		f.Add(ct[strings.Index(ct, "boundary=")+9:], b)
	}
	site := testSite(f)
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		req := httptest.NewRequest("POST", "/api/applications", bytes.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=\""+strings.ReplaceAll(boundary, `"`, "")+"\"")
		errs, status := forms.DecodeApplicationForFuzz(site, httptest.NewRecorder(), req)
		switch status {
		case 201:
			if len(errs) != 0 {
				t.Fatalf("status 201 with errors %v", errs)
			}
		case 400, 413, 422:
			if len(errs) == 0 {
				t.Fatalf("status %d without errors", status)
			}
		default:
			t.Fatalf("status %d", status)
		}
		for _, e := range errs {
			if strings.HasSuffix(e, ": ") {
				t.Fatalf("error without a message: %q", e)
			}
		}
	})
}

// FuzzHandlers posts arbitrary bodies to both forms through the whole handler, on a real local store: any
// status outside the documented ones, or a panic, fails.
func FuzzHandlers(f *testing.F) {
	e := newEnv(f, func(c *forms.Config) { c.Site.Limits.Requests = 1 << 30 })
	app, appCT := multipartBody(e.validApplication(), "cv.pdf", testPDF)
	contact, _ := contactBody(e, nil)
	f.Add(true, appCT, app)
	f.Add(true, appCT, app[:len(app)-40])
	f.Add(false, "application/x-www-form-urlencoded", contact)
	f.Add(false, "application/x-www-form-urlencoded", []byte("name=%zz&town=codogno"))
	f.Add(false, appCT, app)
	allowed := map[int]bool{200: true, 201: true, 303: true, 400: true, 403: true, 413: true, 422: true}
	f.Fuzz(func(t *testing.T, application bool, contentType string, body []byte) {
		path := "/api/contact"
		if application {
			path = "/api/applications"
		}
		r := e.post(path, body, contentType, len(body)%2 == 0)
		if !allowed[r.status] {
			t.Fatalf("POST %s: status %d: %s", path, r.status, r.body)
		}
	})
}

// FuzzCheckCV feeds arbitrary bytes to the CV check: it must never panic; what it accepts starts with %PDF- and
// ends with %%EOF; and an accepted file with /JavaScript put anywhere is refused.
func FuzzCheckCV(f *testing.F) {
	for _, name := range []string{"libreoffice.pdf", "objstreams-1.7.pdf", "scan-jpeg.pdf", "active-js-names.pdf", "active-js-escaped.pdf"} {
		f.Add(readPDF(f, name))
	}
	f.Add(testPDF)
	f.Add(objStm("/OpenAction [3 0 R /Fit]"))
	f.Add(withFakeStream())
	f.Add([]byte("%PDF-1.4\n\x7fELF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if forms.CheckCV(data) != "" {
			return
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, " \t\r\n\f\x00"), []byte("%%EOF")) {
			t.Fatalf("accepted %q", data)
		}
		i := len(data) / 3
		js := append(append(append([]byte{}, data[:i]...), "/JavaScript "...), data[i:]...)
		if forms.CheckCV(js) == "" {
			t.Fatalf("accepted with /JavaScript: %q", js)
		}
	})
}
