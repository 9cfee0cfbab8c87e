package corpus

import (
	"bytes"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"quartieri/generator/lint"
)

var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList),
	goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
)

// TestWrite checks that a generated site passes the lint checks, has the promised shape and links only to
// pages, files and anchors that exist.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	const n = 120
	if err := Write(dir, n); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["site.yaml"]; !ok {
		t.Fatal("no site.yaml")
	}
	// Every page's headings, by URL, to check #anchor links.
	anchors := map[string]map[string]bool{}
	type ref struct {
		file string
		lint.Ref
	}
	var refs []ref
	regular := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		front, body, ok := bytes.Cut(bytes.TrimPrefix(b, []byte("---\n")), []byte("\n---\n"))
		if !ok || !bytes.Contains(front, []byte("title: ")) || !bytes.Contains(front, []byte("description: ")) {
			t.Fatalf("%s: no front matter with title and description", name)
		}
		in := lint.Input{File: name, Source: body, FirstLine: bytes.Count(front, []byte("\n")) + 3, Title: "x"}
		in.Doc = md.Parser().Parse(text.NewReader(body))
		if d := lint.Page(in); len(d) > 0 {
			t.Errorf("lint.Page(%s) = %v, want none", name, d)
		}
		url := "/" + strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md"), "_index") + "/"
		url = strings.ReplaceAll(url, "//", "/")
		anchors[url] = map[string]bool{}
		_ = ast.Walk(in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if id, ok := n.AttributeString("id"); ok && entering {
				anchors[url][string(id.([]byte))] = true
			}
			return ast.WalkContinue, nil
		})
		for _, r := range lint.Refs(in) {
			if strings.HasPrefix(r.Dest, "#") {
				r.Dest = url + r.Dest
			}
			refs = append(refs, ref{name, r})
		}
		if strings.HasSuffix(name, "_index.md") {
			continue
		}
		regular++
		if r := lint.Readable(in); r.Words < 550 || r.Words > 1500 || r.Gulpease < 60 {
			t.Errorf("%s: %d words, Gulpease %.1f; want 600 to 1,200 words of plain Italian", name, r.Words, r.Gulpease)
		}
		for _, want := range []string{"\n## ", "\n### ", "\n- ", "| --- |", "](/", "](https://", "![", "#come-fare-la-domanda"} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("%s has no %q", name, want)
			}
		}
	}
	if regular != n {
		t.Errorf("Write(%d) wrote %d regular pages", n, regular)
	}
	for _, r := range refs {
		if strings.HasPrefix(r.Dest, "https://") {
			continue
		}
		path, frag, _ := strings.Cut(r.Dest, "#")
		if r.Image {
			if !strings.HasPrefix(path, "/") {
				path = "/" + pathpkg.Dir(strings.TrimPrefix(r.file, "content/")) + "/" + path
			}
			if _, ok := files["content"+path]; !ok {
				t.Errorf("%s:%d: image %s does not exist", r.file, r.Line, r.Dest)
			}
			continue
		}
		a, ok := anchors[path]
		if !ok {
			t.Errorf("%s:%d: link to missing page %s", r.file, r.Line, r.Dest)
		} else if frag != "" && !a[frag] {
			t.Errorf("%s:%d: link to missing anchor %s", r.file, r.Line, r.Dest)
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, 60); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, 60); err != nil {
		t.Fatal(err)
	}
	fa, fb := os.DirFS(a), os.DirFS(b)
	count := 0
	_ = fs.WalkDir(fa, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		x, _ := fs.ReadFile(fa, name)
		y, err := fs.ReadFile(fb, name)
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs of Write", name)
		}
		count++
		return nil
	})
	// 60 pages, 2 section indexes, 6 images, the home page and site.yaml.
	if count != 70 {
		t.Errorf("Write(60) wrote %d files, want 70", count)
	}
}

func TestCopyThemes(t *testing.T) {
	dir := t.TempDir()
	src := fstest.MapFS{
		"quartiere/layouts/baseof.html": {Data: []byte("<html>")},
		"quartiere/static/css/site.css": {Data: []byte("body{}")},
		"themes.go":                     {Data: []byte("package themes")},
	}
	if err := CopyThemes(dir, src); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"quartiere/layouts/baseof.html": "<html>", "quartiere/static/css/site.css": "body{}"} {
		if got, err := os.ReadFile(filepath.Join(dir, "themes", name)); err != nil || string(got) != want {
			t.Errorf("themes/%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "themes", "themes.go")); err == nil {
		t.Error("CopyThemes copied themes.go, want only theme files")
	}
}
