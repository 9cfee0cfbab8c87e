// Package diag is the shape of every message the generator gives a staff member about their content:
// "content/servizi/x.md:7: testo" — file, line, and what to do, in plain Italian.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity int

// Severities: an Error stops `build` and makes `check` exit 1; a Warning and an Info are only reported.
const (
	Error Severity = iota
	Warning
	Info
)

// Diagnostic is one message about one place in the source.
type Diagnostic struct {
	// File is relative to the source root with forward slashes, e.g. content/servizi/x.md.
	File string
	// Line counts from 1; 0 when the message is about the whole file.
	Line     int
	Severity Severity
	// Message is plain Italian and says how to fix the problem.
	Message string
}

// String formats the diagnostic as "file:line: message", with "attenzione: " before warnings.
func (d Diagnostic) String() string {
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	switch d.Severity {
	case Warning:
		return loc + ": attenzione: " + d.Message
	case Info:
		return loc + ": nota: " + d.Message
	}
	return loc + ": " + d.Message
}

// List is a set of diagnostics; as an error it holds at least one Error.
type List []Diagnostic

// Error joins the errors of the list, one per line.
func (l List) Error() string {
	var b strings.Builder
	for _, d := range l.Errors() {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Errors returns the diagnostics of severity Error.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool { return len(l.Errors()) > 0 }

// Sort orders diagnostics by file, line, then message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}
