package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
	"quartieri/internal/theme"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		dest, dir string
		want      target
	}{
		{"foto.jpg", "servizi", target{Path: "/servizi/foto.jpg", Internal: true, Dest: "/servizi/foto.jpg"}},
		{"../contatti.md#scrivici", "servizi", target{Path: "/contatti/", Frag: "scrivici", Internal: true, Dest: "/contatti/#scrivici"}},
		{"presidi.md", "", target{Path: "/presidi/", Internal: true, Dest: "/presidi/"}},
		{"_index.md", "servizi", target{Path: "/servizi/", Internal: true, Dest: "/servizi/"}},
		{"/presidi/codogno/", "servizi", target{Path: "/presidi/codogno/", Internal: true, Dest: "/presidi/codogno/"}},
		{"#orari", "servizi", target{Path: "", Frag: "orari", Internal: true, Dest: "#orari"}},
		{"sotto/", "servizi", target{Path: "/servizi/sotto/", Internal: true, Dest: "/servizi/sotto/"}},
		{"foto uno.jpg", "", target{Path: "/foto uno.jpg", Internal: true, Dest: "/foto%20uno.jpg"}},
		{"https://esempio.it/presidi/#a", "", target{Path: "/presidi/", Frag: "a", Internal: true, Dest: "https://esempio.it/presidi/#a"}},
		{"https://www.regione.lombardia.it/", "", target{External: true, Dest: "https://www.regione.lombardia.it/"}},
		{"//altro.it/x", "", target{External: true, Dest: "//altro.it/x"}},
		{"mailto:a@b.it", "", target{Dest: "mailto:a@b.it"}},
		{"../../fuori.md", "servizi", target{Bad: "l'indirizzo esce dalla cartella content: scrivilo a partire da / (per esempio /contatti/)", Dest: "../../fuori.md"}},
	}
	for _, tt := range tests {
		if got := resolve(tt.dest, tt.dir, "esempio.it"); got != tt.want {
			t.Errorf("resolve(%q, %q) = %+v, want %+v", tt.dest, tt.dir, got, tt.want)
		}
	}
}

func TestPageURL(t *testing.T) {
	tests := []struct{ in, url, out string }{
		{"_index.md", "/", "index.html"},
		{"servizi/_index.md", "/servizi/", "servizi/index.html"},
		{"servizi/presidi.md", "/servizi/presidi/", "servizi/presidi/index.html"},
	}
	for _, tt := range tests {
		if got := pageURL(tt.in); got != tt.url {
			t.Errorf("pageURL(%q) = %q, want %q", tt.in, got, tt.url)
		}
		if got := outputPath(tt.url); got != tt.out {
			t.Errorf("outputPath(%q) = %q, want %q", tt.url, got, tt.out)
		}
	}
}

func TestSkipReason(t *testing.T) {
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		fm     FrontMatter
		drafts bool
		want   string
	}{
		{"published", FrontMatter{}, false, ""},
		{"draft", FrontMatter{Draft: true}, false, skipDraft},
		{"draft with -drafts", FrontMatter{Draft: true}, true, ""},
		{"future", FrontMatter{PublishDate: now.Add(time.Second)}, false, skipFuture},
		{"publish now", FrontMatter{PublishDate: now}, false, ""},
		{"future with -drafts", FrontMatter{PublishDate: now.Add(time.Hour)}, true, ""},
		{"expired now", FrontMatter{ExpiryDate: now}, false, skipExpired},
		{"expires later", FrontMatter{ExpiryDate: now.Add(time.Second)}, false, ""},
	}
	for _, tt := range tests {
		if got := skipReason(tt.fm, Options{Now: now, Drafts: tt.drafts}); got != tt.want {
			t.Errorf("%s: skipReason = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSortPages(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC) }
	ps := []*theme.Page{
		{Title: "senza peso, vecchia", Date: d(1), URL: "/a/"},
		{Title: "peso 2", Weight: 2, URL: "/b/"},
		{Title: "senza peso, nuova", Date: d(9), URL: "/c/"},
		{Title: "peso 1", Weight: 1, URL: "/d/"},
		{Title: "B stessa data", Date: d(5), URL: "/e/"},
		{Title: "A stessa data", Date: d(5), URL: "/f/"},
	}
	sortPages(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Title)
	}
	want := "peso 1|peso 2|senza peso, nuova|A stessa data|B stessa data|senza peso, vecchia"
	if strings.Join(got, "|") != want {
		t.Errorf("sortPages order = %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestSummary(t *testing.T) {
	r := &Result{Pages: 42, FilesWritten: 59, Duration: 120 * time.Millisecond,
		skippedBy: map[string]int{skipDraft: 3, skipFuture: 1}}
	want := "Sito costruito: 42 pagine, 17 file, 3 bozze escluse, 1 pagina non ancora pubblicata, in 120 ms"
	if got := r.Summary(); got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

// TestBuildWritesDest checks that a build with Dest writes the same bytes it keeps in memory without it.
func TestBuildWritesDest(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte("title: Prova\ntheme: t\n")},
		"themes/t/layouts/baseof.html": {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/page.html":   {Data: []byte(`{{define "main"}}{{.Page.Title}}{{.Page.Content}}{{end}}`)},
		"content/_index.md":            {Data: []byte("---\ntitle: Home\ndescription: x\n---\nCiao.\n")},
		"content/a/b.md":               {Data: []byte("---\ntitle: B\ndescription: x\n---\n## Uno\n")},
		"content/a/documento.pdf":      {Data: []byte("%PDF-1.4")},
		"content/.nascosto.md":         {Data: []byte("non una pagina")},
		"content/a/b.md~":              {Data: []byte("copia dell'editor")},
		"themes/t/static/js/site.js":   {Data: []byte("// js")},
	}
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	mem, err := Build(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	disk, err := Build(fsys, Options{Now: now, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if disk.Files != nil || disk.FilesWritten != len(mem.Files) || disk.Pages != 3 {
		t.Errorf("Build with Dest: Files=%v FilesWritten=%d Pages=%d; want nil, %d, 3", disk.Files != nil, disk.FilesWritten, disk.Pages, len(mem.Files))
	}
	for name, data := range mem.Files {
		got, err := readFile(dest, name)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s on disk = %q, %v; want %q", name, got, err, data)
		}
	}
	discard, err := Build(fsys, Options{Now: now, Discard: true, Dest: dest})
	if err != nil || discard.Files != nil || discard.FilesWritten != len(mem.Files) {
		t.Errorf("Build with Discard: err=%v Files=%v FilesWritten=%d; want nil, nil, %d", err, discard.Files != nil, discard.FilesWritten, len(mem.Files))
	}
	for _, name := range []string{".nascosto.md", "a/b.md~"} {
		if _, ok := mem.Files[name]; ok {
			t.Errorf("ignored file %s was copied", name)
		}
	}
}

func readFile(dir, name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
}

// TestAnchorLinksEitherWay checks the links to anchors of other pages: with one worker, in file order, a link to
// a page already read is checked at once and a link to a page read later waits for the end of the build; with
// many, either may happen. The errors must be the same, from a one-off build, which reads a page's links again
// to report a broken one, and from a Builder, which keeps them.
func TestAnchorLinksEitherWay(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte("title: Prova\ntheme: t\n")},
		"themes/t/layouts/baseof.html": {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/page.html":   {Data: []byte(`{{define "main"}}{{.Page.Content}}{{end}}`)},
		"content/_index.md":            {Data: []byte("---\ntitle: Home\ndescription: x\n---\nCiao.\n")},
		"content/a.md": {Data: []byte("---\ntitle: A\ndescription: x\n---\n## Orari\n\nVedi [i documenti](b.md#documenti), " +
			"[le regole](b.md#le-regole) e [il modulo](/c/#modulo).\n")},
		"content/b.md": {Data: []byte("---\ntitle: B\ndescription: x\n---\n## Documenti\n\nVedi [gli orari](a.md#orari) e " +
			"[gli orari di apertura](/a/#orari-di-apertura).\n")},
		"content/c.md": {Data: []byte("---\ntitle: C\ndescription: x\n---\n## Modulo\n\n[Orari](/a/#orar)\n")},
	}
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	want := []string{
		"content/a.md:7: il collegamento a b.md#le-regole non funziona: la sezione #le-regole non esiste nella pagina /b/: le sezioni sono #documenti",
		"content/b.md:7: il collegamento a /a/#orari-di-apertura non funziona: la sezione #orari-di-apertura non esiste nella pagina /a/: le sezioni sono #orari",
		"content/c.md:7: il collegamento a /a/#orar non funziona: la sezione #orar non esiste nella pagina /a/: forse intendevi #orari?",
	}
	for _, workers := range []int{1, 4, -1} {
		build := Build
		if workers < 0 { // a Builder's second build, which reuses the first's pages
			bl := NewBuilder()
			_, _ = bl.Build(fsys, Options{Now: now, Workers: 4})
			build = bl.Build
		}
		res, err := build(fsys, Options{Now: now, Workers: workers})
		if err == nil {
			t.Fatalf("%d workers: Build found no error", workers)
		}
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, d.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d workers: diagnostics\n%s\nwant\n%s", workers, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestSitemapParts checks that a sitemap with more pages than one file may list (sitemapLimit, lowered here) is
// split into sitemap-N.xml files, each within the limit, with sitemap.xml as their index, and that together they
// list every page once, in address order; and that a content file cannot take a part's name.
func TestSitemapParts(t *testing.T) {
	defer func(n int) { sitemapLimit = n }(sitemapLimit)
	sitemapLimit = 2
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte("title: Prova\ntheme: t\nbaseURL: https://esempio.it/\n")},
		"themes/t/layouts/baseof.html": {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/page.html":   {Data: []byte(`{{define "main"}}{{.Page.Content}}{{end}}`)},
		"content/_index.md":            {Data: []byte("---\ntitle: Home\ndescription: x\n---\nCiao.\n")},
		"content/404.md":               {Data: []byte("---\ntitle: Non trovata\ndescription: x\n---\nNo.\n")},
	}
	for _, name := range []string{"c", "a", "e", "b", "d"} {
		fsys["content/"+name+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + name + "\ndescription: x\ndate: 2025-03-0" + string('1'+name[0]-'a') + "\n---\nTesto.\n")}
	}
	res, err := Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	wantIndex := xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
		"\n  <sitemap>\n    <loc>https://esempio.it/sitemap-1.xml</loc>\n  </sitemap>" +
		"\n  <sitemap>\n    <loc>https://esempio.it/sitemap-2.xml</loc>\n  </sitemap>" +
		"\n  <sitemap>\n    <loc>https://esempio.it/sitemap-3.xml</loc>\n  </sitemap>\n</sitemapindex>\n"
	if got := string(res.Files["sitemap.xml"]); got != wantIndex {
		t.Errorf("sitemap.xml =\n%s\nwant\n%s", got, wantIndex)
	}
	var locs []string
	for i, want := range []int{2, 2, 2} {
		part := string(res.Files[fmt.Sprintf("sitemap-%d.xml", i+1)])
		if !strings.HasPrefix(part, xml.Header+"<urlset") || strings.Count(part, "<url>") != want {
			t.Errorf("sitemap-%d.xml is not a urlset of %d addresses:\n%s", i+1, want, part)
		}
		for _, m := range regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(part, -1) {
			locs = append(locs, m[1])
		}
	}
	want := []string{"https://esempio.it/", "https://esempio.it/a/", "https://esempio.it/b/", "https://esempio.it/c/",
		"https://esempio.it/d/", "https://esempio.it/e/"}
	if !slices.Equal(locs, want) {
		t.Errorf("the parts list %q, want %q", locs, want)
	}
	if !strings.Contains(string(res.Files["sitemap-2.xml"]), "<lastmod>2025-03-02</lastmod>") {
		t.Errorf("sitemap-2.xml lacks b's lastmod:\n%s", res.Files["sitemap-2.xml"])
	}
	if _, ok := res.Files["sitemap-4.xml"]; ok {
		t.Error("a fourth part was written for six pages")
	}

	fsys["content/sitemap-2.xml"] = &fstest.MapFile{Data: []byte("<urlset/>")}
	_, err = Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "il file sitemap-2.xml del sito verrebbe da due fonti") {
		t.Errorf("a content file named like a sitemap part: err = %v", err)
	}
}

// TestLinkErrorAfterAnEdit checks what a broken link is reported as when its page's file no longer holds it
// where it was (an edit during the build): the file, and a request to build again, not a wrong line.
func TestLinkErrorAfterAnEdit(t *testing.T) {
	p, q := &page{file: "content/a.md"}, &page{url: "/b/"}
	b := &builder{}
	for _, refs := range [][]lint.Ref{nil, {{Dest: "/b/#orari", Line: 7}}} {
		d := b.linkError(p, q, link{ref: 0, frag: anchorHash("documenti")}, refs)
		if want := (diag.Diagnostic{File: "content/a.md", Severity: diag.Error, Message: "il file è cambiato durante la costruzione: riprova"}); d != want {
			t.Errorf("refs %v: got %+v, want %+v", refs, d, want)
		}
	}
}

// TestHardPagesWarned checks the Gulpease warning: on a hard page for residents, not on a hard page for staff,
// and the same from a Builder's second build, which reuses the pages' bodies.
func TestHardPagesWarned(t *testing.T) {
	hard := strings.Repeat("considerevolmente amministrativamente straordinariamente ", 12) + "incomprensibile.\n"
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte("title: Prova\ntheme: t\n")},
		"themes/t/layouts/baseof.html": {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/page.html":   {Data: []byte(`{{define "main"}}{{.Page.Content}}{{end}}`)},
		"content/_index.md":            {Data: []byte("---\ntitle: Home\ndescription: x\n---\nCiao. Vieni a trovarci.\n")},
		"content/residenti.md":         {Data: []byte("---\ntitle: R\ndescription: x\n---\n" + hard)},
		"content/staff.md":             {Data: []byte("---\ntitle: S\ndescription: x\naudience: staff\n---\n" + hard)},
	}
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	bl := NewBuilder()
	for _, build := range []func(fs.FS, Options) (*Result, error){Build, bl.Build, bl.Build} {
		res, err := build(fsys, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "Gulpease") {
				got = append(got, d.File)
			}
		}
		if !slices.Equal(got, []string{"content/residenti.md"}) {
			t.Errorf("Gulpease warnings on %v, want on content/residenti.md only", got)
		}
	}
}
