package site

import (
	"slices"
	"sort"
	"strings"
)

// checkLinks reports the links to anchors of other pages that keepRefs could not check yet.
func (b *builder) checkLinks(live []*page) {
	for _, p := range live {
		for _, l := range p.links {
			if msg := b.checkAnchor(b.pages[l.to], l); msg != "" {
				b.errorf(p.file, int(l.line), "%s", msg)
			}
		}
		p.links = nil
	}
}

// checkAnchor checks link l to page q, whose body has been read, and returns the error, or "".
func (b *builder) checkAnchor(q *page, l link) string {
	if q.bodyBroken {
		return "" // its own errors are reported
	}
	if msg := b.missingAnchor(q, l.frag.Value()); msg != "" {
		return linkMessage(l.written(q), false, msg)
	}
	return ""
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
