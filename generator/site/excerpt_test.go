package site

import "testing"

func TestFirstParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Primo paragrafo\nsu due righe.\n\nSecondo.", "Primo paragrafo su due righe."},
		{"## Titolo\n\n- voce\n- voce\n\n| a |\n|---|\n\nEcco il **testo** con [un link](/x/) e una nota[^1].", "Ecco il testo con un link e una nota."},
		{"![Foto del cortile](foto.jpg)\n\n[Il bando](/bando/) è aperto.", "Il bando è aperto."},
		{"```\ncodice\n```\n\n1. uno\n\n*Importante*: leggi.", "Importante: leggi."},
		{"Termine\n: definizione", ""},
		{"[ref]: /x/\n\nTesto `codice` ~~vecchio~~.", "Testo codice vecchio."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstParagraph([]byte(tt.in)); got != tt.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
