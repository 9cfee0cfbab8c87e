package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io/fs"
	"sync"

	"quartieri/generator/diag"
	"quartieri/generator/lint"
	"quartieri/internal/theme"
)

// A Builder builds the same site again and again, as `generator serve` does after every edit, and reuses the
// work of its previous build: the parsed theme while its layouts are unchanged, each page's parsed and checked
// body while its Markdown is unchanged, and each page's final HTML while nothing it depends on changed. What a
// page's HTML depends on is recorded when it is rendered (see theme.Reads and renderKey): its own file; site.yaml,
// the layouts, Drafts and Now to the minute (call deadlines are whole minutes); the menus as completed by the
// pages' menu keys; its own fields as the theme sees them (its Breadcrumbs, its ancestors' titles, included); and
// the fields of every other page the layouts reached through .Parent and .Pages during that render. So a title
// edit renders again the page, the pages below it when it is a section, and the pages whose layouts listed it,
// not the whole site. A page's links are checked again when its file or the site's shape (which pages and files
// there are, and which are left out) changed, and the links to other pages' anchors on every build. A Builder
// runs one build at a time; its zero value is ready to use.
type Builder struct {
	mu       sync.Mutex
	themeKey [32]byte
	theme    *theme.Theme
	siteYAML []byte
	fronts   map[string]*frontEntry
	outputs  map[string]outputEntry
	gen      uint64
}

// NewBuilder returns a Builder with nothing cached.
func NewBuilder() *Builder { return &Builder{} }

// Build builds the site as the package's Build does, reusing what it can of the previous build.
func (bl *Builder) Build(fsys fs.FS, opts Options) (*Result, error) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	c := &cache{bl: bl, fronts: map[string]*frontEntry{}, outputs: map[string]outputEntry{}}
	res, err := build(fsys, opts, c)
	bl.fronts, bl.outputs, bl.siteYAML = c.fronts, c.outputs, c.siteYAML
	return res, err
}

// bodyEntry is what reading a page's body produced, before the links to other pages are checked.
type bodyEntry struct {
	html   []byte
	ids    anchors
	diag   diag.List
	broken bool
	read   lint.Readability
	refs   []lint.Ref
	// targets are refs' destinations, resolved.
	targets []target
	// checked is what checkRefs found when the site's shape was checkedIn.
	checked   refCheck
	checkedIn [32]byte
}

// outputEntry is a page's last render: its HTML, the other pages the render read, and its renderKey.
type outputEntry struct {
	key   [32]byte
	html  []byte
	reads []theme.Read
}

// cache is the state of one build of a Builder: the previous build's entries, and this build's.
type cache struct {
	bl       *Builder
	mu       sync.Mutex
	fronts   map[string]*frontEntry
	outputs  map[string]outputEntry
	siteYAML []byte
}

// setSite records this build's site.yaml; when it changed, nothing of the previous build is reused.
func (c *cache) setSite(data []byte) {
	if c == nil {
		return
	}
	c.siteYAML = data
	if !bytes.Equal(data, c.bl.siteYAML) {
		c.bl.fronts, c.bl.outputs = nil, nil
	}
}

// newGen returns a number no other file content of this Builder has had.
func (c *cache) newGen() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bl.gen++
	return c.bl.gen
}

// front returns the previous entry of file if the file is byte for byte the same, and keeps it for the next
// build.
func (c *cache) front(file string, src []byte, info fs.FileInfo) *frontEntry {
	if c == nil {
		return nil
	}
	e := c.bl.fronts[file]
	if e == nil || !bytes.Equal(e.src, src) {
		return nil
	}
	e.setStat(info) // touched but unchanged: remember the new time
	c.putFront(file, e)
	return e
}

// frontByStat returns the previous entry of file without reading it, when the file system gives a
// modification time and it and the size are those of the previous build.
func (c *cache) frontByStat(file string, info fs.FileInfo) *frontEntry {
	if c == nil || info == nil || info.ModTime().IsZero() {
		return nil
	}
	e := c.bl.fronts[file]
	if e == nil || e.mtime.IsZero() || !e.mtime.Equal(info.ModTime()) || e.size != info.Size() {
		return nil
	}
	c.putFront(file, e)
	return e
}

// setStat records the file's size and modification time.
func (e *frontEntry) setStat(info fs.FileInfo) {
	if info != nil {
		e.size, e.mtime = info.Size(), info.ModTime()
	}
}

func (c *cache) putFront(file string, e *frontEntry) {
	c.mu.Lock()
	c.fronts[file] = e
	c.mu.Unlock()
}

// bodyCached returns the page's parsed body from the previous build, when its file did not change.
func (p *page) bodyCached() *bodyEntry {
	if p.entry == nil {
		return nil
	}
	return p.entry.body
}

// output returns the previous build's render of an output file, if there is one.
func (c *cache) output(name string) (outputEntry, bool) {
	e, ok := c.bl.outputs[name]
	return e, ok
}

func (c *cache) putOutput(name string, e outputEntry) {
	c.mu.Lock()
	c.outputs[name] = e
	c.mu.Unlock()
}

// keyer builds cache keys.
type keyer struct{ h hash.Hash }

func newKeyer() keyer { return keyer{sha256.New()} }

func (k keyer) bytes(b []byte) keyer {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
	k.h.Write(n[:])
	k.h.Write(b)
	return k
}

func (k keyer) str(s string) keyer { return k.bytes([]byte(s)) }

func (k keyer) int(i int64) keyer {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(i))
	k.h.Write(n[:])
	return k
}

func (k keyer) bool(v bool) keyer {
	if v {
		return k.int(1)
	}
	return k.int(0)
}

func (k keyer) sum() (out [32]byte) {
	copy(out[:], k.h.Sum(nil))
	return out
}
