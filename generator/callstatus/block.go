// Package callstatus lets staff write, in plain Markdown, text that holds only in some phases of a call for
// applications, and finds the words that contradict the call's phase on a given day.
//
// A call block is a fenced block of lines between an opening line ":::" followed by "bando" and the phases in
// which the text holds, and a closing line ":::":
//
//	::: bando aperto
//	Puoi candidarti fino a {scadenza}.
//	:::
//
//	::: bando chiuso
//	Il bando si è chiuso {scadenza}. {esito}
//	:::
//
// The phases, in Italian as staff write them: "in arrivo" (before `opens`), "aperto" (from `opens` to the
// deadline), "ultimi giorni" (the last `lastDays` days before the deadline, also "aperto") and "chiuso" (after the
// deadline). Several phases are joined with "o" ("::: bando in arrivo o aperto"). The block is about the page's
// call (front matter `call`), or the first call of site.yaml; "(ID)" at the end names another one. Blocks do not
// nest. The dates come from site.yaml, the one source of truth: the theme shows the blocks of the phase of the
// instant the site is built or served as (-now), and keeps hidden the ones a later phase will show, for the
// page's script (see theme.CallBlocks).
//
// Extension registers the block parser and renderer with goldmark; Phases parses an opening line; Visible and
// Contradictions serve `generator check`.
package callstatus

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"quartieri/internal/theme"
)

// KindBlock is the AST kind of a call block.
var KindBlock = ast.NewNodeKind("CallBlock")

// Block is a call block: its children are ordinary Markdown blocks.
type Block struct {
	ast.BaseBlock
	// Phases are the phase codes (theme.PhaseOpen...) in which the text holds; empty when Problem is set.
	Phases []string
	// Call is the call's id given as "(ID)" on the opening line, or "".
	Call string
	// Problem, when not "", says in Italian what is wrong with the opening line.
	Problem string
	// Closed reports whether a closing ":::" line was found.
	Closed bool
	// Offset is the byte offset of the opening line in the source, for line numbers.
	Offset int
}

// Kind implements ast.Node.
func (b *Block) Kind() ast.NodeKind { return KindBlock }

// Dump implements ast.Node.
func (b *Block) Dump(src []byte, level int) {
	ast.DumpHelper(b, src, level, map[string]string{"Phases": strings.Join(b.Phases, " "), "Call": b.Call}, nil)
}

// Extension adds call blocks to a goldmark instance.
var Extension goldmark.Extender = extender{}

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, 90)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(blockRenderer{}, 90)))
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{':'} }

// fence returns the text after ":::" on the reader's current line, and whether the line starts with ":::".
func fence(reader text.Reader) (rest string, ok bool) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || !bytes.HasPrefix(line[pos:], []byte(":::")) {
		return "", false
	}
	return strings.TrimSpace(string(line[pos+3:])), true
}

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	rest, ok := fence(reader)
	if !ok || rest == "" {
		return nil, parser.NoChildren
	}
	for p := parent; p != nil; p = p.Parent() {
		if p.Kind() == KindBlock {
			return nil, parser.NoChildren // no nesting: the line stays text, and lint reports it
		}
	}
	_, seg := reader.PeekLine()
	b := &Block{Offset: seg.Start}
	b.Phases, b.Call, b.Problem = Phases(rest)
	reader.AdvanceToEOL()
	return b, parser.HasChildren
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if rest, ok := fence(reader); ok && rest == "" {
		node.(*Block).Closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (blockParser) CanInterruptParagraph() bool                                { return true }
func (blockParser) CanAcceptIndentedLine() bool                                { return false }

// phaseWords maps what staff write to the phase codes.
var phaseWords = map[string]string{
	"in arrivo":         theme.PhaseUpcoming,
	"non ancora aperto": theme.PhaseUpcoming,
	"aperto":            theme.PhaseOpen,
	"ultimi giorni":     theme.PhaseClosing,
	"chiuso":            theme.PhaseClosed,
}

// Usage is the hint every problem with an opening line ends with.
const Usage = `scrivi per esempio "::: bando aperto", "::: bando chiuso", "::: bando in arrivo", "::: bando ultimi giorni" ` +
	`o "::: bando in arrivo o aperto", e chiudi il blocco con una riga ":::"`

// Phases parses the text after ":::" on an opening line: "bando aperto", "bando in arrivo o aperto (ID)". It
// returns the phase codes, the call's id if given, or a problem in Italian.
func Phases(s string) (phases []string, call, problem string) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if i := strings.LastIndexByte(s, '('); i >= 0 && strings.HasSuffix(s, ")") {
		call = strings.TrimSpace(s[i+1 : len(s)-1])
		s = strings.TrimSpace(s[:i])
	}
	rest, ok := strings.CutPrefix(s, "bando ")
	if !ok {
		return nil, call, "blocco sconosciuto \"::: " + s + "\": " + Usage
	}
	for _, w := range strings.Split(rest, " o ") {
		code, ok := phaseWords[strings.TrimSpace(w)]
		if !ok {
			return nil, call, "fase del bando sconosciuta \"" + strings.TrimSpace(w) + "\": " + Usage
		}
		phases = append(phases, code)
	}
	return phases, call, ""
}

type blockRenderer struct{}

func (blockRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindBlock, renderBlock)
}

// renderBlock writes the block as theme.CallBlocks expects it.
func renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b := node.(*Block)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(theme.CallBlockOpen(b.Phases, b.Call))
	return ast.WalkContinue, nil
}
