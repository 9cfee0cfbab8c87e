package main

import "testing"

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
		{"oneLine", oneLine, "rosso\x1b[31m!\x1b[0m", "rosso [31m! [0m"},
		{"oneLine", oneLine, "  spazi   tanti  ", "spazi tanti"},
		{"text", text, "riga 1\r\nriga 2\x1b]0;titolo\x07", "riga 1\nriga 2]0;titolo"},
		{"text", text, "a\tb\u0085c", "a bc"},
		{"cut 5", func(s string) string { return cut(s, 5) }, "àèìòù", "àèìòù"},
		{"cut 4", func(s string) string { return cut(s, 4) }, "àèìòùx", "àèì…"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
