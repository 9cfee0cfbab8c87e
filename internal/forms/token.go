package forms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Time tokens: "UNIX.SIG", SIG the first 16 bytes of HMAC-SHA256(secret, "token:UNIX"), base64url.
const (
	tokenMinAge = 3 * time.Second
	tokenMaxAge = 24 * time.Hour
)

// Token checks, as spam signals. Only tokenForged makes a submission suspect (see server.signals).
const (
	tokenOK      = ""
	tokenMissing = "token-missing"
	tokenForged  = "token-invalid"
	tokenFast    = "token-too-fast"
	tokenOld     = "token-too-old"
)

func (s *server) sign(purpose, payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(purpose + ":" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

func (s *server) newToken(now time.Time) string {
	ts := strconv.FormatInt(now.Unix(), 10)
	return ts + "." + s.sign("token", ts)
}

// checkToken returns the signal a token gives at now.
func (s *server) checkToken(tok string, now time.Time) string {
	if tok == "" {
		return tokenMissing
	}
	ts, sig, ok := strings.Cut(tok, ".")
	if !ok || len(ts) > 12 || !hmac.Equal([]byte(sig), []byte(s.sign("token", ts))) {
		return tokenForged
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return tokenForged
	}
	age := now.Sub(time.Unix(sec, 0))
	switch {
	case age < tokenMinAge:
		return tokenFast
	case age > tokenMaxAge:
		return tokenOld
	}
	return tokenOK
}

// cvRef is a CV kept from a request that had errors elsewhere.
type cvRef struct {
	Key    string `json:"k"` // pending/<random>
	Name   string `json:"n"`
	Size   int    `json:"s"`
	SHA256 string `json:"h"`
	Issued int64  `json:"t"`
}

// cvRefMaxAge bounds how long a kept CV may be referred to (pending objects may be deleted after a day).
const cvRefMaxAge = 20 * time.Hour

func (s *server) encodeCVRef(c cvRef) string {
	data, _ := json.Marshal(c)
	p := base64.RawURLEncoding.EncodeToString(data)
	return p + "." + s.sign("cv", p)
}

// decodeCVRef checks the signature and age of a cv_ref.
func (s *server) decodeCVRef(ref string, now time.Time) (cvRef, bool) {
	var c cvRef
	p, sig, ok := strings.Cut(ref, ".")
	if !ok || len(ref) > 2048 || !hmac.Equal([]byte(sig), []byte(s.sign("cv", p))) {
		return c, false
	}
	data, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil || json.Unmarshal(data, &c) != nil || !strings.HasPrefix(c.Key, "pending/") {
		return c, false
	}
	if age := now.Sub(time.Unix(c.Issued, 0)); age < 0 || age > cvRefMaxAge {
		return c, false
	}
	return c, true
}
