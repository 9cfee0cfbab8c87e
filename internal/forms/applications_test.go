package forms_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
)

func TestApplicationStoredThenMailed(t *testing.T) {
	e := newEnv(t, nil)
	fields := e.validApplication()
	r := e.apply(fields, "Il mio CV.pdf", testPDF, true)
	if r.status != 201 {
		t.Fatalf("status = %d, want 201; body %s", r.status, r.body)
	}
	receipt := r.receipt(t)
	a, ok, err := e.store.GetApplication(context.Background(), receipt)
	if !ok || err != nil {
		t.Fatalf("GetApplication(%s) = %v, %v", receipt, ok, err)
	}
	if a.GivenName != "Maria Chiara" || a.FamilyName != "D’Agostino-Rossi" || a.TaxCode != "RSSMRA85T10A562S" ||
		a.CVName != "Il mio CV.pdf" || a.CVSize != int64(len(testPDF)) || !a.Declaration || !a.Privacy ||
		a.Call != callID || len(a.Suspect) != 0 || a.Supersedes != "" {
		t.Errorf("stored application = %+v", a)
	}
	// Retention runs on the real clock, not the simulated instant of the submission (SubmittedAt).
	if got := time.Until(a.ExpiresAt).Hours() / 24; got < 729.9 || got > 730 {
		t.Errorf("retention = %v days from now, want 730", got)
	}
	cv, err := os.ReadFile(filepath.Join(e.store.Dir(), "cv", callID, receipt+".pdf"))
	if err != nil || !bytes.Equal(cv, testPDF) {
		t.Errorf("stored CV = %q, %v", cv, err)
	}
	if l, _ := e.store.Latest(context.Background(), callID, "RSSMRA85T10A562S"); l != receipt {
		t.Errorf("Latest = %q, want %q", l, receipt)
	}
	mails := e.mails(t)
	if len(mails) != 2 {
		t.Fatalf("%d mails, want 2 (candidate, staff)", len(mails))
	}
	var candidate, staff string
	for _, m := range mails {
		if strings.Contains(m, "To: <maria.rossi@example.it>") {
			candidate = m
		}
		if strings.Contains(m, "To: <personale@quartieri.example.it>") {
			staff = m
		}
	}
	if !strings.Contains(candidate, receipt) || !strings.Contains(candidate, "Cosa succede adesso") {
		t.Errorf("candidate mail lacks the receipt or the next steps:\n%s", candidate)
	}
	if !strings.Contains(staff, receipt) || !strings.Contains(staff, "cv/"+callID+"/"+receipt+".pdf") {
		t.Errorf("staff mail lacks the receipt or where to find the record:\n%s", staff)
	}
	for _, m := range mails {
		for _, secret := range []string{"RSSMRA85T10A562S", "%PDF", "Lavoro da dieci anni"} {
			if strings.Contains(m, secret) {
				t.Errorf("a mail contains %q:\n%s", secret, m)
			}
		}
	}
	if st, _ := e.store.MailStatus(); len(st) != 2 || !strings.Contains(st[0], `"sent"`) {
		t.Errorf("mail status = %q", st)
	}
	for _, pii := range []string{"Maria", "Rossi", "RSSMRA", "maria.rossi", "333"} {
		if strings.Contains(e.logText(), pii) {
			t.Errorf("the log contains %q:\n%s", pii, e.logText())
		}
	}
	if !strings.Contains(e.logText(), receipt) {
		t.Errorf("the log does not name the receipt:\n%s", e.logText())
	}
}

func TestApplicationHTMLRedirectsToReceiptPage(t *testing.T) {
	e := newEnv(t, nil)
	r := e.apply(e.validApplication(), "cv.pdf", testPDF, false)
	if r.status != 303 {
		t.Fatalf("status = %d, want 303; body %s", r.status, r.body)
	}
	loc := r.header.Get("Location")
	if !strings.HasPrefix(loc, "/api/applications/ricevuta?") {
		t.Fatalf("Location = %q", loc)
	}
	page := e.do(httptest.NewRequest("GET", loc, nil))
	if page.status != 200 || !strings.Contains(page.text(), "Candidatura inviata") {
		t.Fatalf("receipt page: %d %s", page.status, page.body)
	}
	files := e.stored(t)
	receipt := ""
	for _, f := range files {
		if strings.HasPrefix(f, "applications/") {
			receipt = strings.TrimSuffix(strings.TrimPrefix(f, "applications/"), ".json")
		}
	}
	if receipt == "" || !strings.Contains(page.body, receipt) {
		t.Errorf("receipt page does not show the stored receipt %q", receipt)
	}
	for _, pii := range []string{"Maria", "RSSMRA", "maria.rossi"} {
		if strings.Contains(page.body, pii) {
			t.Errorf("the receipt page shows personal data %q", pii)
		}
	}
}

func TestReceiptPageChecksTheNumber(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		url    string
		status int
	}{
		{"/api/applications/ricevuta?numero=K7M4-PX2Q", 200},
		{"/api/applications/ricevuta?numero=k7m4-px2q", 200},
		{"/api/contact/ricevuta?numero=K7M4-PX2Q", 200},
		{"/api/applications/ricevuta?numero=K7M4-PX2O", 404},
		{"/api/applications/ricevuta?numero=%3Cscript%3E", 404},
		{"/api/applications/ricevuta", 404},
	}
	for _, tt := range tests {
		r := e.do(httptest.NewRequest("GET", tt.url, nil))
		if r.status != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.url, r.status, tt.status)
		}
		if strings.Contains(r.body, "<script>") {
			t.Errorf("GET %s shows a script", tt.url)
		}
	}
}

// TestReceiptPageNeedsTheSignature: only the link the backend gives (303 or JSON firma) says "inviata"; a number
// typed or edited, with no signature, a wrong one or the other form's, gets a neutral page that confirms nothing
// and points to the confirmation mail.
// otherLast changes the last character of s.
func otherLast(s string) string {
	if strings.HasSuffix(s, "A") {
		return s[:len(s)-1] + "B"
	}
	return s[:len(s)-1] + "A"
}

func TestReceiptPageNeedsTheSignature(t *testing.T) {
	e := newEnv(t, nil)
	loc := e.apply(e.validApplication(), "cv.pdf", testPDF, false).header.Get("Location")
	u, err := url.Parse(loc)
	if err != nil || u.Query().Get("firma") == "" {
		t.Fatalf("Location %q has no firma", loc)
	}
	receipt, firma := u.Query().Get("numero"), u.Query().Get("firma")
	f := e.validApplication()
	f["message"] = "Un'altra candidatura."
	f["_idem"] = "other-idem-0123456789"
	j := e.apply(f, "cv.pdf", testPDF, true).json(t)
	if j["receipt"] == "" || j["firma"] == "" || j["firma"] == firma {
		t.Errorf("JSON answer %v: want a receipt and its own firma", j)
	}
	body, ct := contactBody(e, nil)
	cu, _ := url.Parse(e.post("/api/contact", body, ct, false).header.Get("Location"))
	tests := []struct {
		url     string
		success bool
	}{
		{loc, true},
		{"/api/applications/ricevuta?numero=" + receipt + "&firma=" + firma + "&bando=" + callID, true},
		{"/api/applications/ricevuta?numero=" + receipt, false},
		{"/api/applications/ricevuta?numero=ZZZZ-ZZZZ", false},
		{"/api/applications/ricevuta?numero=ZZZZ-ZZZZ&firma=" + firma, false},
		{"/api/applications/ricevuta?numero=" + receipt + "&firma=" + otherLast(firma), false},
		{"/api/applications/ricevuta?numero=" + cu.Query().Get("numero") + "&firma=" + cu.Query().Get("firma"), false},
		{"/api/contact/ricevuta?" + cu.RawQuery, true},
	}
	for _, tt := range tests {
		r := e.do(httptest.NewRequest("GET", tt.url, nil))
		shown := strings.Contains(r.text(), "inviat")
		if r.status != 200 || shown != tt.success {
			t.Errorf("GET %s = %d, says sent %v; want 200, %v", tt.url, r.status, shown, tt.success)
		}
		if !tt.success && (!strings.Contains(r.text(), "email di conferma") || strings.Contains(r.body, "ZZZZ") || strings.Contains(r.body, receipt)) {
			t.Errorf("GET %s: the neutral page shows the number or does not point to the mail:\n%s", tt.url, r.text())
		}
	}
}

func TestTokenRoute(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/api/applications/token", "/api/contact/token"} {
		r := e.do(httptest.NewRequest("GET", path, nil))
		tok, _ := r.json(t)["token"].(string)
		if r.status != 200 || !strings.Contains(tok, ".") || r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s = %d %s", path, r.status, r.body)
		}
	}
}

func TestApplicationFieldErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name string
		edit map[string]string // "" deletes the field
		want []string          // "field: message"
	}{
		{"missing given name", map[string]string{"given_name": ""}, []string{"given_name: Inserisci il nome"}},
		{"missing everything", map[string]string{"call": "", "given_name": "", "family_name": "", "tax_code": "",
			"email": "", "phone": "", "declaration": "", "privacy": ""}, []string{
			"call: Il bando indicato non esiste: apri la pagina del bando e invia la candidatura da lì",
			"given_name: Inserisci il nome", "family_name: Inserisci il cognome",
			"tax_code: Inserisci il codice fiscale", "email: Inserisci l'indirizzo email",
			"phone: Inserisci il numero di telefono",
			"declaration: Seleziona la casella per dichiarare che quello che hai scritto nel modulo e nel CV è vero",
			"privacy: Seleziona la casella per confermare di aver letto l'informativa sulla privacy"}},
		{"unknown call", map[string]string{"call": "altro"}, []string{"call: Il bando indicato non esiste: apri la pagina del bando e invia la candidatura da lì"}},
		{"digits in a name", map[string]string{"family_name": "Rossi2"}, []string{"family_name: Il cognome può contenere solo lettere, spazi, apostrofi e trattini"}},
		{"CR/LF in a name", map[string]string{"given_name": "Maria\r\nBcc: x@example.it"}, []string{"given_name: Il nome può contenere solo lettere, spazi, apostrofi e trattini"}},
		{"name too long", map[string]string{"given_name": long(101)}, []string{"given_name: Il nome deve avere al massimo 100 caratteri"}},
		{"invalid UTF-8", map[string]string{"family_name": "Ross\xff"}, []string{"family_name: Il testo contiene caratteri che non riconosciamo: scrivilo di nuovo senza copiarlo da altri programmi"}},
		{"wrong check character", map[string]string{"tax_code": "RSSMRA85T10A562T"}, []string{"tax_code: " + codicefiscale.ErrCheck.Message}},
		{"bad month", map[string]string{"tax_code": "RSSMRA85Z10A562S"}, []string{"tax_code: " + codicefiscale.ErrMonth.Message}},
		{"short tax code", map[string]string{"tax_code": "RSSMRA85"}, []string{"tax_code: " + codicefiscale.ErrLength.Message}},
		{"CR/LF in email", map[string]string{"email": "maria@example.it\r\nBcc: spam@example.it"}, []string{"email: Inserisci l'indirizzo email nel formato giusto, per esempio nome@esempio.it"}},
		{"display name in email", map[string]string{"email": "Maria <maria@example.it>"}, []string{"email: Inserisci l'indirizzo email nel formato giusto, per esempio nome@esempio.it"}},
		{"email without domain dot", map[string]string{"email": "maria@example"}, []string{"email: Inserisci l'indirizzo email nel formato giusto, per esempio nome@esempio.it"}},
		{"accent in the domain", map[string]string{"email": "maria@esempiò.it"}, []string{"email: " + msgEmailASCII}},
		{"accent in the name part", map[string]string{"email": "mària@example.it"}, []string{"email: " + msgEmailASCII}},
		{"non-Latin email", map[string]string{"email": "мария@пример.рф"}, []string{"email: " + msgEmailASCII}},
		{"phone letters", map[string]string{"phone": "tre tre tre"}, []string{"phone: Inserisci il numero di telefono nel formato giusto, per esempio 0371 123456 oppure +39 333 123 4567"}},
		{"phone too short", map[string]string{"phone": "12345"}, []string{"phone: Inserisci il numero di telefono nel formato giusto, per esempio 0371 123456 oppure +39 333 123 4567"}},
		{"education too long", map[string]string{"education": long(2001)}, []string{"education: Il titolo di studio deve avere al massimo 2000 caratteri (ora ne ha 2001)"}},
		{"message too long", map[string]string{"message": long(3001)}, []string{"message: Il messaggio deve avere al massimo 3000 caratteri (ora ne ha 3001)"}},
		{"declaration not yes", map[string]string{"declaration": "on"}, []string{"declaration: Seleziona la casella per dichiarare che quello che hai scritto nel modulo e nel CV è vero"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			fields := e.validApplication()
			for k, v := range tt.edit {
				if v == "" {
					delete(fields, k)
				} else {
					fields[k] = v
				}
			}
			r := e.apply(fields, "cv.pdf", testPDF, true)
			if r.status != 422 {
				t.Fatalf("status = %d, want 422; body %s", r.status, r.body)
			}
			if got := r.errorsOf(t); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			e.assertNothingStored(t, "pending")
			// The same in HTML: the form page with the messages, status 422.
			h := e.apply(fields, "cv.pdf", testPDF, false)
			if h.status != 422 || !strings.Contains(h.text(), "C'è un problema") {
				t.Fatalf("HTML status = %d; body %s", h.status, h.body)
			}
			for _, w := range tt.want {
				if msg := w[strings.Index(w, ": ")+2:]; !strings.Contains(h.text(), msg) {
					t.Errorf("the HTML page lacks %q", msg)
				}
			}
			e.assertNothingStored(t, "pending")
		})
	}
}

const msgEmailASCII = "L'indirizzo email può contenere solo lettere senza accenti, numeri e i simboli @ . _ - +: controlla di averlo scritto bene"

// TestASCIIEmailsAreKept: an address already in ASCII (a punycode domain included) is stored as typed.
func TestASCIIEmailsAreKept(t *testing.T) {
	for _, email := range []string{"maria.rossi+bando@example.it", "maria@xn--esempi-yua.it", "o'brien@example.it"} {
		t.Run(email, func(t *testing.T) {
			e := newEnv(t, nil)
			f := e.validApplication()
			f["email"] = email
			r := e.apply(f, "cv.pdf", testPDF, true)
			if r.status != 201 {
				t.Fatalf("status %d %s", r.status, r.body)
			}
			if a, _, _ := e.store.GetApplication(context.Background(), r.receipt(t)); a.Email != email {
				t.Errorf("stored %q, want %q", a.Email, email)
			}
		})
	}
}

func TestNamesWithAccentsAndApostrophes(t *testing.T) {
	e := newEnv(t, nil)
	for i, name := range []string{"Nicolò", "D'Amico", "Dell’Orto", "Anna-Lena", "José María", "Łukasz", "Νίκος"} {
		f := e.validApplication()
		f["family_name"] = name
		f["tax_code"] = codicefiscale.Example(i)
		if r := e.apply(f, "cv.pdf", testPDF, true); r.status != 201 {
			t.Errorf("family_name %q: status %d, %s", name, r.status, r.body)
		}
	}
}

func TestScriptInTheMessageIsTextEverywhere(t *testing.T) {
	e := newEnv(t, nil)
	script := `<script>alert("x")</script>`
	f := e.validApplication()
	f["message"] = script
	f["email"] = "non-valida"
	h := e.apply(f, "cv.pdf", testPDF, false)
	if h.status != 422 {
		t.Fatalf("status = %d", h.status)
	}
	if strings.Contains(h.body, script) || !strings.Contains(h.body, "&lt;script&gt;") {
		t.Errorf("the re-shown form does not escape the message:\n%s", h.body)
	}
	f["email"] = "maria@example.it"
	r := e.apply(f, "cv.pdf", testPDF, true)
	if r.status != 201 {
		t.Fatalf("status = %d, %s", r.status, r.body)
	}
	a, _, _ := e.store.GetApplication(context.Background(), r.receipt(t))
	if a.Message != script {
		t.Errorf("stored message = %q, want it as typed", a.Message)
	}
}

func TestCVChecks(t *testing.T) {
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 5<<20)...)
	justOver := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 4<<20)...)
	tests := []struct {
		name   string
		file   string
		data   []byte
		status int
		msg    string
	}{
		{"5 MiB PDF", "cv.pdf", big, 413, "cv: Il file selezionato deve essere più piccolo di 4 MB"},
		{"just over 4 MiB", "cv.pdf", justOver, 413, "cv: Il file selezionato deve essere più piccolo di 4 MB"},
		{"executable named cv.pdf", "cv.pdf", append([]byte("MZ\x90\x00\x03"), testPDF...), 422, "cv: Il file selezionato deve essere un PDF"},
		{"ELF named cv.pdf", "cv.pdf", []byte("\x7fELF\x02\x01\x01"), 422, "cv: Il file selezionato deve essere un PDF"},
		{"zip named cv.pdf", "cv.pdf", []byte("PK\x03\x04%PDF-"), 422, "cv: Il file selezionato deve essere un PDF"},
		{"empty file", "cv.pdf", nil, 422, "cv: Il file selezionato è vuoto"},
		{"no file chosen", "", nil, 422, "cv: Seleziona il tuo CV"},
		{"no cv part", "-", nil, 422, "cv: Seleziona il tuo CV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			r := e.apply(e.validApplication(), tt.file, tt.data, true)
			if r.status != tt.status || strings.Join(r.errorsOf(t), "\n") != tt.msg {
				t.Errorf("got %d %v, want %d %q", r.status, r.errorsOf(t), tt.status, tt.msg)
			}
			e.assertNothingStored(t)
		})
	}
}

func TestBrokenBodies(t *testing.T) {
	e := newEnv(t, nil)
	body, ct := multipartBody(e.validApplication(), "cv.pdf", testPDF)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		status      int
		msg         string
	}{
		{"truncated in the CV", body[:len(body)-60], ct, 400, "cv: Non è stato possibile caricare il file: riprova"},
		{"truncated in a field", body[:200], ct, 400, ": Il modulo non è arrivato completo: invialo di nuovo"},
		{"wrong boundary", body, "multipart/form-data; boundary=nonquella", 400, ": Il modulo non è arrivato completo: invialo di nuovo"},
		{"no boundary", body, "multipart/form-data", 400, ": Il modulo non è arrivato nel formato giusto: apri la pagina del modulo e invialo di nuovo da lì"},
		{"url-encoded", []byte("given_name=Maria"), "application/x-www-form-urlencoded", 400, ": Il modulo non è arrivato nel formato giusto: apri la pagina del modulo e invialo di nuovo da lì"},
		{"JSON", []byte(`{"given_name":"Maria"}`), "application/json", 400, ": Il modulo non è arrivato nel formato giusto: apri la pagina del modulo e invialo di nuovo da lì"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.post("/api/applications", tt.body, tt.contentType, true)
			if r.status != tt.status || strings.Join(r.errorsOf(t), "\n") != tt.msg {
				t.Errorf("got %d %v, want %d %q", r.status, r.errorsOf(t), tt.status, tt.msg)
			}
			h := e.post("/api/applications", tt.body, tt.contentType, false)
			if h.status != tt.status || !strings.Contains(h.text(), tt.msg[strings.Index(tt.msg, ": ")+2:]) {
				t.Errorf("HTML: got %d, want %d with the message; %s", h.status, tt.status, h.body)
			}
			e.assertNothingStored(t)
		})
	}
}

func TestOverLimitBodyIsNotReadToTheEnd(t *testing.T) {
	e := newEnv(t, nil)
	fields := e.validApplication()
	head, ct := multipartBody(fields, "cv.pdf", testPDF[:10])
	// An endless CV: the handler must answer 413 after reading about the limit, not wait for the end.
	endless := io.MultiReader(bytes.NewReader(head[:len(head)-50]), &counting{})
	req := httptest.NewRequest("POST", "/api/applications", endless)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Accept", "application/json")
	r := e.do(req)
	if r.status != 413 {
		t.Fatalf("status = %d, want 413", r.status)
	}
	e.assertNothingStored(t)
}

// counting is an endless reader of 'x' that stops the test if read far beyond the limit.
type counting struct{ n int }

func (c *counting) Read(p []byte) (int, error) {
	if c.n > 6<<20 {
		return 0, io.ErrUnexpectedEOF
	}
	for i := range p {
		p[i] = 'x'
	}
	c.n += len(p)
	return len(p), nil
}

func TestErrorsInPageOrder(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	f["phone"] = "x"
	f["education"] = strings.Repeat("a", 2001)
	delete(f, "privacy")
	r := e.apply(f, "-", nil, true)
	var fields []string
	for _, l := range r.errorsOf(t) {
		fields = append(fields, l[:strings.Index(l, ":")])
	}
	if got := strings.Join(fields, ","); got != "phone,cv,education,privacy" {
		t.Errorf("error fields = %s, want phone,cv,education,privacy", got)
	}
}

// TestOverLimitOverTCP: a real client sending 5 MiB gets the 413 page, not a reset connection.
func TestOverLimitOverTCP(t *testing.T) {
	e := newEnv(t, nil)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 5<<20)...)
	body, ct := multipartBody(e.validApplication(), "cv.pdf", big)
	resp, err := srv.Client().Post(srv.URL+"/api/applications", ct, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 413 || !strings.Contains(string(page), "più piccolo di 4 MB") {
		t.Errorf("status %d, page %.300s", resp.StatusCode, page)
	}
	e.assertNothingStored(t)
}

// TestTooLargeSaysWhat: a 413 names a field only when that field is over its own limit, and otherwise says
// what was too large.
func TestTooLargeSaysWhat(t *testing.T) {
	many := map[string]string{}
	for i := range 200 {
		many["x"+strings.Repeat("y", i)] = ""
	}
	tests := []struct {
		name   string
		edit   map[string]string
		extra  []byte // a second file part, named "allegato"
		status int
		msg    string
	}{
		{"over 100 parts", many, nil, 413, ": Il modulo contiene troppi campi: apri la pagina del modulo e invialo di nuovo da lì"},
		{"a large file that is not the CV", nil, bytes.Repeat([]byte("a"), 5<<20), 413,
			": Puoi allegare un solo file, il CV in PDF: togli gli altri file e invia di nuovo"},
		{"a small file that is not the CV", nil, []byte("ciao"), 201, ""},
		{"education over 64 KiB", map[string]string{"education": strings.Repeat("a", 70<<10)}, nil, 413,
			"education: Il titolo di studio deve avere al massimo 2000 caratteri"},
		{"message over 64 KiB", map[string]string{"message": strings.Repeat("è", 40<<10)}, nil, 413,
			"message: Il messaggio deve avere al massimo 3000 caratteri"},
		{"an unknown field over 64 KiB", map[string]string{"zzz": strings.Repeat("a", 70<<10)}, nil, 413,
			": Il modulo contiene più testo di quanto possiamo ricevere: accorcia i testi più lunghi e invia di nuovo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			f := e.validApplication()
			for k, v := range tt.edit {
				f[k] = v
			}
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			for _, k := range sortedKeys(f) {
				mw.WriteField(k, f[k])
			}
			fw, _ := mw.CreateFormFile("cv", "cv.pdf")
			fw.Write(testPDF)
			if tt.extra != nil {
				fw, _ := mw.CreateFormFile("allegato", "foto.jpg")
				fw.Write(tt.extra)
			}
			mw.Close()
			r := e.post("/api/applications", b.Bytes(), mw.FormDataContentType(), true)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d; %.300s", r.status, tt.status, r.body)
			}
			if tt.status == 201 {
				return
			}
			if got := strings.Join(r.errorsOf(t), "\n"); got != tt.msg {
				t.Errorf("errors %q, want %q", got, tt.msg)
			}
			e.assertNothingStored(t)
		})
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestWantsJSON: JSON only when application/json is named with a q above zero and at least text/html's q.
func TestWantsJSON(t *testing.T) {
	tests := []struct {
		accept string
		want   bool
	}{
		{"application/json", true},
		{"application/JSON", true},
		{"Application/Json; charset=utf-8", true},
		{"application/json, text/plain, */*", true},
		{"text/html, application/json", true},
		{"application/json;q=0.9, text/html;q=0.9", true},
		{" application/json ; q=1.0 ", true},
		{"application/json;q=0.1, text/html", false},
		{"text/html, application/json;q=0", false},
		{"text/html, application/json; Q=0", false},
		{"application/jsonx", false},
		{"application/json-seq", false},
		{"text/application/json", false},
		{"application/json;q=0.5, */*", false},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false},
		{"*/*", false},
		{"", false},
		{"-", false},
		{"application/json;q=abc", false},
		{"text/*;q=0.5, application/json;q=0.6", true},
	}
	for _, tt := range tests {
		if got := forms.WantsJSON(tt.accept); got != tt.want {
			t.Errorf("Accept %q: JSON %v, want %v", tt.accept, got, tt.want)
		}
	}
}

// TestOtherMethods: opening a form's address in the browser leads to the form page; other methods get an
// Italian 405 with Allow.
func TestOtherMethods(t *testing.T) {
	tests := []struct {
		method, path string
		status       int
		location     string
		allow        string
	}{
		{"GET", "/api/applications", 303, "/lavora-con-noi/candidatura/", ""},
		{"HEAD", "/api/applications", 303, "/lavora-con-noi/candidatura/", ""},
		{"GET", "/api/applications?x=1", 303, "/lavora-con-noi/candidatura/", ""},
		{"GET", "/api/contact", 303, "/contatti/", ""},
		{"HEAD", "/api/contact", 303, "/contatti/", ""},
		{"PUT", "/api/applications", 405, "", "GET, HEAD, POST"},
		{"DELETE", "/api/contact", 405, "", "GET, HEAD, POST"},
		{"PATCH", "/api/contact", 405, "", "GET, HEAD, POST"},
		{"POST", "/api/applications/token", 405, "", "GET, HEAD"},
		{"POST", "/api/contact/ricevuta", 405, "", "GET, HEAD"},
	}
	e := newEnv(t, nil)
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			for _, json := range []bool{false, true} {
				req := httptest.NewRequest(tt.method, tt.path, nil)
				if json {
					req.Header.Set("Accept", "application/json")
				}
				r := e.do(req)
				if r.status != tt.status || r.header.Get("Location") != tt.location || r.header.Get("Allow") != tt.allow {
					t.Fatalf("json %v: %d, Location %q, Allow %q; want %d, %q, %q", json, r.status,
						r.header.Get("Location"), r.header.Get("Allow"), tt.status, tt.location, tt.allow)
				}
				if tt.status == 405 {
					want := "Questo indirizzo serve solo a inviare il modulo"
					if strings.Contains(tt.path, "/token") || strings.Contains(tt.path, "/ricevuta") {
						want = "Questo indirizzo si può solo aprire"
					}
					if !strings.Contains(r.body, want) {
						t.Errorf("json %v: body %q lacks %q", json, r.body, want)
					}
					if json {
						r.json(t)
					}
				}
			}
		})
	}
	e.assertNothingStored(t)
}
