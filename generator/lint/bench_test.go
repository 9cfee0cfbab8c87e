package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"quartieri/generator/internal/corpus"
)

// BenchmarkChecks measures Page, Refs and Readable on one generated page of 600 to 1,200 words (the AST is
// parsed once, outside the timer, as the builder does).
func BenchmarkChecks(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1); err != nil {
		b.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "*", "[a-z]*-1.md"))
	if len(matches) != 1 {
		b.Fatalf("no generated page in %s: %v", dir, matches)
	}
	src, err := os.ReadFile(matches[0])
	if err != nil {
		b.Fatal(err)
	}
	_, body, _ := bytes.Cut(bytes.TrimPrefix(src, []byte("---\n")), []byte("\n---\n"))
	in := parse(string(body))
	if d := Page(in); len(d) > 0 {
		b.Fatal(d)
	}
	for _, f := range []struct {
		name string
		run  func(Input)
	}{
		{"Page", func(in Input) { Page(in) }},
		{"Refs", func(in Input) { Refs(in) }},
		{"Readable", func(in Input) { Readable(in) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				f.run(in)
			}
		})
	}
}
