// Package site builds the static site from a source folder: site.yaml, content/ and themes/. Build is the one
// entry point; the generator command's build, serve and check all call it.
//
// # Pages
//
// Every content/**/*.md file is a page: YAML front matter between two lines "---", then Markdown. Its address is
// its path without ".md", with a final slash, written as index.html in that folder:
//
//	content/_index.md            /                      index.html            (the home page, Kind "home")
//	content/servizi/_index.md    /servizi/              servizi/index.html    (a section, Kind "section")
//	content/servizi/presidi.md   /servizi/presidi/      servizi/presidi/index.html (Kind "page")
//	content/404.md               /404.html              404.html              (Kind "404"; optional)
//
// A section is a folder with an _index.md. A page's parent is the nearest section above it (or the home page);
// a section's Pages are its pages and subsections, sorted by weight (pages without a weight last), then date
// (newest first), then title. Breadcrumbs run from the home page to the parent. Two files with the same address
// are an error naming both. Other files in content/ (images, PDFs) are copied to the same path, and the theme's
// static/ folder to the site root, its CSS and JavaScript files also under a name with a hash of their content
// (css/site.3f2a9c1b.css), which the pages link (see theme.Asset) so that they can be cached for a year. Names starting with "." or "_" (but _index.md), "#" or ending in "~", ".swp",
// ".tmp" are ignored.
//
// # Front matter
//
//	title        required; the page's only h1, shown by the theme
//	description  required; one sentence, for lists, search engines and the feed
//	date         2025-04-28, 2025-04-28 10:30 or RFC 3339; without a zone, Europe/Rome
//	lastmod      same formats; defaults to date; goes in sitemap.xml
//	draft        true leaves the page out unless Options.Drafts
//	publishDate  the page is left out before this instant (Options.Now) unless Options.Drafts
//	expiryDate   the page is left out from this instant on unless Options.Drafts
//	weight       orders the page in its section and in menus
//	aliases      old addresses ("/vecchio-indirizzo/"): a redirect page is written at each
//	layout       the theme layout; "application" gets the application form of the page's call, "contact" the
//	             contact form
//	menu         a menu name or a list of them ("footer"): the page is added to .Site.Menus.NAME
//	summary      the text for lists; defaults to the first paragraph
//	call         the id of a call in site.yaml: the page is about it (.Page.Call)
//	presidio     the id of a presidio in site.yaml (.Page.Presidio)
//	audience     "residenti" (default), "candidati" or "staff": readability warnings are for residenti pages
//	translationReviewed
//	             on a translation: true once a qualified translator has checked it (see Languages)
//
// An unknown key is an error that suggests the nearest known key (or the English key for an Italian word such as
// "titolo"). Every error carries the file and line, including YAML syntax errors: an unquoted value with a colon
// ("title: Orari: lunedì") is explained with the fix. Every mistake is reported, not only the first.
//
// # Languages
//
// The site's language is site.yaml's language (Italian); languages lists the others (see siteconfig.Language).
// A page's translation sits beside it with the language's code before ".md", and is published under the
// language's folder:
//
//	content/presidi/_index.md     /presidi/       (Italian: the text that counts)
//	content/presidi/_index.en.md  /en/presidi/
//	content/_index.ar.md          /ar/            (the Arabic home page, Kind "home")
//
// A translation without its Italian page is an error; one whose Italian page is left out (draft, dates) is left
// out too. A name whose suffix is a language code not among the site's languages, or the site's own ("orari.it.md"),
// is an error, and so is a folder at the top of content/ named like a language. Another dot is part of the name
// ("verbale.2025.md"). Links are written as in Italian pages and lead where they say: a translation links to
// /en/contatti/ (or contatti.en.md) to stay in its language.
//
// Every page gets Page.Lang and Page.Dir ("rtl" for Arabic and the other right-to-left languages). On a site with
// several languages, Page.Translations lists, in the order of site.yaml, each language version of the page (its
// own marked Current) or, for a language the page is not translated into, that language's home page (marked
// Home); Page.Alternates are the true versions, for hreflang links, and sitemap.xml lists them as xhtml:link
// alternates with the Italian page as x-default. A translation's parent is the nearest section above it in its
// language; when its language has none (not even a home page), its breadcrumbs fall back to the Italian page's,
// and no Italian section lists it. Pages in another language are rendered with that language's title,
// description and menus from site.yaml (a menu it does not have is the site's), and a translation's menu key adds
// it to its language's menu; theme.PageData.LangURLs maps each translated page's Italian address to its address
// in the page's language, so that the layouts' own links (footer, home tasks) stay in the language (URLFor). The
// theme's texts come in the page's language (theme.Theme.Text); a language without its i18n file, or a text its
// file lacks, is a warning.
//
// The checks run on every language, but the Gulpease index (an index of Italian) only on Italian pages.
// Report.Translations lists every translation, with Unreviewed (translationReviewed not true) and Outdated (its
// lastmod, or date, earlier than the Italian page's), which `check` prints.
//
// # Markdown
//
// One goldmark instance, built once: GFM tables, strikethrough, autolinks, footnotes, definition lists, call
// blocks ("::: bando aperto" … ":::", package callstatus; the theme picks them and fills "{scadenza}" and the
// other values at render time) and table captions ("Tabella:" before a table, package tablecaption); raw HTML
// is left out (with a warning). Headings get ids made by Slug ("Perché è così importante?" ->
// "perche-e-cosi-importante"), "{#id}" written after a heading is kept, and ids are unique on a page ("-1",
// "-2"). Relative links and images are relative to the Markdown file's folder, as in an editor, and are
// written as absolute paths: from content/servizi/presidi.md, "foto.jpg" is /servizi/foto.jpg and
// "../contatti.md#orari" is /contatti/#orari. Links to other sites get class ExternalClass and rel ExternalRel
// and end with ExternalNote, a visually hidden " (sito esterno)".
//
// # Checks
//
// Each page's Markdown goes through package lint (alternative text, heading levels, vague link text, tables
// without a header, bare addresses as link text: errors). Every internal link must lead to a published page, a
// copied file or a generated file, and an anchor to a heading of that page; an image to a file. Pages with a
// Gulpease index below MinGulpease for residents get a warning, and so does every "DA COMPLETARE" placeholder in
// site.yaml and in content. With Options.Report, Result.Report holds the figures `check` prints.
//
// # Output
//
// Every page is rendered with the theme named in site.yaml (themes/NAME, see package theme) with a
// theme.PageData: Site (site.yaml, menus completed by front matter), Page, Now, Menu (the main menu, with the
// current page and its sections marked) and Form. Besides the pages: 404.html (also without content/404.md:
// "Pagina non trovata"), sitemap.xml (absolute addresses from baseURL, lastmod; past 50,000 pages, the
// protocol's limit, an index of sitemap-1.xml, sitemap-2.xml, ...), robots.txt (with the Sitemap line),
// notizie/index.xml (RSS 2.0 of content/notizie/, newest first) and a redirect page for every alias.
//
// The same input gives byte-identical output: nothing depends on map order or on the clock but Options.Now.
// Pages are read and rendered on Options.Workers goroutines in two passes: first every front matter (so that
// menus, sections and summaries are known), then each page's body is parsed, checked, rendered and, with a Dest,
// written at once and dropped from memory. A Builder (what `generator serve` uses) keeps the previous build and
// redoes only what an edit changed: a page is rendered again only when something it shows changed (its file,
// site.yaml, the theme, the menus, its breadcrumbs, or the other pages its last render reached through .Parent
// and .Pages, as theme.Reads recorded them); a page's links are checked again when its file or the site's shape
// (which pages and files there are, and which are left out) changed, and the links to other pages' anchors on
// every build.
package site
