package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
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
//   - A sentence ends at . ! ? ; : or … when what follows (after closing brackets and quotes) is a space or the
//     end of the block, and at the end of every block that has words after its last end: a heading, a list item
//     or a table cell without final punctuation is one sentence. Runs such as "?!" or "..." end one sentence.
//   - So a point or colon inside a word never ends a sentence: 494.414, 23:59, www.regione.lombardia.it.
//   - A point after a known abbreviation does not end a sentence either: art. n. ecc. es. p.es. dott. sig. ca.
//     and the others in the abbreviations table, in any case.
func GulpeaseText(text string) Readability {
	var k counter
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		k.add(block)
		k.endBlock()
	}
	return k.result()
}

// Readable measures the prose of a page: paragraphs, list items, headings, table cells, quotes, footnotes and
// definition lists, each a block; code blocks, code spans, raw HTML, image alternative texts and addresses shown
// as links are left out.
func Readable(in Input) Readability {
	var k counter
	if in.Doc == nil {
		return k.result()
	}
	_ = ast.Walk(in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c == nil || c.Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		k.add(plainText(n, in.Source, false, true))
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

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == ';' || r == ':' || r == '…'
}

func isCloser(r rune) bool {
	return r == ')' || r == ']' || r == '}' || r == '"' || r == '»' || r == '”' || r == '’' || r == '\'' || r == '*' || r == '_'
}

// add counts the words, letters and sentence ends of one block's text.
func (k *counter) add(s string) {
	tokStart := -1 // byte offset of the current token, -1 between tokens
	hasAlnum := false
	endToken := func() {
		if tokStart >= 0 && hasAlnum {
			k.words++
			k.open = true
		}
		tokStart, hasAlnum = -1, false
	}
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) || isApostrophe(r):
			endToken()
			continue
		case tokStart < 0:
			tokStart = i
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			k.letters++
			hasAlnum = true
			continue
		}
		if !isTerminator(r) || !endsHere(s, i+utf8.RuneLen(r)) {
			continue
		}
		if r == '.' && abbreviations[abbrevKey(s[tokStart:i])] {
			continue
		}
		endToken()
		if k.open {
			k.sentences++
			k.open = false
		}
	}
	endToken()
}

// endsHere reports whether only closing brackets or quotes stand between offset i and a space or the end of s.
func endsHere(s string, i int) bool {
	for _, r := range s[i:] {
		switch {
		case unicode.IsSpace(r):
			return true
		case !isCloser(r):
			return false
		}
	}
	return true
}

// abbrevKey lowercases a token without its opening brackets and quotes, for the abbreviations table.
func abbrevKey(tok string) string {
	tok = strings.TrimLeft(tok, "([{\"«“")
	return strings.ToLower(tok)
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
