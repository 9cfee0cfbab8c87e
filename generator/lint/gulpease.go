package lint

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Readability is the Gulpease index of some prose and the counts it was computed from.
type Readability struct {
	// Gulpease is 89 + (300·Sentences − 10·Letters) / Words, clamped to 0..100. It is 0 when Words is 0: callers
	// should not report a figure for a page with no prose.
	Gulpease float64
	// Words, Sentences and Letters are counted as GulpeaseText describes.
	Words, Sentences, Letters int
}

// GulpeaseText measures plain text. Blank lines separate blocks; single line breaks are spaces. The rules, the
// same as Readable's for each prose block of a page:
//
//   - Letters are Unicode letters and digits; spaces and punctuation are not letters.
//   - Words are runs of characters separated by spaces or apostrophes that hold at least one letter or digit:
//     "l'affitto" is two words ("l", "affitto"), like the usual Gulpease tools count it; "socio-sanitario" is
//     one; a lone dash is none.
//   - A sentence ends at . ! ? or … (not at ; or :, which would flatter long sentences) when what follows
//     (after closing brackets and quotes) is a space or the end of the block, and at the end of every block that has words after its last end: a heading, a list item
//     or a table cell without final punctuation is one sentence. Runs such as "?!" or "..." end one sentence.
//   - So a point or colon inside a word never ends a sentence: 494.414, 23:59, www.regione.lombardia.it.
//   - A point after a known abbreviation does not end a sentence either: art. n. ecc. es. p.es. dott. sig. ca.
//     and the others in the abbreviations table, in any case.
func GulpeaseText(text string) Readability {
	var k counter
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		k.add([]byte(block))
		k.endBlock()
	}
	return k.result()
}

// Readable measures the prose of a page: paragraphs, list items, quotes, footnotes and definition lists, each a
// block (so a list item without final punctuation is one sentence); headings and table cells are labels, not
// sentences, and are left out with code blocks, code spans, raw HTML, image alternative texts and addresses
// shown as links. Counting every heading and cell as a sentence made a page with a table look easy (the funding
// page measured 94 that way, 64 without).
func Readable(in Input) Readability {
	var k counter
	if in.Doc == nil {
		return k.result()
	}
	var buf []byte
	_ = ast.Walk(in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindHeading || n.Kind() == east.KindTableCell {
			return ast.WalkSkipChildren, nil // labels, not prose: counted as sentences they flatter the page
		}
		if n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c == nil || c.Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		buf = appendText(buf[:0], n, in.Source, false, true)
		k.add(buf)
		k.endBlock()
		return ast.WalkSkipChildren, nil
	})
	return k.result()
}

// abbreviations are the words, lowercased and without their final point, after which a point does not end a
// sentence.
var abbreviations = map[string]bool{
	"art": true, "artt": true, "n": true, "nn": true, "nr": true, "ecc": true, "es": true, "p.es": true,
	"dott": true, "dott.ssa": true, "dr": true, "sig": true, "sig.ra": true, "sigg": true, "ca": true,
	"prof": true, "prof.ssa": true, "avv": true, "ing": true, "arch": true, "geom": true, "rag": true,
	"pag": true, "pagg": true, "tel": true, "cfr": true, "co": true, "lett": true, "vol": true, "fig": true,
	"all": true, "ss": true, "segg": true, "sgg": true, "cit": true, "s.p.a": true, "s.r.l": true, "d.lgs": true,
	"d.p.r": true, "l.r": true, "c.a": true, "v": true, "min": true, "tab": true, "succ": true, "mod": true,
}

// counter accumulates Gulpease counts over blocks.
type counter struct {
	words, sentences, letters int
	open                      bool // a word has been counted since the last sentence end
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

func isCloser(r rune) bool {
	return r == ')' || r == ']' || r == '}' || r == '"' || r == '»' || r == '”' || r == '’' || r == '\'' || r == '*' || r == '_'
}

// Byte classes of ASCII characters, for the fast path of add.
const (
	cOther = iota
	cSpace // ends a word
	cAlnum // a letter
	cTerm  // may end a sentence
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\r\v\f'`" {
		t[c] = cSpace
	}
	for c := '0'; c <= 'z'; c++ {
		if '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' {
			t[c] = cAlnum
		}
	}
	for _, c := range ".!?" {
		t[c] = cTerm
	}
	return t
}()

// class returns the class of r.
func class(r rune) uint8 {
	switch {
	case r < utf8.RuneSelf:
		return asciiClass[r]
	case unicode.IsSpace(r) || isApostrophe(r):
		return cSpace
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return cAlnum
	case r == '…':
		return cTerm
	}
	return cOther
}

// add counts the words, letters and sentence ends of one block's text.
func (k *counter) add(s []byte) {
	tokStart := -1 // byte offset of the current token, -1 between tokens
	hasAlnum := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var c uint8
		if r < utf8.RuneSelf {
			c = asciiClass[r]
		} else {
			r, size = utf8.DecodeRune(s[i:])
			c = class(r)
		}
		i += size
		switch c {
		case cAlnum:
			k.letters++
			hasAlnum = true
			if tokStart < 0 {
				tokStart = i - size
			}
			continue
		case cSpace:
			k.endWord(hasAlnum)
			tokStart, hasAlnum = -1, false
			continue
		}
		if tokStart < 0 {
			tokStart = i - size
		}
		if c != cTerm || !endsHere(s[i:]) || r == '.' && isAbbreviation(s[tokStart:i-size]) {
			continue
		}
		k.endWord(hasAlnum)
		tokStart, hasAlnum = -1, false
		if k.open {
			k.sentences++
			k.open = false
		}
	}
	k.endWord(hasAlnum)
}

// endWord counts the token that just ended as a word if it has a letter or digit.
func (k *counter) endWord(hasAlnum bool) {
	if hasAlnum {
		k.words++
		k.open = true
	}
}

// endsHere reports whether only closing brackets or quotes stand before a space or the end of s.
func endsHere(s []byte) bool {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		i += size
		switch {
		case class(r) == cSpace && !isApostrophe(r):
			return true
		case !isCloser(r):
			return false
		}
	}
	return true
}

// isAbbreviation reports whether a token, without its opening brackets and quotes and in any case, is in the
// abbreviations table.
func isAbbreviation(tok []byte) bool {
	tok = bytes.TrimLeft(tok, "([{\"«“")
	var lower [10]byte
	if len(tok) > len(lower) {
		return false
	}
	for i, b := range tok {
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		lower[i] = b
	}
	return abbreviations[string(lower[:len(tok)])]
}

// endBlock closes the block: words after its last sentence end make one more sentence.
func (k *counter) endBlock() {
	if k.open {
		k.sentences++
		k.open = false
	}
}

func (k *counter) result() Readability {
	r := Readability{Words: k.words, Sentences: k.sentences, Letters: k.letters}
	if k.words == 0 {
		return r
	}
	g := 89 + (300*float64(k.sentences)-10*float64(k.letters))/float64(k.words)
	r.Gulpease = min(max(g, 0), 100)
	return r
}
