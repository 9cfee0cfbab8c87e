package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"quartieri/generator/diag"
	"quartieri/generator/site"
	"quartieri/internal/theme"
)

// runCheck builds the site in memory and prints every finding: errors and warnings, the placeholders still to
// fill in, each resident page's Gulpease index, and the external links (listed, not fetched). It fails only on
// errors.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check")
	source := fs.String("source", ".", "")
	var now nowFlag
	fs.Var(&now, "now", "")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	res, err := site.Build(os.DirFS(*source), site.Options{Now: nowOr(now), Discard: true, Report: true})
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		return err
	}
	var files []string
	for _, p := range res.Report.Pages {
		files = append(files, p.File)
	}
	all := append(res.Diagnostics, contradictions(os.DirFS(*source), files, nowOr(now))...)
	slices.SortStableFunc(all, func(a, b diag.Diagnostic) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	placeholders, problems := splitPlaceholders(all)
	// Each problem is printed once: errors on standard error (where scripts and editors look for them),
	// warnings on standard output, in file order. In a terminal they read as one list.
	fmt.Fprintf(stdout, "Controllo del sito come al %s.\n\n", theme.DeadlineIT(nowOr(now)))
	fmt.Fprintln(stdout, "Errori e avvisi:")
	for _, d := range problems {
		if d.Severity == diag.Error {
			fmt.Fprintln(stderr, d.String())
		} else {
			fmt.Fprintln(stdout, "  "+d.String())
		}
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, "  nessuno")
	}
	fmt.Fprintln(stdout, "\nSegnaposto da completare (dati che il comunicato non indica):")
	printList(stdout, placeholders, "nessuno")
	printReadability(stdout, res.Report)
	printTranslations(stdout, res.Report)
	if len(res.Skipped) > 0 {
		fmt.Fprintln(stdout, "\nPagine non pubblicate (bozze, non ancora pubblicate o scadute):")
		for _, s := range res.Skipped {
			fmt.Fprintln(stdout, "  "+s)
		}
	}
	fmt.Fprintln(stdout, "\nCollegamenti esterni (elencati, non aperti):")
	for _, l := range res.Report.External {
		fmt.Fprintf(stdout, "  %s:%d: %s\n", l.File, l.Line, l.URL)
	}
	if len(res.Report.External) == 0 {
		fmt.Fprintln(stdout, "  nessuno")
	}
	errs := len(res.Diagnostics.Errors())
	fmt.Fprintf(stdout, "\nRiepilogo: %s, %d avvisi, %d segnaposto, %d pagine controllate.\n",
		countErrors(errs), len(problems)-errs, len(placeholders), len(res.Report.Pages))
	if errs > 0 {
		return errReported
	}
	return nil
}

// placeholderNote starts the message of the builder's warning about a placeholder.
const placeholderNote = "segnaposto da completare: "

// splitPlaceholders separates the warnings about placeholders still to fill in ("DA COMPLETARE", addresses
// under .invalid), as "file:line: text" lines without the "attenzione" prefix, from the other diagnostics.
func splitPlaceholders(l diag.List) (placeholders, others diag.List) {
	for _, d := range l {
		if d.Severity != diag.Error && strings.HasPrefix(d.Message, placeholderNote) {
			d.Message = strings.TrimPrefix(d.Message, placeholderNote)
			d.Severity = diag.Error // printed without the "attenzione" prefix
			placeholders = append(placeholders, d)
		} else {
			others = append(others, d)
		}
	}
	return placeholders, others
}

func printList(w io.Writer, l diag.List, none string) {
	for _, d := range l {
		fmt.Fprintln(w, "  "+d.String())
	}
	if len(l) == 0 {
		fmt.Fprintln(w, "  "+none)
	}
}

// printReadability prints the Gulpease index of each page for residents, with its verdict.

// printReadability prints the Gulpease index of each page, residents' pages first; a warning applies to those.
func printReadability(w io.Writer, r site.Report) {
	fmt.Fprintf(w, "\nLeggibilità delle pagine (indice Gulpease, da 0 a 100; sotto %d è difficile):\n", site.MinGulpease)
	for _, residents := range []bool{true, false} {
		for _, p := range r.Pages {
			if (p.Audience == site.AudienceResidents) != residents || p.Translation {
				continue
			}
			name := p.File
			if !residents {
				name += " (" + p.Audience + ")"
			}
			if p.Readability.Words == 0 {
				fmt.Fprintf(w, "  %-62s   -  nessun testo da misurare\n", name)
				continue
			}
			fmt.Fprintf(w, "  %-62s %3.0f  %s (%d parole, %d frasi)\n", name, p.Readability.Gulpease,
				verdict(math.Round(p.Readability.Gulpease)), p.Readability.Words, p.Readability.Sentences)
		}
	}
	if len(r.Pages) == 0 {
		fmt.Fprintln(w, "  nessuna pagina")
	}
}

// verdict says who can read a text with Gulpease index g.
func verdict(g float64) string {
	switch {
	case g >= 80:
		return "molto facile"
	case g >= 60:
		return "facile per chi ha la licenza media"
	case g >= 40:
		return "DIFFICILE per chi ha la licenza media: accorcia frasi e parole"
	}
	return "MOLTO DIFFICILE: riscrivi con frasi brevi e parole comuni"
}

// nowOr returns the -now instant, or the current time when -now was not given.
func nowOr(n nowFlag) time.Time { return n.Or(time.Now()) }
