package codicefiscale

import "strings"

// Person returns the spelling of a personal code that every omocodic variant of it shares: Normalize, then each
// omocodia letter in a digit position (LMNPQRSTUV) back to its digit, and the check character computed again.
// Two codes of the same person (the Agenzia delle Entrate gives an omocodic variant when two people would get the
// same code) have the same Person; use it as the key of "one person", never to show or store the code. A code
// that is not 16 characters, or has a letter that is not omocodia in a digit position, is returned as Normalize
// returns it.
func Person(code string) string {
	c := Normalize(code)
	if len(c) != 16 {
		return c
	}
	b := []byte(c)
	changed := false
	for _, i := range digitPositions {
		if d := strings.IndexByte(omocodia, b[i]); d >= 0 {
			b[i] = byte('0' + d)
			changed = true
		} else if !isDigit(b[i]) {
			return c
		}
	}
	if !changed {
		return c
	}
	b[15] = CheckChar(string(b[:15]))
	return string(b)
}
