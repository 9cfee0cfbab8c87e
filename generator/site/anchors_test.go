package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestAnchors checks that a page's anchors hold its heading and footnote ids, and only those, and that
// anchorList reads the same ids again, in page order.
func TestAnchors(t *testing.T) {
	src := "---\ntitle: T\n---\n## Orari di apertura\n\nTesto con nota.[^1]\n\n### Documenti {#documenti-utili}\n\n[^1]: La nota.\n"
	b := &builder{fsys: fstest.MapFS{"content/t.md": {Data: []byte(src)}}}
	p := &page{file: "content/t.md"}
	ids := b.anchorList(p)
	want := []string{"orari-di-apertura", "documenti-utili", "fn:1", "fnref:1"}
	if !slices.Equal(ids, want) {
		t.Fatalf("anchorList = %q, want %q", ids, want)
	}
	var set anchorSet
	for _, id := range ids {
		set.add([]byte(id))
	}
	p.ids = set.done()
	for _, id := range want {
		if !p.ids.has(id) {
			t.Errorf("has(%q) = false, want true", id)
		}
	}
	for _, id := range []string{"", "orari", "documenti", "fn:2", "Orari-di-apertura"} {
		if p.ids.has(id) {
			t.Errorf("has(%q) = true, want false", id)
		}
	}
}
