package theme

import (
	"html/template"
	"slices"
	"strings"
	"testing"
)

// TestTrackRecordsWhatLayoutsRead renders small layouts on a tracked page and checks that Reads lists exactly the
// pages whose Parent or Pages the layout followed, however deep, and nothing for a layout that reads no other
// page.
func TestTrackRecordsWhatLayoutsRead(t *testing.T) {
	home := &Page{Kind: "home", Title: "Home", URL: "/"}
	sec := &Page{Kind: "section", Title: "Servizi", URL: "/servizi/"}
	sub := &Page{Kind: "section", Title: "Casa", URL: "/servizi/casa/"}
	leaf := &Page{Kind: "page", Title: "Affitto", URL: "/servizi/casa/affitto/"}
	Attach(sec, home, true)
	Attach(sub, sec, true)
	Attach(leaf, sub, true)
	for _, c := range []struct {
		name, layout string
		page         *Page
		want         []Read
		out          string
	}{
		{"own fields only", `{{.Title}}`, leaf, nil, "Affitto"},
		{"the list of a section", `{{range .Pages}}{{.Title}}{{end}}`, sec, []Read{{URL: "/servizi/", Pages: true}}, "Casa"},
		{"grandchildren", `{{range .Pages}}{{range .Pages}}{{.Title}}{{end}}{{end}}`, sec,
			[]Read{{URL: "/servizi/", Pages: true}, {URL: "/servizi/casa/", Pages: true}}, "Affitto"},
		{"ancestors", `{{with .Parent}}{{.Title}}{{with .Parent}} {{.Title}}{{end}}{{end}}`, leaf,
			[]Read{{URL: "/servizi/casa/"}, {URL: "/servizi/casa/affitto/"}}, "Casa Servizi"},
		{"siblings through the parent", `{{range .Parent.Pages}}{{.Title}}{{end}}`, leaf,
			[]Read{{URL: "/servizi/casa/", Pages: true}, {URL: "/servizi/casa/affitto/"}}, "Affitto"},
		{"the home page has no parent", `{{if .Parent}}no{{else}}none{{end}}`, home, []Read{{URL: "/"}}, "none"},
		{"read twice, listed once", `{{range .Pages}}{{end}}{{range .Pages}}{{.Title}}{{end}}`, sec, []Read{{URL: "/servizi/", Pages: true}}, "Casa"},
	} {
		tmpl := template.Must(template.New("t").Parse(c.layout))
		var reads Reads
		var out strings.Builder
		if err := tmpl.Execute(&out, c.page.Track(&reads)); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if out.String() != c.out {
			t.Errorf("%s: rendered %q, want %q", c.name, out.String(), c.out)
		}
		if got := reads.List(); !slices.Equal(got, c.want) {
			t.Errorf("%s: reads %v, want %v", c.name, got, c.want)
		}
	}
	// Outside a tracked render nothing is recorded, and Pages is the page's own slice.
	if leaf.reads != nil || sec.reads != nil || &sec.Pages()[0] != &sec.pages[0] {
		t.Errorf("the pages of the tree were changed by tracked renders")
	}
}
