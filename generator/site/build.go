package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"quartieri/generator/diag"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// Options control a build.
type Options struct {
	// Drafts includes drafts, pages with a future publishDate and expired pages.
	Drafts bool
	// Now is the instant the site is built as (publish and expiry dates, call status); zero means time.Now().
	Now time.Time
	// Dest is the folder files are written to as they are rendered; "" keeps them in Result.Files instead.
	Dest string
	// Discard renders and checks everything but keeps no file (Dest is ignored): what `check` needs.
	Discard bool
	// Workers is the number of pages rendered at once; 0 means runtime.NumCPU().
	Workers int
	// Report fills Result.Report's list of pages and of external links, what `check` prints; the checks run
	// either way.
	Report bool
	// CapMemory holds the build to a soft memory limit in proportion to the number of pages (see memoryCap),
	// for as long as it runs: the collector then works a little more often rather than let the heap double.
	// `build` sets it unless GOMEMLIMIT is set. It sets a limit for the whole process: leave it off where
	// something else runs beside the build, or where the files are kept in memory (no Dest).
	CapMemory bool
}

// Result is what a build produced and found.
type Result struct {
	// Files maps output paths ("index.html", "servizi/presidi/index.html", "css/site.css") to their bytes; it
	// is filled only when Options.Dest is "".
	Files map[string][]byte
	// Diagnostics holds every error, warning and note, sorted by file and line.
	Diagnostics diag.List
	// Pages is the number of HTML pages rendered from content (the 404 page included, redirects excluded).
	Pages int
	// FilesWritten counts every file output: pages, copied files, feeds, sitemap, redirects.
	FilesWritten int
	// Skipped lists the files left out, as "content/x.md (bozza)".
	Skipped []string
	// Duration is how long the build took.
	Duration time.Duration
	// Report holds what `check` prints (see Options.Report).
	Report Report
	// skippedBy counts skipped pages by reason.
	skippedBy map[string]int
	// rendered lists, sorted, the output pages a Builder rendered again instead of reusing them.
	rendered []string
}

// builder holds the state of one build.
type builder struct {
	fsys     fs.FS
	opts     Options
	site     *siteconfig.Site
	siteYAML []byte
	theme    *theme.Theme
	themeDir string
	static   fs.FS // the theme's static/ folder
	baseHost string
	baseURL  string
	pages    []*page
	files    []string // non-Markdown files under content/
	byURL    map[string]*page
	owners   map[string]string // the output files other than pages, with their sources (see writer)
	shape    [32]byte          // with a Builder, see plan
	cache    *cache            // nil for a one-off build
	themeKey [32]byte
	siteSum  [32]byte // with a Builder, see siteKey
	notFound *page    // the 404 page made when content/404.md is missing
	redone   []string // with a Builder, the pages rendered again rather than reused
	out      *output
	diags    diag.List
	mu       sync.Mutex

	langSite map[string]*siteconfig.Site  // the site as each other language's pages see it (see langMenus)
	langURLs map[string]map[string]string // each other language's translated pages, by Italian address
}

// Build builds the site whose source root (site.yaml, content/, themes/) is fsys. When the content has errors it
// returns the Result, with every diagnostic found, and a diag.List of the errors. Errors in front matter stop
// the build before anything is written; errors found in page bodies (accessibility, links) are found while pages
// are rendered, so with a Dest some pages may have been written: the command line removes them.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	return build(fsys, opts, nil)
}

func build(fsys fs.FS, opts Options, c *cache) (*Result, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	b := &builder{fsys: fsys, opts: opts, byURL: map[string]*page{}, cache: c}
	res := &Result{skippedBy: map[string]int{}}
	err := b.run(res)
	b.diags.Sort()
	res.Diagnostics = b.diags
	res.Duration = time.Since(start)
	if err != nil {
		return res, err
	}
	if errs := b.diags.Errors(); len(errs) > 0 {
		return res, errs
	}
	return res, nil
}

func (b *builder) run(res *Result) error {
	if err := b.load(); err != nil {
		return err
	}
	if err := b.scan(); err != nil {
		return err
	}
	if b.opts.CapMemory {
		defer capMemory(len(b.pages))()
	}
	parallel(len(b.pages), b.opts.Workers, func(i int) { b.readFront(b.pages[i]) })
	b.matchTranslations()
	live := b.collect(res)
	b.tree(live)
	pl := b.plan(live)
	for _, p := range b.pages {
		p.fm = nil // what the rest needs is in p.tp
	}
	// With errors already, the pages are still read and checked, so that every mistake is reported at once,
	// but nothing is rendered.
	write := !b.diags.HasErrors()
	b.out = newOutput(b.opts.Dest, b.opts.Discard)
	b.owners = pl.owners
	if b.cache != nil {
		b.siteSum = b.siteKey()
	}
	b.render(live, write)
	sort.Strings(b.redone)
	res.rendered = b.redone
	b.checkLinks(live)
	b.report(res, live)
	if b.diags.HasErrors() {
		return nil
	}
	b.extras(live, pl)
	res.Files = b.out.files
	res.FilesWritten = int(b.out.count.Load())
	res.Pages = int(b.out.pages.Load())
	return nil
}

// load reads site.yaml and the theme.
func (b *builder) load() error {
	data, err := fs.ReadFile(b.fsys, "site.yaml")
	if err != nil {
		b.errorf("site.yaml", 0, "manca il file delle impostazioni del sito: %v", err)
		return b.diags
	}
	b.siteYAML = data
	b.cache.setSite(data)
	b.site, err = siteconfig.Parse(data)
	if err != nil {
		for _, l := range strings.Split(err.Error(), "\n") {
			b.diags = append(b.diags, lineDiag(strings.TrimPrefix(strings.TrimPrefix(l, "site.yaml:"), " "), "site.yaml"))
		}
		return b.diags
	}
	if u, err := url.Parse(b.site.BaseURL); err == nil && u.Host != "" {
		b.baseHost = u.Host
	}
	b.baseURL = strings.TrimSuffix(b.site.BaseURL, "/")
	b.themeDir = path.Join("themes", b.site.Theme)
	if err := b.loadTheme(); err != nil {
		b.diags = append(b.diags, templateDiag(err, b.themeDir+"/layouts"))
		return b.diags
	}
	b.themeStrings()
	// The static files are read from this build's fsys, also when a Builder reuses a parsed theme.
	if st, err := fs.Sub(b.fsys, b.themeDir+"/static"); err == nil {
		b.static = st
	}
	for _, p := range siteconfig.Placeholders(data) {
		d := lineDiag(strings.TrimPrefix(p, "site.yaml:"), "site.yaml")
		d.Severity = diag.Warning
		d.Message = "segnaposto da completare: " + d.Message
		b.diags = append(b.diags, d)
	}
	return nil
}

// loadTheme parses the theme, or reuses the Builder's when its layouts have not changed.
func (b *builder) loadTheme() error {
	if b.cache == nil {
		var err error
		b.theme, err = loadFingerprinted(b.fsys, b.themeDir)
		return err
	}
	b.themeKey = themeSources(b.fsys, b.themeDir)
	if bl := b.cache.bl; bl.theme != nil && bl.themeKey == b.themeKey {
		b.theme = bl.theme
		return nil
	}
	t, err := loadFingerprinted(b.fsys, b.themeDir)
	if err != nil {
		return err
	}
	b.theme, b.cache.bl.theme, b.cache.bl.themeKey = t, t, b.themeKey
	return nil
}

// loadFingerprinted loads the theme with its CSS and JavaScript linked by their fingerprinted names, which
// extras writes.
func loadFingerprinted(fsys fs.FS, dir string) (*theme.Theme, error) {
	t, err := theme.Load(fsys, dir)
	if err != nil {
		return nil, err
	}
	t.Fingerprint = true
	return t, nil
}

// scan lists the Markdown pages and the other files under content/, skipping hidden and editor files.
func (b *builder) scan() error {
	err := fs.WalkDir(b.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "content" && ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(name, ".md") {
			if pg := b.newPage(p); pg != nil {
				pg.n = int32(len(b.pages))
				b.pages = append(b.pages, pg)
			}
		} else {
			b.files = append(b.files, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		b.errorf("content", 0, "manca la cartella content con le pagine del sito")
		return b.diags
	}
	if err != nil {
		b.errorf("content", 0, "impossibile leggere la cartella content: %v", err)
		return b.diags
	}
	return nil
}

// ignored reports whether a file or folder name is hidden or an editor's temporary file.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		(strings.HasPrefix(name, "_") && !indexFile(name))
}

// collect gathers the diagnostics of every page, notes the skipped ones, finds duplicate URLs, and returns the
// pages to publish in file order.
func (b *builder) collect(res *Result) []*page {
	var live []*page
	for _, p := range b.pages {
		b.diags = append(b.diags, p.diag...)
		p.diag = nil
		if prev, dup := b.byURL[p.url]; dup {
			b.errorf(p.file, 0, "questa pagina ha lo stesso indirizzo %s di %s: rinomina uno dei due file", p.url, prev.file)
			continue
		}
		b.byURL[p.url] = p
		if p.skip != "" {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s (%s)", p.file, p.skip))
			res.skippedBy[p.skip]++
			continue
		}
		if !p.broken {
			live = append(live, p)
		}
	}
	return live
}

func (b *builder) errorf(file string, line int, format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.diags = append(b.diags, diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: fmt.Sprintf(format, args...)})
}

// parallel calls f(0..n-1) on workers goroutines.
func parallel(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sortPages orders pages by weight (pages without a weight last), then date (newest first), then title, then URL.
func sortPages(ps []*theme.Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i], ps[j]
		if a.Weight != c.Weight {
			if a.Weight == 0 || c.Weight == 0 {
				return c.Weight == 0
			}
			return a.Weight < c.Weight
		}
		if !a.Date.Equal(c.Date) {
			return a.Date.After(c.Date)
		}
		if a.Title != c.Title {
			return a.Title < c.Title
		}
		return a.URL < c.URL
	})
}
