package main

import (
	"flag"
	"fmt"
	"io"

	"quartieri/internal/cli"
)

// newFlags returns a flag set whose errors parseFlags prints in Italian.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args and explains mistakes in Italian.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stderr, usage)
			return errUsage
		}
		msg := cli.FlagError(err)
		fmt.Fprintf(stderr, "generator %s: %s\nScrivi generator help per l'elenco dei comandi e delle opzioni.\n", fs.Name(), msg)
		return errUsage
	}
	return nil
}

// nowFlag is the value of -now (see package cli): zero when not given.
type nowFlag = cli.Now
