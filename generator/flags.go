package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"quartieri/generator/site"
)

var invalidValue = regexp.MustCompile(`^invalid value ".*" for flag -(\w+): (.*)$`)

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
		msg := err.Error()
		switch {
		case strings.HasPrefix(msg, "flag provided but not defined: "):
			msg = "opzione sconosciuta " + strings.TrimPrefix(msg, "flag provided but not defined: ")
		case invalidValue.MatchString(msg):
			m := invalidValue.FindStringSubmatch(msg)
			msg = "-" + m[1] + ": " + m[2]
		case strings.HasPrefix(msg, "flag needs an argument: "):
			msg = "manca il valore dell'opzione " + strings.TrimPrefix(msg, "flag needs an argument: ")
		}
		fmt.Fprintf(stderr, "generator %s: %s\nScrivi generator help per l'elenco dei comandi e delle opzioni.\n", fs.Name(), msg)
		return errUsage
	}
	return nil
}

// nowFlag is the value of -now: zero when not given.
type nowFlag struct{ t time.Time }

func (n *nowFlag) String() string {
	if n.t.IsZero() {
		return ""
	}
	return n.t.Format(time.RFC3339)
}

// Set parses RFC 3339, or a date and time without a zone (taken in Europe/Rome).
func (n *nowFlag) Set(s string) error {
	t, err := site.ParseDate(s)
	if err != nil {
		return fmt.Errorf("%q non è una data valida: scrivila come 2025-04-28T23:59:59+02:00", s)
	}
	n.t = t
	return nil
}
