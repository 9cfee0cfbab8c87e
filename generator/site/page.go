package site

import (
	"bytes"
	"path"
	"strings"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
	"quartieri/internal/theme"
)

// page is one Markdown file on its way through the build.
type page struct {
	file string // content/servizi/presidi.md
	dir  string // folder under content/: "servizi"
	url  string // /servizi/presidi/
	fm   FrontMatter
	// broken is set when the front matter has errors (pass one); its URL still counts, so links to it are not
	// reported twice.
	broken bool
	// bodyBroken is set when the body has errors (pass two): the page is not rendered. It is a separate field
	// because other pages read broken while pass two runs.
	bodyBroken bool
	// skip says why the page is left out ("" if it is not).
	skip string
	tp   *theme.Page
	ids  map[string]bool
	html []byte
	read lint.Readability
	diag diag.List
	// external lists the page's links to other sites.
	external []lint.Ref
	// links are the page's links to other pages and files of the site, checked once every page is read.
	links []link
	// frontKey sums the front matter, for a Builder's cache.
	frontKey [32]byte
	// key sums everything the page's HTML depends on, for a Builder's cache (see pageKeys).
	key [32]byte
	// entry is the page's entry in a Builder's cache (nil without one).
	entry *frontEntry
	// resolved remembers resolve's answers while the body is read.
	resolved map[string]target
	// buf holds html until the page is written; it comes from bufPool.
	buf *bytes.Buffer
}

// link is a link to an anchor of another page, written as dest on line.
type link struct {
	dest string
	line int
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
