package forms

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"quartieri/internal/formdef"
	"quartieri/internal/theme"
)

// formState is the form to re-show after an error.
type formState struct {
	values      map[string]string
	errs        []theme.FieldError
	idem        string
	uploaded    string
	uploadedRef string
	callID      string
	lang        string // the language of the page that posted, "" for the site's (see lang.go)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// fail answers with errors: JSON, or the form page re-rendered with the error summary.
func (s *server) fail(w http.ResponseWriter, r *http.Request, f *formdef.Form, status int, st formState) {
	if st.errs == nil {
		st.errs = []theme.FieldError{}
	}
	sortErrors(st.errs, f.Names())
	st.errs = s.localize(st.lang, st.errs)
	if wantsJSON(r) {
		body := map[string]any{"errors": st.errs}
		if st.uploadedRef != "" {
			body["cv_ref"], body["uploaded"] = st.uploadedRef, st.uploaded
		}
		writeJSON(w, status, body)
		return
	}
	s.renderForm(w, f, status, st)
}

// failWith answers with one error about the whole request or one field.
func (s *server) failWith(w http.ResponseWriter, r *http.Request, f *formdef.Form, e *requestError, st formState) {
	st.errs = []theme.FieldError{{Field: e.field, Message: e.message}}
	s.fail(w, r, f, e.status, st)
}

// succeed answers with the receipt: 201 (or 200 for a repeat) in JSON, else 303 to the confirmation page.
func (s *server) succeed(w http.ResponseWriter, r *http.Request, f *formdef.Form, status int, receipt, callID, lang string) {
	firma := s.receiptSignature(f, receipt)
	if wantsJSON(r) {
		writeJSON(w, status, map[string]string{"receipt": receipt, "firma": firma})
		return
	}
	q := url.Values{"numero": {receipt}, "firma": {firma}}
	if callID != "" {
		q.Set("bando", callID)
	}
	receiptQuery(q, lang)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, s.base+"/"+f.Name+"/ricevuta?"+q.Encode(), http.StatusSeeOther)
}

// receiptSignature signs a receipt or ticket number for the confirmation page of form f: only the backend can
// make a link that shows "Candidatura inviata".
func (s *server) receiptSignature(f *formdef.Form, receipt string) string {
	return s.sign("receipt", f.Name+":"+receipt)
}

// tooMany answers 429 with Retry-After in whole seconds.
func (s *server) tooMany(w http.ResponseWriter, r *http.Request, f *formdef.Form, secs int) {
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	mins := (secs + 59) / 60
	when := strconv.Itoa(mins) + " minuti"
	if mins == 1 {
		when = "un minuto"
	}
	s.failWith(w, r, f, &requestError{http.StatusTooManyRequests, "",
		"Da questa rete sono arrivati troppi moduli in poco tempo: riprova tra " + when}, formState{})
}
