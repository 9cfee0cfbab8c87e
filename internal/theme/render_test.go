package theme_test

import (
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

// -render DIR writes every sample page to DIR (with the theme's static files beside them), to look at them in a
// browser: go test ./internal/theme -run TestRender -render /tmp/theme-out
var renderDir = flag.String("render", "", "write the rendered sample pages to this folder")

const siteYAML = `
title: "Operatori di quartiere nelle case Aler del Lodigiano"
description: "Ascolto e aiuto per gli inquilini delle case popolari Aler."
baseURL: "https://example.org/"
organization: {name: "Aler Pavia-Lodi", url: "DA COMPLETARE: sito", funder: "Regione Lombardia"}
calls:
  - id: community-manager-2025
    title: "Selezione di due community manager (operatori di quartiere)"
    page: /lavora-con-noi/bando-community-manager/
    applyPage: /lavora-con-noi/candidatura/
    closes: 2025-04-28T23:59:00+02:00
    positions: 2
presidi:
  - {id: sant-angelo-lodigiano, town: "Sant'Angelo Lodigiano", address: "DA COMPLETARE: indirizzo", hours: "DA COMPLETARE: orari", phone: "DA COMPLETARE: telefono", email: "da-completare.sal@example.invalid"}
  - {id: codogno, town: Codogno, address: "Via Roma 1", hours: "lunedì 9-12", phone: "0377 123456", email: "codogno@example.org"}
  - {id: casalpusterlengo, town: Casalpusterlengo, address: "DA COMPLETARE: indirizzo", hours: "DA COMPLETARE", phone: "DA COMPLETARE", email: "da-completare.casal@example.invalid"}
accessibility: {statementURL: "DA COMPLETARE: link AgID", feedback: "a11y@example.org"}
`

var (
	before = time.Date(2025, 4, 20, 10, 0, 0, 0, siteconfig.Rome)
	after  = time.Date(2025, 4, 29, 0, 0, 0, 0, siteconfig.Rome)
)

type sample struct {
	name string
	data func(s *siteconfig.Site) *theme.PageData
	// want are fragments the page must contain; wantNot must not appear.
	want, wantNot []string
}

func menu() []theme.Link {
	return []theme.Link{{Name: "Home", URL: "/"}, {Name: "Presidi", URL: "/presidi/", Current: true},
		{Name: "Lavora con noi", URL: "/lavora-con-noi/"}, {Name: "Scrivici", URL: "/contatti/"}}
}

func crumbs() []theme.Link { return []theme.Link{{Name: "Home", URL: "/"}} }

func page(kind, layout, title, url string) *theme.Page {
	return &theme.Page{Kind: kind, Layout: layout, Title: title, Description: "Descrizione di " + title, URL: url,
		Breadcrumbs: crumbs(), Content: "<h2 id=\"a\">Chi è il community manager</h2><p>Testo.</p>"}
}

func samples() []sample {
	call := func(s *siteconfig.Site) *siteconfig.Call { return &s.Calls[0] }
	appErrors := []theme.FieldError{
		{Field: "tax_code", Message: "Il codice fiscale non è corretto: controlla l'ultima lettera"},
		{Field: "cv", Message: "Seleziona il tuo CV"},
		{Field: "declaration", Message: "Conferma la dichiarazione sostitutiva"},
		{Field: "_token", Message: "La pagina è scaduta: invia di nuovo il modulo"},
	}
	return []sample{
		{name: "home", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("home", "", "Operatori di quartiere", "/")
			p.Breadcrumbs = nil
			theme.Attach(page("section", "", "Presidi", "/presidi/"), p, true)
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`"GovernmentOrganization"`, `<span lang="en">community manager</span>`, "Aperto fino a lunedì 28 aprile 2025, ore 23:59"},
			wantNot: []string{`aria-label="Percorso"`}},
		{name: "section", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("section", "", "Notizie", "/notizie/")
			n := page("page", "", "Presentazione agli stakeholder", "/notizie/presentazione/")
			n.Date = time.Date(2025, 3, 10, 0, 0, 0, 0, siteconfig.Rome)
			n.SetSummary("Aler ha presentato il progetto.", nil)
			theme.Attach(n, p, true)
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`<time datetime="2025-03-10">10 marzo 2025</time>`, `aria-current="page"`, `<span lang="en">stakeholder</span>`,
			"Aler ha presentato il progetto."}},
		{name: "page", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "", "Aiuto per affitto e bollette", "/aiuto/")
			// The body as the generator renders it (its Markdown renderer wraps the tables): the theme shows it as it is.
			p.Content = `<h2>Quanto</h2><div class="table-wrap" role="region" tabindex="0" aria-label="Tabella: Quanto"><table><thead><tr><th>Azione</th></tr></thead><tbody><tr><td data-label="Azione">L1</td></tr></tbody></table></div>`
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`<h2>Quanto</h2><div class="table-wrap" role="region" tabindex="0" aria-label="Tabella: Quanto"><table>`,
			`<link rel="canonical" href="https://example.org/aiuto/">`, `href="/accessibilita/">Dichiarazione di accessibilità`}},
		{name: "404", data: func(s *siteconfig.Site) *theme.PageData {
			p := &theme.Page{Kind: "404", Title: "Pagina non trovata", URL: "/404.html"}
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{"Vai alla pagina principale"}},
		{name: "call-open", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "call", "Bando per due community manager", "/lavora-con-noi/bando-community-manager/")
			p.Call = call(s)
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`"JobPosting"`, `"validThrough":"2025-04-28T23:59:00+02:00"`, `"addressRegion":"LO"`,
			"Aperto fino a lunedì 28 aprile 2025, ore 23:59", `href="/lavora-con-noi/candidatura/"`,
			`data-closes="2025-04-29T00:00:00&#43;02:00"`, `data-now="2025-04-20T10:00:00&#43;02:00"`},
			wantNot: []string{`"datePosted"`}},
		{name: "call-closed", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "call", "Bando per due community manager", "/lavora-con-noi/bando-community-manager/")
			p.Call = call(s)
			return &theme.PageData{Site: s, Page: p, Now: after, Menu: menu()}
		}, want: []string{"Chiuso: la scadenza era lunedì 28 aprile 2025, ore 23:59"}, wantNot: []string{`href="/lavora-con-noi/candidatura/"`}},
		{name: "application", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "application", "Invia la candidatura", "/lavora-con-noi/candidatura/")
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`action="/api/applications"`, `enctype="multipart/form-data"`, `novalidate`,
			`name="call" value="community-manager-2025"`, `accept=".pdf,application/pdf"`, `autocomplete="given-name"`,
			`name="_token"`, `name="_idem"`, `name="cv_ref"`, `id="fax"`, `(facoltativo)`, "Invia la candidatura</button>",
			`autocapitalize="characters"`, `Puoi scrivere fino a 2000 caratteri`},
			wantNot: []string{"C'è un problema", "required"}},
		{name: "application-closed", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "application", "Invia la candidatura", "/lavora-con-noi/candidatura/")
			return &theme.PageData{Site: s, Page: p, Now: after, Menu: menu()}
		}, want: []string{"Non puoi più inviare la candidatura", "28 aprile 2025, ore 23:59"}, wantNot: []string{"<form"}},
		{name: "application-error", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("form-error", "application", "Invia la candidatura", "")
			f := &theme.Form{Name: "applications", Action: "/api/applications", Call: call(s), Token: "tok", Idempotency: "idem-1",
				Values:   map[string]string{"given_name": "Zoë", "tax_code": "RSSMRA85T10A562X", "email": "<b>x</b>@example.org"},
				Errors:   appErrors,
				Uploaded: "cv.pdf", UploadedRef: "ref-123"}
			f.Errors = f.Errors[:1]
			f.Errors = append(f.Errors, appErrors[2:]...)
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu(), Form: f}
		}, want: []string{`<title>Errore: `, `<a href="#tax_code">Il codice fiscale non è corretto`, `value="RSSMRA85T10A562X"`,
			`aria-describedby="tax_code-hint tax_code-error"`, `<span class="visually-hidden">Errore:</span> Conferma`,
			`<li>La pagina è scaduta: invia di nuovo il modulo</li>`, "Hai caricato: <strong>cv.pdf</strong>",
			`name="cv_ref" value="ref-123"`, `value="idem-1"`, `value="&lt;b&gt;x&lt;/b&gt;@example.org"`},
			wantNot: []string{"<b>x</b>"}},
		{name: "contact", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "contact", "Scrivi all'operatore di quartiere", "/contatti/")
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`action="/api/contact"`, `id="town" name="town" type="radio" value="sant-angelo-lodigiano"`,
			`id="town-codogno"`, `value="payments"`, "Non riesco a pagare affitto o bollette", "Invia il messaggio</button>"},
			wantNot: []string{"enctype=", `name="call"`}},
		{name: "contact-error", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("form-error", "contact", "Scrivi all'operatore di quartiere", "")
			f := &theme.Form{Name: "contact", Action: "/api/contact",
				Values: map[string]string{"town": "codogno", "message": "Si è rotto l'ascensore"},
				Errors: []theme.FieldError{{Field: "name", Message: "Scrivi il tuo nome e cognome"},
					{Field: "topic", Message: "Scegli di cosa vuoi parlare"}, {Field: "email", Message: "Lascia un'email o un numero di telefono"}}}
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu(), Form: f}
		}, want: []string{`<title>Errore: `, `<a href="#topic">Scegli di cosa vuoi parlare</a>`, `value="codogno" checked`,
			`aria-describedby="topic-error"`, "Si è rotto l&#39;ascensore</textarea>"}},
		{name: "confirmation", data: func(s *siteconfig.Site) *theme.PageData {
			p := &theme.Page{Kind: "confirmation", Layout: "confirmation", Title: "Candidatura inviata"}
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu(), Receipt: "K7M-4QX",
				Form: &theme.Form{Name: "applications"}}
		}, want: []string{`<strong class="receipt">K7M-4QX</strong>`, "Cosa succede adesso", "stampa questa pagina", `href="/"`}},
		{name: "presidio", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "presidio", "Presidio di Codogno", "/presidi/codogno/")
			p.Presidio = &s.Presidi[1]
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{`href="tel:0377123456"`, `href="mailto:codogno@example.org"`, "lunedì 9-12"}},
		{name: "presidio-placeholder", data: func(s *siteconfig.Site) *theme.PageData {
			p := page("page", "presidio", "Presidio di Casalpusterlengo", "/presidi/casalpusterlengo/")
			p.Presidio = &s.Presidi[2]
			return &theme.PageData{Site: s, Page: p, Now: before, Menu: menu()}
		}, want: []string{"DA COMPLETARE: indirizzo", "da-completare.casal@example.invalid"}, wantNot: []string{"tel:", "mailto:"}},
	}
}

func TestRenderSamples(t *testing.T) {
	site, err := siteconfig.Parse([]byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	if *renderDir != "" {
		// Empty the folder rather than remove it, so a server started in it keeps serving.
		old, _ := os.ReadDir(*renderDir)
		for _, e := range old {
			if err := os.RemoveAll(filepath.Join(*renderDir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.CopyFS(*renderDir, th.Static); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range samples() {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data(site)
			out, err := th.Render(data)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			html := string(out)
			if *renderDir != "" {
				writeSample(t, tc.name, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("page %s lacks %q", tc.name, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(html, w) {
					t.Errorf("page %s has %q, want it absent", tc.name, w)
				}
			}
			checkAccessibleMarkup(t, html, data)
		})
	}
}

var (
	idRE        = regexp.MustCompile(`\sid="([^"]+)"`)
	describedRE = regexp.MustCompile(`aria-describedby="([^"]*)"`)
	hrefHashRE  = regexp.MustCompile(`href="#([^"]+)"`)
	ldRE        = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

// checkAccessibleMarkup asserts what every page needs whatever its layout.
func checkAccessibleMarkup(t *testing.T, html string, data *theme.PageData) {
	t.Helper()
	for _, w := range []string{`<html lang="it" dir="ltr">`, `<a class="skip-link" href="#contenuto">Vai al contenuto principale</a>`,
		`<main id="contenuto"`, `<nav class="nav" aria-label="Menu principale">`, "<footer", "Segnala un problema di accessibilità",
		`href="/privacy/"`, `<meta name="viewport"`} {
		if !strings.Contains(html, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if n := strings.Count(html, "<h1"); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	ids := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(html, -1) {
		if ids[m[1]] {
			t.Errorf("id %q used twice", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range describedRE.FindAllStringSubmatch(html, -1) {
		if strings.TrimSpace(m[1]) == "" {
			t.Errorf("empty aria-describedby")
		}
		for _, id := range strings.Fields(m[1]) {
			if !ids[id] {
				t.Errorf("aria-describedby names %q, which is not an id on the page", id)
			}
		}
	}
	for _, m := range hrefHashRE.FindAllStringSubmatch(html, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which is not an id on the page", m[1])
		}
	}
	title := html[strings.Index(html, "<title>")+7 : strings.Index(html, "</title>")]
	if got := strings.HasPrefix(title, "Errore: "); got != data.HasErrors() {
		t.Errorf("title %q: starts with \"Errore: \" = %v, want %v", title, got, data.HasErrors())
	}
	if data.HasErrors() {
		main := html[strings.Index(html, `<main id="contenuto"`):]
		if s, h := strings.Index(main, `class="error-summary"`), strings.Index(main, "<h1"); s < 0 || s > h {
			t.Errorf("the error summary is not above the h1 (summary at %d, h1 at %d)", s, h)
		}
		for _, e := range data.Form.Errors {
			if data.Form.Anchor(e.Field) != "" && !ids[e.Field+"-error"] {
				t.Errorf("field %s has no inline error message", e.Field)
			}
		}
	}
	for _, m := range ldRE.FindAllStringSubmatch(html, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Errorf("JSON-LD does not parse: %v\n%s", err, m[1])
		}
	}
}

func writeSample(t *testing.T, name string, out []byte) {
	t.Helper()
	dir := filepath.Join(*renderDir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBudgets keeps the theme's static files within the budgets of the theme issue.
func TestBudgets(t *testing.T) {
	for _, tt := range []struct {
		path string
		max  int
	}{
		{"quartiere/static/css/site.css", 20 * 1000},
		{"quartiere/static/js/site.js", 10 * 1000},
	} {
		b, err := fs.ReadFile(themes.FS, tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) >= tt.max {
			t.Errorf("%s is %d bytes, want under %d", tt.path, len(b), tt.max)
		}
		for _, third := range []string{"http://", "https://", "//fonts.", "document.cookie", "localStorage"} {
			if strings.Contains(string(b), third) {
				t.Errorf("%s contains %q: no third-party requests, cookies or storage", tt.path, third)
			}
		}
	}
}
