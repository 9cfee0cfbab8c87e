package forms

import (
	"net/http"
	"regexp"
	"time"

	"quartieri/internal/siteconfig"
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

// SetWall replaces the real clock of tokens, kept CVs, rate limits and the short idempotency window.
func (h *Hooks) SetWall(now func() time.Time) { h.s.wall = now }

// SetReceipts replaces the drawing of receipt and ticket numbers.
func (h *Hooks) SetReceipts(next func() string) { h.s.newReceipt = next }

// Token returns a time token issued at t.
func (h *Hooks) Token(t time.Time) string { return h.s.newToken(t) }

// WantsJSON reports whether a request with that Accept header gets JSON.
func WantsJSON(accept string) bool {
	r, _ := http.NewRequest("GET", "/", nil)
	if accept != "-" {
		r.Header.Set("Accept", accept)
	}
	return wantsJSON(r)
}

// ReceiptRE is the shape of receipts.
var ReceiptRE *regexp.Regexp = receiptRE

// DecodeApplicationForFuzz decodes and validates an application as postApplication does, without storing, and
// returns the errors (as "field: message") and the status the request would get.
func DecodeApplicationForFuzz(site *siteconfig.Site, w http.ResponseWriter, r *http.Request) ([]string, int) {
	d, rerr := decodeApplication(w, r)
	if d == nil || d.values == nil {
		panic("decodeApplication returned no values")
	}
	if rerr != nil {
		return []string{rerr.field + ": " + rerr.message}, rerr.status
	}
	if d.cv != nil && len(d.cv.data) > maxCV {
		panic("a CV over the limit was accepted")
	}
	c := checkApplication(site, d.values)
	if d.cv == nil {
		c.fail("cv", errCVMissing.message)
	} else if e := checkCVBytes(d.cv.data); e != nil {
		c.fail("cv", e.message)
	}
	checkApplicationBoxes(c)
	sortErrors(c.errs, formApplications.Names())
	var out []string
	for _, e := range c.errs {
		out = append(out, e.Field+": "+e.Message)
	}
	if len(out) > 0 {
		return out, http.StatusUnprocessableEntity
	}
	return nil, http.StatusCreated
}

// CheckCV returns the message for a CV's bytes, "" when they are accepted.
func CheckCV(data []byte) string {
	if e := checkCVBytes(data); e != nil {
		return e.message
	}
	return ""
}
