package site

import (
	"net/url"
	"path"
	"strings"
)

// target is where a link or image destination leads.
type target struct {
	// Path is the site path of an internal destination ("/servizi/presidi/", "/servizi/foto.jpg"), or "" for an
	// anchor on the same page.
	Path string
	// Frag is the anchor without "#".
	Frag string
	// Internal is true for destinations on this site; External for http(s) addresses of other hosts.
	Internal, External bool
	// Dest is the destination to write in the HTML: relative paths made absolute, .md files made page URLs.
	Dest string
	// Bad is set when the destination cannot be used, with the reason in Italian.
	Bad string
}

// pageURL returns the clean URL of a Markdown file given by its path under content/: "servizi/presidi.md" ->
// "/servizi/presidi/", "servizi/_index.md" -> "/servizi/", "_index.md" -> "/"; a translation is under its
// language: "servizi/presidi.en.md" -> "/en/servizi/presidi/", "_index.en.md" -> "/en/".
func pageURL(rel string) string {
	if orig, lang := splitLang(rel); lang != "" {
		return "/" + lang + pageURL(orig)
	}
	rel = strings.TrimSuffix(rel, ".md")
	if rel == "_index" {
		return "/"
	}
	rel = strings.TrimSuffix(rel, "/_index")
	return "/" + rel + "/"
}

// outputPath returns the file a URL is written to: "/" -> "index.html", "/a/b/" -> "a/b/index.html".
func outputPath(u string) string {
	u = strings.TrimPrefix(u, "/")
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// resolve works out where dest, written in a page whose file is in folder dir (relative to content/, "" for
// the root), leads. Relative destinations are relative to the Markdown file's folder, as in an editor: from
// content/servizi/presidi.md, "foto.jpg" is /servizi/foto.jpg, "../contatti.md" is /contatti/ and "#orari" is an
// anchor of the page itself. baseHost is the host of the site's baseURL: links to it are internal.
func resolve(dest, dir, baseHost string) target {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		return target{Bad: "il collegamento non ha un indirizzo"}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return target{Bad: "l'indirizzo non è scritto bene: controlla spazi e caratteri speciali", Dest: dest}
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		if baseHost != "" && strings.EqualFold(u.Host, baseHost) {
			p := u.Path
			if p == "" {
				p = "/"
			}
			return target{Path: p, Frag: u.Fragment, Internal: true, Dest: dest}
		}
		return target{External: true, Dest: dest}
	case u.Scheme != "" || u.Opaque != "":
		return target{Dest: dest} // mailto:, tel: and the like
	case u.Host != "":
		return target{External: true, Dest: dest}
	}
	t := target{Internal: true, Frag: u.Fragment}
	switch {
	case u.Path == "":
		t.Path = ""
	case strings.HasPrefix(u.Path, "/"):
		t.Path = u.Path
	default:
		joined := path.Join(dir, u.Path)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return target{Bad: "l'indirizzo esce dalla cartella content: scrivilo a partire da / (per esempio /contatti/)", Dest: dest}
		}
		if joined == "." {
			joined = ""
		}
		t.Path = "/" + joined
		if strings.HasSuffix(u.Path, "/") && joined != "" {
			t.Path += "/"
		}
	}
	if strings.HasSuffix(t.Path, ".md") {
		t.Path = pageURL(strings.TrimPrefix(t.Path, "/"))
	}
	out := &url.URL{Path: t.Path, RawQuery: u.RawQuery, Fragment: u.Fragment}
	t.Dest = out.String()
	if t.Path == "" && u.RawQuery == "" {
		t.Dest = "#" + u.EscapedFragment()
	}
	return t
}
