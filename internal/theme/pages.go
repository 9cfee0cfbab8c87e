package theme

import (
	"slices"
	"strings"
)

// Attach makes parent the section child is in, and lists child among parent's Pages when listed is true. The
// site builder calls it, in Go, while it builds the tree: layouts only read it, through Parent and Pages.
func Attach(child, parent *Page, listed bool) {
	child.parent = parent
	if listed {
		parent.pages = append(parent.pages, child)
	}
}

// Parent returns the section the page is in (nil for the home page).
func (p *Page) Parent() *Page {
	if p.reads == nil {
		return p.parent
	}
	p.reads.add(Read{URL: p.URL})
	return p.parent.Track(p.reads)
}

// Pages returns a section's children, sorted by weight then date (newest first) then title. Outside a tracked
// render the slice is the page's own: the site builder sorts it in place.
func (p *Page) Pages() []*Page {
	if p.reads == nil {
		return p.pages
	}
	p.reads.add(Read{URL: p.URL, Pages: true})
	out := make([]*Page, len(p.pages))
	for i, c := range p.pages {
		out[i] = c.Track(p.reads)
	}
	return out
}

// Summary returns the page's first paragraph as plain text, or its `summary` front matter key.
func (p *Page) Summary() string {
	if p.summary == nil {
		return ""
	}
	return p.summary()
}

// SetSummary sets what Summary returns: the text s, or, when find is not nil, what find returns each time it is
// asked. A site builder that does not keep the pages' text in memory passes find, which reads the page again:
// summaries are asked for by the lists of pages (a section's, a feed's) and a call's JSON-LD, rarely more than
// once a page.
func (p *Page) SetSummary(s string, find func() string) {
	switch {
	case find != nil:
		p.summary = find
	case s != "":
		p.summary = func() string { return s }
	default:
		p.summary = nil
	}
}

// Reads lists the other pages a render reached: each time a layout, or a function it calls, followed a page's
// Parent or Pages. What a page's HTML shows of other pages is exactly what those calls returned, so a build can
// tell whether the page must be rendered again from the Reads of its last render (see Track).
type Reads struct{ list []Read }

// Read is one page whose Parent (Pages false) or Pages a render followed; the page is named by its URL, so that
// the Read still means something in the next build.
type Read struct {
	URL   string
	Pages bool
}

func (r *Reads) add(x Read) {
	if !slices.Contains(r.list, x) {
		r.list = append(r.list, x)
	}
}

// List returns the reads sorted by URL, Parent before Pages.
func (r *Reads) List() []Read {
	out := slices.Clone(r.list)
	slices.SortFunc(out, func(a, b Read) int {
		if c := strings.Compare(a.URL, b.URL); c != 0 {
			return c
		}
		if a.Pages == b.Pages {
			return 0
		}
		if a.Pages {
			return 1
		}
		return -1
	})
	return out
}

// Track returns a copy of p whose Parent and Pages, and theirs in turn, are recorded in r: render the copy, and r
// says which other pages the HTML depends on. With r nil the copy records nothing; the copy of nil is nil.
func (p *Page) Track(r *Reads) *Page {
	if p == nil {
		return nil
	}
	c := *p
	c.reads = r
	return &c
}
