package preview

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quartieri/generator/diag"
)

func TestErrorPageShowsFileLineMessageAndSource(t *testing.T) {
	root := t.TempDir()
	src := "---\ntitle: Presidi\n---\nRiga quattro\nRiga <b>cinque</b> & co\nRiga sei\nRiga sette\nRiga otto\n"
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "presidi.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	page := string(errorPage(root, diag.List{
		{File: "content/presidi.md", Line: 5, Message: "il testo <script> non va bene"},
		{File: "site.yaml", Message: "manca il titolo"},
		{Message: "errore senza posto"},
	}))
	for _, want := range []string{
		`<html lang="it">`,
		"<h1>Errore nel contenuto</h1>",
		"ci sono 3 errori",
		"<ol>",
		"<code>content/presidi.md:5</code>",
		"il testo &lt;script&gt; non va bene",
		`<span class="n">   3</span> ---`,
		`<span class="n">   4</span> Riga quattro`,
		`<mark><span class="vh">Riga dell’errore: </span><span class="n">   5</span> Riga &lt;b&gt;cinque&lt;/b&gt; &amp; co</mark>`,
		`<span class="n">   7</span> Riga sette`,
		"<code>site.yaml</code>",
		"errore senza posto",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("error page lacks %q:\n%s", want, page)
		}
	}
	for _, unwanted := range []string{"Riga otto", "<b>cinque", "<script>", "   2</span>"} {
		if strings.Contains(page, unwanted) {
			t.Errorf("error page contains %q:\n%s", unwanted, page)
		}
	}
	if n := strings.Count(page, "<pre "); n != 1 {
		t.Errorf("error page has %d <pre> blocks, want 1 (only the entry with a line has source)", n)
	}
}

func TestErrorPageCountsInItalian(t *testing.T) {
	one := string(errorPage(t.TempDir(), diag.List{{File: "site.yaml", Message: "x"}}))
	if !strings.Contains(one, "c’è un errore.") {
		t.Errorf("error page for one error lacks \"c’è un errore.\":\n%s", one)
	}
	two := string(errorPage(t.TempDir(), diag.List{{Message: "x"}, {Message: "y"}}))
	if !strings.Contains(two, "ci sono 2 errori.") {
		t.Errorf("error page for two errors lacks \"ci sono 2 errori.\":\n%s", two)
	}
}

func TestErrorPageReadsNothingOutsideRoot(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "sito")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, "segreto.txt"), []byte("PAROLA SEGRETA\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := string(errorPage(root, diag.List{{File: "../segreto.txt", Line: 1, Message: "x"}}))
	if strings.Contains(page, "PAROLA SEGRETA") {
		t.Fatalf("error page shows a file outside the root:\n%s", page)
	}
}

func TestDiagnosticsOf(t *testing.T) {
	list := diag.List{
		{File: "content/a.md", Line: 2, Message: "attenzione", Severity: diag.Warning},
		{File: "content/b.md", Line: 7, Message: "sbagliato"},
	}
	tests := []struct {
		err  error
		want string
	}{
		{list, "content/b.md:7: sbagliato"},
		{fmt.Errorf("build: %w", list), "content/b.md:7: sbagliato"},
		{&list, "content/b.md:7: sbagliato"},
		{diag.List{{File: "content/a.md", Message: "solo avviso", Severity: diag.Warning}}, "content/a.md: solo avviso"},
		{errors.New("tema mancante"), "tema mancante"},
	}
	for _, tt := range tests {
		var lines []string
		for _, d := range diagnosticsOf(tt.err) {
			lines = append(lines, terminalLine(d))
		}
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("diagnosticsOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
