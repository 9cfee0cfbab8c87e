package tablecaption

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestCaption(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, Extension))
	tests := []struct{ name, src, want, wantNot string }{
		{"caption", "Tabella: i soldi, *azione* per azione.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
			"<table>\n<caption>i soldi, <em>azione</em> per azione.</caption>\n<thead>", "<p>"},
		{"no table after", "Tabella: niente.\n\nTesto.\n", "<p>Tabella: niente.</p>", "<caption>"},
		{"other paragraph", "Ecco i dati.\n\n| A |\n|---|\n| 1 |\n", "<p>Ecco i dati.</p>\n<table>\n<thead>", "<caption>"},
		{"two lines", "Tabella: uno\ndue\n\n| A |\n|---|\n| 1 |\n", "<p>Tabella: uno\ndue</p>", "<caption>"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := md.Convert([]byte(tt.src), &buf); err != nil {
			t.Fatal(err)
		}
		got := buf.String()
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.wantNot) {
			t.Errorf("%s: got %q, want it to contain %q and not %q", tt.name, got, tt.want, tt.wantNot)
		}
	}
}
