package site

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"sort"
	"sync"
	"time"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// themeSources sums the theme's layout files, its texts and its fingerprinted static files: every page's HTML
// depends on them.
func themeSources(fsys fs.FS, dir string) [32]byte {
	k := newKeyer()
	for _, sub := range []string{"/layouts", "/i18n"} { // i18n: the theme's texts (see theme.Theme.Text)
		_ = fs.WalkDir(fsys, dir+sub, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if data, err := fs.ReadFile(fsys, p); err == nil {
				k.str(p).bytes(data)
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
	return k.sum()
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

// renderKey is the key of a page's HTML as rendered with the given reads (see theme.Reads): the page's own file
// (its generation in the Builder), what every page shows (siteKey), the page's own fields, and, for each other
// page the layouts followed to, what that leads to in this build. A page rendered again with the same key would
// be the same HTML, so a Builder keeps the last render's reads and HTML, and compares keys.
func (b *builder) renderKey(p *page, reads []theme.Read) [32]byte {
	var gen int64
	if p.entry != nil {
		gen = int64(p.entry.gen)
	}
	var k sumBuf
	v := pageValue(p.tp)
	k.bytes(b.siteSum[:]).int(gen).str(p.file).bytes(v[:]).int(int64(len(reads)))
	for _, r := range reads {
		k.str(r.URL)
		if r.Pages {
			k.int(1)
		} else {
			k.int(0)
		}
		q := b.rendered(r.URL)
		switch {
		case q == nil: // gone, left out or broken since
			k.int(-1)
		case r.Pages:
			k.int(int64(len(q.Pages())))
			for _, c := range q.Pages() {
				v := pageValue(c)
				k.bytes(v[:])
			}
		case q.Parent() == nil:
			k.int(0)
		default:
			v := pageValue(q.Parent())
			k.int(1).bytes(v[:])
		}
	}
	return sha256.Sum256(k)
}

// rendered returns the page at url as the layouts see it, if it is rendered in this build.
func (b *builder) rendered(url string) *theme.Page {
	if url == notFoundURL && b.notFound != nil {
		return b.notFound.tp
	}
	q := b.byURL[url]
	if q == nil || q.tp == nil || q.skip != "" || q.broken {
		return nil
	}
	return q.tp
}

// pageValue sums the fields of a theme.Page a layout can show, but Content (set only on the page being
// rendered) and the other pages it leads to (Parent, Pages: see renderKey). Call and Presidio come from
// site.yaml, which is in siteKey: their ids stand for them.
func pageValue(tp *theme.Page) [32]byte {
	a := sumBufs.Get().(*sumBuf)
	defer sumBufs.Put(a)
	*a = (*a)[:0]
	a.str(tp.Kind).str(tp.Layout).str(tp.Title).str(tp.Description).str(tp.URL).
		time(tp.Date).time(tp.Lastmod).str(tp.Summary()).int(int64(tp.Weight)).str(tp.Unpublished)
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

// sumBufs holds pageValue's buffers.
var sumBufs = sync.Pool{New: func() any { return new(sumBuf) }}

// sumBuf collects values, each with its length, to be summed at once: cheaper than a hash.Hash for the many
// small sums renderKey makes.
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

// time appends t as an instant and its zone, name and offset: what a layout can print of it.
func (a *sumBuf) time(t time.Time) *sumBuf {
	name, offset := t.Zone()
	return a.int(t.Unix()).int(int64(t.Nanosecond())).str(name).int(int64(offset))
}
