package forms

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
)

// receiptAlphabet has no characters that read alike over the phone or on paper: no 0 O 1 I L U.
const receiptAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

var receiptRE = regexp.MustCompile(`^[` + receiptAlphabet + `]{4}-[` + receiptAlphabet + `]{4}$`)

// newReceipt returns a random receipt or ticket number such as "K7M4-PX2Q" (30⁸ ≈ 6.6·10¹¹ possibilities).
func newReceipt() string {
	var b [8]byte
	rand.Read(b[:])
	out := make([]byte, 0, 9)
	for i, c := range b {
		if i == 4 {
			out = append(out, '-')
		}
		// 256 is not a multiple of 30: reject the top values to stay uniform.
		for c >= 240 {
			var one [1]byte
			rand.Read(one[:])
			c = one[0]
		}
		out = append(out, receiptAlphabet[int(c)%len(receiptAlphabet)])
	}
	return string(out)
}

// normalReceipt upper-cases a number typed or pasted and checks its shape.
func normalReceipt(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	return s, receiptRE.MatchString(s)
}

var idemRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// repeatWindow is how long a key made without the page's _idem binds: long enough for double clicks and client
// retries, short enough that the same words sent again another day are a new submission.
const repeatWindow = 24 * time.Hour

// idempotencyKey joins the form, the call, the page's key and a hash of what was sent (see the package doc).
// A suspect submission gets a key of its own, so that it never swallows a genuine copy.
func idempotencyKey(form, call, idem string, suspect bool, parts ...string) string {
	if !idemRE.MatchString(idem) {
		idem = "-"
	}
	h := sha256.New()
	for _, p := range parts {
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
