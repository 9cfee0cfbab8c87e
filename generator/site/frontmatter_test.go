package site

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

func testSite(t *testing.T) *siteconfig.Site {
	t.Helper()
	s, err := siteconfig.Parse([]byte(`title: Prova
baseURL: https://esempio.it/
calls:
  - id: community-manager-2025
    closes: 2025-04-28T23:59:00+02:00
presidi:
  - id: codogno
    town: Codogno
`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in        string
		front, body     string
		bodyLine        int
		wantErrLine     int
		wantErrContains string
	}{
		{name: "plain", in: "---\ntitle: a\n---\n## Ciao\n", front: "title: a\n", body: "## Ciao\n", bodyLine: 4},
		{name: "crlf and bom", in: "\xef\xbb\xbf---\r\ntitle: a\r\n---\r\ntesto", front: "title: a\r\n", body: "testo", bodyLine: 4},
		{name: "dots close", in: "---\ntitle: a\n...\ntesto", front: "title: a\n", body: "testo", bodyLine: 4},
		{name: "no body", in: "---\ntitle: a\n---", front: "title: a\n", body: "", bodyLine: 4},
		{name: "empty front", in: "---\n---\nx", front: "", body: "x", bodyLine: 3},
		{name: "missing", in: "# Titolo\n", wantErrLine: 1, wantErrContains: "deve cominciare con una riga ---"},
		{name: "unclosed", in: "---\ntitle: a\n", wantErrLine: 1, wantErrContains: "non è chiusa"},
	}
	for _, tt := range tests {
		front, body, line, err := SplitFrontMatter([]byte(tt.in))
		if tt.wantErrContains != "" {
			le, ok := err.(*lineError)
			if !ok || le.Line != tt.wantErrLine || !strings.Contains(le.Msg, tt.wantErrContains) {
				t.Errorf("%s: SplitFrontMatter error = %v, want line %d containing %q", tt.name, err, tt.wantErrLine, tt.wantErrContains)
			}
			continue
		}
		if err != nil || string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
			t.Errorf("%s: SplitFrontMatter = %q, %q, %d, %v; want %q, %q, %d", tt.name, front, body, line, err, tt.front, tt.body, tt.bodyLine)
		}
	}
}

func TestParseFrontMatterErrors(t *testing.T) {
	site := testSite(t)
	ok := "title: Presidi\ndescription: Dove siamo\n"
	tests := []struct {
		name string
		yaml string
		// want lists "line: substring" for every expected error, in order.
		want []string
	}{
		{"valid", ok, nil},
		{"unquoted colon", "title: Orari: lunedì\ndescription: x\n", []string{`2: metti il testo tra virgolette, per esempio title: "Orari: lunedì"`}},
		{"unquoted colon later", "description: x\nweight: 3\ntitle: Orari: lunedì\n", []string{`4: metti il testo tra virgolette`}},
		{"apostrophe in single quotes", "description: x\ntitle: 'L'aiuto'\n", []string{`3: usa le virgolette doppie, per esempio title: "L'aiuto"`}},
		{"tab", "title: a\n\tdescription: b\n", []string{"3: tabulazione"}},
		{"unknown key", ok + "titel: x\n", []string{`4: chiave sconosciuta "titel": forse intendevi "title"?`}},
		{"italian key", ok + "bozza: true\n", []string{`4: chiave sconosciuta "bozza": le chiavi si scrivono in inglese, scrivi draft`}},
		{"far key", ok + "zzzzzzzz: 1\n", []string{"4: le chiavi possibili sono aliases, audience"}},
		{"missing title", "description: x\n", []string{"1: manca il titolo"}},
		{"empty title", "title:\ndescription: x\n", []string{"2: manca il titolo"}},
		{"missing both", "weight: 2\n", []string{"1: manca il titolo", "1: manca la descrizione"}},
		{"bad date", ok + "date: 28/04/2025\n", []string{`4: la data date "28/04/2025" non è valida: scrivila come AAAA-MM-GG`}},
		{"bad bool", ok + "draft: forse\n", []string{`4: draft deve essere true (sì) oppure false (no)`}},
		{"bad int", ok + "weight: primo\n", []string{`4: il valore di weight deve essere un numero intero`}},
		{"list title", "title: [a, b]\ndescription: x\n", []string{"2: il valore di title deve essere un testo"}},
		{"duplicate", ok + "title: b\n", []string{"4: la chiave title è già scritta alla riga 2"}},
		{"unknown call", ok + "call: community-manager-2052\n", []string{`4: il bando "community-manager-2052" non esiste in site.yaml (calls): forse intendevi "community-manager-2025"?`}},
		{"unknown presidio", ok + "presidio: lodi\n", []string{`4: il presidio "lodi" non esiste`}},
		{"alias out of the site", ok + "aliases: [\"/../site.yaml\"]\n", []string{`4: l'indirizzo "/../site.yaml" in aliases non è valido`}},
		{"alias with a backslash", ok + "aliases: ['\\vecchio\\']\n", []string{`4: l'indirizzo "\\vecchio\\" in aliases non è valido`}},
		{"bad audience", ok + "audience: residente\n", []string{`4: audience "residente" non è valido: scrivi residenti, candidati oppure staff: forse intendevi "residenti"?`}},
		{"not a mapping", "- a\n- b\n", []string{"2: l'intestazione deve essere un elenco di chiavi e valori"}},
		{"every error", "titel: a\ndescripton: b\ndate: ieri\n", []string{`2: "titel"`, `3: "descripton"`, "4: la data date", "1: manca il titolo", "1: manca la descrizione"}},
	}
	for _, tt := range tests {
		_, errs := ParseFrontMatter("content/x.md", []byte(tt.yaml), 2, site)
		if len(errs) != len(tt.want) {
			t.Errorf("%s: ParseFrontMatter errors = %q, want %d errors %q", tt.name, errs, len(tt.want), tt.want)
			continue
		}
		for i, w := range tt.want {
			line, sub, _ := strings.Cut(w, ": ")
			got := errs[i]
			if got.File != "content/x.md" || strconv.Itoa(got.Line) != line || !strings.Contains(got.Message, sub) {
				t.Errorf("%s: error %d = %q, want line %s containing %q", tt.name, i, got.String(), line, sub)
			}
		}
	}
}

func TestParseFrontMatterValues(t *testing.T) {
	src := `title: "L'aiuto per l'affitto"
description: Come chiedere aiuto
date: 2025-03-10
lastmod: 2025-03-12 09:30
publishDate: 2025-03-10T08:00:00+01:00
expiryDate: 2026-01-01T00:00:00Z
draft: true
weight: 3
aliases: /vecchio/
menu: [main, footer]
layout: application
summary: In breve
call: community-manager-2025
presidio: codogno
audience: candidati
`
	fm, errs := ParseFrontMatter("content/x.md", []byte(src), 2, testSite(t))
	if len(errs) > 0 {
		t.Fatalf("ParseFrontMatter: %v", errs)
	}
	rome := siteconfig.Rome
	checks := []struct {
		name      string
		got, want any
	}{
		{"Title", fm.Title, "L'aiuto per l'affitto"},
		{"Date", fm.Date, time.Date(2025, 3, 10, 0, 0, 0, 0, rome)},
		{"Lastmod", fm.Lastmod, time.Date(2025, 3, 12, 9, 30, 0, 0, rome)},
		{"PublishDate", fm.PublishDate.UTC(), time.Date(2025, 3, 10, 7, 0, 0, 0, time.UTC)},
		{"ExpiryDate", fm.ExpiryDate.UTC(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Draft", fm.Draft, true},
		{"Weight", fm.Weight, 3},
		{"Aliases", strings.Join(fm.Aliases, ","), "/vecchio/"},
		{"Menu", strings.Join(fm.Menu, ","), "main,footer"},
		{"Layout", fm.Layout, "application"},
		{"Summary", fm.Summary, "In breve"},
		{"Call", fm.Call, "community-manager-2025"},
		{"Presidio", fm.Presidio, "codogno"},
		{"Audience", fm.Audience, "candidati"},
	}
	for _, c := range checks {
		if tm, ok := c.want.(time.Time); ok {
			if !c.got.(time.Time).Equal(tm) {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
			continue
		}
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	fm, _ = ParseFrontMatter("content/x.md", []byte("title: a\ndescription: b\n"), 2, nil)
	if fm.Audience != AudienceResidents {
		t.Errorf("default Audience = %q, want %q", fm.Audience, AudienceResidents)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2025-04-28", time.Date(2025, 4, 28, 0, 0, 0, 0, siteconfig.Rome), true},
		{"2025-04-28T23:59:00+02:00", time.Date(2025, 4, 28, 21, 59, 0, 0, time.UTC), true},
		{"2025-04-28T23:59", time.Date(2025, 4, 28, 23, 59, 0, 0, siteconfig.Rome), true},
		{"2025-04-28 23:59:30", time.Date(2025, 4, 28, 23, 59, 30, 0, siteconfig.Rome), true},
		{"28/04/2025", time.Time{}, false},
		{"2025-02-30", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
