package site

import (
	"io/fs"
	"path"
	"strings"

	"quartieri/internal/theme"
)

// alias is a redirect page written for an old address of a page.
type alias struct {
	out   string // file to write
	from  string // the old address
	to    *page
	owner string
}

// plan lists every file the build will write, with the source it comes from, and reports two sources that
// would write the same file. Pages are not listed: their files follow from their URLs (see writer).
type plan struct {
	owners  map[string]string
	aliases []alias
	static  []string      // files under the theme's static/
	assets  []theme.Asset // those also written under a fingerprinted name
	feed    *page         // the news section, if any
}

func (b *builder) plan(live []*page) *plan {
	pl := &plan{owners: map[string]string{}}
	// With a Builder, the shape sums which pages and files the site has, and which pages are left out: what
	// checking a link needs to know of the rest of the site.
	var shape keyer
	if b.cache != nil {
		shape = newKeyer()
		for _, p := range b.pages {
			shape.str(p.file).str(p.url).str(p.skip).bool(p.broken)
		}
		defer func() { b.shape = shape.sum() }()
	}
	// claim records that file (a source file, or "" for a generated one), described as what, writes out.
	claim := func(out, file, what string) bool {
		if prev, dup := b.writer(pl.owners, out); dup {
			b.errorf(file, 0, "il file %s del sito verrebbe da due fonti (%s; %s): cambia uno dei due nomi", out, prev, what)
			return false
		}
		pl.owners[out] = what
		if b.cache != nil {
			shape.str(out)
		}
		return true
	}
	// Generated files first, so that a clash is reported on the file someone wrote.
	claim("sitemap.xml", "", "la mappa del sito (generata)")
	listed := 0
	for _, p := range live {
		if inSitemap(p) {
			listed++
		}
	}
	for i := range sitemapParts(listed) {
		claim(sitemapPart(i+1), "", "una parte della mappa del sito (generata)")
	}
	claim("robots.txt", "", "il file robots.txt (generato)")
	if n := b.byURL["/notizie/"]; n != nil && n.tp != nil && n.tp.Kind == "section" {
		pl.feed = n
		claim("notizie/index.xml", "", "il feed RSS delle notizie (generato)")
	}
	if q := b.byURL[notFoundURL]; q == nil || q.tp == nil {
		claim("404.html", "", "la pagina «Pagina non trovata» (generata)")
	}
	for _, p := range live {
		b.checkLayout(p)
	}
	for _, f := range b.files {
		claim(strings.TrimPrefix(f, "content/"), f, f)
	}
	if b.static != nil {
		assets := map[string]theme.Asset{}
		for _, a := range b.theme.Assets() {
			assets[a.Name] = a
		}
		_ = fs.WalkDir(b.static, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || ignored(d.Name()) {
				return nil
			}
			if f := b.themeDir + "/static/" + p; claim(p, f, f) {
				pl.static = append(pl.static, p)
				if a, ok := assets[p]; ok && claim(a.Fingerprinted, f, f) {
					pl.assets = append(pl.assets, a)
				}
			}
			return nil
		})
	}
	for _, p := range live {
		for _, a := range p.fm.Aliases {
			from := aliasPath(p.url, a)
			out := outputPath(from)
			if claim(out, p.file, p.file+" (aliases: "+a+")") {
				pl.aliases = append(pl.aliases, alias{out: out, from: from, to: p, owner: p.file})
			}
		}
	}
	return pl
}

// aliasPath returns the address an alias of the page at url stands for: as written when it starts with "/",
// else relative to the page's folder; an address without an extension ends with "/".
func aliasPath(url, a string) string {
	from := a
	if !strings.HasPrefix(from, "/") {
		from = path.Join(path.Dir(strings.TrimSuffix(url, "/")), from)
		if strings.HasSuffix(a, "/") {
			from += "/"
		}
	}
	if path.Ext(from) == "" && !strings.HasSuffix(from, "/") {
		from += "/"
	}
	return from
}

// checkLayout reports a layout the theme does not have and an application page without its call.
func (b *builder) checkLayout(p *page) {
	l := p.fm.Layout
	if l != "" && !b.theme.HasLayout(l) {
		names, _ := fs.Glob(b.fsys, b.themeDir+"/layouts/*.html")
		var layouts []string
		for _, n := range names {
			if n := strings.TrimSuffix(path.Base(n), ".html"); n != "baseof" {
				layouts = append(layouts, n)
			}
		}
		b.errorf(p.file, 0, "il tema non ha il layout %q%s", l, suggestion(l, layouts))
	}
	if l == "application" && p.fm.Call == "" {
		b.errorf(p.file, 0, "la pagina con il modulo di candidatura deve dire a quale bando si riferisce: aggiungi call: con l'id del bando di site.yaml")
	}
}

// writer says what writes the output file out: a published page, or one of the files in owners.
func (b *builder) writer(owners map[string]string, out string) (string, bool) {
	if what, ok := owners[out]; ok {
		return what, true
	}
	url := "/" + out // a page's file is its URL's index.html; the 404 page's is its URL
	if d, ok := strings.CutSuffix(url, "index.html"); ok && strings.HasSuffix(d, "/") {
		url = d
	}
	if q := b.byURL[url]; q != nil && q.skip == "" && !q.broken && outputPath(q.url) == out {
		return q.file, true
	}
	return "", false
}
