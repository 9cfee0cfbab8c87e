package forms

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"quartieri/internal/formdef"
)

// tooLong is the 413 of a body over the limit while field name was being read, value being what was read of
// it: the field's own message when it is a visible field over its limit, else errFieldsLarge.
func tooLong(name, value string, f *formdef.Form) *requestError {
	l := f.Field(name)
	if l == nil || l.Max == 0 || utf8.RuneCountInString(value) <= l.Max {
		return errFieldsLarge
	}
	return &requestError{http.StatusRequestEntityTooLarge, name,
		tooLongMessage(l)}
}

// tooLongQuery is tooLong for a url-encoded body cut at the limit: the first visible field, in page order, that
// is over its limit in what was read.
func tooLongQuery(data []byte, f *formdef.Form) *requestError {
	s := string(data)
	// The cut may fall inside an escape ("%C3%A" ...): drop it, or the last field would be lost.
	if i := strings.LastIndexByte(s, '%'); i >= 0 && len(s)-i < 3 {
		s = s[:i]
	}
	q, _ := url.ParseQuery(s) // the pairs that parse
	for _, fd := range f.Fields {
		if v := q.Get(fd.Name); v != "" {
			if e := tooLong(fd.Name, v, f); e != errFieldsLarge {
				return e
			}
		}
	}
	return errFieldsLarge
}
