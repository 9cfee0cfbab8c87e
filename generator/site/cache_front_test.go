package site

import (
	"slices"
	"testing"
	"time"
)

// md returns a Markdown page with front matter fm.
func md(fm, body string) string { return "---\n" + fm + "---\n" + body }

const (
	candidatura = "title: Candidatura\ndescription: Il modulo\nweight: 1\nlayout: application\ncall: cm\nmenu: footer\n"
	candBody    = "## Chi può candidarsi\n\nChi ha un diploma.\n"
	presentaz   = "description: Incontro con i Comuni\ndate: 2025-03-10\n"
	presBody    = "Il progetto è stato presentato ai Comuni.\n"
)

// TestBuilderFrontMatterEdits checks the Builder against a fresh Build after edits of front matter, which other
// pages show (section lists, breadcrumbs, menus) or check links against, and after layout edits that change
// which other pages a page shows.
func TestBuilderFrontMatterEdits(t *testing.T) {
	fsys := basicSite(t)
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	set := setter(fsys)
	del := func(name string) func() { return func() { delete(fsys, name) } }
	both := func(fs ...func()) func() {
		return func() {
			for _, f := range fs {
				f()
			}
		}
	}
	const (
		cand = "content/servizi/candidatura.md"
		pres = "content/notizie/presentazione.md"
		old  = "content/notizie/vecchia.md"
		sec  = "content/servizi/_index.md"
		home = "content/_index.md"
		page = "themes/t/layouts/page.html"
		list = "themes/t/layouts/section.html"
	)
	steps := []step{
		{"first build", func() {}, now},
		{"leaf title shows in the news list and feed", set(pres, md("title: Presentazione alla stampa\n"+presentaz, presBody)), now},
		{"section title shows in its pages' breadcrumbs", set(sec, md("title: I servizi\ndescription: Tutti i servizi\n", "I servizi.\n")), now},
		{"home title shows in every breadcrumb and the 404 page", set(home, md("title: Benvenute e benvenuti\ndescription: La home\n", "Il sito.\n")), now},
		{"summary added shows in the list", set(pres, md("title: Presentazione alla stampa\nsummary: In breve.\n"+presentaz, presBody)), now},
		{"description edit", set(old, md("title: Notizia vecchia\ndescription: Una notizia\ndate: 2025-01-05\n", "Testo.\n")), now},
		{"menu entry added", set(pres, md("title: Presentazione\nmenu: main\nweight: 5\n"+presentaz, presBody)), now},
		{"menu entry retitled", set(pres, md("title: La presentazione\nmenu: main\nweight: 5\n"+presentaz, presBody)), now},
		{"menu entry removed", set(pres, md("title: La presentazione\n"+presentaz, presBody)), now},
		{"weight reorders the section", set(cand, md("title: Candidatura\ndescription: Il modulo\nweight: 3\nlayout: application\ncall: cm\nmenu: footer\n", candBody)), now},
		{"date reorders the news", set(old, md("title: Notizia vecchia\ndescription: Una notizia\ndate: 2025-04-01\n", "Testo.\n")), now},
		{"renamed page breaks the link to it", both(del(cand), set("content/servizi/iscrizione.md", md(candidatura, candBody))), now},
		{"renamed back", both(del("content/servizi/iscrizione.md"), set(cand, md(candidatura, candBody))), now},
		{"removed page breaks the link to it", del(cand), now},
		{"restored", set(cand, md(candidatura, candBody)), now},
		{"link to a news item", set(old, md("title: Notizia vecchia\ndescription: Una notizia\n", "Vedi [la presentazione](presentazione.md).\n")), now},
		{"draft toggled on breaks the link", set(pres, md("title: La presentazione\ndraft: true\n"+presentaz, presBody)), now},
		{"draft toggled off", set(pres, md("title: La presentazione\ndraft: false\n"+presentaz, presBody)), now},
		{"future publishDate breaks the link", set(pres, md("title: La presentazione\npublishDate: 2025-05-01\n"+presentaz, presBody)), now},
		{"published at last", func() {}, time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC)},
		{"publishDate removed", set(pres, md("title: La presentazione\n"+presentaz, presBody)), now},
		{"leaf title alone", set(pres, md("title: Una presentazione\n"+presentaz, presBody)), now},
		{"leaf weight alone", set(pres, md("title: Una presentazione\nweight: 4\n"+presentaz, presBody)), now},
		{"404 page written", set("content/404.md", md("title: Non c'è\ndescription: Manca\n", "Niente.\n")), now},
		{"404 page retitled", set("content/404.md", md("title: Non trovata\ndescription: Manca\n", "Niente.\n")), now},
		{"404 page removed", del("content/404.md"), now},
		{"new subsection", both(set("content/servizi/casa/_index.md", md("title: Casa\ndescription: La casa\n", "Per la casa.\n")),
			set("content/servizi/casa/affitto.md", md("title: Affitto\ndescription: L'affitto\n", "Il contributo.\n"))), now},
		{"layouts list grandchildren", set(list, `{{define "main"}}{{.Page.Content}}<ul>{{range .Page.Pages}}<li>{{.Title}}{{range .Pages}} <i>{{.Title}} {{.Summary}}</i>{{end}}</li>{{end}}</ul>{{end}}`), now},
		{"grandchild retitled", set("content/servizi/casa/affitto.md", md("title: Contributo affitto\ndescription: L'affitto\n", "Il contributo.\n")), now},
		{"grandchild summary", set("content/servizi/casa/affitto.md", md("title: Contributo affitto\ndescription: L'affitto\n", "Il contributo per l'affitto.\n")), now},
		{"layouts show the parent only", both(set(list, `{{define "main"}}{{.Page.Content}}{{end}}`),
			set(page, `{{define "main"}}{{with .Page.Parent}}<p>{{.Title}}: {{.Description}}{{with .Parent}} in {{.Title}}{{end}}</p>{{end}}{{.Page.Content}}{{end}}`)), now},
		{"section description shows in its pages", set(sec, md("title: I servizi\ndescription: Ogni servizio\n", "I servizi.\n")), now},
		{"home title shows in the pages two levels down", set(home, md("title: Benvenuti\ndescription: La home\n", "Il sito.\n")), now},
		{"layouts show the siblings", set(page, `{{define "main"}}{{with .Page.Parent}}<ul>{{range .Pages}}<li>{{.Title}}</li>{{end}}</ul>{{end}}{{.Page.Content}}{{end}}`), now},
		{"out of the footer menu", set(cand, md("title: Candidatura\ndescription: Il modulo\nweight: 3\nlayout: application\ncall: cm\n", candBody)), now},
		{"sibling retitled", set(cand, md("title: Come candidarsi\ndescription: Il modulo\nweight: 3\nlayout: application\ncall: cm\n", candBody)), now},
		{"cousin retitled", set("content/servizi/casa/affitto.md", md("title: Affitto\ndescription: L'affitto\n", "Il contributo.\n")), now},
		{"cousin draft", set("content/servizi/casa/affitto.md", md("title: Contributo affitto\ndescription: L'affitto\ndraft: true\n", "Il contributo.\n")), now},
		{"menu in site.yaml", set("site.yaml", "title: Prova\nbaseURL: https://esempio.it/\ntheme: t\ncalls:\n  - id: cm\n    closes: 2025-04-28T23:59:00+02:00\nmenus:\n  main:\n    - { name: Home, url: /, weight: 1 }\n    - { name: Notizie, url: /notizie/, weight: 2 }\n"), now},
		{"next minute", func() {}, now.Add(time.Minute)},
	}
	checkSteps(t, fsys, steps)
}

// TestBuilderRendersOnlyWhatChanged checks that a Builder renders again only the pages an edit shows on.
func TestBuilderRendersOnlyWhatChanged(t *testing.T) {
	fsys := basicSite(t)
	set := setter(fsys)
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	bl := NewBuilder()
	if _, err := bl.Build(fsys, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		edit func()
		want []string
	}{
		{"nothing", func() {}, nil},
		{"a paragraph added at the end", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\ndate: 2025-01-05\n---\nTermine\n: definizione del termine.\n\nAltro.\n"),
			[]string{"notizie/vecchia/index.html"}},
		// The news section lists the page (its layout reads .Page.Pages); the home page's layout reads no other page.
		{"a news item's title", set("content/notizie/presentazione.md", md("title: Presentazione alla stampa\n"+presentaz, presBody)),
			[]string{"notizie/index.html", "notizie/presentazione/index.html"}},
		// Every page of the section shows its title in the breadcrumbs.
		{"a section's title", set("content/servizi/_index.md", md("title: I servizi\ndescription: Tutti i servizi\n", "I servizi per gli inquilini.\n")),
			[]string{"servizi/candidatura/index.html", "servizi/index.html", "servizi/presidi/index.html"}},
		// A new layout changes every page; from then on the home page lists the sections.
		{"the home page lists its sections", set("themes/t/layouts/home.html", `{{define "main"}}{{.Page.Content}}{{range .Page.Pages}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}`),
			[]string{"404.html", "index.html", "notizie/index.html", "notizie/presentazione/index.html", "notizie/vecchia/index.html",
				"servizi/candidatura/index.html", "servizi/index.html", "servizi/presidi/index.html"}},
		{"a section's title, listed", set("content/servizi/_index.md", md("title: Servizi per te\ndescription: Tutti i servizi\n", "I servizi per gli inquilini.\n")),
			[]string{"index.html", "servizi/candidatura/index.html", "servizi/index.html", "servizi/presidi/index.html"}},
		{"a news item's title, not listed on the home page", set("content/notizie/presentazione.md", md("title: Presentazione\n"+presentaz, presBody)),
			[]string{"notizie/index.html", "notizie/presentazione/index.html"}},
	} {
		c.edit()
		res, err := bl.Build(fsys, Options{Now: now})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(res.rendered, c.want) {
			t.Errorf("%s: rendered again %q, want %q", c.name, res.rendered, c.want)
		}
	}
}
