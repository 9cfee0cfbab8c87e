package site

import (
	"bytes"
	"strings"
	"testing"
)

func renderForTest(t *testing.T, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := renderMarkdown(&buf, []byte(src), parseMarkdown([]byte(src))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdownMarksEnglish(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Due community manager.", `<p>Due <span lang="en">community manager</span>.</p>`},
		{"Il Community Manager e gli *stakeholder*", `<p>Il <span lang="en">Community Manager</span> e gli <em><span lang="en">stakeholder</span></em></p>`},
		{"`community manager` community manager", `<p><code>community manager</code> <span lang="en">community manager</span></p>`},
		{"![un community manager al lavoro](foto.png)", `<p><img src="foto.png" alt="un community manager al lavoro"></p>`},
		{"## Community manager {lang=en}", `<h2 lang="en" id="community-manager">Community manager</h2>`},
		{"communitymanager", "<p>communitymanager</p>"},
		// Runs of several text nodes: split at a line end, at "&", at a backslash escape.
		{"Il community\nmanager risponde.", "<p>Il <span lang=\"en\">community\nmanager</span> risponde.</p>"},
		{"Lo stakeholder\ne il community  \nmanager", "<p>Lo <span lang=\"en\">stakeholder</span>\ne il community<br>\nmanager</p>"},
		{"Casa & community manager", `<p>Casa &amp; <span lang="en">community manager</span></p>`},
		{"Il \\* community manager", `<p>Il * <span lang="en">community manager</span></p>`},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(renderForTest(t, tt.in)); got != tt.want {
			t.Errorf("render(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownWrapsTables(t *testing.T) {
	got := renderForTest(t, "| a |\n|---|\n| x |\n\n## Fondi & azioni\n\n| a |\n|---|\n| x |\n\nb\n\n| c |\n|---|\n")
	for _, want := range []string{
		`<div class="table-wrap" role="region" tabindex="0" aria-label="Tabella"><table>`,
		"</table></div>\n<h2 id=\"fondi-azioni\">",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render = %s\nlacks %s", got, want)
		}
	}
	if n := strings.Count(got, `<div class="table-wrap" role="region" tabindex="0" aria-label="Tabella: Fondi &amp; azioni"><table>`); n != 2 {
		t.Errorf("render = %s\nhas %d tables labelled by the heading before them, want 2", got, n)
	}
}

func TestMarkdownLabelsCells(t *testing.T) {
	got := renderForTest(t, "| Azione | Importo & *note* |\n|---|--:|\n| K1 | 494.414 euro |\n| L1 | |\n")
	for _, want := range []string{
		`<th>Azione</th>`,
		`<td data-label="Azione">K1</td>`,
		`<td data-label="Importo &amp; note" style="text-align:right">494.414 euro</td>`,
		`<td data-label="Importo &amp; note" style="text-align:right"></td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render = %s\nlacks %s", got, want)
		}
	}
}
