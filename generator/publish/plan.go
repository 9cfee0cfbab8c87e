package publish

import (
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"path"
	"sort"
	"strings"

	"quartieri/internal/theme"
)

// Step is one stage of a publication; each starts once the one before has finished.
type Step int

const (
	// StepFiles uploads everything pages link: CSS, JavaScript, images, documents.
	StepFiles Step = iota
	// StepPages uploads the HTML pages.
	StepPages
	// StepIndexes uploads what lists the pages: sitemap.xml, robots.txt, feeds.
	StepIndexes
)

// stepOf says in which step a file is uploaded.
func stepOf(name string) Step {
	switch {
	case strings.HasSuffix(name, ".html"):
		return StepPages
	case strings.HasSuffix(name, ".xml") || name == "robots.txt":
		return StepIndexes
	}
	return StepFiles
}

// Upload is one file to put in the bucket.
type Upload struct {
	Name         string // its path in the site, e.g. "presidi/index.html"
	Data         []byte
	ContentType  string
	CacheControl string
	Step         Step
	// New is true when the bucket did not have the file, Forced when it had the same content.
	New, Forced bool
}

// Plan is what a publication does, in order: Uploads (by Step, then by name), then Deletes.
type Plan struct {
	Uploads []Upload
	// Unchanged counts the files the bucket already holds with the same content.
	Unchanged int
	// Deletes lists, sorted, the bucket's files the site no longer has.
	Deletes []string
}

// MakePlan compares the built site (files, by path) with what the bucket holds. A file is uploaded when the
// bucket lacks it, or holds a different content (MD5 or size), or always with force.
func MakePlan(files map[string][]byte, remote []Object, force bool) *Plan {
	have := make(map[string]Object, len(remote))
	for _, o := range remote {
		have[o.Name] = o
	}
	p := &Plan{}
	for name, data := range files {
		o, ok := have[name]
		same := ok && o.Size == int64(len(data)) && o.MD5 == md5Hex(data)
		if same && !force {
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, Upload{Name: name, Data: data, ContentType: ContentType(name, data),
			CacheControl: CacheControl(name, data), Step: stepOf(name), New: !ok, Forced: same})
	}
	sort.Slice(p.Uploads, func(i, j int) bool {
		a, b := p.Uploads[i], p.Uploads[j]
		if a.Step != b.Step {
			return a.Step < b.Step
		}
		return a.Name < b.Name
	})
	for _, o := range remote {
		if _, ok := files[o.Name]; !ok {
			p.Deletes = append(p.Deletes, o.Name)
		}
	}
	sort.Strings(p.Deletes)
	return p
}

func md5Hex(data []byte) string {
	sum := md5.Sum(data)
	return hex.EncodeToString(sum[:])
}

// MaxPaths is the most addresses one invalidation names; beyond it, it is the one wildcard "/*". CloudFront
// charges each invalidated path beyond the first 1,000 of a month, and counts a wildcard as one.
const MaxPaths = 15

// Paths returns the addresses a CDN must forget after uploads and deletes: each page under both its addresses
// ("presidi/index.html" is /presidi/ and /presidi/index.html), other files under theirs, escaped as URLs. A
// fingerprinted file is left out: its address is new. More than MaxPaths become "/*".
func Paths(uploads []Upload, deletes []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		for _, p := range addresses(name) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	for _, u := range uploads {
		if !theme.IsFingerprinted(u.Name, u.Data) {
			add(u.Name)
		}
	}
	for _, d := range deletes {
		add(d)
	}
	if len(out) > MaxPaths {
		return []string{"/*"}
	}
	sort.Strings(out)
	return out
}

// addresses returns the URL paths under which a visitor reaches a site file.
func addresses(name string) []string {
	esc := func(p string) string { return (&url.URL{Path: p}).EscapedPath() }
	file := esc("/" + name)
	if path.Base(name) == "index.html" {
		return []string{esc("/" + strings.TrimSuffix(name, "index.html")), file}
	}
	return []string{file}
}
