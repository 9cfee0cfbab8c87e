package theme

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

func TestCallPhases(t *testing.T) {
	opens := rome(2025, 4, 1, 9, 0, 0)
	c := &siteconfig.Call{ID: "c", Opens: &opens, Closes: rome(2025, 4, 28, 23, 59, 0), LastDays: 3}
	tests := []struct {
		now  time.Time
		want string
	}{
		{rome(2025, 3, 31, 12, 0, 0), "upcoming"},
		{rome(2025, 4, 1, 9, 0, 0), "open"},
		{rome(2025, 4, 25, 23, 59, 59), "open"},
		{rome(2025, 4, 26, 0, 0, 0), "open closing"},
		{rome(2025, 4, 28, 23, 59, 59), "open closing"},
		{rome(2025, 4, 29, 0, 0, 0), "closed"},
	}
	for _, tt := range tests {
		if got := strings.Join(CallPhases(c, tt.now), " "); got != tt.want {
			t.Errorf("CallPhases(at %v) = %q, want %q", tt.now, got, tt.want)
		}
	}
}

func TestCallBlocks(t *testing.T) {
	opens := rome(2025, 4, 1, 9, 0, 0)
	site := &siteconfig.Site{
		Calls: []siteconfig.Call{
			{ID: "a", Opens: &opens, Closes: rome(2025, 4, 28, 23, 59, 0), Positions: 2, LastDays: 7, Results: "DA COMPLETARE: esito"},
			{ID: "b", Closes: rome(2026, 1, 10, 12, 0, 0)},
		},
		Accessibility: siteconfig.Accessibility{Feedback: "a11y@example.org"},
	}
	body := template.HTML(CallBlockOpen([]string{PhaseOpen}, "") + "<p>Aperto fino a {scadenza}.</p>\n</div>\n" +
		CallBlockOpen([]string{PhaseClosed}, "") + "<p>Chiuso. {esito}</p>\n</div>\n" +
		CallBlockOpen([]string{PhaseUpcoming}, "") + "<p>Apre {apertura}.</p>\n</div>\n" +
		CallBlockOpen([]string{PhaseOpen}, "b") + "<p>B aperto.</p>\n</div>\n" +
		"<p>Scrivi a {email-accessibilita}, {sconosciuto}, {posti} posti.</p>\n")
	tests := []struct {
		name      string
		now       time.Time
		want      []string
		wantNot   []string
		wantCount map[string]int
	}{
		{"before opening", rome(2025, 3, 1, 0, 0, 0),
			[]string{"Apre martedì 1 aprile 2025, ore 09:00.", `data-call-when="open" data-opens="2025-04-01T09:00:00+02:00" data-closing-from="2025-04-22T00:00:00+02:00" data-closes="2025-04-29T00:00:00+02:00" data-now="2025-03-01T00:00:00+01:00" hidden>`, "B aperto"},
			nil, map[string]int{" hidden>": 2}},
		{"open", rome(2025, 4, 20, 0, 0, 0),
			[]string{`<div class="call-when" data-call-when="open" data-opens="2025-04-01T09:00:00+02:00" data-closing-from="2025-04-22T00:00:00+02:00" data-closes="2025-04-29T00:00:00+02:00" data-now="2025-04-20T00:00:00+02:00">` + "\n<p>Aperto fino a lunedì 28 aprile 2025, ore 23:59.</p>", "Chiuso. DA COMPLETARE: esito"},
			[]string{"Apre "}, map[string]int{" hidden>": 1}},
		{"closed", rome(2025, 4, 29, 0, 0, 0),
			[]string{`data-call-when="closed" data-opens="2025-04-01T09:00:00+02:00" data-closing-from="2025-04-22T00:00:00+02:00" data-closes="2025-04-29T00:00:00+02:00" data-now="2025-04-29T00:00:00+02:00">` + "\n<p>Chiuso. DA COMPLETARE: esito</p>", "B aperto"},
			[]string{"Aperto fino", "Apre "}, map[string]int{" hidden>": 0}},
		{"both closed", rome(2026, 2, 1, 0, 0, 0), []string{"Chiuso."}, []string{"B aperto"}, nil},
	}
	for _, tt := range tests {
		got := string(CallBlocks(body, site, nil, tt.now))
		for _, w := range append(tt.want, `<a href="mailto:a11y@example.org">a11y@example.org</a>`, "{sconosciuto}", "due posti") {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q in\n%s", tt.name, w, got)
			}
		}
		for _, w := range tt.wantNot {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q should not be in\n%s", tt.name, w, got)
			}
		}
		for w, n := range tt.wantCount {
			if c := strings.Count(got, w); c != n {
				t.Errorf("%s: %d times %q, want %d, in\n%s", tt.name, c, w, n, got)
			}
		}
	}
}
