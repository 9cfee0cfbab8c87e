package preview

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// builder runs the build and publishes its result to the site.
type builder struct {
	build          func() (map[string][]byte, error)
	root           string
	srv            *server
	stdout, stderr io.Writer
}

// rebuild builds the whole site, makes the result what the server shows, reports it and reloads the open tabs.
// changed names the paths that caused it (none for the first build).
func (b *builder) rebuild(changed []string) {
	start := time.Now()
	files, err := b.safeBuild()
	took := time.Since(start).Milliseconds()
	verb := "Ricostruito"
	if changed == nil {
		verb = "Costruito"
	}
	if err != nil {
		diags := diagnosticsOf(err)
		prev := b.srv.current.Load()
		b.srv.current.Store(&snapshot{files: prev.files, failure: errorPage(b.root, diags)})
		for _, d := range diags {
			fmt.Fprintln(b.stderr, terminalLine(d))
		}
		fmt.Fprintf(b.stdout, "Errore nel contenuto (%s): il sito non si aggiorna finché non lo correggi (%d ms)\n",
			count(len(diags)), took)
	} else {
		normal := make(map[string][]byte, len(files))
		for name, body := range files {
			normal[strings.TrimPrefix(name, "/")] = body
		}
		b.srv.current.Store(&snapshot{files: normal})
		fmt.Fprintf(b.stdout, "%s in %d ms%s\n", verb, took, b.which(changed))
	}
	b.srv.events.reload()
}

// safeBuild calls the build, turning a panic into an error so that a bug never stops the preview.
func (b *builder) safeBuild() (files map[string][]byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("errore interno del generatore: %v", r)
		}
	}()
	return b.build()
}

// which names the changed files for the rebuild line, relative to the root: ": content/a.md, site.yaml", with
// at most three names and "e altri N" for the rest; "" when there are none.
func (b *builder) which(changed []string) string {
	var names []string
	for _, c := range changed {
		if rel, err := filepath.Rel(b.root, c); err == nil && filepath.IsLocal(rel) {
			names = append(names, filepath.ToSlash(rel))
		}
	}
	if len(names) == 0 {
		return ""
	}
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("e altri %d", len(names)-3))
	}
	return ": " + strings.Join(names, ", ")
}

func count(n int) string {
	if n == 1 {
		return "un errore"
	}
	return fmt.Sprintf("%d errori", n)
}
