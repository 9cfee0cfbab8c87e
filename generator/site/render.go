package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"

	"quartieri/generator/diag"
	"quartieri/internal/theme"
)

// render parses, checks and (if write) renders every page: regular pages are written as soon as they are rendered, and
// their HTML dropped, so that memory does not grow with the site; sections, the home page and the 404 page
// follow.
func (b *builder) render(live []*page, write bool) {
	jobs := live
	if b.byURL[notFoundURL] == nil || b.byURL[notFoundURL].tp == nil {
		jobs = append(append([]*page(nil), live...), b.notFoundPage())
	}
	failed := make([]error, len(jobs))
	later := make([]bool, len(jobs))
	parallel(len(jobs), b.opts.Workers, func(i int) {
		p := jobs[i]
		if p.html == nil {
			b.readBody(p)
		}
		if p.bodyBroken || !write {
			p.release()
			return
		}
		if p.tp.Kind != "page" {
			later[i] = true
			if p.buf != nil { // kept until the second loop: copy it and give the buffer back
				html := bytes.Clone(p.html)
				p.release()
				p.html = html
			}
			return
		}
		failed[i] = b.renderAndWrite(p)
	})
	parallel(len(jobs), b.opts.Workers, func(i int) {
		if later[i] {
			failed[i] = b.renderAndWrite(jobs[i])
		}
	})
	for _, p := range jobs {
		b.add(p.diag...)
		p.diag = nil
	}
	b.templateErrors(jobs, failed)
}

// renderAndWrite renders a page through the theme and writes it. A Builder reuses the page's last render when
// the renderKey of its reads is unchanged.
func (b *builder) renderAndWrite(p *page) error {
	defer p.release()
	name := outputPath(p.url)
	var html []byte
	if b.cache != nil {
		if e, ok := b.cache.output(name); ok && b.renderKey(p, e.reads) == e.key {
			html = e.html
			b.cache.putOutput(name, e)
		}
	}
	if html == nil {
		var reads *theme.Reads
		if b.cache != nil {
			reads = new(theme.Reads)
		}
		buf := bufPool.Get().(*bytes.Buffer)
		defer bufPool.Put(buf) // once written
		buf.Reset()
		if err := b.renderPage(buf, p, reads); err != nil {
			return err
		}
		html = buf.Bytes()
		if b.cache != nil || b.out.files != nil {
			html = bytes.Clone(html) // kept in memory, for this build or the next
		}
		if b.cache != nil {
			list := reads.List()
			b.cache.putOutput(name, outputEntry{key: b.renderKey(p, list), html: html, reads: list})
			b.mu.Lock()
			b.redone = append(b.redone, name)
			b.mu.Unlock()
		}
	}
	if err := b.out.write(name, html); err != nil {
		return err
	}
	b.out.pages.Add(1)
	return nil
}

// release drops a page's HTML and gives its buffer back to the pool.
func (p *page) release() {
	p.html = nil
	if p.buf != nil {
		bufPool.Put(p.buf)
		p.buf = nil
	}
}

// extras writes the redirects, the copied files, the sitemap, robots.txt and the news feed.
func (b *builder) extras(live []*page, pl *plan) {
	for _, a := range pl.aliases {
		b.write(a.out, aliasPage(b.baseURL, a.to.url, a.to.tp.Title), a.owner)
	}
	for _, f := range b.files {
		b.copyFile(b.fsys, f, f[len("content/"):])
	}
	for _, f := range pl.static {
		b.copyFile(b.static, f, f)
	}
	for _, a := range pl.assets {
		b.write(a.Fingerprinted, a.Data, b.themeDir+"/static/"+a.Name)
	}
	b.writeSitemap(live)
	b.write("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.baseURL+"/sitemap.xml\n"), "robots.txt")
	if pl.feed != nil {
		b.write("notizie/index.xml", b.feed(pl.feed), pl.feed.file)
	}
}

// templateErrors reports each distinct template error once, naming the first page (in file order) it broke.
func (b *builder) templateErrors(jobs []*page, failed []error) {
	seen := map[string]bool{}
	for i, err := range failed {
		if err == nil {
			continue
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			b.errorf(jobs[i].file, 0, "impossibile scrivere la pagina: %v", err)
			continue
		}
		d := templateDiag(err, b.themeDir+"/layouts")
		if key := d.String(); !seen[key] {
			seen[key] = true
			d.Message += " (costruendo " + jobs[i].file + ")"
			b.add(d)
		}
	}
}

// renderPage executes the theme for one page into buf, recording in reads, when it is not nil, the other pages
// the layouts reach; a panic becomes an error.
func (b *builder) renderPage(buf *bytes.Buffer, p *page, reads *theme.Reads) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("errore interno: %v", r)
		}
	}()
	// Content is set on a copy: other workers may be reading this page's fields while rendering its section.
	tp := p.tp.Track(reads)
	tp.Content = template.HTML(p.html)
	data := &theme.PageData{Site: b.siteFor(p.lang), Page: tp, Now: b.opts.Now, Menu: b.mainMenu(p.lang, p.url), Form: b.form(p),
		LangURLs: b.langURLs[p.lang]}
	return b.theme.RenderTo(buf, data)
}

// form returns the empty form of an application or contact page.
func (b *builder) form(p *page) *theme.Form {
	switch p.tp.Layout {
	case "application":
		return &theme.Form{Name: "applications", Action: theme.FormAction(b.site, "applications"), Call: p.tp.Call}
	case "contact":
		return &theme.Form{Name: "contact", Action: theme.FormAction(b.site, "contact")}
	}
	return nil
}

// notFoundPage is the 404 page used when content/404.md does not exist.
func (b *builder) notFoundPage() *page {
	home := b.byURL["/"]
	p := &page{file: "content/404.md", url: notFoundURL, lang: b.site.Language,
		html: []byte(`<p>L'indirizzo che hai aperto non esiste o la pagina è stata spostata.</p>` + "\n" +
			`<p>Torna alla <a href="/">pagina iniziale</a> oppure scegli una voce del menu.</p>` + "\n")}
	p.tp = &theme.Page{Kind: "404", Title: "Pagina non trovata", URL: notFoundURL, Lang: p.lang,
		Description: "La pagina che cerchi non esiste o è stata spostata."}
	if home != nil && home.tp != nil {
		theme.Attach(p.tp, home.tp, false)
		p.tp.Breadcrumbs = []theme.Link{{Name: home.tp.Title, URL: "/"}}
	}
	b.notFound = p
	return p
}

func (b *builder) write(name string, data []byte, owner string) {
	if err := b.out.write(name, data); err != nil {
		b.errorf(owner, 0, "impossibile scrivere %s: %v", name, err)
	}
}

func (b *builder) copyFile(fsys fs.FS, src, dst string) {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		b.errorf(src, 0, "impossibile leggere il file: %v", err)
		return
	}
	b.write(dst, data, src)
}

func (b *builder) add(d ...diag.Diagnostic) {
	b.mu.Lock()
	b.diags = append(b.diags, d...)
	b.mu.Unlock()
}
