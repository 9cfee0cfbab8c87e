// Package tablecaption gives Markdown tables a caption without new syntax: a paragraph of one line that starts
// with "Tabella:" written just before a table becomes the table's <caption>, without the word "Tabella:".
//
//	Tabella: i soldi del progetto, azione per azione.
//
//	| Azione | Importo |
//	|---|---|
//	| K1 | 494.414 euro |
//
// Without JavaScript or CSS the caption is read first by screen readers and shown above the table. A
// "Tabella:" paragraph not followed by a table stays an ordinary paragraph.
package tablecaption

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Prefix starts a caption paragraph.
const Prefix = "Tabella:"

// KindCaption is the AST kind of a caption; it is the first child of its table.
var KindCaption = ast.NewNodeKind("TableCaption")

// Caption is a table's caption; its children are the inline nodes of the paragraph, without Prefix.
type Caption struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (c *Caption) Kind() ast.NodeKind { return KindCaption }

// Dump implements ast.Node.
func (c *Caption) Dump(src []byte, level int) { ast.DumpHelper(c, src, level, nil, nil) }

// Extension turns "Tabella:" paragraphs before tables into captions. Register it after the table extension.
var Extension goldmark.Extender = extender{}

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 999)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(captionRenderer{}, 500)))
}

type transformer struct{}

// Transform moves each caption paragraph into the table that follows it.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTable {
			tables = append(tables, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		p, ok := t.PreviousSibling().(*ast.Paragraph)
		if !ok || p.Lines().Len() != 1 {
			continue
		}
		first, ok := p.FirstChild().(*ast.Text)
		if !ok || !bytes.HasPrefix(first.Segment.Value(src), []byte(Prefix)) {
			continue
		}
		first.Segment = first.Segment.WithStart(first.Segment.Start + len(Prefix))
		for bytes.HasPrefix(first.Segment.Value(src), []byte(" ")) {
			first.Segment = first.Segment.WithStart(first.Segment.Start + 1)
		}
		c := &Caption{}
		c.SetLines(p.Lines())
		for ch := p.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			c.AppendChild(c, ch)
			ch = next
		}
		p.Parent().RemoveChild(p.Parent(), p)
		t.InsertBefore(t, t.FirstChild(), c)
	}
}

type captionRenderer struct{}

func (captionRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindCaption, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<caption>")
		} else {
			_, _ = w.WriteString("</caption>\n")
		}
		return ast.WalkContinue, nil
	})
}
