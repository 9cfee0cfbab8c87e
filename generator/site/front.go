package site

import (
	"bytes"
	"io/fs"
	"strings"
	"time"

	"quartieri/generator/diag"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// readFront reads a page's front matter (pass one). It never panics: a panic becomes an error.
func (b *builder) readFront(p *page) {
	defer recoverPage(p, &p.broken)
	fr, err := b.frontOf(p.file)
	if err != nil {
		p.fail(0, "impossibile leggere il file: "+err.Error())
		return
	}
	if b.cache != nil { // a one-off build keeps nothing of the file past this pass
		p.entry = fr
	}
	fm := fr.fm
	p.fm, p.resident, p.broken = &fm, fm.Audience == AudienceResidents, fr.broken
	if b.opts.Report {
		p.rep = &pageReport{audience: fm.Audience}
	}
	p.diag = append(p.diag, fr.diag...)
	if p.broken {
		return
	}
	if p.skip = skipReason(fm, b.opts); p.skip != "" {
		return
	}
	p.tp = &theme.Page{
		Title: fm.Title, Description: fm.Description, URL: p.url, Layout: fm.Layout,
		Date: fm.Date, Lastmod: fm.Lastmod, Weight: fm.Weight,
	}
	if fr.summary == "" && b.cache == nil {
		p.tp.SetSummary("", b.findSummary(p))
	} else {
		p.tp.SetSummary(fr.summary, nil)
	}
	p.tp.Unpublished = skipReason(fm, Options{Now: b.opts.Now}) // set when Drafts let it in
	if p.tp.Lastmod.IsZero() {
		p.tp.Lastmod = fm.Date
	}
	if fm.Call != "" {
		p.tp.Call, _ = b.site.Call(fm.Call)
	}
	if fm.Presidio != "" {
		p.tp.Presidio, _ = b.site.Presidio(fm.Presidio)
	}
}

// frontOf returns what pass one learns from a page's file: read into a pooled buffer in a one-off build, and
// from a Builder's cache when the file has not changed.
func (b *builder) frontOf(file string) (*frontEntry, error) {
	if b.cache == nil {
		src, done, err := b.readFile(file)
		if err != nil {
			return nil, err
		}
		defer done()
		return b.parseFront(file, src), nil
	}
	info, _ := fs.Stat(b.fsys, file)
	if fr := b.cache.frontByStat(file, info); fr != nil {
		return fr, nil
	}
	src, err := fs.ReadFile(b.fsys, file)
	if err != nil {
		return nil, err
	}
	if fr := b.cache.front(file, src, info); fr != nil {
		return fr, nil
	}
	fr := b.parseFront(file, src)
	fr.src, fr.gen = src, b.cache.newGen()
	fr.setStat(info)
	b.cache.putFront(file, fr)
	return fr, nil
}

// frontEntry is what pass one learns from a page's file; body is what pass two learns, once it has run.
type frontEntry struct {
	src     []byte // the whole file, to tell whether it changed
	size    int64  // size and modification time, when the file system gives one
	mtime   time.Time
	gen     uint64 // unique to this content of the file, for the output cache
	body    *bodyEntry
	fm      FrontMatter
	diag    diag.List
	broken  bool
	summary string
}

// parseFront splits and decodes a page's front matter, warns about placeholders, and, for a Builder, finds its
// summary (see findSummary).
func (b *builder) parseFront(file string, src []byte) *frontEntry {
	fr := &frontEntry{}
	tmp := &page{file: file}
	b.placeholders(tmp, src)
	front, body, _, err := SplitFrontMatter(src)
	if err != nil {
		le := err.(*lineError)
		tmp.fail(le.Line, le.Msg)
		fr.diag, fr.broken = tmp.diag, true
		return fr
	}
	fm, errs := ParseFrontMatter(file, front, 2, b.site)
	fr.fm = fm
	fr.diag = append(tmp.diag, errs...)
	fr.broken = len(errs) > 0
	fr.summary = fm.Summary
	if fr.summary == "" && !fr.broken && b.cache != nil {
		fr.summary = summaryOf(body)
	}
	return fr
}

// summaryOf returns the summary of a page body without a `summary` key: its first paragraph, shortened.
func summaryOf(body []byte) string { return shorten(firstParagraph(body), 300) }

// findSummary returns a function that reads page p's file again for its summary. A one-off build keeps no page's text in
// memory: at 100,000 pages the summaries alone would hold 25 MB, and they are asked for by a section's list of
// its pages, the news feed and a call's JSON-LD, rarely more than once a page.
func (b *builder) findSummary(p *page) func() string {
	return func() (s string) {
		b.bodyAgain(p, func(body []byte, _ int) { s = summaryOf(body) })
		return s
	}
}

// placeholders warns about every line of the page that still holds a "DA COMPLETARE" placeholder.
func (b *builder) placeholders(p *page, src []byte) {
	if !mayHavePlaceholder(src) {
		return
	}
	for i, l := range strings.Split(string(src), "\n") {
		if siteconfig.IsPlaceholder(l) {
			p.warn(i+1, "segnaposto da completare: "+strings.TrimSpace(l))
		}
	}
}

// mayHavePlaceholder is a fast test that rules out most pages before the placeholder regexp runs: every
// placeholder contains "completare" or ".invalid" in some case.
func mayHavePlaceholder(src []byte) bool {
	const word, domain = "completare", ".invalid"
	for i := range src {
		switch src[i] {
		case 'c', 'C':
			if i+len(word) <= len(src) && bytes.EqualFold(src[i:i+len(word)], []byte(word)) {
				return true
			}
		case '.':
			if i+len(domain) <= len(src) && bytes.EqualFold(src[i:i+len(domain)], []byte(domain)) {
				return true
			}
		}
	}
	return false
}

// shorten cuts s to at most n bytes at a word boundary, adding "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}
