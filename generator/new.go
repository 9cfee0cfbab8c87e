package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"quartieri/internal/siteconfig"
)

// defaultArchetype is the page new writes when the source has no archetypes/SECTION.md nor
// archetypes/default.md. Archetypes are text/template files with .Title, .Date and .Section.
const defaultArchetype = `---
# Il titolo della pagina: breve, dice di cosa parla. Tra virgolette se contiene i due punti.
title: "{{.Title}}"
# Una frase che dice di cosa parla la pagina: appare negli elenchi e nei motori di ricerca.
description: "DA COMPLETARE: una frase che dice di cosa parla la pagina"
date: {{.Date}}
# Bozza: la pagina non viene pubblicata. Togli questa riga quando la pagina è pronta.
draft: true
---
Scrivi qui il testo della pagina. Usa frasi brevi e parole di tutti i giorni.

## Il primo argomento

I titoli delle sezioni cominciano con due cancelletti (##): il titolo della pagina è già quello scritto sopra.
`

// runNew creates content/PATH.md from the archetype of its section, refusing to overwrite a page.
func runNew(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("new")
	source := flags.String("source", ".", "")
	if err := parseFlags(flags, args, stderr); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		fmt.Fprintf(stderr, "generator new: indica il file da creare, per esempio notizie/incontro-inquilini.md\n\n%s", usage)
		return errUsage
	}
	rel := path.Clean(filepath.ToSlash(flags.Arg(0)))
	rel = strings.TrimPrefix(rel, "content/")
	if !strings.HasSuffix(rel, ".md") || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		fmt.Fprintf(stderr, "generator new: %q non va bene: scrivi il percorso dentro content, che finisce con .md, per esempio notizie/incontro-inquilini.md\n", flags.Arg(0))
		return errUsage
	}
	section, _, _ := strings.Cut(path.Dir(rel), "/")
	src, err := archetype(os.DirFS(*source), section)
	if err != nil {
		return err
	}
	tmpl, err := template.New("archetype").Parse(src)
	if err != nil {
		return fmt.Errorf("modello della pagina non valido: %w", err)
	}
	base := strings.TrimSuffix(path.Base(rel), ".md")
	if base == "_index" {
		base = path.Base(path.Dir(rel))
	}
	title := strings.ReplaceAll(base, "-", " ")
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	var buf bytes.Buffer
	data := struct{ Title, Date, Section string }{title, time.Now().In(siteconfig.Rome).Format("2006-01-02"), section}
	if err := tmpl.Execute(&buf, data); err != nil {
		return fmt.Errorf("modello della pagina non valido: %w", err)
	}
	file := filepath.Join(*source, "content", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "generator new: content/%s esiste già: non lo sovrascrivo; scegli un altro nome\n", rel)
		return errReported
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Creata content/%s: completa titolo e descrizione, scrivi il testo e togli draft: true per pubblicarla.\n", rel)
	return nil
}

// archetype returns archetypes/SECTION.md, else archetypes/default.md, else the built-in page.
func archetype(fsys fs.FS, section string) (string, error) {
	for _, name := range []string{"archetypes/" + section + ".md", "archetypes/default.md"} {
		if section == "." && name != "archetypes/default.md" {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			return string(data), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return defaultArchetype, nil
}
