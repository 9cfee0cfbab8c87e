package forms

import (
	"strings"
	"unicode"
)

// IsInvisible reports whether r is a format character (Unicode category Cf): the bidirectional overrides and
// isolates (U+202A–202E, U+2066–2069), the zero-width space, joiners and marks (U+200B–200F), the byte order mark
// (U+FEFF), the soft hyphen and the rest. None shows as itself, and some reorder the text around them: a file
// named "cv\u202Efdp.exe" reads "cvexe.pdf". One-line fields refuse them, CV file names lose them, and whatever
// prints stored text (the staff command) must not print them raw.
func IsInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}

// IsBlank reports whether s holds nothing a person can read: only white space (every Unicode space, line breaks
// included) and format characters. It is the one notion of "blank" of the forms.
func IsBlank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !IsInvisible(r) }) < 0
}
