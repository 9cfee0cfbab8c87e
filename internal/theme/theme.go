// Package theme loads a theme's html/template layouts and renders pages with them. The generator renders every
// page of the site with it, and the form functions render their error and confirmation pages with the very same
// layouts, so a form re-shown after an error looks exactly like the page it came from.
//
// A theme is a folder (themes/NAME) with:
//
//	layouts/baseof.html      the page skeleton; it calls {{template "main" .}} (and may call "head")
//	layouts/partials/*.html  shared pieces, each a {{define "name"}}
//	layouts/NAME.html        one file per layout, each defining "main"
//	static/                  copied as is to the site root (static/css/site.css -> /css/site.css); CSS and
//	                         JavaScript also under a fingerprinted name (/css/site.3f2a9c1b.css, see Asset)
//
// Layout lookup is one rule: the page's `layout` front matter key if set, else its kind ("home", "section",
// "page", "404"); a missing layout falls back to "page".
//
// Every template receives a *PageData as dot. Template functions are listed in funcs.
package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"

	"quartieri/internal/siteconfig"
)

// PageData is what every layout receives as dot.
type PageData struct {
	Site *siteconfig.Site
	Page *Page
	// Now is the instant the site is built (or served) as; `-now` sets it. Call status is computed from it.
	Now time.Time
	// Menu is the main menu with the current entry marked.
	Menu []Link
	// Form is set on pages with a form (layouts "application" and "contact") and on the pages the form
	// functions render.
	Form *Form
	// Receipt is set on the confirmation pages the form functions render.
	Receipt string
	// LangURLs maps the addresses of the pages translated into the page's language, in the site's language, to
	// their translations ("/contatti/" -> "/ar/contatti/"); see URLFor.
	LangURLs map[string]string
}

// Page is one page of the site.
type Page struct {
	// Kind is "home", "section", "page", "404", or "form-error" and "confirmation" for pages the functions render.
	Kind        string
	Layout      string
	Title       string
	Description string
	// URL is the page's path with a trailing slash, e.g. /servizi/presidi/.
	URL     string
	Date    time.Time
	Lastmod time.Time
	// Content is the rendered Markdown body (it starts at h2: the title is the h1).
	Content template.HTML
	// Call is the call this page is about (front matter `call`), if any.
	Call *siteconfig.Call
	// Presidio is the presidio this page is about (front matter `presidio`), if any.
	Presidio *siteconfig.Presidio
	// Breadcrumbs run from the home page to the parent; the current page is not included.
	Breadcrumbs []Link
	// Weight orders pages in a section.
	Weight int
	// Unpublished says why a build without -drafts would leave the page out ("bozza", "non ancora pubblicata",
	// "scaduta"): the preview shows such pages with a banner. "" for a published page.
	Unpublished string
	// Lang is the page's language code ("it", "en"); Dir its direction ("ltr", "rtl").
	Lang, Dir string
	// Translations are the page's versions in the site's languages, its own included, in the order of site.yaml
	// (see Translation); nil on a site with one language.
	Translations []Translation
	// parent and pages are the other pages this one leads to (see Parent, Pages and Attach); reads, when set,
	// records each time a layout follows them (see Track).
	parent *Page
	pages  []*Page
	reads  *Reads
	// summary returns what Summary does (see SetSummary).
	summary func() string
}

// Link is a navigation link.
type Link struct {
	Name    string
	URL     string
	Current bool
}

// Form is the state of a form: empty on the built page, filled with what was typed and the errors when the form
// function re-shows it.
type Form struct {
	// Name is "applications" or "contact".
	Name string
	// Action is where the form posts, e.g. /api/applications.
	Action string
	// Values holds what was typed, by field name.
	Values map[string]string
	// Errors are in the order the fields appear on the page.
	Errors []FieldError
	// Token is the signed time token (field "_token"); empty on built pages, where a script fetches one.
	Token string
	// Idempotency is the idempotency key (field "_idem"); empty on built pages, where a script makes one.
	Idempotency string
	// Uploaded names the CV already received after an error elsewhere (WCAG 3.3.7), with its reference in
	// field "cv_ref".
	Uploaded    string
	UploadedRef string
	// Call is the call an application form is for.
	Call *siteconfig.Call
	// Lang is the language of the page the form is on, sent in the hidden field "lang" ("" for the site's).
	Lang string
}

// FieldError is one error of a form. Field is the field's name, which is also the id of its input (for radios
// and checkboxes, the id of the first one).
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Value returns what was typed in a field.
func (f *Form) Value(field string) string {
	if f == nil {
		return ""
	}
	return f.Values[field]
}

// ErrorFor returns the error message for a field, or "".
func (f *Form) ErrorFor(field string) string {
	if f == nil {
		return ""
	}
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Theme is a parsed theme, safe for concurrent use.
type Theme struct {
	// layouts are the parsed layouts, T not bound: pages are rendered with a language's clones of them (see
	// loadStrings).
	layouts  map[string]*template.Template
	byLang   map[string]func() (map[string]*template.Template, error)
	strings  stringTable
	warnings []string
	// Static is the theme's static/ folder.
	Static fs.FS
	// Fingerprint makes the asset function give the fingerprinted names of CSS and JavaScript files. The site
	// builder sets it, and writes those files (see Assets); pages rendered by others (the form functions) link
	// the plain names, which the build also writes, so they never depend on one build's hashes. Set it before
	// rendering.
	Fingerprint bool
	assets      map[string]Asset
}

// Load parses the theme in dir of fsys (e.g. "themes/quartiere").
func Load(fsys fs.FS, dir string) (*Theme, error) {
	lfs, err := fs.Sub(fsys, path.Join(dir, "layouts"))
	if err != nil {
		return nil, err
	}
	t := &Theme{layouts: map[string]*template.Template{}}
	if st, err := fs.Sub(fsys, path.Join(dir, "static")); err == nil {
		t.Static = st
	}
	if t.assets, err = loadAssets(t.Static); err != nil {
		return nil, fmt.Errorf("%s/static: %w", dir, err)
	}
	base := template.New("baseof.html").Funcs(funcs).Funcs(template.FuncMap{"asset": t.asset, "T": placeholderT,
		"TJSON": placeholderTJSON, "TOptions": placeholderTOptions})
	baseSrc, err := fs.ReadFile(lfs, "baseof.html")
	if err != nil {
		return nil, fmt.Errorf("%s/layouts/baseof.html: manca lo scheletro delle pagine: %w", dir, err)
	}
	if _, err := base.Parse(string(baseSrc)); err != nil {
		return nil, fmt.Errorf("%s/layouts/%w", dir, err)
	}
	partials, _ := fs.Glob(lfs, "partials/*.html")
	for _, p := range partials {
		src, err := fs.ReadFile(lfs, p)
		if err != nil {
			return nil, err
		}
		if _, err := base.New(p).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("%s/layouts/%w", dir, err)
		}
	}
	names, _ := fs.Glob(lfs, "*.html")
	for _, n := range names {
		if n == "baseof.html" {
			continue
		}
		src, err := fs.ReadFile(lfs, n)
		if err != nil {
			return nil, err
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.New(n).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("%s/layouts/%w", dir, err)
		}
		t.layouts[strings.TrimSuffix(n, ".html")] = clone
	}
	if _, ok := t.layouts["page"]; !ok {
		return nil, fmt.Errorf("%s/layouts/page.html: manca il layout predefinito delle pagine", dir)
	}
	if err := t.loadStrings(fsys, dir); err != nil {
		return nil, err
	}
	return t, nil
}

// HasLayout reports whether the theme has a layout by that name.
func (t *Theme) HasLayout(name string) bool { _, ok := t.layouts[name]; return ok }

// layoutFor applies the lookup rule: the page's layout, else its kind, else "page".
func (t *Theme) layoutFor(p *Page) string {
	for _, n := range []string{p.Layout, p.Kind} {
		if n != "" && t.HasLayout(n) {
			return n
		}
	}
	return "page"
}

// Render executes the page's layout with data and returns the HTML.
func (t *Theme) Render(data *PageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.RenderTo(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo executes the page's layout with data and appends the HTML to buf: the site builder renders every page
// into one of a few reused buffers.
func (t *Theme) RenderTo(buf *bytes.Buffer, data *PageData) error {
	if data.Page != nil {
		buf.Grow(len(data.Page.Content) + 8<<10) // the layouts add a few KiB: one allocation rather than a doubling series
	}
	if data.Page != nil && data.Page.Content != "" {
		p := *data.Page
		p.Content = CallBlocks(p.Content, data.Site, p.Call, data.Now)
		d := *data
		d.Page = &p
		data = &d
	}
	set, err := t.layoutsFor(data.Lang())
	if err != nil {
		return err
	}
	return set[t.layoutFor(data.Page)].ExecuteTemplate(buf, "baseof.html", data)
}
