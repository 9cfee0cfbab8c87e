package lint

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

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

// bareURL matches a link text that is a web address.
var bareURL = regexp.MustCompile(`(?i)^(https?://|www\.)\S*$`)

// link checks that a link's text says where it leads.
func (c *checker) link(l *ast.Link) {
	dest := string(l.Destination)
	text := strings.TrimSpace(plainText(l, c.in.Source, true, false))
	switch {
	case text == "":
		c.errorf(l, fmt.Sprintf("il collegamento a %s non ha testo: scrivi tra le parentesi quadre dove porta, "+
			"per esempio [il bando per community manager](%s)", dest, dest))
	case vagueText[normalize(text)]:
		c.errorf(l, fmt.Sprintf("il testo del collegamento «%s» non dice dove porta: chi usa un lettore di schermo "+
			"spesso ascolta i collegamenti fuori dal testo; scrivi dove porta, per esempio "+
			"[leggi il bando per community manager](%s)", text, dest))
	case bareURL.MatchString(text) || text == dest:
		c.errorf(l, fmt.Sprintf("il testo del collegamento è un indirizzo (%s): dai al collegamento un testo che "+
			"dica dove porta, per esempio [il sito di Regione Lombardia](%s)", text, dest))
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
		"dica dove porta, scrivendo [testo](%s), per esempio [il sito di Regione Lombardia](%s)", url, url, url))
}

// normalize lowercases s, drops accents and turns punctuation into single spaces, so that "Leggi di più…" and
// "leggi di piu" compare equal.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if base, ok := unaccented[unicode.ToLower(r)]; ok {
				r = base
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// unaccented maps the accented letters of Italian (and a few neighbours) to their base letter.
var unaccented = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i',
	'ï': 'i', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
}
