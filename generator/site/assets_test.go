package site

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quartieri/internal/theme"
)

// assetSite is a one-page site whose layout links its CSS and JavaScript through the asset function.
func assetSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":                    {Data: []byte("title: Prova\nbaseURL: https://esempio.it/\ntheme: t\n")},
		"themes/t/layouts/baseof.html": {Data: []byte(`<!doctype html><html lang="it"><title>{{.Page.Title}}</title><link rel="stylesheet" href="{{asset "css/site.css"}}"><script src="{{asset "js/site.js"}}" defer></script><main>{{template "main" .}}</main>`)},
		"themes/t/layouts/page.html":   {Data: []byte(`{{define "main"}}{{.Page.Content}}{{end}}`)},
		"themes/t/static/css/site.css": {Data: []byte("body { color: #111; }\n")},
		"themes/t/static/js/site.js":   {Data: []byte("// js\n")},
		"themes/t/static/img/logo.svg": {Data: []byte("<svg/>")},
		"content/_index.md":            {Data: []byte("---\ntitle: Benvenuti\ndescription: La home\n---\nCiao.\n")},
	}
}

// TestFingerprintedAssets checks that the pages link the CSS and JavaScript by a name with their content's hash,
// that the build writes the file under that name (and the plain one), and that only the fingerprinted files
// get a hash.
func TestFingerprintedAssets(t *testing.T) {
	fsys := assetSite()
	res, err := Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	home := string(res.Files["index.html"])
	for _, name := range []string{"css/site.css", "js/site.js"} {
		data := fsys["themes/t/static/"+name].Data
		fp := theme.FingerprintedName(name, data)
		if fp == name || !theme.IsFingerprinted(fp, data) {
			t.Errorf("FingerprintedName(%q) = %q, not a fingerprinted name of its data", name, fp)
		}
		if !strings.Contains(home, `"/`+fp+`"`) {
			t.Errorf("index.html does not link /%s:\n%s", fp, home)
		}
		if strings.Contains(home, `"/`+name+`"`) {
			t.Errorf("index.html links the plain /%s", name)
		}
		for _, out := range []string{fp, name} {
			if got := res.Files[out]; !bytes.Equal(got, data) {
				t.Errorf("%s = %q, want %q", out, got, data)
			}
		}
	}
	var hashed []string
	for name, data := range res.Files {
		if theme.IsFingerprinted(name, data) {
			hashed = append(hashed, name)
		}
	}
	if len(hashed) != 2 {
		t.Errorf("fingerprinted files %v, want the CSS and the JavaScript only", hashed)
	}
}

// TestBuilderFollowsAssets edits the CSS under a Builder: every page must link the new name at once.
func TestBuilderFollowsAssets(t *testing.T) {
	fsys := assetSite()
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	bl := NewBuilder()
	if _, err := bl.Build(fsys, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	css := []byte("body { color: #222; }\n")
	fsys["themes/t/static/css/site.css"] = &fstest.MapFile{Data: css}
	res, err := bl.Build(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	fp := theme.FingerprintedName("css/site.css", css)
	if got := string(res.Files["index.html"]); !strings.Contains(got, `"/`+fp+`"`) {
		t.Errorf("after a CSS edit index.html does not link /%s:\n%s", fp, got)
	}
	if got := res.Files[fp]; !bytes.Equal(got, css) {
		t.Errorf("%s = %q, want %q", fp, got, css)
	}
}

// TestAssetMissing: a layout that links a file the theme does not have is a build error naming it.
func TestAssetMissing(t *testing.T) {
	fsys := assetSite()
	delete(fsys, "themes/t/static/js/site.js")
	_, err := Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "static/js/site.js") {
		t.Errorf("Build with a missing asset: %v, want an error naming static/js/site.js", err)
	}
}
