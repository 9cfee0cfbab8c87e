package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"K7M4-PX2Q", "K7M4-PX2Q"},
		{"k7m4px2q", "K7M4-PX2Q"},
		{" k7m4 px2q ", "K7M4-PX2Q"},
		{"k7m4-px2q", "K7M4-PX2Q"},
		{"K7M4PX2", "K7M4PX2"}, // not a number's shape: left for "not found"
		{"../etc", "../ETC"},
	}
	for _, tt := range tests {
		if got := normalizeRef(tt.in); got != tt.want {
			t.Errorf("normalizeRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCellsAreSafeForTheTerminal(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"oneLine", oneLine, "riga 1\r\nriga 2\tcolonna", "riga 1 riga 2 colonna"},
		{"oneLine", oneLine, "rosso\x1b[31m!\x1b[0m", `rosso\u001B[31m!\u001B[0m`},
		{"oneLine bidi", oneLine, "fattura\u202Efdp.exe", `fattura\u202Efdp.exe`},
		{"oneLine zero width", oneLine, "a\u200Bb\uFEFFc\u2066d\u00ADe", `a\u200Bb\uFEFFc\u2066d\u00ADe`},
		{"oneLine not UTF-8", oneLine, "a\xffb", `a\uFFFDb`},
		{"oneLine", oneLine, "  spazi   tanti  ", "spazi tanti"},
		{"text", text, "riga 1\r\nriga 2\x1b]0;titolo\x07", "riga 1\nriga 2\\u001B]0;titolo\\u0007"},
		{"text", text, "a\tb\u0085c\u202Ed", "a b\\u0085c\\u202Ed"},
		{"cut 5", func(s string) string { return cut(s, 5) }, "àèìòù", "àèìòù"},
		{"cut 4", func(s string) string { return cut(s, 4) }, "àèìòùx", "àèì…"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// Every list fits 100 columns: the widest free columns are cut with "…", the fixed ones never.
func TestFitRows(t *testing.T) {
	long := strings.Repeat("è", 80)
	rows := [][]string{{"Numero", "Data", "Nome", "Email"}, {"AAAA-BBBB", "20/04/2025 10:00", long, long + "@example.it"}}
	lines := fitRows(rows, 100, 0, 1)
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n > 100 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	if !strings.HasPrefix(lines[1], "AAAA-BBBB  20/04/2025 10:00  èèè") || !strings.Contains(lines[1], "…") {
		t.Errorf("row = %q", lines[1])
	}
	short := fitRows([][]string{{"a", "b"}, {"x", "y"}}, 100)
	if short[1] != "x  y" {
		t.Errorf("short row = %q", short[1])
	}
}
