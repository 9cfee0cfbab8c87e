package siteconfig

import (
	"strings"
	"testing"
)

func TestParseErrorsInItalian(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // one line of the error each, in order
	}{
		{"misspelt top key", "title: x\ntitel: y\n",
			[]string{`site.yaml:2: chiave sconosciuta "titel": forse intendevi "title"?`}},
		{"misspelt nested key", "title: x\ncalls:\n  - id: a\n    close: 2025-04-28T23:59:00+02:00\n",
			[]string{`site.yaml:4: chiave sconosciuta "close" dentro calls[0]: forse intendevi "closes"?`}},
		{"key in a map of lists", "title: x\nmenus:\n  main:\n    - { name: Home, ulr: / }\n",
			[]string{`site.yaml:4: chiave sconosciuta "ulr" dentro menus.main[0]: forse intendevi "url"?`}},
		{"nothing near", "title: x\nzzzzzzzz: 1\n", []string{`site.yaml:2: chiave sconosciuta "zzzzzzzz": le chiavi possibili sono accessibility, apiBase`}},
		{"wrong date", "title: x\ncalls:\n  - id: a\n    closes: 28/04/2025\n",
			[]string{"site.yaml:4: il valore di calls[0].closes (28/04/2025) non va bene: serve una data con ora e fuso orario, per esempio 2025-04-28T23:59:00+02:00"}},
		{"wrong number", "title: x\nretention:\n  contactDays: un anno\n",
			[]string{"site.yaml:3: il valore di retention.contactDays (un anno) non va bene: serve un numero intero"}},
		{"syntax", "title: x\norganization:\n  name: Aler: Pavia\n",
			[]string{`site.yaml:3: il valore contiene i due punti e il file non si capisce più: metti il testo tra virgolette, per esempio name: "Aler: Pavia"`}},
		{"two mistakes", "titel: x\nretention:\n  contactDays: mai\n",
			[]string{`site.yaml:1: chiave sconosciuta "titel"`, "site.yaml:3: il valore di retention.contactDays (mai)"}},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.yaml))
		if err == nil {
			t.Errorf("%s: Parse accepted it", tt.name)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(tt.want) {
			t.Errorf("%s: %d lines %q, want %d", tt.name, len(lines), lines, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: line %d = %q, want it to start with %q", tt.name, i, lines[i], w)
			}
		}
		if strings.Contains(err.Error(), "siteconfig.") || strings.Contains(err.Error(), "unmarshal") {
			t.Errorf("%s: Go's words in %q", tt.name, err)
		}
	}
}
