// Package cli holds what the project's commands (generator, functions/staff) share on their command line: the
// -now value, read the same way by both, and the Italian wording of the flag package's errors.
//
// A time is RFC 3339 ("2025-04-28T10:30:00+02:00") or a date with an optional time and no zone
// ("2025-04-28 10:30", "2025-04-28T10:30", "2025-04-28 10:30:05", "2025-04-28"), taken in Europe/Rome.
package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"quartieri/internal/siteconfig"
)

// layouts are the accepted time formats; all but RFC 3339 are read in Europe/Rome.
var layouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// ParseTime reads a time in one of the package's formats.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		loc := siteconfig.Rome
		if l == time.RFC3339 {
			loc = time.UTC // ignored: RFC 3339 carries its zone
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("data non valida")
}

// Now is the value of a -now flag: zero when not given.
type Now struct{ T time.Time }

func (n *Now) String() string {
	if n == nil || n.T.IsZero() {
		return ""
	}
	return n.T.Format(time.RFC3339)
}

// Set parses s with ParseTime.
func (n *Now) Set(s string) error {
	t, err := ParseTime(s)
	if err != nil {
		return fmt.Errorf("%q non è una data valida: scrivila come 2025-04-28 10:30 (ora di Roma) "+
			"o come 2025-04-28T10:30:00+02:00", s)
	}
	n.T = t
	return nil
}

// Or returns the -now instant, or real when -now was not given.
func (n Now) Or(real time.Time) time.Time {
	if n.T.IsZero() {
		return real
	}
	return n.T
}

var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value ".*" for (?:flag )?-([\w-]+): (.*)$`)

// FlagError says in Italian what an error of flag.FlagSet.Parse means, without a final full stop.
func FlagError(err error) string {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		if m[2] == "parse error" {
			return "-" + m[1] + ": valore non valido (scrivi -" + m[1] + " oppure -" + m[1] + "=false)"
		}
		return "-" + m[1] + ": " + m[2]
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "opzione sconosciuta " + name
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "manca il valore dell'opzione " + name
	}
	return "opzioni sbagliate: " + msg
}
