package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unique"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
)

// bufPool holds the buffers page bodies are rendered into; a page's buffer goes back once the page is written.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody parses, checks and renders a page's Markdown body (pass two); the HTML is left in p.html.
func (b *builder) readBody(p *page) {
	defer recoverPage(p, &p.bodyBroken)
	if e := p.bodyCached(); e != nil {
		p.html, p.ids, p.read, p.bodyBroken = e.html, e.ids, e.read, e.broken
		p.diag = append(p.diag, e.diag...)
		b.keepRefs(p, e.refs, e.targets)
		return
	}
	var src []byte
	if p.entry != nil && p.entry.src != nil {
		src = p.entry.src // a Builder keeps the file from pass one
	} else {
		var err error
		if src, err = fs.ReadFile(b.fsys, p.file); err != nil {
			p.bodyFail(0, "impossibile leggere il file: "+err.Error())
			return
		}
	}
	_, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		p.bodyFail(1, "il file è cambiato durante la costruzione: riprova")
		return
	}
	doc := parseMarkdown(body)
	in := lint.Input{File: p.file, Source: body, FirstLine: bodyLine, Doc: doc, Title: p.tp.Title, TitleOf: b.titleOf(p)}
	if errs := lint.Page(in); len(errs) > 0 {
		p.diag = append(p.diag, errs...)
		p.bodyBroken = true
	}
	p.read = lint.Readable(in)
	refs := lint.Refs(in) // before walkBody rewrites the destinations
	walkBody(b, p, doc, body, bodyLine)
	var entry *bodyEntry
	if b.cache != nil {
		entry = &bodyEntry{ids: p.ids, diag: append(diag.List(nil), p.diag...), broken: p.bodyBroken, read: p.read, refs: refs}
	}
	targets := b.keepRefs(p, refs, nil)
	p.resolved = nil
	if entry != nil {
		entry.targets = targets
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := renderMarkdown(buf, body, doc); err != nil {
		bufPool.Put(buf)
		p.bodyFail(bodyLine, "impossibile trasformare il testo in HTML: "+err.Error())
		return
	}
	p.buf, p.html = buf, buf.Bytes()
	if entry != nil {
		entry.html = bytes.Clone(p.html)
		p.entry.body = entry
	}
}

// recoverPage, deferred, turns a panic while reading p into an error on p and sets *broken: a content mistake
// must never show a Go stack trace.
func recoverPage(p *page, broken *bool) {
	if r := recover(); r != nil {
		*broken = true
		p.diag = append(p.diag, diag.Diagnostic{File: p.file, Severity: diag.Error,
			Message: fmt.Sprintf("errore interno leggendo la pagina (%v): segnala il problema a chi cura il generatore", r)})
	}
}

// keepRefs checks a page's links and images: those to files and pages now, those to an anchor of another page
// later (checkLinks), once every page's headings are known. It also lists the page's external links.
// targets, if not nil, are refs' destinations already resolved; keepRefs returns them.
func (b *builder) keepRefs(p *page, refs []lint.Ref, targets []target) []target {
	api := strings.TrimSuffix(b.site.APIBase, "/") + "/"
	if targets == nil {
		targets = make([]target, len(refs))
		for i, r := range refs {
			targets[i] = b.resolveFor(p, r.Dest)
		}
	}
	for i, r := range refs {
		t := targets[i]
		switch {
		case t.Bad != "":
			p.bodyFail(r.Line, r.Dest+": "+t.Bad)
		case t.External:
			p.external = append(p.external, externalRef{dest: unique.Make(r.Dest), text: unique.Make(r.Text), line: r.Line})
		case !t.Internal || strings.HasPrefix(t.Path, api):
		case t.Frag != "" && t.Path != "" && !r.Image && b.published(t.Path):
			l := link{to: b.pageAt(t.Path), frag: unique.Make(t.Frag), dest: r.Dest, line: r.Line}
			if n := len(l.to.url); len(r.Dest) == n+1+len(t.Frag) && r.Dest[:n] == l.to.url && r.Dest[n] == '#' && r.Dest[n+1:] == t.Frag {
				l.dest = ""
			}
			p.links = append(p.links, l)
		default:
			if msg := b.missing(p, t, r.Image); msg != "" {
				p.bodyFail(r.Line, linkMessage(r.Dest, r.Image, msg))
			}
		}
	}
	// Both lists live until the end of the build: no spare capacity.
	p.external, p.links = slices.Clip(slices.Clone(p.external)), slices.Clip(slices.Clone(p.links))
	return targets
}

// walkBody collects the page's ids, rewrites its link and image destinations for publishing and warns about raw
// HTML.
func walkBody(b *builder, p *page, doc ast.Node, body []byte, bodyLine int) {
	var ids anchorSet
	defer func() { p.ids = ids.done() }()
	lines := newLines(body, bodyLine)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if v, ok := id.([]byte); ok {
				ids.add(string(v))
			}
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = b.rewrite(p, n, n.Destination)
		case *ast.Image:
			n.Destination = b.rewrite(p, nil, n.Destination)
		case *ast.AutoLink:
			b.rewrite(p, n, n.URL(body))
		case *ast.HTMLBlock, *ast.RawHTML:
			p.warn(lines.of(n), "l'HTML scritto nel testo non viene pubblicato: usa la sintassi Markdown")
		case *east.Footnote:
			ids.add(fmt.Sprintf("fn:%d", n.Index))
			ids.add(fmt.Sprintf("fnref:%d", n.Index))
		}
		return ast.WalkContinue, nil
	})
}

// resolveFor resolves dest for page p, remembering the answer while the page's body is read: each destination
// is resolved twice (to rewrite it, then to check it).
func (b *builder) resolveFor(p *page, dest string) target {
	if t, ok := p.resolved[dest]; ok {
		return t
	}
	t := resolve(dest, p.dir, b.baseHost)
	if p.resolved == nil {
		p.resolved = map[string]target{}
	}
	p.resolved[dest] = t
	return t
}

// rewrite returns the destination to publish for a link or image and marks external links.
func (b *builder) rewrite(p *page, link ast.Node, dest []byte) []byte {
	t := b.resolveFor(p, string(dest))
	if t.External && link != nil {
		markExternal(link)
	}
	if t.Internal && t.Bad == "" {
		return []byte(t.Dest)
	}
	return dest
}
