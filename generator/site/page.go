package site

import (
	"bytes"
	"path"
	"strings"
	"sync/atomic"
	"unique"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
	"quartieri/internal/theme"
)

// page is one Markdown file on its way through the build.
type page struct {
	n    int32  // the page's place in builder.pages
	file string // content/servizi/presidi.md
	url  string // /servizi/presidi/
	// fm is the front matter, used until the pages are planned (run drops it: the theme.Page has what the
	// rest of the build needs).
	fm   *FrontMatter
	lang string // the language code: the site's, or a translation's ("en" for presidi.en.md)
	// index is set for a section's page (_index.md, _index.en.md).
	index bool
	// resident is set when the page is written for residents (audience), whose pages must be easy to read.
	resident bool
	// orig is a translation's page in the site's language; trans are a page's translations (see lang.go).
	orig  *page
	trans []*page
	// reviewed is a translation's translationReviewed, kept for the report once fm is dropped.
	reviewed bool
	// broken is set when the front matter has errors (pass one); its URL still counts, so links to it are not
	// reported twice.
	broken bool
	// bodyBroken is set when the body has errors (pass two): the page is not rendered. It is a separate field
	// because other pages read broken while pass two runs.
	bodyBroken bool
	// bodyRead is set once pass two has read the body: from then on, other pages may read ids and bodyBroken.
	bodyRead atomic.Bool
	// skip says why the page is left out ("" if it is not).
	skip string
	tp   *theme.Page
	ids  anchors
	html []byte
	diag diag.List
	// rep is what the check report shows of the page besides its diagnostics, with Options.Report; else nil.
	rep *pageReport
	// links are the page's links to other pages and files of the site, checked once every page is read.
	links []link
	// entry is the page's entry in a Builder's cache (nil without one).
	entry *frontEntry
	// resolved remembers resolve's answers while the body is read.
	resolved map[string]target
	// buf holds html until the page is written; it comes from bufPool.
	buf *bytes.Buffer
}

// pageReport is what the check report shows of a page besides its diagnostics.
type pageReport struct {
	audience string
	read     lint.Readability
	// external lists the page's links to other sites.
	external []externalRef
}

// externalRef is a link to another site, kept for the report. Addresses and texts of links to other sites
// repeat from page to page: they are stored once (unique).
type externalRef struct {
	dest, text unique.Handle[string]
	line       int32
}

// link is a link to an anchor of another page, kept until that page's anchors are known (see checkLinks). At
// 100,000 pages there are half a million of them, so a link is 16 bytes without a pointer, which the collector
// need not scan: to is the page linked to (an index into b.pages, which stays true from one build of a Builder to
// the next while the site's shape is the same), ref the link's place among its page's refs (lint.Refs, in
// document order), and frag the hash of its fragment (see anchors). What a message needs, the line and the
// address as written, is found again from ref when the link turns out broken (see refsOf).
type link struct {
	to, ref int32
	frag    uint64
}

// Reasons a page is left out of the build.
const (
	skipDraft   = "bozza"
	skipFuture  = "non ancora pubblicata"
	skipExpired = "scaduta"
)

// skipReason says why a page is left out at opts.Now, or "" when it is published.
func skipReason(fm FrontMatter, opts Options) string {
	switch {
	case opts.Drafts:
		return ""
	case fm.Draft:
		return skipDraft
	case !fm.PublishDate.IsZero() && fm.PublishDate.After(opts.Now):
		return skipFuture
	case !fm.ExpiryDate.IsZero() && !fm.ExpiryDate.After(opts.Now):
		return skipExpired
	}
	return ""
}

func (p *page) fail(line int, msg string) {
	p.broken = true
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Error, Message: msg})
}

func (p *page) bodyFail(line int, msg string) {
	p.bodyBroken = true
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Error, Message: msg})
}

func (p *page) warn(line int, msg string) {
	p.diag = append(p.diag, diag.Diagnostic{File: p.file, Line: line, Severity: diag.Warning, Message: msg})
}

// contentDir returns the folder of a content file relative to content/.
func contentDir(file string) string {
	d := path.Dir(strings.TrimPrefix(file, "content/"))
	if d == "." {
		return ""
	}
	return d
}
