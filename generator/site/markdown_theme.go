package site

import (
	"bufio"
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"quartieri/internal/theme"
)

// themeRenderer renders what the theme needs besides goldmark's HTML, while the Markdown is rendered: English
// terms in the text are marked lang="en" (see theme.MarkEnglishText) except in code and in elements already
// marked lang="en"; every table is put in a keyboard-scrollable region labelled by the heading before it, so
// that a wide table scrolls on its own on a 320 px screen (WCAG 1.4.10), and each data cell gets its column's
// header as data-label, so that the stylesheet can show a narrow table as one block per row.
type themeRenderer struct {
	text, table, cell renderer.NodeRendererFunc // goldmark's own
}

// funcsOf records the functions a node renderer registers.
type funcsOf map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcsOf) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

func newThemeRenderer() themeRenderer {
	h, t := funcsOf{}, funcsOf{}
	ghtml.NewRenderer().RegisterFuncs(h)
	extension.NewTableHTMLRenderer().RegisterFuncs(t)
	return themeRenderer{text: h[ast.KindText], table: t[east.KindTable], cell: t[east.KindTableCell]}
}

// RegisterFuncs registers the text, table and table cell renderers.
func (r themeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(east.KindTableCell, r.renderCell)
}

// renderText marks the English terms of a run of text nodes: goldmark may split a sentence into several
// ("Due co", "mmunity manager"), so the first node of a run writes the whole run when it holds an English term,
// and notes it (attribute runEnglish, never rendered: not a known or data- attribute) for the others.
func (r themeRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return r.text(w, source, node, entering)
	}
	if p := node.PreviousSibling(); p != nil && joined(p, node) { // within a run: the first node decided
		start := p
		for q := start.PreviousSibling(); q != nil && joined(q, start); q = start.PreviousSibling() {
			start = q
		}
		if _, ok := start.AttributeString(runEnglish); ok {
			return ast.WalkContinue, nil
		}
		return r.text(w, source, node, entering)
	}
	last := node
	for x := last.NextSibling(); x != nil && joined(last, x); x = last.NextSibling() {
		last = x
	}
	if !runMayHaveEnglish(node, last, source) || inEnglish(node) {
		return r.text(w, source, node, entering)
	}
	node.SetAttributeString(runEnglish, true)
	var buf bytes.Buffer
	bw := bufio.NewWriterSize(&buf, 256)
	for n := node; ; n = n.NextSibling() {
		if _, err := r.text(bw, source, n, true); err != nil {
			return ast.WalkStop, err
		}
		if n == last {
			break
		}
	}
	_ = bw.Flush()
	out := buf.String()
	end := strings.IndexByte(out, '<') // a <br> after the text
	if end < 0 {
		end = len(out)
	}
	_, _ = w.WriteString(theme.MarkEnglishText(out[:end]))
	_, _ = w.WriteString(out[end:])
	return ast.WalkContinue, nil
}

// runEnglish and cellLabels are attributes the theme renderer keeps on nodes; goldmark renders only known and
// data- attributes, so they never reach the HTML.
const (
	runEnglish = "_english"
	cellLabels = "_labels"
)

// joined reports whether text node a is followed by text node b with no line break between them but a soft
// one (a line end inside a paragraph, where a term such as "community manager" may be split).
func joined(a, b ast.Node) bool {
	t, ok := a.(*ast.Text)
	_, ok2 := b.(*ast.Text)
	return ok && ok2 && !t.HardLineBreak()
}

// runMayHaveEnglish reports whether the run of text nodes from start to last may hold an English term. The
// words theme.MayHaveEnglish looks for are never split between two text nodes (goldmark splits text only where
// an inline element may start, at characters such as * _ & \ < [, and at line ends), so each node is asked on
// its own, with no copy of the run.
func runMayHaveEnglish(start, last ast.Node, source []byte) bool {
	for n := start; ; n = n.NextSibling() {
		if theme.MayHaveEnglish(n.(*ast.Text).Segment.Value(source)) {
			return true
		}
		if n == last {
			return false
		}
	}
}

// inEnglish reports whether n is inside an element marked lang="en".
func inEnglish(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if v, ok := p.AttributeString("lang"); ok {
			if b, _ := v.([]byte); string(b) == "en" {
				return true
			}
			if s, _ := v.(string); s == "en" {
				return true
			}
		}
	}
	return false
}

func (r themeRenderer) renderTable(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering { // goldmark's own writes "</table>\n"
		_, _ = w.WriteString("</table></div>\n")
		return ast.WalkContinue, nil
	}
	label := "Tabella"
	if h := headingBefore(node); h != nil {
		label = "Tabella: " + htmlText(renderInline(source, h))
	}
	_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + `">`)
	var labels []string                                                 // each column's header, for its data cells
	for hdr := node.FirstChild(); hdr != nil; hdr = hdr.NextSibling() { // a caption may come first (package tablecaption)
		if hdr.Kind() == east.KindTableHeader {
			for c := hdr.FirstChild(); c != nil; c = c.NextSibling() {
				labels = append(labels, htmlText(renderInline(source, c)))
			}
			break
		}
	}
	node.SetAttributeString(cellLabels, labels)
	return r.table(w, source, node, entering)
}

func (r themeRenderer) renderCell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || node.Parent().Kind() != east.KindTableRow {
		return r.cell(w, source, node, entering)
	}
	label := ""
	labels, _ := node.Parent().Parent().AttributeString(cellLabels)
	if l, _ := labels.([]string); cellIndex(node) < len(l) {
		label = l[cellIndex(node)]
	}
	if label == "" {
		return r.cell(w, source, node, entering)
	}
	// goldmark writes "<td" then the attributes: data-label goes right after "<td".
	_, _ = w.WriteString(`<td data-label="` + html.EscapeString(label) + `"`)
	return r.cell(&skipWriter{BufWriter: w, skip: len("<td")}, source, node, entering)
}

// skipWriter drops the first skip bytes written to it.
type skipWriter struct {
	util.BufWriter
	skip int
}

func (s *skipWriter) Write(p []byte) (int, error) {
	n := min(s.skip, len(p))
	s.skip -= n
	m, err := s.BufWriter.Write(p[n:])
	return m + n, err
}

func (s *skipWriter) WriteString(str string) (int, error) { return s.Write([]byte(str)) }

func (s *skipWriter) WriteByte(c byte) error {
	if s.skip > 0 {
		s.skip--
		return nil
	}
	return s.BufWriter.WriteByte(c)
}

func (s *skipWriter) WriteRune(r rune) (int, error) { return s.Write([]byte(string(r))) }

// cellIndex returns the column of a cell.
func cellIndex(c ast.Node) int {
	i := 0
	for s := c.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		i++
	}
	return i
}

// headingBefore returns the last heading of level 2 to 6 before n in document order, or nil.
func headingBefore(n ast.Node) ast.Node {
	doc := n
	for doc.Parent() != nil {
		doc = doc.Parent()
	}
	var last ast.Node
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c == n {
			return ast.WalkStop, nil
		}
		if h, ok := c.(*ast.Heading); ok && entering && h.Level >= 2 {
			last = h
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return last
}

// renderInline renders the children of n (a heading or a table cell) to HTML.
func renderInline(source []byte, n ast.Node) string {
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 256) // one for all the children: goldmark makes a 4 KiB one for any other writer
	r := markdown.Renderer()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		_ = r.Render(w, source, c)
	}
	_ = w.Flush()
	return buf.String()
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// htmlText returns the text of an HTML fragment: tags left out, entities decoded, spaces trimmed.
func htmlText(h string) string {
	return strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(h, "")))
}
