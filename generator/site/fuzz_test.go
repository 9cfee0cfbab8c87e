package site

import (
	"bytes"
	"testing"
)

// FuzzSplitFrontMatter checks that splitting and decoding any page never panics, and that the front matter and
// body it returns are parts of the input.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\ndescription: b\n---\n## Ciao\n",
		"---\r\ntitle: Orari: lunedì\r\n---\r\n",
		"\xef\xbb\xbf---\ntitle: 'l'aiuto'\n...\n",
		"---\n- a\n---\n", "---\n", "", "---\ntitle: [\n---\n", "---\ndate: 2025-02-30\nmenu: {a: b}\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, line, err := SplitFrontMatter(src)
		if err != nil {
			return
		}
		if line < 3 || !bytes.Contains(src, front) || !bytes.HasSuffix(src, body) {
			t.Fatalf("SplitFrontMatter(%q) = %q, %q, %d", src, front, body, line)
		}
		_, errs := ParseFrontMatter("content/x.md", front, 2, nil)
		for _, d := range errs {
			if d.Line < 1 || d.Message == "" {
				t.Fatalf("ParseFrontMatter(%q): diagnostic without line or message: %+v", front, d)
			}
		}
	})
}
