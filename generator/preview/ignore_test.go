package preview

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{".presidi.md.swp", true},
		{".presidi.md.swx", true},
		{".presidi.md.swo", true},
		{"presidi.md~", true},
		{"#presidi.md#", true},
		{".#presidi.md", true},
		{".goutputstream-ABC123", true},
		{"4913", true},
		{".DS_Store", true},
		{"scrivi.tmp", true},
		{"presidi.md", false},
		{"site.yaml", false},
		{"_index.md", false},
		{"#hashtag.md", false},
		{"49130", false},
		{"foto.png", false},
		{"swp.md", false},
	}
	for _, tt := range tests {
		if got := ignored(tt.name); got != tt.want {
			t.Errorf("ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
