package site

import (
	"bytes"
	"testing"

	"quartieri/generator/lint"
)

// FuzzMarkdown runs the Markdown path of a page (parse, lint, links, rewrite, render) on any body: it must
// never panic.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"## Perché è così importante?\n\nTesto con [link](altro.md#a) e ![foto](f.jpg).\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n", "~~no~~ www.esempio.it https://x.it\n", "Nota[^1]\n\n[^1]: testo\n",
		"Termine\n: definizione\n", "## Titolo {#id}\n## Titolo\n", "<script>alert(1)</script>\n", "# H1\n#### H4\n",
		"[qui](#)\n[](../../x)\n", "![]()\n", "* a\n  * b\n\n> citazione\n\n```\ncodice\n```\n",
	} {
		f.Add([]byte(s))
	}
	b := &builder{baseHost: "esempio.it"}
	f.Fuzz(func(t *testing.T, body []byte) {
		doc := parseMarkdown(body)
		in := lint.Input{File: "content/x.md", Source: body, FirstLine: 4, Doc: doc, Title: "X"}
		lint.Page(in)
		for _, r := range lint.Refs(in) {
			resolve(r.Dest, "servizi", "esempio.it")
		}
		lint.Readable(in)
		p := &page{file: "content/servizi/x.md"}
		walkBody(b, p, doc, body, 4)
		var buf bytes.Buffer
		if err := renderMarkdown(&buf, body, doc); err != nil {
			t.Fatalf("render: %v", err)
		}
		if bytes.Contains(buf.Bytes(), []byte("<script")) {
			t.Fatalf("raw HTML was rendered: %s", buf.Bytes())
		}
	})
}
