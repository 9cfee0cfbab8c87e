package forms

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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

// maxDraws bounds the numbers drawn for one submission; with 30⁸ numbers a second draw is already rare.
const maxDraws = 8

var errNoReceipt = errors.New("forms: no free receipt number after several draws")

// reservationTTL is how long a receipt's reservation lasts until a record is stored under it: a submission
// that draws a number and then stops (a repeat answered with the earlier receipt, a failure) leaves a
// reservation that goes after a day.
const reservationTTL = 24 * time.Hour

// reserveReceipt draws a number that no other submission holds and reserves it for key, with a claim on
// "receipt:<number>" bound to a hash of key that lasts reservationTTL (bindReceipt makes it last as long as the
// record). A number reserved for the same key (an earlier attempt of this submission) is the key's own. Receipt
// and ticket numbers share the space, so a ticket never reads like a receipt.
func (s *server) reserveReceipt(ctx context.Context, key string) (string, error) {
	for range maxDraws {
		r := s.newReceipt()
		bound, fresh, err := s.cfg.Records.Claim(ctx, "receipt:"+r, reservationHolder(key), s.wall().Add(reservationTTL))
		if err != nil {
			return "", err
		}
		if fresh || bound == reservationHolder(key) {
			return r, nil
		}
		s.log.Warn("receipt number drawn twice", "receipt", r)
	}
	return "", errNoReceipt
}

// bindReceipt makes the reservation of receipt for key last until until (not before the record's expiry); it
// runs just before the record is stored. A reservation that has gone meanwhile (an attempt that failed halfway
// and was retried days later) is taken again if no one else holds the number.
func (s *server) bindReceipt(ctx context.Context, key, receipt string, until time.Time) error {
	err := s.cfg.Records.ExtendClaim(ctx, "receipt:"+receipt, reservationHolder(key), until)
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	bound, fresh, err := s.cfg.Records.Claim(ctx, "receipt:"+receipt, reservationHolder(key), until)
	if err == nil && !fresh && bound != reservationHolder(key) {
		err = errors.New("forms: the receipt number is held by another submission")
	}
	return err
}

// reservationHolder is what a receipt's reservation is bound to: a hash of the submission's key.
func reservationHolder(key string) string {
	owner := sha256.Sum256([]byte(key))
	return "key:" + hex.EncodeToString(owner[:])
}
