package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"quartieri/generator/diag"
	"quartieri/generator/site"
)

// runBuild builds the site into -dest and prints the summary.
func runBuild(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("build")
	source := fs.String("source", ".", "")
	dest := fs.String("dest", "", "")
	drafts := fs.Bool("drafts", false, "")
	var now nowFlag
	fs.Var(&now, "now", "")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "generator build: argomento in più %q\n\n%s", fs.Arg(0), usage)
		return errUsage
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	ours, err := clearOldBuild(*dest)
	if err != nil {
		return err
	}
	res, err := site.Build(os.DirFS(*source), site.Options{
		Drafts: *drafts, Now: nowOr(now), Dest: *dest,
		CapMemory: getenv("GOMEMLIMIT") == "", // whoever sets GOMEMLIMIT chooses the limit
	})
	if err != nil {
		if ours {
			os.RemoveAll(*dest) // no half-built site left to publish by mistake
		}
		return printDiagnostics(err, stderr)
	}
	if n := len(res.Diagnostics) - len(res.Diagnostics.Errors()); n > 0 {
		fmt.Fprintf(stderr, "nota: %d avvisi (segnaposto da completare, testi difficili...): esegui generator check per leggerli\n", n)
	}
	fmt.Fprintf(stdout, "%s\nFile scritti in %s\n", res.Summary(), *dest)
	return nil
}

// printDiagnostics prints a build's errors, one "file:line: message" a line, and returns errReported; any
// other error is returned as it is.
func printDiagnostics(err error, stderr io.Writer) error {
	var list diag.List
	if !errors.As(err, &list) {
		return err
	}
	for _, d := range list {
		fmt.Fprintln(stderr, d.String())
	}
	fmt.Fprintf(stderr, "Il sito non è stato costruito: %s da correggere.\n", countErrors(len(list)))
	return errReported
}

func countErrors(n int) string {
	if n == 1 {
		return "1 errore"
	}
	return fmt.Sprintf("%d errori", n)
}

// clearOldBuild removes dest when it holds an earlier build of the site (it has sitemap.xml and 404.html), so
// that deleted pages do not linger; any other folder is left alone. It reports whether dest is now the
// builder's own (removed, or not there before), which a failed build may then remove.
func clearOldBuild(dest string) (bool, error) {
	if _, err := os.Stat(dest); errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	for _, f := range []string{"sitemap.xml", "404.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			return false, nil
		}
	}
	return true, os.RemoveAll(dest)
}
