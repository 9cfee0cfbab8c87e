package site

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// fold maps accented Latin letters to their base letter, so that ids read well in Italian.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ç': "c", 'ñ': "n", 'ß': "ss", 'ÿ': "y", 'ý': "y",
}

// Slug turns a heading into an id that reads well in Italian: accents folded (é -> e), apostrophes and every
// other character that is not a letter or a digit turned into "-", lower case, no "-" at either end or twice in
// a row. "Perché è così importante?" -> "perche-e-cosi-importante", "L'aiuto per l’affitto" ->
// "l-aiuto-per-l-affitto". It returns "" when nothing is left.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var part string
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			part = string(r)
		case fold[r] != "":
			part = fold[r]
		default:
			if b.Len() > 0 {
				dash = true
			}
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(part)
	}
	return b.String()
}

// headingIDs gives a page's headings unique ids made with Slug; it implements goldmark's parser.IDs. An id
// already used on the page gets "-1", "-2"... added.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// linkDest matches the destination of a Markdown link in a heading's raw text, which is not part of its words.
var linkDest = regexp.MustCompile(`\]\([^)]*\)`)

// Generate returns a unique id for a heading's raw text.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(linkDest.ReplaceAllString(string(value), "]"))
	if base == "" {
		base = "sezione"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id written by hand ({#id}).
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
