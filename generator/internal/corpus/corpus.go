// Package corpus writes a realistic Italian site of any size, for the generator's benchmarks: site.yaml and
// content/ with sections, pages of 600 to 1,200 words in short sentences, h2 and h3 headings, lists, a table with a
// header row, links to other pages and to their #anchors, external links and images with alternative text. Every
// page passes the generator's checks. The same n gives the same bytes (a seeded generator).
//
// Write does not write a theme: CopyThemes copies one (the embedded quartieri/themes.FS, or os.DirFS of a themes
// folder) so that benchmarks measure the real theme.
package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// PagesPerSection is the number of regular pages in each section.
const PagesPerSection = 50

// imagesPerSection is the number of PNG files written in each section's folder.
const imagesPerSection = 3

// page is what other pages need to know to link to one page.
type page struct {
	section, slug, title string
}

func (p page) url() string { return "/" + p.section + "/" + p.slug + "/" }

// Write writes site.yaml and content/ for a site of n regular pages into dir, plus one _index.md per section of
// PagesPerSection pages and the home page.
func Write(dir string, n int) error {
	r := rand.New(rand.NewPCG(uint64(n), 2025))
	nsec := max(1, (n+PagesPerSection-1)/PagesPerSection)
	sections := make([]string, nsec)
	for s := range sections {
		sections[s] = topics[s%len(topics)]
		if s >= len(topics) {
			sections[s] += fmt.Sprintf("-%d", s/len(topics)+1)
		}
	}
	pages := make([]page, n)
	for i := range pages {
		t := r.IntN(len(towns))
		thing := pick(r, things)
		pages[i] = page{
			section: sections[i/PagesPerSection],
			slug:    fmt.Sprintf("%s-%s-%d", strings.ReplaceAll(strings.ToLower(slugWords(thing)), " ", "-"), townSlugs[t], i+1),
			title:   fmt.Sprintf("%s a %s, scheda %d", thing, towns[t], i+1),
		}
	}
	write := func(name string, b []byte) error {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, b, 0o644)
	}
	if err := write("site.yaml", siteYAML(sections)); err != nil {
		return err
	}
	if err := write("content/_index.md", homePage(sections)); err != nil {
		return err
	}
	var pngs [imagesPerSection][]byte
	for k := range pngs {
		pngs[k] = pngBytes(k)
	}
	for s, sec := range sections {
		err := write("content/"+sec+"/_index.md", []byte(fmt.Sprintf("---\ntitle: \"%s\"\ndescription: \"Servizi e "+
			"informazioni: %s.\"\nweight: %d\n---\n\nIn questa sezione trovi le schede su %s. Ogni scheda dice "+
			"chi ti aiuta e come fare.\n", title(sec), sec, s+1, sec)))
		for k := 0; k < imagesPerSection && err == nil; k++ {
			err = write(fmt.Sprintf("content/%s/foto-%d.png", sec, k+1), pngs[k])
		}
		if err != nil {
			return err
		}
	}
	for i, p := range pages {
		if err := write("content/"+p.section+"/"+p.slug+".md", pageBody(r, i, pages)); err != nil {
			return err
		}
	}
	return nil
}

// pageBody returns page i's front matter and 600 to 1,200 words of Markdown.
func pageBody(r *rand.Rand, i int, pages []page) []byte {
	p := pages[i]
	var b bytes.Buffer
	date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700)
	fmt.Fprintf(&b, "---\ntitle: \"%s\"\ndescription: \"%s: chi ti aiuta, dove andare e come fare la domanda.\"\n"+
		"date: %s\nweight: %d\n---\n\n", p.title, p.title, date.Format("2006-01-02"), i%20+1)
	target := 600 + r.IntN(601)
	words := 0
	other := func() page {
		if len(pages) == 1 {
			return p
		}
		j := r.IntN(len(pages) - 1)
		if j >= i {
			j++
		}
		return pages[j]
	}
	fmt.Fprintf(&b, "%s\n\n", paragraph(r, &words))
	h2 := r.Perm(len(h2s))
	for k := 0; words < target; k++ {
		switch k {
		case 0:
			b.WriteString("## Come fare la domanda\n\n")
		case 1:
			b.WriteString("## Documenti da portare\n\n")
		default:
			fmt.Fprintf(&b, "## %s\n\n", h2s[h2[(k-2)%len(h2s)]])
		}
		fmt.Fprintf(&b, "%s\n\n", paragraph(r, &words))
		switch k % 4 {
		case 0:
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "- Porta %s.\n", pick(r, listItems))
				words += 3
			}
			b.WriteByte('\n')
		case 1:
			fmt.Fprintf(&b, "%s\n", table(r))
			words += 20
		case 2:
			for _, h := range r.Perm(len(h3s))[:2] {
				fmt.Fprintf(&b, "### %s\n\n%s\n\n", h3s[h], paragraph(r, &words))
			}
		case 3:
			// Half the images are written relative to the page's folder, as staff write them.
			dir := "/" + p.section + "/"
			if r.IntN(2) == 0 {
				dir = ""
			}
			fmt.Fprintf(&b, "![Il cortile delle case Aler di %s, con gli alberi e le panchine](%sfoto-%d.png)\n\n",
				pick(r, towns), dir, 1+r.IntN(imagesPerSection))
		}
		o, a := other(), other()
		e := pick(r, externals)
		fmt.Fprintf(&b, "Leggi anche la scheda [%s](%s). Trovi i passi nella parte [come fare la domanda per %s](%s#come-fare-la-domanda). "+
			"Prima controlla [i documenti da portare](#documenti-da-portare). Altre notizie sono su [%s](%s).\n\n",
			strings.ToLower(o.title[:1])+o.title[1:], o.url(), strings.ToLower(a.title[:1])+a.title[1:], a.url(), e.text, e.url)
		words += 40
	}
	return b.Bytes()
}

// slugWords drops the accents and apostrophes of a title's words, for file names.
func slugWords(s string) string {
	return strings.NewReplacer("'", " ", "à", "a", "è", "e", "é", "e", "ì", "i", "ò", "o", "ù", "u").Replace(s)
}

func title(s string) string { return strings.ToUpper(s[:1]) + strings.ReplaceAll(s[1:], "-", " ") }

// homePage links every section.
func homePage(sections []string) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Operatori di quartiere nelle case Aler\"\ndescription: \"Ascolto e aiuto per gli " +
		"inquilini delle case popolari.\"\n---\n\nGli operatori di quartiere ascoltano gli inquilini. Ti aiutano " +
		"con problemi sociali, di casa e di bollette.\n\n## Le sezioni del sito\n\n")
	for _, s := range sections {
		fmt.Fprintf(&b, "- [%s](/%s/)\n", title(s), s)
	}
	return []byte(b.String())
}

// siteYAML has the structure of the repository's site.yaml, with every value filled in and menus that lead to
// the first sections.
func siteYAML(sections []string) []byte {
	var b strings.Builder
	b.WriteString(`title: "Operatori di quartiere nelle case Aler"
description: "Ascolto e aiuto per gli inquilini delle case popolari Aler."
baseURL: "https://quartieri.example.org/"
language: it
theme: quartiere
apiBase: /api
organization: { name: "Aler Pavia-Lodi", url: "https://aler.example.org/", funder: "Regione Lombardia, fondi PR FSE", address: "Via Esempio 1, Lodi" }
mail: { from: "sito@example.org", staff: "personale@example.org" }
presidi:
`)
	for t, town := range towns {
		fmt.Fprintf(&b, "  - { id: %s, town: \"%s\", page: /%s/, address: \"Via Roma %d\", hours: \"lunedì dalle 9 alle 12\", "+
			"phone: \"0371 000000\", email: \"presidio-%s@example.org\" }\n", townSlugs[t], town, sections[t%len(sections)], t+1, townSlugs[t])
	}
	b.WriteString("menus:\n  main:\n    - { name: \"Home\", url: /, weight: 1 }\n")
	for s, sec := range sections[:min(5, len(sections))] {
		fmt.Fprintf(&b, "    - { name: \"%s\", url: /%s/, weight: %d }\n", title(sec), sec, s+2)
	}
	b.WriteString("limits: { requests: 60, window: 10m }\nretention: { applicationsDays: 730, contactDays: 365 }\n" +
		"privacy: { controller: \"Aler Pavia-Lodi, Lodi\", contact: \"privacy@example.org\", dpo: \"rpd@example.org\" }\n" +
		"accessibility: { statementURL: \"https://form.agid.gov.it/\", feedback: \"accessibilita@example.org\" }\n")
	return []byte(b.String())
}

// pngBytes returns a small PNG, a different colour for each k.
func pngBytes(k int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	c := color.RGBA{uint8(40 + 50*k), 90, 120, 255}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// CopyThemes copies every file of themes (a folder holding one folder per theme, such as the embedded
// quartieri/themes.FS or os.DirFS("themes")) into dir/themes.
func CopyThemes(dir string, themes fs.FS) error {
	return fs.WalkDir(themes, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		b, err := fs.ReadFile(themes, name)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "themes", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
