package site

import (
	"fmt"
	"strings"
	"time"
)

// Summary is the line printed at the end of a build, e.g. "Sito costruito: 42 pagine, 17 file, 3 bozze escluse,
// in 120 ms". Files are the files other than pages (copied files, feeds, sitemap, redirects).
func (r *Result) Summary() string {
	parts := []string{plural(r.Pages, "pagina", "pagine"), plural(r.FilesWritten-r.Pages, "file", "file")}
	for _, s := range []struct{ reason, one, many string }{
		{skipDraft, "bozza esclusa", "bozze escluse"},
		{skipFuture, "pagina non ancora pubblicata", "pagine non ancora pubblicate"},
		{skipExpired, "pagina scaduta esclusa", "pagine scadute escluse"},
	} {
		if n := r.skippedBy[s.reason]; n > 0 {
			parts = append(parts, plural(n, s.one, s.many))
		}
	}
	return "Sito costruito: " + strings.Join(parts, ", ") + ", in " + formatDuration(r.Duration)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func formatDuration(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
}
