package theme_test

import (
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

func TestIsFingerprinted(t *testing.T) {
	data := []byte("body{}")
	fp := theme.FingerprintedName("css/site.css", data)
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{fp, data, true},
		{fp, []byte("body{color:red}"), false}, // the hash is not this content's
		{"css/site.css", data, false},
		{"css/site.12345678.css", data, false},
		{strings.TrimSuffix(fp, ".css") + ".txt", data, false},
		{theme.FingerprintedName("js/site.js", data), data, true},
		{theme.FingerprintedName("img/logo.png", data), data, false}, // only CSS and JavaScript
	}
	for _, tt := range tests {
		if got := theme.IsFingerprinted(tt.name, tt.data); got != tt.want {
			t.Errorf("IsFingerprinted(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
	if got, want := fp, "css/site."; !strings.HasPrefix(got, want) || len(got) != len("css/site.12345678.css") {
		t.Errorf("FingerprintedName(css/site.css) = %q, want css/site.<8 hex digits>.css", got)
	}
}

// TestAssetLinks renders a page of the real theme with and without Fingerprint: the built site links the
// fingerprinted names, the pages the form functions render link the plain ones. A page without a form does not
// load form.js.
func TestAssetLinks(t *testing.T) {
	site, err := siteconfig.Parse([]byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	assets := th.Assets()
	if len(assets) != 3 {
		t.Fatalf("Assets() = %d files, want the CSS and the two scripts (site.js, form.js)", len(assets))
	}
	page := &theme.PageData{Site: site, Page: &theme.Page{Kind: "page", Title: "Prova", URL: "/prova/"}, Now: time.Now()}
	for _, fingerprint := range []bool{false, true} {
		th.Fingerprint = fingerprint
		html, err := th.Render(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range assets {
			want, not := a.Name, a.Fingerprinted
			if fingerprint {
				want, not = not, want
			}
			if a.Name == "js/form.js" { // only the form pages load it
				if strings.Contains(string(html), "/js/form.") {
					t.Errorf("Fingerprint %v: a page without a form links %s", fingerprint, want)
				}
				continue
			}
			if !strings.Contains(string(html), `"/`+want+`"`) || strings.Contains(string(html), `"/`+not+`"`) {
				t.Errorf("Fingerprint %v: the page does not link /%s alone", fingerprint, want)
			}
			if !theme.IsFingerprinted(a.Fingerprinted, a.Data) {
				t.Errorf("asset %s: %s is not a fingerprinted name of its data", a.Name, a.Fingerprinted)
			}
		}
	}
}
