package lint

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"quartieri/generator/callstatus"
)

// md is configured like the builder's Markdown.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, callstatus.Extension),
	goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
)

// parse returns the Input of a page whose body starts on line 5 of content/prova.md, as after a four-line front
// matter.
func parse(src string) Input {
	b := []byte(src)
	return Input{File: "content/prova.md", Source: b, FirstLine: 5, Doc: md.Parser().Parse(text.NewReader(b)), Title: "Prova"}
}

// goodPage breaks none of the rules.
const goodPage = `Il presidio di Codogno ascolta gli inquilini. Scrivi all'operatore di quartiere.

## Come chiedere aiuto

Leggi [il bando per community manager](/lavora-con-noi/bando/) e [le regole dell'aiuto](#chi-puo-chiedere).
Scrivi a <presidio@example.it> oppure visita [il sito di Regione Lombardia](https://www.regione.lombardia.it).

![Il cortile delle case Aler di Codogno](cortile.png)

[![Mappa del presidio di Codogno](mappa.png)](/presidi/codogno/)

### Chi può chiedere

- Chi non riesce a pagare l'affitto.
- Chi non riesce a pagare le bollette.

#### Documenti

| Documento | Dove si trova |
| --- | --- |
| Bolletta | Nella posta |

## Altre domande

Scrivi a [Aler Pavia-Lodi](https://example.it/aler)[^1].

[^1]: Risponde in pochi giorni.

Community manager
: Operatore di quartiere.

` + "```\n# non è un titolo\n[qui](x) ![](y.png)\n```\n"

func TestPageGoodContent(t *testing.T) {
	if got := Page(parse(goodPage)); len(got) != 0 {
		t.Errorf("Page(good page) = %v, want no diagnostics", got)
	}
}

func TestPage(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want holds "line: words" for each diagnostic, in order; every word must be in the message.
		want []string
	}{
		{"image without alt", "Testo.\n\n![](foto.jpg)\n", []string{"7: foto.jpg testo alternativo"}},
		{"image with blank alt", "![  ](a.png)\n", []string{"5: a.png testo alternativo"}},
		{"alt is a file name", "Testo.\n![foto.jpg](img/foto.jpg)\n", []string{"6: nome di file"}},
		{"alt is another file name", "![IMG_2041.JPEG](x.jpeg)\n", []string{"5: nome di file"}},
		{"alt is generic", "![Immagine](a.png) e ![Una foto.](b.png)\n", []string{"5: «Immagine»", "5: «Una foto.»"}},
		{"h1 in body", "# Titolo\n\nTesto.\n", []string{"5: «Titolo» primo livello ##"}},
		{"h1 repeats the title", "# Prova!\n\nTesto.\n", []string{"5: «Prova!» ripete togli"}},
		{"h2 to h4", "## Uno\n\nTesto.\n\n#### Tre\n", []string{"9: «Tre» dal livello 2 al livello 4 ###"}},
		{"h3 first", "### Subito\n", []string{"5: livello 1 al livello 3 ##"}},
		{"setext h1", "Testo.\n\nTitolo\n======\n", []string{"7: primo livello"}},
		{"going up is fine", "## A\n### B\n#### C\n## D\n### E\n", nil},
		{"heading in a list", "## A\n\n- #### B\n", []string{"7: «B» livello 4"}},
		{"clicca qui", "Per il bando [clicca qui](/bando/).\n", []string{"5: «clicca qui» non dice dove porta"}},
		{"vague text with case and punctuation", "Testo.\n\n[Leggi di più…](/a/) e [QUI!](/b/)\n[Scopri di piu](/c/)\n",
			[]string{"7: «Leggi di più…»", "7: «QUI!»", "8: «Scopri di piu»"}},
		{"vague link over lines", "Vedi\n[clicca\nqui](/a/).\n", []string{"6: «clicca qui»"}},
		{"english", "[click here](/a/) [More](/b/) [here](/c/)\n", []string{"5: «click here»", "5: «More»", "5: «here»"}},
		{"emphasised vague", "[**link**](/a/)\n", []string{"5: «link»"}},
		{"empty link text", "Vedi [](/presidi/).\n", []string{"5: /presidi/ non ha testo"}},
		{"bare URL text", "Sito: [https://example.it/a](https://example.it/a).\n", []string{"5: indirizzo (https://example.it/a)"}},
		{"www text", "Sito: [www.example.it](https://www.example.it).\n", []string{"5: indirizzo (www.example.it)"}},
		{"angle autolink", "Testo.\n\nSito: <https://example.it>.\n", []string{"7: https://example.it ha per testo il suo indirizzo"}},
		{"linkify autolinks", "Testo.\nVai su www.example.it o https://example.org/x oggi.\n",
			[]string{"6: http://www.example.it", "6: https://example.org/x"}},
		{"email autolink is fine", "Scrivi a <a@example.it> o b@example.it.\n", nil},
		{"empty table header", "Testo.\n\n|  |  |\n|---|---|\n| a | b |\n", []string{"7: intestazione"}},
		{"table after a paragraph", "Testo.\nAncora.\n|  |  |\n|---|---|\n| a | b |\n", []string{"7: intestazione"}},
		{"partly empty header is fine", "|  | Lunedì |\n|---|---|\n| Codogno | 9-12 |\n", nil},
		{"call blocks", "::: bando aperto\nFino a {scadenza}.\n:::\n\n::: bando in arrivo o chiuso (x)\nNo.\n:::\n", nil},
		{"unknown phase", "::: bando apertissimo\nTesto.\n:::\n", []string{"5: sconosciuta apertissimo"}},
		{"not a call block", "Testo.\n\n::: nota\nTesto.\n:::\n", []string{"7: sconosciuto nota"}},
		{"unclosed block", "Testo.\n\n::: bando chiuso\nTesto.\n", []string{"7: non è chiuso"}},
		{"nested block", "::: bando chiuso\n::: bando aperto\nx\n:::\n", []string{"6: non apre"}},
		{"stray closing line", "Testo.\n:::\n", []string{"6: non apre"}},
		{"unknown value", "Scrivi a {email}.\n\n- entro {scadenza}\n- {scadenzza}\n", []string{"5: {email}", "8: {scadenzza}"}},
		{"several mistakes in order", "# A\n\n![](x.png)\n\n[qui](/q/)\n", []string{"5: primo livello", "7: x.png", "9: «qui»"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Page(parse(tt.src))
			if len(got) != len(tt.want) {
				t.Fatalf("Page(%q) = %d diagnostics %v, want %d %q", tt.src, len(got), got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				line, words, _ := strings.Cut(w, ": ")
				d := got[i]
				if !strings.HasPrefix(d.String(), "content/prova.md:"+line+": ") {
					t.Errorf("Page(%q)[%d] = %q, want it at content/prova.md:%s", tt.src, i, d, line)
				}
				for _, word := range strings.Fields(words) {
					if !strings.Contains(d.Message, word) {
						t.Errorf("Page(%q)[%d] = %q, want it to contain %q", tt.src, i, d.Message, word)
					}
				}
			}
		})
	}
}

func TestPageNilDoc(t *testing.T) {
	if got := Page(Input{File: "x.md"}); got != nil {
		t.Errorf("Page(no AST) = %v, want nil", got)
	}
}

func TestRefs(t *testing.T) {
	src := "Testo.\n\nLeggi [il bando](/bando/#date \"titolo\") e ![Il cortile](cortile.png).\n" +
		"Scrivi a <a@example.it> o visita www.example.it.\n\n" +
		"- [la pagina del presidio][p]\n\n[p]: /presidi/codogno/\n"
	want := []Ref{
		{Dest: "/bando/#date", Text: "il bando", Line: 7},
		{Dest: "cortile.png", Text: "Il cortile", Line: 7, Image: true},
		{Dest: "mailto:a@example.it", Text: "a@example.it", Line: 8},
		{Dest: "http://www.example.it", Text: "www.example.it", Line: 8},
		{Dest: "/presidi/codogno/", Text: "la pagina del presidio", Line: 10},
	}
	got := Refs(parse(src))
	if len(got) != len(want) {
		t.Fatalf("Refs = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Refs[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Leggi di più…", "leggi di piu"},
		{"  «QUI!» ", "qui"},
		{"Un'immagine", "un immagine"},
		{"Perché È così", "perche e cosi"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzPage checks that no Markdown makes the checks panic, and that every diagnostic and link points at a line
// of the body.
func FuzzPage(f *testing.F) {
	for _, s := range []string{goodPage, "# A\n![](x.png)\n[qui](/q/)\n|  |\n|--|\n", "<https://a.it>\n\n#### B\n", "[![]()]()"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := parse(s)
		last := in.FirstLine + strings.Count(s, "\n")
		for _, d := range Page(in) {
			if d.Line < in.FirstLine || d.Line > last || d.Message == "" {
				t.Errorf("Page(%q): %v is outside lines %d..%d", s, d, in.FirstLine, last)
			}
		}
		for _, r := range Refs(in) {
			if r.Line < in.FirstLine || r.Line > last {
				t.Errorf("Refs(%q): %+v is outside lines %d..%d", s, r, in.FirstLine, last)
			}
		}
		if g := Readable(in).Gulpease; g < 0 || g > 100 {
			t.Errorf("Readable(%q).Gulpease = %v, want 0..100", s, g)
		}
	})
}

func TestLinkTextSuggestion(t *testing.T) {
	titles := map[string]string{"/contatti/": "Scrivi all'operatore di quartiere"}
	tests := []struct{ src, want string }{
		{"Per scriverci [clicca qui](/contatti/).\n", "[Scrivi all'operatore di quartiere](/contatti/)"},
		{"Vedi [qui](/altro/).\n", "[il titolo della pagina](/altro/)"},
		{"Vedi [https://www.agid.gov.it](https://www.agid.gov.it).\n", "[il sito di … (il nome di chi lo pubblica)](https://www.agid.gov.it)"},
	}
	for _, tt := range tests {
		in := parse(tt.src)
		in.TitleOf = func(dest string) string { return titles[dest] }
		got := Page(in)
		if len(got) != 1 || !strings.Contains(got[0].Message, tt.want) || strings.Contains(got[0].Message, "bando") {
			t.Errorf("Page(%q) = %v, want one message suggesting %s", tt.src, got, tt.want)
		}
	}
}
