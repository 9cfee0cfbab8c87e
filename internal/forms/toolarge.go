package forms

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// fieldLimits are the text fields with a length limit, with the words their messages start with.
var fieldLimits = map[string]struct {
	what string
	max  int
}{
	"given_name":  {"Il nome", maxName},
	"family_name": {"Il cognome", maxName},
	"name":        {"Il nome", maxName},
	"email":       {"L'indirizzo email", maxEmail},
	"education":   {"Il titolo di studio", maxEducation},
	"message":     {"Il messaggio", maxMessage},
}

// tooLong is the 413 of a body over the limit while field name was being read, value being what was read of
// it: the field's own message when it is a visible field over its limit, else errFieldsLarge.
func tooLong(name, value string, fields []string) *requestError {
	l, ok := fieldLimits[name]
	if !ok || !slices.Contains(fields, name) || utf8.RuneCountInString(value) <= l.max {
		return errFieldsLarge
	}
	return &requestError{http.StatusRequestEntityTooLarge, name,
		fmt.Sprintf("%s deve avere al massimo %d caratteri", l.what, l.max)}
}

// tooLongQuery is tooLong for a url-encoded body cut at the limit: the first visible field, in page order, that
// is over its limit in what was read.
func tooLongQuery(data []byte, fields []string) *requestError {
	s := string(data)
	// The cut may fall inside an escape ("%C3%A" ...): drop it, or the last field would be lost.
	if i := strings.LastIndexByte(s, '%'); i >= 0 && len(s)-i < 3 {
		s = s[:i]
	}
	q, _ := url.ParseQuery(s) // the pairs that parse
	for _, f := range fields {
		if v := q.Get(f); v != "" {
			if e := tooLong(f, v, fields); e != errFieldsLarge {
				return e
			}
		}
	}
	return errFieldsLarge
}
