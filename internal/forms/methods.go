package forms

import (
	"net/http"

	"quartieri/internal/formdef"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// Messages of a 405: the form routes only take POST; the token and confirmation routes only GET.
const (
	msgPostOnly = "Questo indirizzo serve solo a inviare il modulo: apri la pagina del modulo e invialo da lì"
	msgGetOnly  = "Questo indirizzo si può solo aprire nel browser: non serve a inviare dati"
)

// mountOthers answers the methods the routes of f do not take: GET and HEAD of the form's address (someone
// pressed Enter in the address bar after an error page) lead to the form page with 303; any other method gets
// 405 in Italian with Allow.
func (s *server) mountOthers(mux *http.ServeMux, f *formdef.Form) {
	form := s.route + "/" + f.Name
	mux.HandleFunc("GET "+form, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, s.formPage(f), http.StatusSeeOther)
	})
	mux.HandleFunc(form, s.notAllowed("GET, HEAD, POST", msgPostOnly))
	for _, sub := range []string{"/token", "/ricevuta"} {
		mux.HandleFunc(form+sub, s.notAllowed("GET, HEAD", msgGetOnly))
	}
}

func (s *server) notAllowed(allow, msg string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		if wantsJSON(r) {
			writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"errors": []theme.FieldError{{Message: msg}}})
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusMethodNotAllowed)
		w.Write([]byte(msg + ".\n"))
	}
}

// formPage is the address of the page with the form: for applications the applyPage of the call open now, else
// of the call that closes last (site.yaml); for contact messages /contatti/ (content/contatti.md).
func (s *server) formPage(f *formdef.Form) string {
	if f != formApplications {
		return f.DefaultURL
	}
	now := s.cfg.Now()
	var best *siteconfig.Call
	for i := range s.site.Calls {
		c := &s.site.Calls[i]
		if c.ApplyPage == "" {
			continue
		}
		if c.StatusAt(now) == siteconfig.Open {
			return c.ApplyPage
		}
		if best == nil || c.Closes.After(best.Closes) {
			best = c
		}
	}
	if best != nil {
		return best.ApplyPage
	}
	return f.DefaultURL
}
