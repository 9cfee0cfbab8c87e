package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"sort"
	"time"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// reach says which other pages a theme's layouts can reach from a page: a layout sees the page's own fields,
// its Breadcrumbs (plain links) and the site; only the fields Parent and Pages lead to other pages. (The
// template functions given a page, such as jobPostingLD, read only its own fields; one that walked to other
// pages would have to be counted here.)
type reach struct {
	// parent: some layout writes ".Parent", so a page may show its ancestors.
	parent bool
	// pages: some layout writes ".Pages", so a page may show its children, and theirs.
	pages bool
}

// themeSources sums the theme's layout files and fingerprinted static files, and finds, by their text, which other pages they can reach. Every
// field access in a template is written ".Name" (after a dot, a variable or a parenthesis), so looking for
// ".Parent" and ".Pages" anywhere in the files, comments and HTML included, never misses one.
func themeSources(fsys fs.FS, dir string) ([32]byte, reach) {
	k := newKeyer()
	var r reach
	for _, sub := range []string{"/layouts", "/i18n"} { // i18n: the theme's texts (see theme.Theme.Text)
		_ = fs.WalkDir(fsys, dir+sub, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err == nil {
				k.str(p).bytes(data)
				r.parent = r.parent || bytes.Contains(data, []byte(".Parent"))
				r.pages = r.pages || bytes.Contains(data, []byte(".Pages"))
			}
			return nil
		})
	}
	// Every page links the CSS and JavaScript by a hash of their content (theme.Asset).
	_ = fs.WalkDir(fsys, dir+"/static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !theme.Fingerprints(p) {
			return nil
		}
		if data, err := fs.ReadFile(fsys, p); err == nil {
			k.str(p).bytes(data)
		}
		return nil
	})
	return k.sum(), r
}

// siteKey sums what every page's HTML depends on: site.yaml, the layouts, Drafts, Now to the minute (call
// deadlines are whole minutes) and the menus completed by the pages' menu keys.
func (b *builder) siteKey() [32]byte {
	k := newKeyer().bytes(b.siteYAML).bytes(b.themeKey[:]).int(b.opts.Now.Truncate(time.Minute).Unix())
	if b.opts.Drafts {
		k.int(1)
	}
	sumMenus(k, b.site.Menus)
	b.langKey(k)
	return k.sum()
}

// sumMenus adds menus to a key, in the order of their names.
func sumMenus(k keyer, menus map[string][]siteconfig.Menu) {
	names := make([]string, 0, len(menus))
	for name := range menus {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		m := menus[name]
		k.str(name).int(int64(len(m)))
		for _, e := range m {
			k.str(e.Name).str(e.URL).int(int64(e.Weight))
		}
	}
}

// pageKeys gives every live page the key of its HTML: its own file, everything the site shows on every page
// (siteKey), its own theme.Page fields (Breadcrumbs included: its ancestors' titles), and, as far as the layouts
// reach, its ancestors' fields and the fields of its children and their children. When the layouts reach both
// ways, any page can reach any other, and the key covers the front matter of the whole site (globalKey).
func (b *builder) pageKeys(live []*page) {
	if b.reach.parent && b.reach.pages {
		b.global = b.globalKey()
		var buf sumBuf
		for _, p := range live {
			p.key = b.keyWith(p, b.global[:], &buf)
		}
		return
	}
	d := &digests{site: b.siteKey(), values: make(map[*theme.Page][32]byte, len(live)),
		subtrees: map[*theme.Page][32]byte{}}
	for _, p := range live {
		d.values[p.tp] = pageValue(&d.vbuf, p.tp)
	}
	for _, p := range live {
		p.key = b.pageKey(d, p)
	}
	b.digests = d
}

// digests holds, during one build, the sums pageKeys works from.
type digests struct {
	site     [32]byte
	values   map[*theme.Page][32]byte // pageValue of every live page
	subtrees map[*theme.Page][32]byte // a page's value and its children's subtrees, in order
	// vbuf is pageValue's scratch buffer, kbuf the others': pageKey and subtree fill kbuf only once every sum
	// they need is made.
	vbuf, kbuf sumBuf
}

// pageKey is the key of one page's HTML (see pageKeys); the 404 page made when content/404.md is missing uses it
// too, once pageKeys has run.
func (b *builder) pageKey(d *digests, p *page) [32]byte {
	if d == nil { // pageKeys used globalKey
		var buf sumBuf
		return b.keyWith(p, b.global[:], &buf)
	}
	if b.reach.pages {
		for _, c := range p.tp.Pages {
			d.subtree(c)
		}
	}
	v := d.value(p.tp)
	k := &d.kbuf
	*k = (*k)[:0]
	k.bytes(d.site[:]).str(p.url).bytes(v[:])
	if b.reach.parent {
		for a := p.tp.Parent; a != nil; a = a.Parent {
			av := d.value(a)
			k.bytes(av[:])
		}
	}
	if b.reach.pages {
		k.int(int64(len(p.tp.Pages)))
		for _, c := range p.tp.Pages {
			s := d.subtrees[c]
			k.bytes(s[:])
		}
	}
	s := sha256.Sum256(*k)
	return b.keyWith(p, s[:], k)
}

// value returns the pageValue of a live page, or computes it for another (the generated 404 page's parent is
// live, but keep this safe).
func (d *digests) value(tp *theme.Page) [32]byte {
	if v, ok := d.values[tp]; ok {
		return v
	}
	return pageValue(&d.vbuf, tp)
}

// keyWith sums the page's own file (its generation in the Builder), its name and deps, in the scratch buffer k.
func (b *builder) keyWith(p *page, deps []byte, k *sumBuf) [32]byte {
	var gen int64
	if p.entry != nil {
		gen = int64(p.entry.gen)
	}
	*k = (*k)[:0]
	k.int(gen).bytes(deps).str(p.file)
	return sha256.Sum256(*k)
}

// subtree sums a page's value and, in order, its children's subtrees.
func (d *digests) subtree(tp *theme.Page) [32]byte {
	if s, ok := d.subtrees[tp]; ok {
		return s
	}
	for _, c := range tp.Pages {
		d.subtree(c)
	}
	v := d.value(tp)
	k := &d.kbuf
	*k = (*k)[:0]
	k.bytes(v[:]).int(int64(len(tp.Pages)))
	for _, c := range tp.Pages {
		s := d.subtrees[c]
		k.bytes(s[:])
	}
	s := sha256.Sum256(*k)
	d.subtrees[tp] = s
	return s
}

// pageValue sums the fields of a theme.Page a layout can show, but Content (set only on the page being
// rendered) and the other pages it leads to (Parent, Pages). Call and Presidio come from site.yaml, which is in
// siteKey: their ids stand for them.
func pageValue(buf *sumBuf, tp *theme.Page) [32]byte {
	a := buf
	*a = (*a)[:0]
	a.str(tp.Kind).str(tp.Layout).str(tp.Title).str(tp.Description).str(tp.URL).
		time(tp.Date).time(tp.Lastmod).str(tp.Summary).int(int64(tp.Weight)).str(tp.Unpublished)
	if tp.Call != nil {
		a.int(1).str(tp.Call.ID)
	} else {
		a.int(0)
	}
	if tp.Presidio != nil {
		a.int(1).str(tp.Presidio.ID)
	} else {
		a.int(0)
	}
	if tp.Parent != nil {
		a.int(1).str(tp.Parent.URL)
	} else {
		a.int(0)
	}
	a.int(int64(len(tp.Breadcrumbs)))
	for _, l := range tp.Breadcrumbs {
		a.str(l.Name).str(l.URL)
		if l.Current {
			a.int(1)
		} else {
			a.int(0)
		}
	}
	a.translations(tp)
	return sha256.Sum256(*a)
}

// sumBuf collects values, each with its length, to be summed at once: cheaper than a hash.Hash for the many
// small sums pageKeys makes.
type sumBuf []byte

func (a *sumBuf) str(s string) *sumBuf {
	*a = binary.LittleEndian.AppendUint64(*a, uint64(len(s)))
	*a = append(*a, s...)
	return a
}

func (a *sumBuf) bytes(b []byte) *sumBuf {
	*a = binary.LittleEndian.AppendUint64(*a, uint64(len(b)))
	*a = append(*a, b...)
	return a
}

func (a *sumBuf) int(i int64) *sumBuf {
	*a = binary.LittleEndian.AppendUint64(*a, uint64(i))
	return a
}

// time appends t as time.Time.String writes it, zone name included.
func (a *sumBuf) time(t time.Time) *sumBuf {
	n := len(*a)
	*a = binary.LittleEndian.AppendUint64(*a, 0)
	*a = t.AppendFormat(*a, "2006-01-02 15:04:05.999999999 -0700 MST")
	binary.LittleEndian.PutUint64((*a)[n:], uint64(len(*a)-n-8))
	return a
}
