package theme

import (
	"strings"
	"testing"
	"testing/fstest"

	"quartieri/internal/siteconfig"
)

func TestStrings(t *testing.T) {
	fsys := fstest.MapFS{
		"t/layouts/baseof.html":          {Data: []byte(`<html lang="{{.Lang}}" dir="{{.Dir}}">{{template "main" .}}</html>`)},
		"t/layouts/page.html":            {Data: []byte(`{{define "main"}}{{T "skip"}}|{{template "p" .}}{{end}}`)},
		"t/layouts/partials/p.html":      {Data: []byte(`{{define "p"}}{{T "funding" "Aler"}}{{end}}`)},
		"t/layouts/broken.html":          {Data: []byte(`{{define "main"}}{{T "nope"}}{{end}}`)},
		"t/i18n/it.yaml":                 {Data: []byte("skip: Vai al contenuto\nfunding: Servizio di %s\n")},
		"t/i18n/ar.yaml":                 {Data: []byte("skip: انتقل إلى المحتوى\nextra: x\n")},
		"t/i18n/en.yaml":                 {Data: []byte("skip: Skip to content\nfunding: A service of %s\n")},
		"t/static/css/site.css":          {Data: []byte("")},
		"t/layouts/partials/unused.html": {Data: []byte(`{{define "unused"}}{{end}}`)},
	}
	th, err := Load(fsys, "t")
	if err != nil {
		t.Fatal(err)
	}
	site := &siteconfig.Site{Language: "it"}
	for _, tt := range []struct{ lang, want string }{
		{"", `<html lang="it" dir="ltr">Vai al contenuto|Servizio di Aler</html>`},
		{"en", `<html lang="en" dir="ltr">Skip to content|A service of Aler</html>`},
		{"ar", `<html lang="ar" dir="rtl">انتقل إلى المحتوى|Servizio di Aler</html>`},
		{"fr", `<html lang="fr" dir="ltr">Vai al contenuto|Servizio di Aler</html>`},
	} {
		got, err := th.Render(&PageData{Site: site, Page: &Page{Kind: "page", Lang: tt.lang}})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("Render in %q = %s, want %s", tt.lang, got, tt.want)
		}
	}
	if _, err := th.Render(&PageData{Site: site, Page: &Page{Layout: "broken"}}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("Render with an unknown key: error %v, want one naming the key", err)
	}
	want := []string{
		`t/i18n/ar.yaml: manca il testo "funding"`,
		`t/i18n/ar.yaml: il testo "extra" non esiste in t/i18n/it.yaml`,
	}
	got := th.Warnings()
	if len(got) != len(want) {
		t.Fatalf("Warnings() = %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("Warnings()[%d] = %q, want it to start with %q", i, got[i], want[i])
		}
	}
	if !th.HasStrings("ar") || th.HasStrings("fr") {
		t.Error("HasStrings: want ar, not fr")
	}
}
