package site

import (
	"sort"
	"strings"
)

// checkLinks reports internal links and images that lead nowhere, and collects external links for the report.
func (b *builder) checkLinks(live []*page, owners map[string]string) {
	api := strings.TrimSuffix(b.site.APIBase, "/") + "/"
	for _, p := range live {
		for _, r := range p.refs {
			t := resolve(r.Dest, p.dir, b.baseHost)
			switch {
			case t.Bad != "":
				b.errorf(p.file, r.Line, "%s: %s", r.Dest, t.Bad)
				continue
			case t.External:
				p.external = append(p.external, r)
				continue
			case !t.Internal || strings.HasPrefix(t.Path, api):
				continue
			}
			if msg := b.missing(p, t, r.Image, owners); msg != "" {
				what := "il collegamento a"
				if r.Image {
					what = "l'immagine"
				}
				b.errorf(p.file, r.Line, "%s %s non funziona: %s", what, r.Dest, msg)
			}
		}
	}
}

// missing says why target t, linked from p, does not exist, or returns "".
func (b *builder) missing(p *page, t target, image bool, owners map[string]string) string {
	if t.Path == "" {
		return missingAnchor(p, t.Frag)
	}
	q := b.byURL[t.Path]
	if q == nil && !strings.HasSuffix(t.Path, "/") {
		q = b.byURL[t.Path+"/"]
	}
	if q != nil {
		switch {
		case image:
			return "porta a una pagina, non a un file di immagine"
		case q.skip != "":
			return "porta a una pagina esclusa dalla pubblicazione (" + q.skip + "): " + q.file
		case q.broken:
			return ""
		}
		return missingAnchor(q, t.Frag)
	}
	rel := strings.TrimPrefix(t.Path, "/")
	if _, ok := owners[rel]; ok {
		return ""
	}
	if _, ok := owners[outputPath(t.Path)]; ok && !image {
		return ""
	}
	if image {
		return "il file " + t.Path + " non esiste: metti l'immagine accanto alla pagina in content/ e controlla il nome"
	}
	return "la pagina o il file " + t.Path + " non esiste nel sito: controlla l'indirizzo (per esempio /servizi/presidi/ oppure presidi.md)"
}

// missingAnchor checks that page p has a heading with id frag.
func missingAnchor(p *page, frag string) string {
	if frag == "" || p.ids[frag] {
		return ""
	}
	ids := make([]string, 0, len(p.ids))
	for id := range p.ids {
		if !strings.HasPrefix(id, "fn") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	msg := "la sezione #" + frag + " non esiste nella pagina " + p.url
	if best, ok := Nearest(frag, ids); ok {
		return msg + ": forse intendevi #" + best + "?"
	}
	if len(ids) > 0 && len(ids) <= 12 {
		return msg + ": le sezioni sono #" + strings.Join(ids, ", #")
	}
	return msg
}
