package preview

import (
	"bufio"
	"bytes"
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strconv"

	"quartieri/generator/diag"
)

// contextLines is how many source lines the error page shows before and after the line of an error.
const contextLines = 2

// diagnosticsOf turns a failed build's error into the list to show: the Errors of a diag.List (all of it when it
// holds none), or the error's text as a single message without a place.
func diagnosticsOf(err error) diag.List {
	var l diag.List
	var lp *diag.List
	switch {
	case errors.As(err, &l):
	case errors.As(err, &lp) && lp != nil:
		l = *lp
	}
	if errs := l.Errors(); len(errs) > 0 {
		return errs
	}
	if len(l) > 0 {
		return l
	}
	return diag.List{{Severity: diag.Error, Message: err.Error()}}
}

// where formats a diagnostic's place as "file:line", "file" or "" when it has none.
func where(d diag.Diagnostic) string {
	switch {
	case d.File == "":
		return ""
	case d.Line > 0:
		return d.File + ":" + strconv.Itoa(d.Line)
	}
	return d.File
}

// terminalLine is a diagnostic as the terminal shows it: "file:line: message".
func terminalLine(d diag.Diagnostic) string {
	if w := where(d); w != "" {
		return w + ": " + d.Message
	}
	return d.Message
}

type errorEntry struct {
	Where   string
	Message string
	Source  []sourceLine
}

type sourceLine struct {
	Number int
	Text   string
	Bad    bool
}

// errorPage renders the Italian page shown instead of every HTML page while the build is broken. Source lines
// are read from root; a File that leaves root is named but not read.
func errorPage(root string, diags diag.List) []byte {
	entries := make([]errorEntry, len(diags))
	for i, d := range diags {
		entries[i] = errorEntry{Where: where(d), Message: d.Message, Source: sourceAround(root, d.File, d.Line)}
	}
	var b bytes.Buffer
	if err := errorTemplate.Execute(&b, entries); err != nil {
		// The template is fixed and its data are strings: this cannot happen, but never serve half a page.
		return []byte("<!DOCTYPE html><html lang=\"it\"><title>Errore nel contenuto</title><h1>Errore nel contenuto</h1>")
	}
	return b.Bytes()
}

// sourceAround returns the line of file at line and contextLines either side, or nil when there is nothing to show.
func sourceAround(root, file string, line int) []sourceLine {
	if file == "" || line < 1 || !filepath.IsLocal(filepath.FromSlash(file)) {
		return nil
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []sourceLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan() && n <= line+contextLines; n++ {
		if n >= line-contextLines {
			out = append(out, sourceLine{Number: n, Text: sc.Text(), Bad: n == line})
		}
	}
	return out
}

var errorTemplate = template.Must(template.New("errore").Parse(errorHTML))

const errorHTML = `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Errore nel contenuto</title>
<style>
body{font:1.125rem/1.5 system-ui,sans-serif;color:#0b0c0c;background:#fff;margin:0;padding:1rem}
main{max-width:60rem;margin:auto}
h1{color:#8a1c12;font-size:1.75rem}
h2{font-size:1.125rem;margin:0;overflow-wrap:anywhere}
li{margin-bottom:1.5rem}
pre:focus{outline:3px solid #0b0c0c;outline-offset:2px}
pre{background:#f3f2f1;padding:.5rem;overflow-x:auto;font-size:1rem}
mark{background:#ffdd00;color:#0b0c0c;display:inline-block;min-width:100%}
.n{color:#505a5f}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style>
</head>
<body>
<main>
<h1>Errore nel contenuto</h1>
<p>Il sito non si può aggiornare: {{if eq (len .) 1}}c’è un errore{{else}}ci sono {{len .}} errori{{end}}. Correggi il file indicato e salvalo: questa pagina si aggiorna da sola. Intanto i file che non sono pagine restano quelli dell’ultima versione riuscita.</p>
<ol>
{{- range .}}
<li>
{{- if .Where}}<h2><code>{{.Where}}</code></h2>{{end}}
<p>{{.Message}}</p>
{{- if .Source}}
<pre tabindex="0" aria-label="Le righe di {{.Where}}"><code>
{{- range .Source}}{{if .Bad}}<mark><span class="vh">Riga dell’errore: </span><span class="n">{{printf "%4d" .Number}}</span> {{.Text}}</mark>{{else}}<span class="n">{{printf "%4d" .Number}}</span> {{.Text}}{{end}}
{{end -}}
</code></pre>
{{- end}}
</li>
{{- end}}
</ol>
</main>
</body>
</html>
`
