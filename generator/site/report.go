package site

import "quartieri/generator/lint"

// MinGulpease is the Gulpease index below which a resident-facing page gets a warning: under 60, the text is
// hard for readers with a lower-secondary education.
const MinGulpease = 60

// Report holds what `check` prints beyond the diagnostics.
type Report struct {
	// Pages has one entry per published page, in file order (only with Options.Report).
	Pages []PageReport
	// External lists links to other sites, in file and line order; they are listed, never fetched (only with
	// Options.Report).
	External []ExternalLink
	// Translations lists every published translation, in file order (see TranslationReport).
	Translations []TranslationReport
}

// PageReport is the readability of one page.
type PageReport struct {
	File, URL, Title string
	// Audience is "residenti", "candidati" or "staff"; the Gulpease warning applies to "residenti".
	Audience string
	// Lang is the page's language. Translation is set on a translation, whose Readability is left empty:
	// Gulpease is an index of Italian.
	Lang        string
	Translation bool
	Readability lint.Readability
}

// Hard reports whether the page is for residents and its Gulpease index is below MinGulpease.
func (p PageReport) Hard() bool { return hardToRead(p.Audience == AudienceResidents, p.Readability) }

// hardToRead reports whether a page with readability r is too hard for its readers: residents' pages must reach
// MinGulpease.
func hardToRead(resident bool, r lint.Readability) bool {
	return resident && r.Words > 0 && r.Gulpease < MinGulpease
}

// ExternalLink is a link to another site.
type ExternalLink struct {
	File string
	Line int
	URL  string
	Text string
}

// report lists the translations and, with Options.Report, fills the rest of the check report.
func (b *builder) report(res *Result, live []*page) {
	if b.opts.Report {
		n := 0
		for _, p := range live {
			n += len(p.rep.external)
		}
		res.Report.Pages = make([]PageReport, 0, len(live))
		res.Report.External = make([]ExternalLink, 0, n)
	}
	for _, p := range live {
		if p.orig != nil {
			res.Report.Translations = append(res.Report.Translations, translationReport(p))
		}
		if !b.opts.Report {
			continue
		}
		pr := PageReport{File: p.file, URL: p.url, Title: p.tp.Title, Audience: p.rep.audience, Lang: p.lang, Readability: p.rep.read}
		if p.orig != nil {
			pr.Readability, pr.Translation = lint.Readability{}, true
		}
		res.Report.Pages = append(res.Report.Pages, pr)
		for _, r := range p.rep.external {
			res.Report.External = append(res.Report.External, ExternalLink{File: p.file, Line: int(r.line), URL: r.dest.Value(), Text: r.text.Value()})
		}
	}
}
