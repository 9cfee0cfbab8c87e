package main

import (
	"fmt"
	"io"
	"time"

	"quartieri/generator/site"
	"quartieri/internal/siteconfig"
)

// printTranslations lists, on a site with translations, those a qualified translator has not checked yet and
// those older than their Italian page, so that staff know what to have reviewed or updated.
func printTranslations(w io.Writer, r site.Report) {
	if len(r.Translations) == 0 {
		return
	}
	fmt.Fprintln(w, "\nTraduzioni non ancora controllate da un traduttore qualificato (translationReviewed: true quando è fatto):")
	for _, t := range r.Unreviewed() {
		fmt.Fprintf(w, "  %s (%s, traduzione di %s)\n", t.File, t.Lang, t.Original)
	}
	if len(r.Unreviewed()) == 0 {
		fmt.Fprintln(w, "  nessuna")
	}
	fmt.Fprintln(w, "\nTraduzioni più vecchie della pagina italiana (aggiornale, poi aggiorna lastmod):")
	for _, t := range r.Outdated() {
		if t.Lastmod.IsZero() {
			fmt.Fprintf(w, "  %s: non ha la data (lastmod); %s è del %s\n", t.File, t.Original, day(t.OriginalLastmod))
			continue
		}
		fmt.Fprintf(w, "  %s del %s; %s è del %s\n", t.File, day(t.Lastmod), t.Original, day(t.OriginalLastmod))
	}
	if len(r.Outdated()) == 0 {
		fmt.Fprintln(w, "  nessuna")
	}
}

func day(t time.Time) string { return t.In(siteconfig.Rome).Format("2006-01-02") }

// noteTranslations tells, when the site is published, how many translations no qualified translator has
// checked and how many are older than their Italian page. It does not stop the publication: a courtesy
// translation says on the page that the Italian text counts.
func noteTranslations(w io.Writer, r site.Report) {
	if n := len(r.Unreviewed()); n > 0 {
		fmt.Fprintf(w, "nota: traduzioni di cortesia pubblicate senza il controllo di un traduttore qualificato: %d "+
			"(generator check le elenca)\n", n)
	}
	if n := len(r.Outdated()); n > 0 {
		fmt.Fprintf(w, "nota: traduzioni più vecchie della pagina italiana: %d (generator check le elenca)\n", n)
	}
}
