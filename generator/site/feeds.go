package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// sitemapLimit is the most addresses one sitemap file may list (the sitemap protocol allows 50,000, and 50 MB).
// A variable, so that tests can split a small site.
var sitemapLimit = 50_000

// sitemapParts returns how many files the sitemap of n pages needs besides sitemap.xml: none when sitemap.xml
// lists them all, else the number of sitemap-N.xml files that sitemap.xml, then an index, points to.
func sitemapParts(n int) int {
	if n <= sitemapLimit {
		return 0
	}
	return (n + sitemapLimit - 1) / sitemapLimit
}

// sitemapPart is the name of the i-th file (from 1) of a sitemap in parts.
func sitemapPart(i int) string { return fmt.Sprintf("sitemap-%d.xml", i) }

// inSitemap reports whether the sitemap lists a published page: every one does but the 404 page.
func inSitemap(p *page) bool { return p.tp.Kind != "404" }

// sitemapPages returns the pages the sitemap lists, sorted by address.
func sitemapPages(live []*page) []*page {
	pages := make([]*page, 0, len(live))
	for _, p := range live {
		if inSitemap(p) {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *page) int { return strings.Compare(a.url, b.url) })
	return pages
}

// writeSitemap writes sitemap.xml, which lists every page with its absolute address and last change, sorted by
// address; or, past sitemapLimit pages, sitemap-1.xml, sitemap-2.xml, ... and sitemap.xml as their index.
func (b *builder) writeSitemap(live []*page) {
	pages := sitemapPages(live)
	parts := sitemapParts(len(pages))
	if parts == 0 {
		b.write("sitemap.xml", b.urlset(pages), "sitemap.xml")
		return
	}
	var index bytes.Buffer
	index.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range parts {
		name := sitemapPart(i + 1)
		b.write(name, b.urlset(pages[i*sitemapLimit:min(len(pages), (i+1)*sitemapLimit)]), "sitemap.xml")
		index.WriteString("\n  <sitemap>\n    <loc>")
		xml.EscapeText(&index, []byte(b.baseURL+"/"+name))
		index.WriteString("</loc>\n  </sitemap>")
	}
	index.WriteString("\n</sitemapindex>\n")
	b.write("sitemap.xml", index.Bytes(), "sitemap.xml")
}

// urlset returns a sitemap file listing pages. It writes the XML itself, as encoding/xml would indent it: on a
// large site, reflection cost more than the rest of it.
func (b *builder) urlset(pages []*page) []byte {
	var w bytes.Buffer
	w.Grow(len(pages) * (len(b.baseURL) + 128)) // an entry without alternates is about 100 bytes and the page's URL
	w.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if b.site.Multilingual() {
		w.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	w.WriteString(">")
	var day []byte
	for _, p := range pages {
		w.WriteString("\n  <url>\n    <loc>")
		xml.EscapeText(&w, []byte(b.baseURL+p.url))
		w.WriteString("</loc>")
		if !p.tp.Lastmod.IsZero() {
			day = p.tp.Lastmod.In(siteconfig.Rome).AppendFormat(day[:0], "2006-01-02")
			w.WriteString("\n    <lastmod>")
			w.Write(day)
			w.WriteString("</lastmod>")
		}
		for _, a := range b.alternates(p.tp) {
			w.WriteString("\n    <xhtml:link rel=\"")
			xml.EscapeText(&w, []byte(a.Rel))
			w.WriteString(`" hreflang="`)
			xml.EscapeText(&w, []byte(a.Hreflang))
			w.WriteString(`" href="`)
			xml.EscapeText(&w, []byte(a.Href))
			w.WriteString(`"></xhtml:link>`)
		}
		w.WriteString("\n  </url>")
	}
	w.WriteString("\n</urlset>\n")
	return w.Bytes()
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate,omitempty"`
	Description string `xml:"description"`
}

// feed is the RSS 2.0 feed of the news section: its pages, newest first.
func (b *builder) feed(sec *page) []byte {
	var items []*theme.Page
	for _, p := range sec.tp.Pages() {
		if p.Kind == "page" {
			items = append(items, p)
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Date.After(items[j].Date) })
	type atomLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	}
	type channel struct {
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		Self          atomLink  `xml:"atom:link"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate,omitempty"`
		Items         []rssItem `xml:"item"`
	}
	ch := channel{
		Title: sec.tp.Title + " - " + b.site.Title, Link: b.baseURL + sec.url,
		Self:        atomLink{Href: b.baseURL + sec.url + "index.xml", Rel: "self", Type: "application/rss+xml"},
		Description: sec.tp.Description, Language: b.site.Language,
	}
	for _, p := range items {
		it := rssItem{Title: p.Title, Link: b.baseURL + p.URL, GUID: b.baseURL + p.URL, Description: p.Summary()}
		if it.Description == "" {
			it.Description = p.Description
		}
		if !p.Date.IsZero() {
			it.PubDate = p.Date.Format("Mon, 02 Jan 2006 15:04:05 -0700")
			if ch.LastBuildDate == "" {
				ch.LastBuildDate = it.PubDate
			}
		}
		ch.Items = append(ch.Items, it)
	}
	v := struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Atom    string   `xml:"xmlns:atom,attr"`
		Channel channel  `xml:"channel"`
	}{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}
	return marshalXML(v)
}

func marshalXML(v any) []byte {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only fixed struct types are marshalled
	}
	return append(append([]byte(xml.Header), out...), '\n')
}

var aliasTemplate = template.Must(template.New("alias").Parse(`<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagina spostata: {{.Title}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<main>
<h1>Questa pagina è stata spostata</h1>
<p>La trovi qui: <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// aliasPage is the redirect page written at an old address of the page at url.
func aliasPage(baseURL, url, title string) []byte {
	var buf bytes.Buffer
	err := aliasTemplate.Execute(&buf, struct{ Title, URL, Canonical string }{title, url, baseURL + url})
	if err != nil {
		panic(err)
	}
	return buf.Bytes()
}
