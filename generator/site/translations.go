package site

import "time"

// TranslationReport is what `check` (and `deploy`) say about one translation.
type TranslationReport struct {
	// File is the translation, Original its Italian page.
	File, Original string
	Lang           string
	// Lastmod and OriginalLastmod are each page's lastmod, else its date (zero when it has neither).
	Lastmod, OriginalLastmod time.Time
	// Reviewed is the translation's translationReviewed key: a qualified translator has checked it.
	Reviewed bool
}

// Outdated reports whether the Italian page changed after the translation: its lastmod (or date) is later
// than the translation's, or the translation has none to compare.
func (t TranslationReport) Outdated() bool {
	return !t.OriginalLastmod.IsZero() && (t.Lastmod.IsZero() || t.Lastmod.Before(t.OriginalLastmod))
}

// Unreviewed returns the translations no qualified translator has checked yet.
func (r Report) Unreviewed() []TranslationReport {
	var out []TranslationReport
	for _, t := range r.Translations {
		if !t.Reviewed {
			out = append(out, t)
		}
	}
	return out
}

// Outdated returns the translations older than their Italian page.
func (r Report) Outdated() []TranslationReport {
	var out []TranslationReport
	for _, t := range r.Translations {
		if t.Outdated() {
			out = append(out, t)
		}
	}
	return out
}

func translationReport(p *page) TranslationReport {
	t := TranslationReport{File: p.file, Original: p.orig.file, Lang: p.lang, Lastmod: p.tp.Lastmod, Reviewed: p.reviewed}
	if p.orig.tp != nil {
		t.OriginalLastmod = p.orig.tp.Lastmod
	}
	return t
}
