package site

import (
	"bytes"
	"fmt"
)

// lineError is a content mistake at a line of the page's file.
type lineError struct {
	Line int
	Msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// SplitFrontMatter splits a page into its YAML front matter and its Markdown body. The page must start with a
// line "---" and the front matter ends at the next line "---" (or "..."). It returns the YAML without the
// delimiters, the body, and the line of the file on which the body starts. A UTF-8 byte order mark and Windows
// line endings are accepted. Errors are *lineError values with the line of the problem.
func SplitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDelimiter(first) {
		return nil, nil, 0, &lineError{1, "la pagina deve cominciare con una riga --- seguita dall'intestazione " +
			"(title, description) e da un'altra riga ---"}
	}
	line := 2
	off := 0
	for {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end >= 0 {
			l = rest[off : off+end]
			next = off + end + 1
		} else {
			l = rest[off:]
		}
		if isDelimiter(l) || bytes.Equal(bytes.TrimRight(l, " \t\r"), []byte("...")) {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off = next
		line++
	}
	return nil, nil, 0, &lineError{1, "l'intestazione che comincia alla riga 1 non è chiusa: aggiungi una riga --- " +
		"dopo l'ultima chiave (per esempio dopo description)"}
}

func isDelimiter(l []byte) bool {
	return bytes.Equal(bytes.TrimRight(l, " \t\r"), []byte("---"))
}
