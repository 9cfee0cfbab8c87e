package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"quartieri/generator/publish"
	"quartieri/generator/site"
)

// runDeploy builds the site in memory with every check, refuses placeholders unless -allow-placeholders, and
// publishes it to the S3 bucket (see package publish), invalidating what changed on -distribution.
func runDeploy(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("deploy")
	bucket := fs.String("bucket", "", "")
	source := fs.String("source", ".", "")
	distribution := fs.String("distribution", "", "")
	prefix := fs.String("prefix", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	force := fs.Bool("force", false, "")
	maxDeletes := fs.Int("max-deletes", 256, "")
	allowPlaceholders := fs.Bool("allow-placeholders", false, "")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return deployUsage(stderr, fmt.Sprintf("argomento in più %q", fs.Arg(0)))
	case *bucket == "":
		return deployUsage(stderr, "manca -bucket: il nome del bucket del sito (l'output SiteBucket di sam deploy)")
	case *maxDeletes < 0:
		return deployUsage(stderr, "-max-deletes non può essere negativo")
	}

	res, err := site.Build(os.DirFS(*source), site.Options{Now: time.Now()})
	if err != nil {
		err = printDiagnostics(err, stderr)
		fmt.Fprintln(stderr, "Niente è stato pubblicato.")
		return err
	}
	placeholders, others := splitPlaceholders(res.Diagnostics)
	if len(placeholders) > 0 && !*allowPlaceholders {
		fmt.Fprintf(stderr, "Il sito non può andare online: restano %d segnaposto da completare.\n", len(placeholders))
		printList(stderr, placeholders, "")
		fmt.Fprintln(stderr, "Scrivi i dati veri al posto dei segnaposto e rilancia. Per provare la pubblicazione in un bucket di prova, aggiungi -allow-placeholders.")
		return errReported
	}
	fmt.Fprintln(stdout, res.Summary())
	if len(placeholders) > 0 {
		fmt.Fprintf(stderr, "attenzione: pubblico %d segnaposto da completare (-allow-placeholders): solo per un bucket di prova\n", len(placeholders))
	}
	if len(others) > 0 {
		fmt.Fprintf(stderr, "nota: %d avvisi (testi difficili...): esegui generator check per leggerli\n", len(others))
	}
	noteTranslations(stderr, res.Report)

	b, cdn, err := publish.NewAWS(ctx, getenv, *bucket, *prefix, *distribution)
	if err != nil {
		return err
	}
	where := "s3://" + *bucket + "/" + publish.KeyPrefix(*prefix)
	if *dryRun {
		fmt.Fprintf(stdout, "Prova (-dry-run): ecco cosa farei in %s; non scrivo niente.\n", where)
	} else {
		fmt.Fprintf(stdout, "Pubblico in %s\n", where)
	}
	sum, err := publish.Publish(ctx, res.Files, publish.Options{Bucket: b, CDN: cdn, Force: *force, DryRun: *dryRun,
		MaxDeletes: *maxDeletes, Log: stdout})
	var tooMany *publish.TooManyDeletesError
	switch {
	case errors.As(err, &tooMany):
		return fmt.Errorf("%w. Niente è stato scritto", err)
	case err != nil && (sum.Uploaded < sum.ToUpload || sum.Deleted < sum.ToDelete):
		fmt.Fprintf(stderr, "Pubblicazione interrotta: %d file caricati su %d, %s. Il sito online resta coerente "+
			"(le pagine non ancora sostituite usano ancora i loro file, che non sono stati eliminati): rilancia generator deploy per finire.\n",
			sum.Uploaded, sum.ToUpload, plural(sum.Deleted, "file eliminato", "file eliminati", "nessun file eliminato"))
		return err
	case err != nil:
		return err
	}
	printSummary(stdout, sum, *dryRun)
	return nil
}

// printSummary prints what was published (or, with -dry-run, what would be).
func printSummary(w io.Writer, s publish.Summary, dryRun bool) {
	secs := fmt.Sprintf("%d ms", s.Duration.Milliseconds())
	if s.Duration >= 10*time.Second {
		secs = strings.Replace(fmt.Sprintf("%.1f s", s.Duration.Seconds()), ".", ",", 1)
	}
	if dryRun {
		fmt.Fprintf(w, "Da fare: %s (%s), %s, %s. Niente è stato scritto.\n",
			plural(s.Uploaded, "file da caricare", "file da caricare", "nessun file da caricare"), publish.Size(s.Bytes),
			plural(s.Unchanged, "file invariato", "file invariati", "nessun file invariato"),
			plural(s.Deleted, "file da eliminare", "file da eliminare", "nessun file da eliminare"))
		if len(s.Paths) > 0 {
			fmt.Fprintf(w, "CloudFront: invaliderei %s\n", strings.Join(s.Paths, " "))
		}
		return
	}
	fmt.Fprintf(w, "Pubblicato in %s: %s (%s), %s, %s.\n", secs,
		plural(s.Uploaded, "file caricato", "file caricati", "nessun file caricato"), publish.Size(s.Bytes),
		plural(s.Unchanged, "file invariato", "file invariati", "nessun file invariato"),
		plural(s.Deleted, "file eliminato", "file eliminati", "nessun file eliminato"))
	if s.Invalidation != "" {
		fmt.Fprintf(w, "CloudFront: invalidazione %s di %s (pronta in qualche minuto)\n", s.Invalidation, strings.Join(s.Paths, " "))
	}
}

// plural writes "1 file caricato", "3 file caricati", or none for 0.
func plural(n int, one, many, none string) string {
	switch n {
	case 0:
		return none
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func deployUsage(stderr io.Writer, msg string) error {
	fmt.Fprintf(stderr, "generator deploy: %s\nScrivi generator help per l'elenco dei comandi e delle opzioni.\n", msg)
	return errUsage
}
