package callstatus

import (
	"bytes"
	"strings"
	"testing"

	"quartieri/internal/theme"
)

func TestPhases(t *testing.T) {
	tests := []struct {
		in, phases, call string
		problem          bool
	}{
		{"bando aperto", "open", "", false},
		{"Bando  in arrivo o aperto", "upcoming open", "", false},
		{"bando ultimi giorni", "closing", "", false},
		{"bando chiuso (community-manager-2025)", "closed", "community-manager-2025", false},
		{"bando non ancora aperto", "upcoming", "", false},
		{"bando chiusissimo", "", "", true},
		{"nota", "", "", true},
	}
	for _, tt := range tests {
		phases, call, problem := Phases(tt.in)
		if got := strings.Join(phases, " "); got != tt.phases || call != tt.call || (problem != "") != tt.problem {
			t.Errorf("Phases(%q) = %q, %q, %q; want %q, %q, problem %v", tt.in, got, call, problem, tt.phases, tt.call, tt.problem)
		}
	}
}

func TestRender(t *testing.T) {
	src := []byte("Prima.\n\n::: bando aperto (x)\nDentro.\n\n- uno\n:::\nDopo.\n")
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, Parse(src)); err != nil {
		t.Fatal(err)
	}
	want := "<p>Prima.</p>\n" + theme.CallBlockOpen([]string{"open"}, "x") + "<p>Dentro.</p>\n<ul>\n<li>uno</li>\n</ul>\n</div>\n<p>Dopo.</p>\n"
	if got := buf.String(); got != want {
		t.Errorf("render = %q, want %q", got, want)
	}
}

func TestContradictions(t *testing.T) {
	src := []byte(`## Come candidarti

Cerchiamo due operatori. Per i candidati c'è una guida.

::: bando aperto
Puoi candidarti fino a {scadenza}. Manda la tua candidatura.
:::

::: bando chiuso
Il bando è chiuso. Non puoi più candidarti.
:::

- Aler Pavia-Lodi cerca due operatori di quartiere.

| Cosa | Quando |
|---|---|
| Invia la candidatura | ora |
`)
	tests := []struct {
		phase string
		want  []string // "phrase" of each finding, in order
	}{
		{"closed", []string{"candidarti", "cerchiamo", "cerca due operatori", "invia la candidatura"}},
		{"open", []string{}},
	}
	doc := Parse(src)
	for _, tt := range tests {
		got := Contradictions(doc, src, func(string) []string { return []string{tt.phase} })
		var phrases []string
		for _, f := range got {
			phrases = append(phrases, f.Phrase)
		}
		if strings.Join(phrases, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: phrases %q, want %q", tt.phase, phrases, tt.want)
		}
	}
	// While open, the closed block is left out but "chiuso" outside a block is found.
	open := []byte("Il bando è chiuso da ieri.\n\n::: bando chiuso\nIl bando è chiuso.\n:::\n")
	got := Contradictions(Parse(open), open, func(string) []string { return []string{"open"} })
	if len(got) != 1 || got[0].Offset != 0 || got[0].Phrase != "bando è chiuso" {
		t.Errorf("open: %+v, want one finding at 0", got)
	}
}
