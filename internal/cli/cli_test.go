package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-04-28T10:30:00+02:00", time.Date(2025, 4, 28, 8, 30, 0, 0, time.UTC)},
		{"2025-04-28 10:30", time.Date(2025, 4, 28, 10, 30, 0, 0, siteconfig.Rome)},
		{" 2025-01-15 10:30 ", time.Date(2025, 1, 15, 9, 30, 0, 0, time.UTC)},
		{"2025-04-28T10:30", time.Date(2025, 4, 28, 10, 30, 0, 0, siteconfig.Rome)},
		{"2025-04-28", time.Date(2025, 4, 28, 0, 0, 0, 0, siteconfig.Rome)},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "domani", "28/04/2025", "2025-04-28 25:00"} {
		if _, err := ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) accepted", bad)
		}
	}
}

func TestFlagError(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-foo"}, "opzione sconosciuta -foo"},
		{[]string{"-now"}, "manca il valore dell'opzione -now"},
		{[]string{"-now", "domani"}, `-now: "domani" non è una data valida`},
		{[]string{"-v=forse"}, "-v: "},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var n Now
		fs.Var(&n, "now", "")
		fs.Bool("v", false, "")
		err := fs.Parse(tt.args)
		if got := FlagError(err); err == nil || !strings.HasPrefix(got, tt.want) {
			t.Errorf("FlagError(%q) = %q; want prefix %q", tt.args, got, tt.want)
		}
	}
	if got := FlagError(errors.New("x")); got != "opzioni sbagliate: x" {
		t.Errorf("FlagError(other) = %q", got)
	}
}
