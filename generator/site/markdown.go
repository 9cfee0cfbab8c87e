package site

import (
	"bufio"
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"quartieri/generator/callstatus"
	"quartieri/generator/tablecaption"
)

// External link markup, for the theme's CSS: the link gets ExternalClass and ExternalRel, and ends with a
// visually hidden ExternalNote so that screen readers announce that it leaves the site.
const (
	ExternalClass = "external"
	ExternalRel   = "external noopener"
	ExternalNote  = `<span class="visually-hidden"> (sito esterno)</span>`
)

// markdown is the one goldmark instance of the program: GFM tables, strikethrough, autolinks, footnotes and
// definition lists; call blocks (package callstatus); table captions (package tablecaption); heading ids
// (Italian slugs, {#id} respected); raw HTML left out; English terms and tables marked for the theme
// (themeRenderer).
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote,
		extension.DefinitionList, callstatus.Extension, tablecaption.Extension),
	goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(linkRenderer{}, 100), util.Prioritized(newThemeRenderer(), 100)),
	),
)

// parseMarkdown parses a page body; its headings get ids unique on the page.
func parseMarkdown(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	return markdown.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// renderMarkdown renders a parsed body to HTML.
func renderMarkdown(buf *bytes.Buffer, src []byte, doc ast.Node) error {
	w := writerPool.Get().(*bufio.Writer)
	w.Reset(buf)
	defer func() { w.Reset(nil); writerPool.Put(w) }() // the pool keeps no page's buffer
	if err := markdown.Renderer().Render(w, src, doc); err != nil {
		return err
	}
	return w.Flush()
}

// writerPool holds the buffered writers pages are rendered through: goldmark makes a new 4 KiB one for any
// writer that is not buffered already.
var writerPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// markExternal marks a link node as leaving the site.
func markExternal(n ast.Node) {
	n.SetAttributeString("class", []byte(ExternalClass))
	n.SetAttributeString("rel", []byte(ExternalRel))
}

func isExternal(n ast.Node) bool {
	v, ok := n.AttributeString("class")
	b, _ := v.([]byte)
	return ok && string(b) == ExternalClass
}

// linkRenderer renders links and autolinks as goldmark does, adding ExternalNote inside external ones.
type linkRenderer struct{}

// RegisterFuncs registers the link and autolink renderers.
func (linkRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, renderLink)
	r.Register(ast.KindAutoLink, renderAutoLink)
}

func renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		if isExternal(n) {
			_, _ = w.WriteString(ExternalNote)
		}
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(n.Destination, true)
	if !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	url := util.URLEscape(n.URL(source), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	if !html.IsDangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	if isExternal(n) {
		_, _ = w.WriteString(ExternalNote)
	}
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}
