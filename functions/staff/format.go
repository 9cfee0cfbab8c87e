package main

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"quartieri/internal/formdef"
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

// Terminal safety. Whatever a record holds is shown so that it cannot drive the staff member's terminal or hide
// what it says: control characters (terminal escapes, NUL, DEL, C1) and format characters (Unicode category Cf:
// the bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069, the zero-width U+200B–U+200F, the
// byte order mark U+FEFF, soft hyphens...) are never printed raw but escaped as \u202E; a byte that is not UTF-8
// shows as \uFFFD. Format characters are forms.IsInvisible, the
// form core's own notion, which refuses them in one-line fields.

// invisible reports whether r must be shown escaped.
func invisible(r rune) bool {
	return unicode.IsControl(r) || forms.IsInvisible(r) || r == utf8.RuneError
}

// escape writes r as \uXXXX.
func escape(r rune) string { return fmt.Sprintf("\\u%04X", r) }

// oneLine makes s safe for a table cell: line breaks, tabs and other spaces become one space; invisible
// characters are escaped.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case space:
			b.WriteByte(' ')
		}
		space = false
		if invisible(r) {
			b.WriteString(escape(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// text makes s safe for the terminal keeping its line breaks: tabs become spaces, invisible characters are
// escaped.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case invisible(r):
			b.WriteString(escape(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tableWidth is the width of a terminal that every table fits.
const tableWidth = 100

// fitRows lays out rows (the first is the header) in lines of at most width columns, two spaces between cells:
// cells are made safe (oneLine); if the lines are too long the widest columns that are not fixed are narrowed,
// none below 6 characters, and their long cells cut with "…". The single-item views (candidatura, messaggio)
// show every value whole.
func fitRows(rows [][]string, width int, fixed ...int) []string {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	widths := make([]int, n)
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = make([]string, n)
		for j := range n {
			if j < len(r) {
				cells[i][j] = oneLine(r[j])
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(cells[i][j]))
		}
	}
	total := func() int {
		t := 2 * (n - 1)
		for _, w := range widths {
			t += w
		}
		return t
	}
	for total() > width {
		i, second := -1, 0
		for j, w := range widths {
			if slices.Contains(fixed, j) {
				continue
			}
			if i < 0 || w > widths[i] {
				i = j
			}
		}
		for j, w := range widths {
			if j != i && !slices.Contains(fixed, j) && w > second {
				second = w
			}
		}
		if i < 0 || widths[i] <= 6 {
			break
		}
		widths[i] = max(min(widths[i]-(total()-width), max(second, widths[i]-1)), 6)
	}
	lines := make([]string, len(cells))
	for i, r := range cells {
		var b strings.Builder
		for j, c := range r {
			c = cut(c, widths[j])
			b.WriteString(c)
			if j < n-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)+2))
			}
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return lines
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
	"candidate":  "conferma al candidato",
	"superseded": "avviso di sostituzione",
	"staff":      "avviso al personale",
	"presidio":   "messaggio al presidio",
	"tenant":     "conferma all'inquilino",
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
	if t, ok := formdef.Contact.Field("topic").Label(id); ok {
		return t
	}
	return id
}

// table collects the rows of a list and prints them fitted to tableWidth; a row may have a note, printed
// indented on the line below it (for a long value: a message's start, what to do).
type table struct {
	rows  [][]string
	notes map[int]string
	fixed []int // columns never cut (numbers, dates, states)
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// note sets the note of the last row.
func (t *table) note(s string) {
	if t.notes == nil {
		t.notes = map[int]string{}
	}
	t.notes[len(t.rows)-1] = s
}

// noteIndent is where a note starts: under the second column (after a number).
const noteIndent = "           "

func (t *table) print(w io.Writer) {
	for i, l := range fitRows(t.rows, tableWidth, t.fixed...) {
		fmt.Fprintln(w, l)
		if n, ok := t.notes[i]; ok {
			fmt.Fprintln(w, noteIndent+cut(oneLine(n), tableWidth-len(noteIndent)))
		}
	}
}
