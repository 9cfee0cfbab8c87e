package theme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"quartieri/internal/formdef"
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

// TestTranslatedFormPages wants each translated form page to carry the title the form backend gives the page it
// re-renders in that language (the text NAME_title), and the theme's Italian topics to be internal/formdef's.
func TestTranslatedFormPages(t *testing.T) {
	th, err := Load(os.DirFS("../../themes"), "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range formdef.Contact.Field("topic").Options {
		if got, _ := th.Text(DefaultLang, "topic_"+o.Value); got != o.Label {
			t.Errorf("i18n/it.yaml: topic_%s = %q, want internal/formdef's %q", o.Value, got, o.Label)
		}
	}
	files, _ := filepath.Glob("../../content/*.*.md")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(src), "---\n", 3)
		var fm struct{ Title, Layout string }
		if len(parts) != 3 || yaml.Unmarshal([]byte(parts[1]), &fm) != nil {
			t.Fatalf("%s: no front matter", f)
		}
		form := formdef.ByLayout(fm.Layout)
		if form == nil {
			continue
		}
		n++
		lang := filepath.Ext(strings.TrimSuffix(f, ".md"))[1:]
		if want, _ := th.Text(lang, form.Name+"_title"); fm.Title != want {
			t.Errorf("%s: title %q, want %q (i18n/%s.yaml, %s_title)", f, fm.Title, want, lang, form.Name)
		}
	}
	if n == 0 {
		t.Error("no translated form page found")
	}
}
