package site

import (
	"slices"
	"sort"
	"strings"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
)

// checkLinks reports the links to anchors of other pages that keepRefs could not check yet.
func (b *builder) checkLinks(live []*page) {
	for _, p := range live {
		var refs []lint.Ref // read again only for a page with a broken link
		for _, l := range p.links {
			q := b.pages[l.to]
			if !brokenLink(q, l) {
				continue
			}
			if refs == nil {
				refs = b.refsOf(p)
			}
			b.add(b.linkError(p, q, l, refs))
		}
		p.links = nil
	}
}

// brokenLink reports whether link l leads to no anchor of page q, whose body has been read. A link to a page
// whose body has errors is not reported: its own errors are.
func brokenLink(q *page, l link) bool { return !q.bodyBroken && !q.ids.hasHash(l.frag) }

// linkError returns the error for link l of page p to page q, a broken one; refs are p's (see refsOf).
func (b *builder) linkError(p, q *page, l link, refs []lint.Ref) diag.Diagnostic {
	d := diag.Diagnostic{File: p.file, Severity: diag.Error, Message: "il file è cambiato durante la costruzione: riprova"}
	if int(l.ref) >= len(refs) {
		return d
	}
	r := refs[l.ref]
	frag := resolve(r.Dest, contentDir(p.file), b.baseHost).Frag
	if anchorHash(frag) != l.frag {
		return d
	}
	d.Line, d.Message = r.Line, linkMessage(r.Dest, false, b.missingAnchor(q, frag))
	return d
}

// refsOf returns page p's links and images, as readBody found them: the Builder's copy, or else the page's body
// read and parsed again.
func (b *builder) refsOf(p *page) []lint.Ref {
	if p.entry != nil && p.entry.body != nil {
		return p.entry.body.refs
	}
	var refs []lint.Ref
	b.bodyAgain(p, func(body []byte, line int) {
		refs = lint.Refs(lint.Input{File: p.file, Source: body, FirstLine: line, Doc: parseMarkdown(body)})
	})
	return refs
}

func linkMessage(dest string, image bool, msg string) string {
	if image {
		return "l'immagine " + dest + " non funziona: " + msg
	}
	return "il collegamento a " + dest + " non funziona: " + msg
}

// published reports whether a published page without front matter errors is at path.
func (b *builder) published(path string) bool {
	q := b.pageAt(path)
	return q != nil && q.skip == "" && !q.broken
}

// pageAt returns the page at a site path, with or without its final slash.
func (b *builder) pageAt(p string) *page {
	q := b.byURL[p]
	if q == nil && !strings.HasSuffix(p, "/") {
		q = b.byURL[p+"/"]
	}
	return q
}

// missing says why target t, linked from p, does not exist, or returns "".
// It reads only what pass one wrote, so pages can call it while pass two runs; anchors of other pages are
// checked by checkLinks.
func (b *builder) missing(p *page, t target, image bool) string {
	if t.Path == "" {
		return b.missingAnchor(p, t.Frag)
	}
	if q := b.pageAt(t.Path); q != nil {
		switch {
		case image:
			return "porta a una pagina, non a un file di immagine"
		case q.skip != "":
			return "porta a una pagina esclusa dalla pubblicazione (" + q.skip + "): " + q.file
		}
		return ""
	}
	rel := strings.TrimPrefix(t.Path, "/")
	if _, ok := b.writer(b.owners, rel); ok {
		return ""
	}
	if _, ok := b.writer(b.owners, outputPath(t.Path)); ok && !image {
		return ""
	}
	if image {
		return "il file " + t.Path + " non esiste: metti l'immagine accanto alla pagina in content/ e controlla il nome"
	}
	return "la pagina o il file " + t.Path + " non esiste nel sito: controlla l'indirizzo (per esempio /servizi/presidi/ oppure presidi.md)"
}

// missingAnchor checks that page p has a heading with id frag.
func (b *builder) missingAnchor(p *page, frag string) string {
	if frag == "" || p.ids.has(frag) {
		return ""
	}
	var ids []string
	for _, id := range b.anchorList(p) {
		if !strings.HasPrefix(id, "fn") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	ids = slices.Compact(ids)
	msg := "la sezione #" + frag + " non esiste nella pagina " + p.url
	if best, ok := Nearest(frag, ids); ok {
		return msg + ": forse intendevi #" + best + "?"
	}
	if len(ids) > 0 && len(ids) <= 12 {
		return msg + ": le sezioni sono #" + strings.Join(ids, ", #")
	}
	return msg
}
