package forms

import (
	"math"
	"net/http"
	"net/url"
	"strings"

	"quartieri/internal/formdef"
)

var errForeignOrigin = &requestError{http.StatusForbidden, "",
	"Il modulo si può inviare solo dalle pagine di questo sito: apri la pagina del modulo e invialo da lì"}

// guard applies the origin check and the rate limit before anything is read; false means it has answered.
func (s *server) guard(w http.ResponseWriter, r *http.Request, f *formdef.Form) bool {
	if !s.originAllowed(r) {
		s.log.Warn("foreign origin", "form", f.Name)
		s.failWith(w, r, f, errForeignOrigin, formState{})
		return false
	}
	now := s.wall()
	if ok, wait := s.limits.allow(limitKey(s.clientAddr(r)), now); !ok {
		s.log.Warn("rate limited", "form", f.Name)
		s.tooMany(w, r, f, int(math.Ceil(wait.Seconds())))
		return false
	}
	return true
}

// originAllowed: no Origin (not a browser) or the site's own origin or the request's own host.
func (s *server) originAllowed(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	if u, err := url.Parse(s.site.BaseURL); err == nil && u.Host != "" && strings.EqualFold(o, u.Scheme+"://"+u.Host) {
		return true
	}
	return r.Host != "" && (strings.EqualFold(o, "http://"+r.Host) || strings.EqualFold(o, "https://"+r.Host))
}
