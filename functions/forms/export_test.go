package forms

import (
	"net/http"
	"regexp"
	"time"
)

// Hooks give the external tests (package forms_test, which imports localstore) a handle on internals.
type Hooks struct{ s *server }

// NewAPIForTest is NewAPI with mail retries at once and hooks.
func NewAPIForTest(cfg Config) (http.Handler, *Hooks) {
	s := newServer(cfg)
	s.retryDelay = 0
	mux := http.NewServeMux()
	s.mountApplications(mux)
	s.mountContact(mux)
	return mux, &Hooks{s}
}

// Token returns a time token issued at t.
func (h *Hooks) Token(t time.Time) string { return h.s.newToken(t) }

// ReceiptRE is the shape of receipts.
var ReceiptRE *regexp.Regexp = receiptRE

// DecodeApplicationForFuzz runs the request decoding and the validation of an application.
func DecodeApplicationForFuzz(site any, w http.ResponseWriter, r *http.Request) (map[string]string, bool, string) {
	d, rerr := decodeApplication(w, r)
	msg := ""
	if rerr != nil {
		msg = rerr.message
	}
	return d.values, d.cv != nil, msg
}
