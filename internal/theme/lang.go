package theme

import "quartieri/internal/siteconfig"

// Translation is one language version of a page, as the language switcher and the hreflang alternates show it.
type Translation struct {
	// Lang is the language's code ("en"), for lang and hreflang.
	Lang string
	// Name is the language's name in that language ("English").
	Name string
	// Dir is "ltr" or "rtl", for dir.
	Dir string
	// URL is the version's address.
	URL string
	// Current marks the page being shown.
	Current bool
	// Home marks the home page of a language the page is not translated into: the switcher still leads
	// there, but it is not an alternate of the page.
	Home bool
}

// Alternates returns the page's versions in other languages and its own, for hreflang links: nil when the page
// has no translation.
func (p *Page) Alternates() []Translation {
	if p == nil {
		return nil
	}
	var out []Translation
	for _, t := range p.Translations {
		if !t.Home {
			out = append(out, t)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Lang is the language of the page shown: its own, else the site's ("it").
func (d *PageData) Lang() string {
	if d.Page != nil && d.Page.Lang != "" {
		return d.Page.Lang
	}
	if d.Site != nil && d.Site.Language != "" {
		return d.Site.Language
	}
	return "it"
}

// Dir is the writing direction of the page shown, "ltr" or "rtl".
func (d *PageData) Dir() string {
	if d.Page != nil && d.Page.Dir != "" {
		return d.Page.Dir
	}
	if d.Site != nil {
		if l, ok := d.Site.LanguageFor(d.Lang()); ok {
			return l.Direction
		}
	}
	return siteconfig.DirectionOf(d.Lang())
}

// HomeURL is the address of the home page in the page's language: "/" or "/ar/".
func (d *PageData) HomeURL() string {
	if d.Site == nil || d.Lang() == d.Site.Language {
		return "/"
	}
	return "/" + d.Lang() + "/"
}

// formLang is the language a form on this page sends in its hidden field "lang": the page's, when it is not
// the site's; "" otherwise.
func (d *PageData) formLang() string {
	if d.Site == nil || d.Lang() == d.Site.Language {
		return ""
	}
	return d.Lang()
}

// URLFor returns the address of the page at url (an address in the site's language, "/contatti/") in the
// page's language when it is translated into it ("/ar/contatti/"), else url: for the links of the layouts.
func (d *PageData) URLFor(url string) string {
	if u, ok := d.LangURLs[url]; ok {
		return u
	}
	return url
}
