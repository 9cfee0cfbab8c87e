package main

import (
	"io"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// shortDate is a date and time in Europe/Rome for tables: "20/04/2025 10:00".
func shortDate(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(siteconfig.Rome).Format("02/01/2006 15:04")
}

// longDate is a date and time in Europe/Rome in words: "20 aprile 2025, ore 10:00".
func longDate(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return theme.DateTimeIT(t)
}

// oneLine makes s safe for a table cell: control characters (line breaks, tabs, terminal escapes) become
// spaces, runs of spaces one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// text makes s safe for the terminal keeping its line breaks: other control characters are dropped.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

// cut shortens s to at most n characters, ending with "…" when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// orDash is s, or "-" when s is empty.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

// newTable writes aligned columns; cells must have gone through oneLine.
func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// row writes one table row.
func row(tw *tabwriter.Writer, cells ...string) {
	for i, c := range cells {
		cells[i] = oneLine(c)
	}
	io.WriteString(tw, strings.Join(cells, "\t")+"\n")
}

var refRE = regexp.MustCompile(`^[A-Z0-9]{8}$`)

// normalizeRef accepts a receipt or ticket number as typed: any case, spaces, with or without its dash.
func normalizeRef(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if refRE.MatchString(s) {
		return s[:4] + "-" + s[4:]
	}
	return s
}

// mailKinds are the mails the form core sends, as staff call them.
var mailKinds = map[string]string{
	"candidate": "conferma al candidato",
	"staff":     "avviso al personale",
	"presidio":  "messaggio al presidio",
	"tenant":    "conferma all'inquilino",
}

func mailKind(kind string) string {
	if k, ok := mailKinds[kind]; ok {
		return k
	}
	return kind
}

// failed reports whether a note's status is a failure, and its reason.
func failed(status string) (string, bool) {
	if status == "sent" {
		return "", false
	}
	reason, _ := strings.CutPrefix(status, "failed:")
	return strings.TrimSpace(reason), true
}

// mailStatus is a note's status in words.
func mailStatus(status string) string {
	if reason, bad := failed(status); bad {
		return "NON INVIATA (" + reason + ")"
	}
	return "inviata"
}

// topicName is the contact form's topic as the form shows it.
func topicName(id string) string {
	if t, ok := forms.Topics[id]; ok {
		return t
	}
	return id
}
