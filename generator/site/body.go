package site

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unique"

	"github.com/yuin/goldmark/ast"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
)

// bufPool holds the buffers page bodies are rendered into; a page's buffer goes back once the page is written.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody parses, checks and renders a page's Markdown body (pass two); the HTML is left in p.html.
func (b *builder) readBody(p *page) {
	defer p.bodyRead.Store(true) // after recoverPage, which may set bodyBroken
	defer recoverPage(p, &p.bodyBroken)
	if e := p.bodyCached(); e != nil {
		p.html, p.ids, p.bodyBroken = e.html, e.ids, e.broken
		p.diag = append(p.diag, e.diag...)
		b.readability(p, e.read)
		if e.checkedIn != b.shape { // the site's pages and files changed since the links were checked
			e.checked, e.checkedIn = b.checkRefs(p, e.refs, e.targets), b.shape
		}
		b.keepRefs(p, e.checked, e.refs)
		return
	}
	src, done, err := b.source(p)
	if err != nil {
		p.bodyFail(0, "impossibile leggere il file: "+err.Error())
		return
	}
	defer done() // what the page keeps (HTML, anchors, links, messages) holds no bytes of src
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
	read := lint.Readable(in)
	refs := lint.Refs(in) // before walkBody rewrites the destinations
	walkBody(b, p, doc, body, bodyLine)
	var entry *bodyEntry
	if b.cache != nil {
		entry = &bodyEntry{ids: p.ids, diag: append(diag.List(nil), p.diag...), broken: p.bodyBroken, read: read, refs: refs}
	}
	b.readability(p, read) // after the entry's copy of the messages: it depends on more than the file
	targets := make([]target, len(refs))
	for i, r := range refs {
		targets[i] = b.resolveFor(p, r.Dest)
	}
	if p.resolved != nil {
		clear(p.resolved)
		resolvedPool.Put(p.resolved)
		p.resolved = nil
	}
	checked := b.checkRefs(p, refs, targets)
	b.keepRefs(p, checked, refs)
	if entry != nil {
		entry.targets, entry.checked, entry.checkedIn = targets, checked, b.shape
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

// filePool holds the buffers a one-off build reads pages' files into. Each file is read two or three times
// (front matter, body, summary), and its bytes are needed only while that step runs.
var filePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// source returns the bytes of page p's file, the Builder's copy when it has one, and a function to call once
// nothing refers to them any more.
func (b *builder) source(p *page) (src []byte, done func(), err error) {
	if p.entry != nil && p.entry.src != nil {
		return p.entry.src, func() {}, nil
	}
	return b.readFile(p.file)
}

// bodyAgain reads page p's body again (for a summary, the ids to suggest, a broken link's text) and passes it
// to use with the line of the file it starts on; use is not called when the file can no longer be read or
// split, and must not keep the bytes.
func (b *builder) bodyAgain(p *page, use func(body []byte, line int)) {
	src, done, err := b.source(p)
	if err != nil {
		return
	}
	defer done()
	if _, body, line, err := SplitFrontMatter(src); err == nil {
		use(body, line)
	}
}

// readFile reads a file into a buffer from filePool; done puts the buffer back.
func (b *builder) readFile(name string) (src []byte, done func(), err error) {
	f, err := b.fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	buf := filePool.Get().(*bytes.Buffer)
	buf.Reset()
	if _, err := buf.ReadFrom(f); err != nil {
		filePool.Put(buf)
		return nil, nil, err
	}
	return buf.Bytes(), func() { filePool.Put(buf) }, nil
}

// readability warns when a page for residents is hard to read, and keeps the figures for the check report.
func (b *builder) readability(p *page, r lint.Readability) {
	if p.rep != nil {
		p.rep.read = r
	}
	if p.orig == nil && hardToRead(p.resident, r) { // a translation is not measured against Italian readers
		p.warn(0, fmt.Sprintf("indice Gulpease %.0f, sotto %d: il testo è difficile per chi ha la licenza media; usa frasi più brevi e parole più comuni",
			r.Gulpease, MinGulpease))
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

// refCheck is what checking a page's links and images found, besides the links to anchors of other pages,
// which checkLinks checks once every page's headings are known.
type refCheck struct {
	fails    diag.List
	external []externalRef
	links    []link
}

// checkRefs checks a page's links and images, given as refs and their resolved targets. It reads only the
// page's own anchors and what pass one found of the others (which pages and files there are, and which are left
// out), so its answer stays true for as long as the site's shape does (see builder.shape).
func (b *builder) checkRefs(p *page, refs []lint.Ref, targets []target) refCheck {
	var c refCheck
	fail := func(line int, msg string) {
		c.fails = append(c.fails, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Error, Message: msg})
	}
	api := strings.TrimSuffix(b.site.APIBase, "/") + "/"
	for i, r := range refs {
		t := targets[i]
		switch {
		case t.Bad != "":
			fail(r.Line, r.Dest+": "+t.Bad)
		case t.External:
			if b.opts.Report || b.cache != nil {
				c.external = append(c.external, externalRef{dest: unique.Make(r.Dest), text: unique.Make(r.Text), line: int32(r.Line)})
			}
		case !t.Internal || strings.HasPrefix(t.Path, api):
		case t.Frag != "" && t.Path != "" && !r.Image && b.published(t.Path):
			c.links = append(c.links, link{to: b.pageAt(t.Path).n, ref: int32(i), frag: anchorHash(t.Frag)})
		default:
			if msg := b.missing(p, t, r.Image); msg != "" {
				fail(r.Line, linkMessage(r.Dest, r.Image, msg))
			}
		}
	}
	// The lists live until the end of the build: no spare capacity.
	c.external, c.links = slices.Clip(c.external), slices.Clip(c.links)
	return c
}

// keepRefs gives page p what checkRefs found in refs. A link to an anchor of a page whose body is already read
// is checked now; the others are kept for checkLinks (a pending link costs memory until the end of the build).
func (b *builder) keepRefs(p *page, c refCheck, refs []lint.Ref) {
	if len(c.fails) > 0 {
		p.bodyBroken = true
		p.diag = append(p.diag, c.fails...)
	}
	if p.rep != nil {
		p.rep.external = c.external
	}
	// Each link is looked at once: another worker may finish reading its target meanwhile.
	pending := make([]link, 0, len(c.links))
	for _, l := range c.links {
		if q := b.pages[l.to]; q == p || !q.bodyRead.Load() {
			pending = append(pending, l)
		} else if brokenLink(q, l) {
			p.diag = append(p.diag, b.linkError(p, q, l, refs))
		}
	}
	switch len(pending) {
	case len(c.links):
		p.links = c.links
	case 0:
		p.links = nil
	default:
		p.links = slices.Clone(pending) // without the spare capacity
	}
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
		nodeIDs(n, ids.add)
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = b.rewrite(p, n, n.Destination)
		case *ast.Image:
			n.Destination = b.rewrite(p, nil, n.Destination)
		case *ast.AutoLink:
			b.rewrite(p, n, n.URL(body))
		case *ast.HTMLBlock, *ast.RawHTML:
			p.warn(lines.of(n), "l'HTML scritto nel testo non viene pubblicato: usa la sintassi Markdown")
		}
		return ast.WalkContinue, nil
	})
}

// resolvedPool holds the maps resolveFor remembers its answers in, one a page while its body is read.
var resolvedPool = sync.Pool{New: func() any { return map[string]target{} }}

// resolveFor resolves dest for page p, remembering the answer while the page's body is read: each destination
// is resolved twice (to rewrite it, then to check it).
func (b *builder) resolveFor(p *page, dest string) target {
	if t, ok := p.resolved[dest]; ok {
		return t
	}
	t := resolve(dest, contentDir(p.file), b.baseHost)
	if p.resolved == nil {
		p.resolved = resolvedPool.Get().(map[string]target)
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
