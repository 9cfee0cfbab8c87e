package site

import (
	"regexp"
	"strconv"
	"strings"

	"quartieri/generator/diag"
)

// lineDiag turns "12: message" (or "message") about file into an error diagnostic.
func lineDiag(s, file string) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Severity: diag.Error, Message: strings.TrimSpace(s)}
	if n, rest, ok := strings.Cut(s, ":"); ok {
		if line, err := strconv.Atoi(strings.TrimSpace(n)); err == nil {
			d.Line, d.Message = line, strings.TrimSpace(rest)
		}
	}
	return d
}

// templateErr matches html/template errors: "template: page.html:12:5: executing ..." or
// "template: page.html:12: unexpected ...".
var templateErr = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::\d+)?: (.*)`)

// templateDiag turns a template parse or execution error into a diagnostic on the template file in dir.
func templateDiag(err error, dir string) diag.Diagnostic {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		name := m[1]
		if !strings.Contains(name, "/") || strings.HasPrefix(name, "partials/") {
			name = dir + "/" + name
		}
		return diag.Diagnostic{File: name, Line: line, Severity: diag.Error,
			Message: "errore nel modello della pagina: " + m[3]}
	}
	return diag.Diagnostic{File: dir, Severity: diag.Error, Message: "errore nel tema: " + msg}
}
