package site

import (
	"slices"
	"sort"
	"strings"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// notFoundURL is where the 404 page is written; servers show it for missing pages.
const notFoundURL = "/404.html"

// tree sets each page's kind, parent, children, breadcrumbs and menus.
func (b *builder) tree(live []*page) {
	for _, p := range live {
		switch {
		case p.url == notFoundURL:
			p.tp.Kind = "404"
		case p.url == b.home(p.lang):
			p.tp.Kind = "home"
		case p.index:
			p.tp.Kind = "section"
		default:
			p.tp.Kind = "page"
		}
	}
	if b.byURL["/"] == nil {
		b.errorf("content/_index.md", 0, "manca la pagina iniziale del sito: crea il file content/_index.md")
	}
	for _, p := range live {
		if p.tp.Kind == "home" || p.tp.Kind == "404" {
			continue
		}
		if parent, listed := b.parentIn(p); parent != nil {
			theme.Attach(p.tp, parent.tp, listed)
		}
	}
	// The pages of a section share one slice of breadcrumbs: the theme only reads them.
	trail := map[*theme.Page][]theme.Link{}
	var to func(a *theme.Page) []theme.Link // the breadcrumbs of a page whose parent is a
	to = func(a *theme.Page) []theme.Link {
		if a == nil {
			return nil
		}
		t, ok := trail[a]
		if !ok {
			t = append(slices.Clip(to(a.Parent())), theme.Link{Name: a.Title, URL: a.URL})
			trail[a] = t
		}
		return t
	}
	for _, p := range live {
		sortPages(p.tp.Pages())
		p.tp.Breadcrumbs = to(p.tp.Parent())
	}
	b.menus(live)
	b.translations(live)
}

// parentOf returns the nearest published section (or the home page) above url.
func (b *builder) parentOf(url string) *page {
	u := strings.TrimSuffix(url, "/")
	for u != "" {
		u = u[:strings.LastIndexByte(u, '/')]
		if p := b.byURL[u+"/"]; p != nil && p.tp != nil && (p.tp.Kind == "section" || p.tp.Kind == "home") {
			return p
		}
	}
	return nil
}

// menus adds pages with a menu key to the site's menus and sorts every menu by weight. The site passed to the
// theme is a copy, so that site.yaml's values are not changed.
func (b *builder) menus(live []*page) {
	site := *b.site
	site.Menus = map[string][]siteconfig.Menu{}
	for name, m := range b.site.Menus {
		site.Menus[name] = append([]siteconfig.Menu(nil), m...)
	}
	for _, p := range live {
		if p.lang != b.site.Language {
			continue // see langMenus
		}
		for _, name := range p.fm.Menu {
			site.Menus[name] = append(site.Menus[name], siteconfig.Menu{Name: p.fm.Title, URL: p.url, Weight: p.fm.Weight})
		}
	}
	for _, m := range site.Menus {
		sort.SliceStable(m, func(i, j int) bool { return m[i].Weight < m[j].Weight })
	}
	b.site = &site
	b.langMenus(live)
}

// mainMenu returns the main menu of a language with the entries for url marked current (its home entry only on
// that home page).
func (b *builder) mainMenu(lang, url string) []theme.Link {
	return theme.MenuAt(b.siteFor(lang).Menus["main"], b.home(lang), url)
}
