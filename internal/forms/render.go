package forms

import (
	"bytes"
	"crypto/hmac"
	"html/template"
	"net/http"

	"quartieri/internal/formdef"
	"quartieri/internal/theme"
)

// renderForm re-renders the form page with the theme (layout "application" or "contact").
func (s *server) renderForm(w http.ResponseWriter, f *formdef.Form, status int, st formState) {
	call, _ := s.site.Call(st.callID)
	if call == nil && f == formApplications && len(s.site.Calls) == 1 {
		call = &s.site.Calls[0]
	}
	pageURL := f.DefaultURL
	if call != nil && call.ApplyPage != "" {
		pageURL = call.ApplyPage
	}
	form := &theme.Form{
		Name: f.Name, Action: theme.FormAction(s.site, f.Name), Values: st.values, Errors: st.errs,
		Token: s.newToken(s.wall()), Idempotency: st.idem, Uploaded: st.uploaded, UploadedRef: st.uploadedRef, Call: call,
	}
	if form.Values == nil {
		form.Values = map[string]string{}
	}
	page := &theme.Page{Kind: "form-error", Layout: f.Layout, Title: f.Title, URL: pageURL}
	if st.lang != "" {
		page.Title = s.text(st.lang, f.Name+"_title", f.Title)
		s.langPage(st.lang, page)
	}
	if !s.cfg.Theme.HasLayout(f.Layout) {
		page.Content = s.fallback(fallbackForm, struct {
			F      *theme.Form
			Fields []string
		}{form, f.Names()})
	}
	site := s.siteIn(st.lang)
	s.render(w, status, &theme.PageData{Site: site, Page: page, Now: s.cfg.Now(), Menu: theme.MenuAt(site.Menus["main"], s.home(st.lang), page.URL), Form: form})
}

// getReceipt serves the confirmation page. It checks the number's shape and its signature (firma, made by
// succeed) and shows it back: nothing is looked up. A number without a right signature (typed, edited, or a link
// made by someone else) gets a neutral page, 200, that confirms nothing and says where the real receipt is.
func (s *server) getReceipt(f *formdef.Form) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		receipt, ok := normalReceipt(r.URL.Query().Get("numero"))
		if !ok {
			page := &theme.Page{Kind: "404", Title: "Numero di ricevuta non riconosciuto", URL: r.URL.Path}
			page.Content = s.fallback(fallbackBadReceipt, nil)
			s.render(w, http.StatusNotFound, &theme.PageData{Site: s.site, Page: page, Now: s.cfg.Now(), Menu: s.menu("")})
			return
		}
		if sig := r.URL.Query().Get("firma"); !hmac.Equal([]byte(sig), []byte(s.receiptSignature(f, receipt))) {
			// Not a link the backend gave: say nothing about the number, and how to check it.
			page := &theme.Page{Kind: "receipt-unchecked", Title: "Controlla la ricevuta nella tua email", URL: r.URL.Path}
			page.Content = s.fallback(fallbackUnchecked, f == formApplications)
			s.render(w, http.StatusOK, &theme.PageData{Site: s.site, Page: page, Now: s.cfg.Now(), Menu: s.menu("")})
			return
		}
		call, _ := s.site.Call(r.URL.Query().Get("bando"))
		lang := s.formLang(map[string]string{"lang": r.URL.Query().Get("lingua")})
		page := &theme.Page{Kind: "confirmation", Layout: "confirmation", Title: f.DoneTitle, URL: r.URL.Path}
		if lang != "" {
			page.Title = s.text(lang, f.Name+"_done", f.DoneTitle)
			s.langPage(lang, page)
		}
		if !s.cfg.Theme.HasLayout("confirmation") {
			page.Content = s.fallback(fallbackReceipt, receipt)
		}
		site := s.siteIn(lang)
		s.render(w, http.StatusOK, &theme.PageData{Site: site, Page: page, Now: s.cfg.Now(),
			Menu:    theme.MenuAt(site.Menus["main"], s.home(lang), ""),
			Receipt: receipt, Form: &theme.Form{Name: f.Name, Action: theme.FormAction(s.site, f.Name), Call: call}})
	}
}

func (s *server) render(w http.ResponseWriter, status int, data *theme.PageData) {
	html, err := s.cfg.Theme.Render(data)
	if err != nil {
		s.log.Error("render failed", "kind", data.Page.Kind, "err", err.Error())
		http.Error(w, "Errore interno: riprova tra qualche minuto.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(html)
}

// menu is the site's main menu with the entry of pageURL marked current.
func (s *server) menu(pageURL string) []theme.Link { return theme.Menu(s.site.Menus["main"], pageURL) }

// The fallback bodies are used only while the theme lacks the form and confirmation layouts: the page layout
// then shows them as the page content.
var (
	fallbackForm = template.Must(template.New("form").Parse(`<div class="error-summary" role="alert" tabindex="-1"><h2>C'è un problema</h2><ul>
{{- range .F.Errors}}<li>{{if .Field}}<a href="#{{.Field}}">{{.Message}}</a>{{else}}{{.Message}}{{end}}</li>{{end}}</ul></div>
<form method="post" action="{{.F.Action}}" enctype="multipart/form-data" novalidate>
{{- range .Fields}}{{$v := $.F.Value .}}{{$e := $.F.ErrorFor .}}
<p><label for="{{.}}">{{.}}</label>{{if $e}} <span id="{{.}}-error"><span class="visually-hidden">Errore:</span> {{$e}}</span>{{end}}
{{if eq . "cv"}}<input type="file" id="cv" name="cv" accept="application/pdf">{{if $.F.Uploaded}} Hai caricato: {{$.F.Uploaded}}{{end}}
{{else if or (eq . "message") (eq . "education")}}<textarea id="{{.}}" name="{{.}}">{{$v}}</textarea>
{{else}}<input id="{{.}}" name="{{.}}" value="{{$v}}">{{end}}</p>{{end}}
<input type="hidden" name="_token" value="{{.F.Token}}"><input type="hidden" name="_idem" value="{{.F.Idempotency}}">
{{- if .F.UploadedRef}}<input type="hidden" name="cv_ref" value="{{.F.UploadedRef}}">{{end}}
<button type="submit">Continua</button></form>`))
	fallbackReceipt = template.Must(template.New("receipt").Parse(`<p>Il numero della tua ricevuta è <strong>{{.}}</strong>.</p>
<p>Conservalo: ti serve per chiedere informazioni. Puoi stampare questa pagina.</p>`))
	fallbackUnchecked = template.Must(template.New("unchecked").Parse(`<p>Questa pagina non può confermare {{if .}}che la candidatura sia arrivata{{else}}che il messaggio sia arrivato{{end}}: l'indirizzo non è quello che il sito apre dopo l'invio del modulo.</p>
<p>{{if .}}Quando una candidatura arriva, ti mandiamo un'email di conferma con il numero di ricevuta{{else}}Quando un messaggio arriva e ci hai lasciato un indirizzo email, ti mandiamo un'email di conferma con il numero{{end}}: cercala nella tua casella di posta, anche tra la posta indesiderata (spam).</p>
<p>Se non trovi l'email, invia di nuovo il modulo: se era già arrivato, non viene registrato due volte.</p>`))
	fallbackBadReceipt = template.Must(template.New("bad").Parse(`<p>Il numero nell'indirizzo della pagina non ha la forma giusta: è fatto di 8 lettere e cifre, come K7M4-PX2Q.</p>`))
)

func (s *server) fallback(t *template.Template, data any) template.HTML {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		s.log.Error("fallback render failed", "err", err.Error())
	}
	return template.HTML(b.String())
}
