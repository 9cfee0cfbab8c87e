package siteconfig

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestRealSiteYAMLLoads(t *testing.T) {
	data, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(site.yaml) = %v", err)
	}
	c, ok := s.Call("community-manager-2025")
	if !ok {
		t.Fatal("call community-manager-2025 missing")
	}
	tests := []struct {
		now  string
		want Status
	}{
		{"2025-04-20T10:00:00+02:00", Open},
		{"2025-04-28T23:59:00+02:00", Open},
		{"2025-04-28T23:59:59+02:00", Open},
		{"2025-04-28T21:59:59Z", Open},
		{"2025-04-29T00:00:00+02:00", Closed},
		{"2025-04-28T22:00:00Z", Closed},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		if got := c.StatusAt(now); got != tt.want {
			t.Errorf("StatusAt(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if len(Placeholders(data)) == 0 {
		t.Error("Placeholders(site.yaml) found none; the seed leaves addresses and hours to fill in")
	}
}

func TestUnknownKeyIsAnError(t *testing.T) {
	if _, err := Parse([]byte("title: x\ntitel: y\n")); err == nil {
		t.Error("Parse accepted an unknown key")
	}
}

func TestAPIBase(t *testing.T) {
	for _, tt := range []struct {
		value string
		ok    bool
	}{
		{"/api", true}, {"/api/", true}, {"/moduli/v1", true}, {"https://api.example.it/api", true},
		{"https://api.example.it", true}, {"api", false}, {"/a/../api", false}, {"ftp://x/api", false},
		{"https://api.example.it/a/../b", false}, {"/api?x=1", false},
	} {
		_, err := Parse([]byte("title: x\napiBase: " + tt.value + "\n"))
		if (err == nil) != tt.ok {
			t.Errorf("Parse(apiBase: %s) error = %v, want ok = %v", tt.value, err, tt.ok)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"DA COMPLETARE: indirizzo", true},
		{"da-completare.presidio@example.invalid", true},
		{"Da_Completare", true},
		{"prova@example.invalid", true},
		{"https://sito.example.INVALID/", true},
		{"https://www.aler-pavia-lodi.it/", false},
		{"codogno@example.org", false},
		{"un valore non valido (invalid)", false},
		{"il modulo è da completare entro lunedì", true},
		{"completare il modulo", false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.s); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLogos(t *testing.T) {
	for _, tt := range []struct {
		yaml string
		ok   bool
	}{
		{"logos:\n  - { file: /img/loghi/a.svg, alt: A }\n", true},
		{"logos:\n  - { file: \"DA COMPLETARE: il logo di A\", alt: A }\n", true},
		{"logos:\n  - { file: /img/loghi/a.svg }\n", false},
		{"logos:\n  - { file: img/loghi/a.svg, alt: A }\n", false},
	} {
		_, err := Parse([]byte("title: x\n" + tt.yaml))
		if got := err == nil; got != tt.ok {
			t.Errorf("Parse(%q): ok %v, want %v (err %v)", tt.yaml, got, tt.ok, err)
		}
	}
}

// TestLogoPlaceholdersListed wants every logo of the real site.yaml whose file is still to come listed by
// Placeholders, which `generator check` prints.
func TestLogoPlaceholdersListed(t *testing.T) {
	data, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Logos) == 0 {
		t.Fatal("site.yaml has no logos")
	}
	listed := strings.Join(Placeholders(data), "\n")
	for i, l := range s.Logos {
		if !IsPlaceholder(l.File) {
			continue
		}
		if key := fmt.Sprintf("logos[%d].file:", i); !strings.Contains(listed, key) {
			t.Errorf("Placeholders does not list %s (%s):\n%s", key, l.Alt, listed)
		}
	}
}
