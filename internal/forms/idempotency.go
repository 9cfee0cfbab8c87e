package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"time"
)

// idemRE is the shape of the idempotency key a page sends (field "_idem").
var idemRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// validIdem returns the page's idempotency key, or "" when it does not have the right shape.
func validIdem(s string) string {
	if idemRE.MatchString(s) {
		return s
	}
	return ""
}

// repeatWindow is how long a key made without the page's _idem binds: long enough for double clicks and client
// retries, short enough that the same words sent again another day are a new submission.
const repeatWindow = 24 * time.Hour

// idempotencyKey is the application's key for the page's key idem (see the package doc): the call, and a hash
// of what the candidate sent, the CV included. Stored claims are bound to these bytes: never change what goes
// in, or in which order.
func (a *Application) idempotencyKey(idem string) string {
	return joinKey(formApplications.Name, a.Call, idem, len(a.Suspect) > 0,
		a.GivenName, a.FamilyName, a.TaxCode, a.Email, a.Phone, a.Education, a.Message, a.CVSHA256)
}

// idempotencyKey is the message's key for the page's key idem: a hash of what the tenant sent.
func (m *Message) idempotencyKey(idem string) string {
	return joinKey(formContact.Name, "", idem, len(m.Suspect) > 0, m.Name, m.Town, m.Topic, m.Email, m.Phone, m.Message)
}

// joinKey joins the form, the call, the page's key and a hash of what was sent, each value followed by a zero
// byte. A suspect submission gets a key of its own, so that it never swallows a genuine copy.
func joinKey(form, call, idem string, suspect bool, sent ...string) string {
	if !idemRE.MatchString(idem) {
		idem = "-"
	}
	h := sha256.New()
	for _, p := range sent {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	key := form + ":" + call + ":" + idem + ":" + hex.EncodeToString(h.Sum(nil))
	if suspect {
		key += ":suspect"
	}
	return key
}

// claimExpires is when the claim of a key ends, on the real clock (like tokens: `-now` does not move it): after
// the record's retention (days) when the page sent an _idem, after repeatWindow when the key is only a hash of
// the content.
func (s *server) claimExpires(idem string, days int) time.Time {
	if idemRE.MatchString(idem) {
		return s.wall().AddDate(0, 0, days)
	}
	return s.wall().Add(repeatWindow)
}
