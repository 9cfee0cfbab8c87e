package site

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"sort"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

type sitemapURL struct {
	loc, lastmod string
	alternates   []xhtmlLink
}

// sitemap lists every published page with its absolute address and last change, sorted by address. It writes
// the XML itself, as encoding/xml would indent it: on a large site, reflection cost more than the rest of it.
func (b *builder) sitemap(live []*page) []byte {
	urls := make([]sitemapURL, 0, len(live))
	for _, p := range live {
		if p.tp.Kind == "404" {
			continue
		}
		u := sitemapURL{loc: b.baseURL + p.url}
		if !p.tp.Lastmod.IsZero() {
			u.lastmod = p.tp.Lastmod.In(siteconfig.Rome).Format("2006-01-02")
		}
		u.alternates = b.alternates(p.tp)
		urls = append(urls, u)
	}
	sort.Slice(urls, func(i, j int) bool { return urls[i].loc < urls[j].loc })
	var w bytes.Buffer
	w.Grow(len(urls) * 100)
	w.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if b.site.Multilingual() {
		w.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	w.WriteString(">")
	for _, u := range urls {
		w.WriteString("\n  <url>\n    <loc>")
		xml.EscapeText(&w, []byte(u.loc))
		w.WriteString("</loc>")
		if u.lastmod != "" {
			w.WriteString("\n    <lastmod>" + u.lastmod + "</lastmod>")
		}
		for _, a := range u.alternates {
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
