package lint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// vagueText holds link texts that do not say where the link leads, normalised (see normalize). Screen-reader
// users often list a page's links out of context, where "clicca qui" means nothing.
var vagueText = map[string]bool{
	"clicca qui": true, "clicca qua": true, "clicca": true, "qui": true, "qua": true, "link": true,
	"questo link": true, "questo collegamento": true, "collegamento": true, "leggi di piu": true,
	"leggi": true, "leggi tutto": true, "altro": true, "di piu": true, "scopri di piu": true, "scopri": true,
	"continua": true, "continua a leggere": true, "vai": true, "vedi": true, "premi qui": true, "here": true,
	"click here": true, "click": true, "more": true, "read more": true, "this link": true,
}

// maxVague is longer than any text of vagueText or genericAlt, even with accents and punctuation: longer texts
// are not compared, which keeps the check cheap on long pages.
const maxVague = 40

// isVague reports whether a link text is in vagueText.
func isVague(text []byte) bool {
	if len(text) > maxVague {
		return false
	}
	var buf [2 * maxVague]byte
	return vagueText[string(appendNormalized(buf[:0], text))]
}

// isBareURL reports whether a link text is a web address: http://, https:// or www. and no spaces.
func isBareURL(text []byte) bool {
	for _, p := range []string{"http://", "https://", "www."} {
		if len(text) >= len(p) && strings.EqualFold(string(text[:len(p)]), p) {
			return bytes.IndexFunc(text, unicode.IsSpace) < 0
		}
	}
	return false
}

// link checks that a link's text says where it leads.
func (c *checker) link(l *ast.Link) {
	c.buf = appendText(c.buf[:0], l, c.in.Source, true, false)
	b := bytes.TrimSpace(c.buf)
	dest := l.Destination
	switch {
	case len(b) == 0:
		c.errorf(l, fmt.Sprintf("il collegamento a %s non ha testo: scrivi tra le parentesi quadre dove porta, "+
			"per esempio [%s](%s)", dest, c.example(dest), dest))
	case isVague(b):
		c.errorf(l, fmt.Sprintf("il testo del collegamento «%s» non dice dove porta: chi usa un lettore di schermo "+
			"spesso ascolta i collegamenti fuori dal testo; scrivi dove porta, per esempio [%s](%s)", b, c.example(dest), dest))
	case isBareURL(b) || bytes.Equal(b, dest):
		c.errorf(l, fmt.Sprintf("il testo del collegamento è un indirizzo (%s): dai al collegamento un testo che "+
			"dica dove porta, per esempio [%s](%s)", b, c.example(dest), dest))
	}
}

// autoLink reports web addresses written as links (<https://...> or a bare www.... that GFM turns into a link).
// Email addresses are fine: the reader needs to see them to write.
func (c *checker) autoLink(l *ast.AutoLink) {
	if l.AutoLinkType != ast.AutoLinkURL {
		return
	}
	url := string(l.URL(c.in.Source))
	c.errorf(l, fmt.Sprintf("il collegamento %s ha per testo il suo indirizzo: dai al collegamento un testo che "+
		"dica dove porta, per esempio [%s](%s)", url, c.example([]byte(url)), url))
}

// example is a link text to suggest for dest: the title of the page it leads to, else words that say what to
// write ("il sito di …" for another site).
func (c *checker) example(dest []byte) string {
	if c.in.TitleOf != nil {
		if t := c.in.TitleOf(string(dest)); t != "" {
			return t
		}
	}
	d := strings.ToLower(string(dest))
	if strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "www.") {
		return "il sito di … (il nome di chi lo pubblica)"
	}
	return "il titolo della pagina"
}

// normalize lowercases s, drops accents and turns punctuation into single spaces, so that "Leggi di più…" and
// "leggi di piu" compare equal.
func normalize(s string) string { return string(appendNormalized(nil, []byte(s))) }

// appendNormalized appends the normalised form of s to dst.
func appendNormalized(dst, s []byte) []byte {
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if base, ok := unaccented[r]; ok {
				r = base
			}
			if space && len(dst) > 0 {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, r)
		default:
			space = true
		}
	}
	return dst
}

// unaccented maps the accented letters of Italian (and a few neighbours) to their base letter.
var unaccented = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i',
	'ï': 'i', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
}
