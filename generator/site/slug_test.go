package site

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Perché è così importante?", "perche-e-cosi-importante"},
		{"L'aiuto per l’affitto", "l-aiuto-per-l-affitto"},
		{"Orari: lunedì e martedì", "orari-lunedi-e-martedi"},
		{"  --Già fatto--  ", "gia-fatto"},
		{"K1: 494.414 euro", "k1-494-414-euro"},
		{"**Dove** siamo", "dove-siamo"},
		{"ÀÈÌÒÙ", "aeiou"},
		{"?!", ""},
		{"Ελληνικά only", "only"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	ids := newHeadingIDs()
	ids.Put([]byte("contatti"))
	var got []string
	for _, h := range []string{"Orari", "Orari", "Contatti", "Orari", "?", "[Presidi](/presidi/)"} {
		got = append(got, string(ids.Generate([]byte(h), 0)))
	}
	want := []string{"orari", "orari-1", "contatti-1", "orari-2", "sezione", "presidi"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("id %d = %q, want %q (all: %q)", i, got[i], want[i], got)
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"titel", "title", true},
		{"descripton", "description", true},
		{"publishdate", "publishDate", true},
		{"Weight", "weight", true},
		{"expirydate", "expiryDate", true},
		{"zzzzzzzz", "", false},
	}
	for _, tt := range tests {
		got, ok := Nearest(tt.in, KnownKeys())
		if ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"perché", "perche", 1}, {"title", "title", 0},
	}
	for _, tt := range tests {
		if got := Levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
