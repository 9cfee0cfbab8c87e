package site

import (
	"path"
	"sort"
	"strings"

	"quartieri/generator/diag"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

func init() {
	fields["translationReviewed"] = field{kBool, func(fm *FrontMatter, v any) { fm.TranslationReviewed = v.(bool) }}
}

// skipOriginal is why a translation is left out when its Italian page is.
const skipOriginal = "la pagina italiana non è pubblicata"

// splitLang splits a language suffix off a path under content/: "presidi/_index.en.md" gives
// ("presidi/_index.md", "en"). A path without one ("presidi.md", "verbale.2025.md") comes back with "".
func splitLang(rel string) (string, string) {
	stem, ok := strings.CutSuffix(rel, ".md")
	if !ok {
		return rel, ""
	}
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || strings.IndexByte(stem[i:], '/') >= 0 || !siteconfig.IsLanguageCode(stem[i+1:]) {
		return rel, ""
	}
	return stem[:i] + ".md", stem[i+1:]
}

// indexFile reports whether a file name is a section's page: _index.md or its translation (_index.en.md).
func indexFile(name string) bool {
	orig, _ := splitLang(name)
	return orig == "_index.md"
}

// newPage makes the page of a Markdown file, or reports why its name cannot be used and returns nil: a
// language suffix that is the site's own or not among its languages, or a folder at the top of content/ named
// like a language (its pages' addresses would mix with the translations').
func (b *builder) newPage(file string) *page {
	rel := strings.TrimPrefix(file, "content/")
	orig, lang := splitLang(rel)
	site := b.site.Language
	if top, _, found := strings.Cut(rel, "/"); found && top != site && b.isLanguage(top) {
		b.errorf(file, 0, "la cartella content/%s ha il nome di una lingua del sito: una traduzione sta accanto alla "+
			"pagina italiana, con la lingua nel nome (per esempio content/presidi.%s.md); rinomina la cartella", top, top)
		return nil
	}
	switch {
	case lang == site:
		b.errorf(file, 0, "le pagine nella lingua del sito (%s) non hanno la lingua nel nome: rinomina il file %s",
			site, path.Base(orig))
		return nil
	case lang != "" && !b.isLanguage(lang):
		b.errorf(file, 0, "il nome del file dice che è una traduzione in %q, ma questa lingua non è tra le lingue del "+
			"sito: aggiungila in site.yaml (languages) oppure togli .%s dal nome del file%s", lang, lang, b.otherCodes())
		return nil
	}
	p := &page{file: file, url: pageURL(rel), lang: site, index: path.Base(orig) == "_index.md"}
	if orig == "404.md" {
		p.url = notFoundURL
	}
	if lang != "" {
		p.lang = lang
		if orig == "404.md" {
			p.url = "/" + lang + notFoundURL
		}
	}
	return p
}

// isLanguage reports whether code is one of the site's languages other than its own.
func (b *builder) isLanguage(code string) bool {
	_, ok := b.site.LanguageFor(code)
	return ok && code != b.site.Language
}

// otherCodes lists the site's translation languages, as " (le traduzioni del sito sono in en, fr)".
func (b *builder) otherCodes() string {
	var codes []string
	for _, l := range b.site.Languages {
		if l.Code != b.site.Language {
			codes = append(codes, l.Code)
		}
	}
	if len(codes) == 0 {
		return ""
	}
	return " (le traduzioni del sito sono in " + strings.Join(codes, ", ") + ")"
}

// home returns the address of a language's home page: "/" for the site's language, "/en/" for English.
func (b *builder) home(lang string) string {
	if lang == "" || lang == b.site.Language {
		return "/"
	}
	return "/" + lang + "/"
}

// matchTranslations gives every translation its Italian page (the file without the language suffix). A
// translation without one is an error: the Italian text is the one that counts. A translation whose Italian
// page is left out (a draft, not yet published, expired) is left out too.
func (b *builder) matchTranslations() {
	originals := map[string]*page{}
	for _, p := range b.pages {
		if p.lang == b.site.Language {
			originals[p.url] = p
		}
	}
	for _, p := range b.pages {
		if p.lang == b.site.Language {
			continue
		}
		o := originals[strings.TrimPrefix(p.url, "/"+p.lang)]
		if o == nil {
			orig, _ := splitLang(strings.TrimPrefix(p.file, "content/"))
			p.fail(0, "questa traduzione non ha la pagina in italiano content/"+orig+": la traduzione accompagna "+
				"sempre una pagina italiana, che fa fede; crea quella pagina oppure controlla il nome del file")
			continue
		}
		p.orig = o
		o.trans = append(o.trans, p)
		if p.fm != nil {
			p.reviewed = p.fm.TranslationReviewed
		}
		if o.skip != "" && p.skip == "" && !p.broken {
			p.skip = skipOriginal
		}
	}
}

// live reports whether a page is published: read without front matter errors and not left out.
func (p *page) live() bool { return p != nil && p.tp != nil && !p.broken && p.skip == "" }

// parentIn returns the section a page is in and whether the section lists it: for a page in the site's
// language, the nearest section above it; for a translation, the nearest translated section above it in its
// language. A translation with none (its language's home page is missing) falls back to its Italian page's
// parent, which leads its breadcrumbs but does not list it.
func (b *builder) parentIn(p *page) (*page, bool) {
	q := b.parentOf(p.url)
	if p.orig == nil || (q != nil && q.lang == p.lang) {
		return q, q != nil
	}
	return b.parentOf(p.orig.url), false
}

// translations sets every live page's language, direction and, on a site with several languages, its versions
// in the order of site.yaml: each translation of the page, or the home page of a language the page is not
// translated into.
func (b *builder) translations(live []*page) {
	for _, p := range live {
		p.tp.Lang, p.tp.Dir = p.lang, siteconfig.DirectionOf(p.lang)
		if l, ok := b.site.LanguageFor(p.lang); ok {
			p.tp.Dir = l.Direction
		}
	}
	if !b.site.Multilingual() {
		return
	}
	b.langURLs = map[string]map[string]string{}
	for _, p := range live {
		if p.orig != nil {
			if b.langURLs[p.lang] == nil {
				b.langURLs[p.lang] = map[string]string{}
			}
			b.langURLs[p.lang][p.orig.url] = p.url
		}
	}
	for _, p := range live {
		o := p
		if p.orig != nil {
			o = p.orig
		}
		versions := map[string]*page{}
		if o.live() {
			versions[o.lang] = o
		}
		for _, t := range o.trans {
			if t.live() {
				versions[t.lang] = t
			}
		}
		var ts []theme.Translation
		for _, l := range b.site.Languages {
			t := theme.Translation{Lang: l.Code, Name: l.Name, Dir: l.Direction}
			if v := versions[l.Code]; v != nil {
				t.URL, t.Current = v.url, v == p
			} else if h := b.byURL[b.home(l.Code)]; h.live() && p.tp.Kind != "404" {
				t.URL, t.Home = h.url, true
			} else {
				continue
			}
			ts = append(ts, t)
		}
		if len(ts) > 1 {
			p.tp.Translations = ts
		}
	}
}

// langMenus makes, for every other language, the site its pages are rendered with: site.yaml's title,
// description and menus of that language (a menu the language does not have is the site's), completed by the
// menu keys of the pages in that language.
func (b *builder) langMenus(live []*page) {
	if !b.site.Multilingual() {
		return
	}
	b.langSite = map[string]*siteconfig.Site{}
	for _, l := range b.site.Languages {
		if l.Code == b.site.Language {
			continue
		}
		s := *b.site
		if l.Title != "" {
			s.Title = l.Title
		}
		if l.Description != "" {
			s.Description = l.Description
		}
		s.Menus = map[string][]siteconfig.Menu{}
		for name, m := range b.site.Menus {
			s.Menus[name] = append([]siteconfig.Menu(nil), m...)
		}
		for name, m := range l.Menus {
			s.Menus[name] = append([]siteconfig.Menu(nil), m...)
		}
		for _, p := range live {
			if p.lang != l.Code {
				continue
			}
			for _, name := range p.fm.Menu {
				s.Menus[name] = append(s.Menus[name], siteconfig.Menu{Name: p.fm.Title, URL: p.url, Weight: p.fm.Weight})
			}
		}
		for _, m := range s.Menus {
			sort.SliceStable(m, func(i, j int) bool { return m[i].Weight < m[j].Weight })
		}
		b.langSite[l.Code] = &s
	}
}

// siteFor returns the site a page in lang is rendered with (see langMenus).
func (b *builder) siteFor(lang string) *siteconfig.Site {
	if s := b.langSite[lang]; s != nil {
		return s
	}
	return b.site
}

// langKey adds the other languages' menus to a siteKey.
func (b *builder) langKey(k keyer) {
	codes := make([]string, 0, len(b.langSite))
	for code := range b.langSite {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		k.str(code)
		sumMenus(k, b.langSite[code].Menus)
		urls := b.langURLs[code]
		its := make([]string, 0, len(urls))
		for it := range urls {
			its = append(its, it)
		}
		sort.Strings(its)
		for _, it := range its {
			k.str(it).str(urls[it])
		}
	}
}

// translations adds a page's language fields to a pageValue.
func (a *sumBuf) translations(tp *theme.Page) {
	a.str(tp.Lang).str(tp.Dir).int(int64(len(tp.Translations)))
	for _, t := range tp.Translations {
		a.str(t.Lang).str(t.Name).str(t.Dir).str(t.URL)
		var flags int64
		if t.Current {
			flags |= 1
		}
		if t.Home {
			flags |= 2
		}
		a.int(flags)
	}
}

// xhtmlLink is an alternate version of a page in sitemap.xml.
type xhtmlLink struct{ Rel, Hreflang, Href string }

// alternates lists a translated page's versions for sitemap.xml, its own included, and the version in the
// site's language again as x-default (the one for readers of any other language).
func (b *builder) alternates(tp *theme.Page) []xhtmlLink {
	var out []xhtmlLink
	for _, t := range tp.Alternates() {
		out = append(out, xhtmlLink{Rel: "alternate", Hreflang: t.Lang, Href: b.baseURL + t.URL})
		if t.Lang == b.site.Language {
			out = append(out, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: b.baseURL + t.URL})
		}
	}
	return out
}

// themeStrings warns about the theme's texts in the site's languages: a language without its own file, and
// the texts a language's file lacks (its pages show them in Italian).
func (b *builder) themeStrings() {
	if !b.site.Multilingual() {
		return
	}
	for _, w := range b.theme.Warnings() {
		file, msg, _ := strings.Cut(w, ": ")
		if _, ok := b.site.LanguageFor(strings.TrimSuffix(path.Base(file), ".yaml")); ok {
			b.diags = append(b.diags, diag.Diagnostic{File: file, Severity: diag.Warning, Message: msg})
		}
	}
	for _, l := range b.site.Languages {
		if b.theme.HasStrings(theme.DefaultLang) && l.Code != theme.DefaultLang && !b.theme.HasStrings(l.Code) {
			b.diags = append(b.diags, diag.Diagnostic{File: b.themeDir + "/i18n/" + l.Code + ".yaml", Severity: diag.Warning,
				Message: "il tema non ha i suoi testi (pulsanti, menu, moduli) in " + l.Name + ": le pagine in " + l.Code +
					" li mostrano in italiano; crea questo file traducendo " + theme.DefaultLang + ".yaml"})
		}
	}
}
