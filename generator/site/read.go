package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// page is one Markdown file on its way through the build.
type page struct {
	file string // content/servizi/presidi.md
	dir  string // folder under content/: "servizi"
	url  string // /servizi/presidi/
	fm   FrontMatter
	// broken is set when the front matter has errors (pass one); its URL still counts, so links to it are not
	// reported twice.
	broken bool
	// bodyBroken is set when the body has errors (pass two): the page is not rendered. It is a separate field
	// because other pages read broken while pass two runs.
	bodyBroken bool
	// skip says why the page is left out ("" if it is not).
	skip string
	tp   *theme.Page
	ids  map[string]bool
	html []byte
	read lint.Readability
	diag diag.List
	// external lists the page's links to other sites.
	external []lint.Ref
	// links are the page's links to other pages and files of the site, checked once every page is read.
	links []link
	// frontKey sums the front matter, for a Builder's cache.
	frontKey [32]byte
	// entry is the page's entry in a Builder's cache (nil without one).
	entry *frontEntry
	// resolved remembers resolve's answers while the body is read.
	resolved map[string]target
	// buf holds html until the page is written; it comes from bufPool.
	buf *bytes.Buffer
}

// link is a link to an anchor of another page, written as dest on line.
type link struct {
	dest string
	line int
}

// Reasons a page is left out of the build.
const (
	skipDraft   = "bozza"
	skipFuture  = "non ancora pubblicata"
	skipExpired = "scaduta"
)

// readFront reads a page's front matter (pass one). It never panics: a panic becomes an error.
func (b *builder) readFront(p *page) {
	defer recoverPage(p, &p.broken)
	var info fs.FileInfo
	if b.cache != nil {
		info, _ = fs.Stat(b.fsys, p.file)
	}
	fr := b.cache.frontByStat(p.file, info)
	if fr == nil {
		src, err := fs.ReadFile(b.fsys, p.file)
		if err != nil {
			p.fail(0, "impossibile leggere il file: "+err.Error())
			return
		}
		fr = b.cache.front(p.file, src, info)
		if fr == nil {
			fr = b.parseFront(p.file, src)
			if b.cache != nil {
				fr.src, fr.gen = src, b.cache.newGen()
				fr.setStat(info)
				b.cache.putFront(p.file, fr)
			}
		}
	}
	p.entry = fr
	p.fm, p.frontKey, p.broken = fr.fm, fr.frontKey, fr.broken
	p.diag = append(p.diag, fr.diag...)
	if p.broken {
		return
	}
	if p.skip = skipReason(p.fm, b.opts); p.skip != "" {
		return
	}
	fm := p.fm
	p.tp = &theme.Page{
		Title: fm.Title, Description: fm.Description, URL: p.url, Layout: fm.Layout,
		Date: fm.Date, Lastmod: fm.Lastmod, Summary: fr.summary, Weight: fm.Weight,
	}
	if p.tp.Lastmod.IsZero() {
		p.tp.Lastmod = fm.Date
	}
	if fm.Call != "" {
		p.tp.Call, _ = b.site.Call(fm.Call)
	}
	if fm.Presidio != "" {
		p.tp.Presidio, _ = b.site.Presidio(fm.Presidio)
	}
}

// frontEntry is what pass one learns from a page's file; body is what pass two learns, once it has run.
type frontEntry struct {
	src      []byte // the whole file, to tell whether it changed
	size     int64  // size and modification time, when the file system gives one
	mtime    time.Time
	gen      uint64 // unique to this content of the file, for the output cache
	body     *bodyEntry
	fm       FrontMatter
	diag     diag.List
	broken   bool
	summary  string
	frontKey [32]byte
}

// parseFront splits and decodes a page's front matter, warns about placeholders, and finds its summary.
func (b *builder) parseFront(file string, src []byte) *frontEntry {
	fr := &frontEntry{}
	tmp := &page{file: file}
	b.placeholders(tmp, src)
	front, body, _, err := SplitFrontMatter(src)
	if err != nil {
		le := err.(*lineError)
		tmp.fail(le.Line, le.Msg)
		fr.diag, fr.broken = tmp.diag, true
		return fr
	}
	fm, errs := ParseFrontMatter(file, front, 2, b.site)
	fr.fm = fm
	fr.frontKey = newKeyer().bytes(front).sum()
	fr.diag = append(tmp.diag, errs...)
	fr.broken = len(errs) > 0
	fr.summary = fm.Summary
	if fr.summary == "" && !fr.broken {
		fr.summary = shorten(firstParagraph(body), 300)
	}
	return fr
}

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
	in := lint.Input{File: p.file, Source: body, FirstLine: bodyLine, Doc: doc, Title: p.fm.Title}
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
			p.external = append(p.external, r)
		case !t.Internal || strings.HasPrefix(t.Path, api):
		case t.Frag != "" && t.Path != "" && !r.Image && b.published(t.Path):
			p.links = append(p.links, link{dest: r.Dest, line: r.Line})
		default:
			if msg := b.missing(p, t, r.Image); msg != "" {
				p.bodyFail(r.Line, linkMessage(r.Dest, r.Image, msg))
			}
		}
	}
	return targets
}

// walkBody collects the page's ids, rewrites its link and image destinations for publishing and warns about raw
// HTML.
func walkBody(b *builder, p *page, doc ast.Node, body []byte, bodyLine int) {
	p.ids = map[string]bool{}
	lines := newLines(body, bodyLine)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if v, ok := id.([]byte); ok {
				p.ids[string(v)] = true
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
			p.ids[fmt.Sprintf("fn:%d", n.Index)] = true
			p.ids[fmt.Sprintf("fnref:%d", n.Index)] = true
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

// skipReason says why a page is left out at opts.Now, or "" when it is published.
func skipReason(fm FrontMatter, opts Options) string {
	switch {
	case opts.Drafts:
		return ""
	case fm.Draft:
		return skipDraft
	case !fm.PublishDate.IsZero() && fm.PublishDate.After(opts.Now):
		return skipFuture
	case !fm.ExpiryDate.IsZero() && !fm.ExpiryDate.After(opts.Now):
		return skipExpired
	}
	return ""
}

func (p *page) fail(line int, msg string) {
	p.broken = true
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Error, Message: msg})
}

func (p *page) bodyFail(line int, msg string) {
	p.bodyBroken = true
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Error, Message: msg})
}

func (p *page) warn(line int, msg string) {
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Warning, Message: msg})
}

// placeholders warns about every line of the page that still holds a "DA COMPLETARE" placeholder.
func (b *builder) placeholders(p *page, src []byte) {
	if !mayHavePlaceholder(src) {
		return
	}
	for i, l := range strings.Split(string(src), "\n") {
		if siteconfig.IsPlaceholder(l) {
			p.warn(i+1, "segnaposto da completare: "+strings.TrimSpace(l))
		}
	}
}

// mayHavePlaceholder is a fast test that rules out most pages before the placeholder regexp runs: every
// placeholder contains "completare" in some case.
func mayHavePlaceholder(src []byte) bool {
	const word = "completare"
	for i := 0; i+len(word) <= len(src); i++ {
		if c := src[i]; (c == 'c' || c == 'C') && bytes.EqualFold(src[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// shorten cuts s to at most n bytes at a word boundary, adding "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

// contentDir returns the folder of a content file relative to content/.
func contentDir(file string) string {
	d := path.Dir(strings.TrimPrefix(file, "content/"))
	if d == "." {
		return ""
	}
	return d
}
