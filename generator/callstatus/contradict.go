package callstatus

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"quartieri/internal/theme"
)

// Finding is a phrase, shown on a page at some instant, that contradicts its call's phase.
type Finding struct {
	// Offset is the byte offset, in the Markdown body, of the block of text that holds the phrase.
	Offset int
	// Phrase is the phrase as found (lower case).
	Phrase string
	// Message says in Italian what is wrong and how to fix it.
	Message string
}

// rules are the phrases that contradict a phase: an invitation to apply, or the recruitment in the present
// tense, while the call is closed; "closed" while it is open or yet to open. They are matched on lower-case
// text, so that staff get a warning, not an error: a phrase may be right in a context the rules do not see.
var rules = []struct {
	re     *regexp.Regexp
	phases []string // the phases in which the phrase is a contradiction
	msg    string
}{
	{regexp.MustCompile(`\b(?:candidati|candidatevi|candidarti|candidarvi)\b|\b(?:puoi|potete|si può|può) candidarsi\b|` +
		`\b(?:manda|mandate|invia|inviate|compila|compilate)\b[^.?!]{0,25}\b(?:candidatura|curriculum|cv|modulo)\b|` +
		`\b(?:puoi|potete|si può) (?:mandare|inviare)\b|\bcerchiamo\b|\bcerca(?:no)?\b[^.?!]{0,25}\boperator[ei]\b|` +
		`\b(?:assume|assumono|assumiamo)\b|\bla scadenza\b[^.?!]{0,40}\bè\b`),
		[]string{theme.PhaseClosed},
		"il bando è chiuso, ma questa frase invita a candidarsi o parla della selezione al presente: " +
			"scrivila al passato, oppure mettila in un blocco \"::: bando aperto\" … \":::\""},
	{regexp.MustCompile(`\bbando (?:è |si è )?chiuso\b|\bcandidature (?:sono )?chiuse\b|\bnon (?:puoi|si può|è) più\b`),
		[]string{theme.PhaseOpen, theme.PhaseUpcoming},
		"il bando non è chiuso, ma questa frase dice che lo è: mettila in un blocco \"::: bando chiuso\" … \":::\""},
}

// articles before "candidati" make it the noun ("per i candidati"), not the imperative.
var articles = []string{"i", "ai", "dei", "tra", "fra", "gli", "dai", "sui", "nei", "coi", "per", "ci", "altri", "dei"}

// Contradictions returns the phrases of a page's text, as shown when the calls are in the phases that phases
// gives (for a block's call id, or "" for the page's call), that contradict them. Call blocks of other phases are
// left out, as the theme leaves them out.
func Contradictions(doc ast.Node, src []byte, phases func(call string) []string) []Finding {
	var out []Finding
	var walk func(n ast.Node, call string)
	walk = func(n ast.Node, call string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if b, ok := c.(*Block); ok {
				now := phases(b.Call)
				if !slices.ContainsFunc(b.Phases, func(p string) bool { return slices.Contains(now, p) }) {
					continue
				}
				walk(c, b.Call)
				continue
			}
			if f := c.FirstChild(); c.Type() == ast.TypeBlock && f != nil && f.Type() == ast.TypeInline {
				out = append(out, check(strings.ToLower(inline(c, src)), start(c), phases(call))...)
				continue
			}
			walk(c, call)
		}
	}
	walk(doc, "")
	return out
}

// TextContradictions returns the phrases of a plain text (a page's title, description or summary, which lists
// and search engines show) that contradict the phases now.
func TextContradictions(text string, now []string) []Finding {
	return check(strings.ToLower(text), 0, now)
}

func check(s string, off int, now []string) []Finding {
	var out []Finding
	for _, r := range rules {
		if !slices.ContainsFunc(r.phases, func(p string) bool { return slices.Contains(now, p) }) {
			continue
		}
		for _, m := range r.re.FindAllStringIndex(s, -1) {
			phrase := s[m[0]:m[1]]
			if phrase == "candidati" && slices.Contains(articles, lastWord(s[:m[0]])) || negated(s[:m[0]]) {
				continue
			}
			out = append(out, Finding{Offset: off, Phrase: phrase, Message: r.msg})
		}
	}
	return out
}

// start returns the byte offset of a block of text.
func start(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	var off int
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

var notRE = regexp.MustCompile(`\bnon\b`)

// negated reports whether the sentence that ends with s says "non": "Non puoi più candidarti" is true when closed.
func negated(s string) bool {
	if i := strings.LastIndexAny(s, ".?!"); i >= 0 {
		s = s[i+1:]
	}
	return notRE.MatchString(s)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], "'’\"«(")
}

// inline returns the text of a block: its text and link texts, with line breaks as spaces.
func inline(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// parser reads pages for Contradictions as the generator does (its own goldmark instance, which also renders).
var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, Extension))

// Parse parses a Markdown body with call blocks.
func Parse(src []byte) ast.Node { return md.Parser().Parse(text.NewReader(src)) }
