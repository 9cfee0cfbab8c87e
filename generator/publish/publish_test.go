package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"quartieri/internal/theme"
)

var css = []byte("body{color:#111}")

// site is a small built site: a fingerprinted stylesheet (and its plain copy), pages, an image, sitemap, feed.
func site() map[string][]byte {
	return map[string][]byte{
		theme.FingerprintedName("css/site.css", css): css,
		"css/site.css":               css,
		"index.html":                 []byte("<html>home</html>"),
		"presidi/index.html":         []byte("<html>presidi</html>"),
		"presidi/codogno/index.html": []byte("<html>codogno</html>"),
		"img/foto.jpg":               []byte("\xff\xd8\xff jpeg"),
		"sitemap.xml":                []byte(`<?xml version="1.0"?><urlset></urlset>`),
		"notizie/index.xml":          []byte(`<?xml version="1.0"?>` + "\n" + `<rss version="2.0"></rss>`),
		"robots.txt":                 []byte("User-agent: *\n"),
	}
}

func TestContentTypeAndCache(t *testing.T) {
	fp := theme.FingerprintedName("js/site.js", []byte("x"))
	tests := []struct {
		name, data, typ, cache string
	}{
		{"index.html", "<html>", "text/html; charset=utf-8", CachePage},
		{"presidi/index.html", "<html>", "text/html; charset=utf-8", CachePage},
		{"404.html", "<html>", "text/html; charset=utf-8", CachePage},
		{theme.FingerprintedName("css/site.css", css), string(css), "text/css; charset=utf-8", CacheImmutable},
		{fp, "x", "text/javascript; charset=utf-8", CacheImmutable},
		{"css/site.css", string(css), "text/css; charset=utf-8", CacheDefault},
		{"js/site.js", "x", "text/javascript; charset=utf-8", CacheDefault},
		{fp, "changed", "text/javascript; charset=utf-8", CacheDefault}, // the hash is not this content's
		{"sitemap.xml", `<?xml version="1.0"?><urlset>`, "application/xml; charset=utf-8", CacheDefault},
		{"notizie/index.xml", `<?xml version="1.0"?><rss version="2.0">`, "application/rss+xml; charset=utf-8", CacheDefault},
		{"robots.txt", "User-agent: *", "text/plain; charset=utf-8", CacheDefault},
		{"note.txt", "ciao", "text/plain; charset=utf-8", CacheDefault},
		{"logo.svg", "<svg/>", "image/svg+xml", CacheDefault},
		{"a.png", "png", "image/png", CacheDefault},
		{"a.JPG", "jpg", "image/jpeg", CacheDefault},
		{"a.jpeg", "jpg", "image/jpeg", CacheDefault},
		{"a.webp", "webp", "image/webp", CacheDefault},
		{"bando.pdf", "%PDF-1.7", "application/pdf", CacheDefault},
		{"favicon.ico", "ico", "image/x-icon", CacheDefault},
		{"dati.json", "{}", "application/json", CacheDefault},
		{"font.woff2", "wOF2", "font/woff2", CacheDefault},
		{"senza-estensione", "%PDF-1.7 ...", "application/pdf", CacheDefault},
	}
	for _, tt := range tests {
		if got := ContentType(tt.name, []byte(tt.data)); got != tt.typ {
			t.Errorf("ContentType(%q) = %q, want %q", tt.name, got, tt.typ)
		}
		if got := CacheControl(tt.name, []byte(tt.data)); got != tt.cache {
			t.Errorf("CacheControl(%q, %q) = %q, want %q", tt.name, tt.data, got, tt.cache)
		}
	}
}

func TestMakePlan(t *testing.T) {
	files := site()
	remote := []Object{
		{Name: "index.html", Size: int64(len(files["index.html"])), MD5: md5Hex(files["index.html"])}, // same
		{Name: "presidi/index.html", Size: 3, MD5: md5Hex([]byte("old"))},                             // changed
		{Name: "robots.txt", Size: int64(len(files["robots.txt"])), MD5: ""},                          // no MD5: upload
		{Name: "vecchia/index.html", Size: 5, MD5: "x"},                                               // gone
		{Name: "css/site.0badc0de.css", Size: 5, MD5: "x"},                                            // gone
	}
	p := MakePlan(files, remote, false)
	var got []string
	for _, u := range p.Uploads {
		got = append(got, fmt.Sprintf("%d %s new=%v", u.Step, u.Name, u.New))
	}
	want := []string{
		"0 " + theme.FingerprintedName("css/site.css", css) + " new=true",
		"0 css/site.css new=true",
		"0 img/foto.jpg new=true",
		"1 presidi/codogno/index.html new=true",
		"1 presidi/index.html new=false",
		"2 notizie/index.xml new=true",
		"2 robots.txt new=false",
		"2 sitemap.xml new=true",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uploads:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Unchanged != 1 {
		t.Errorf("Unchanged = %d, want 1", p.Unchanged)
	}
	if want := []string{"css/site.0badc0de.css", "vecchia/index.html"}; !reflect.DeepEqual(p.Deletes, want) {
		t.Errorf("Deletes = %v, want %v", p.Deletes, want)
	}
	if forced := MakePlan(files, remote, true); len(forced.Uploads) != len(files) || forced.Unchanged != 0 {
		t.Errorf("with force: %d uploads, %d unchanged; want %d, 0", len(forced.Uploads), forced.Unchanged, len(files))
	}
}

func TestPaths(t *testing.T) {
	up := func(names ...string) []Upload {
		var out []Upload
		for _, n := range names {
			out = append(out, Upload{Name: n, Data: []byte(n)})
		}
		return out
	}
	fp := theme.FingerprintedName("css/site.css", css)
	tests := []struct {
		uploads []Upload
		deletes []string
		want    []string
	}{
		{up("presidi/index.html"), nil, []string{"/presidi/", "/presidi/index.html"}},
		{up("index.html"), nil, []string{"/", "/index.html"}},
		{append(up("404.html", "img/la foto.jpg"), Upload{Name: fp, Data: css}), nil, []string{"/404.html", "/img/la%20foto.jpg"}},
		{nil, []string{"vecchia/index.html"}, []string{"/vecchia/", "/vecchia/index.html"}},
		{up("a/index.html", "b/index.html", "c/index.html", "d/index.html", "e/index.html", "f/index.html", "g/index.html", "h/index.html"), nil, []string{"/*"}},
		{up("a/index.html", "b/index.html", "c/index.html", "d/index.html", "e/index.html", "f/index.html", "g/index.html", "h.html"), nil,
			[]string{"/a/", "/a/index.html", "/b/", "/b/index.html", "/c/", "/c/index.html", "/d/", "/d/index.html", "/e/", "/e/index.html", "/f/", "/f/index.html", "/g/", "/g/index.html", "/h.html"}},
	}
	for _, tt := range tests {
		if got := Paths(tt.uploads, tt.deletes); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Paths(%d uploads, %v) = %v, want %v", len(tt.uploads), tt.deletes, got, tt.want)
		}
	}
}

// TestPublishOrder: files before pages before sitemap and feeds, deletions last; a second run does nothing.
func TestPublishOrder(t *testing.T) {
	b := newMemBucket()
	b.files["vecchia/index.html"] = Upload{Name: "vecchia/index.html", Data: []byte("x")}
	cdn := &memCDN{}
	var log bytes.Buffer
	sum, err := Publish(context.Background(), site(), Options{Bucket: b, CDN: cdn, MaxDeletes: 10, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]int{}
	first := map[string]int{}
	for i, w := range b.writes {
		kind := "delete"
		if name, ok := strings.CutPrefix(w, "put "); ok {
			kind = fmt.Sprint(stepOf(name))
		}
		if _, ok := first[kind]; !ok {
			first[kind] = i
		}
		last[kind] = i
	}
	for _, pair := range [][2]string{{"0", "1"}, {"1", "2"}, {"2", "delete"}} {
		if last[pair[0]] > first[pair[1]] {
			t.Errorf("writes out of order (%s before %s): %v", pair[0], pair[1], b.writes)
		}
	}
	if sum.Uploaded != len(site()) || sum.Deleted != 1 || sum.Unchanged != 0 {
		t.Errorf("summary %+v, want %d uploaded, 1 deleted", sum, len(site()))
	}
	// Every address but the fingerprinted stylesheet's, which is new.
	wantPaths := []string{"/", "/css/site.css", "/img/foto.jpg", "/index.html", "/notizie/index.xml", "/presidi/",
		"/presidi/codogno/", "/presidi/codogno/index.html", "/presidi/index.html", "/robots.txt", "/sitemap.xml",
		"/vecchia/", "/vecchia/index.html"}
	if len(cdn.paths) != 1 || !reflect.DeepEqual(cdn.paths[0], wantPaths) {
		t.Errorf("invalidations %v, want one of %v", cdn.paths, wantPaths)
	}
	if n := strings.Count(log.String(), "\n"); n != len(site())+1 {
		t.Errorf("%d progress lines, want one per file:\n%s", n, log.String())
	}
	b.writes = nil
	sum, err = Publish(context.Background(), site(), Options{Bucket: b, CDN: cdn, MaxDeletes: 10})
	if err != nil || len(b.writes) > 0 || sum.Unchanged != len(site()) || len(cdn.paths) != 1 {
		t.Errorf("second run: %v, writes %v, %+v, %d invalidations; want nothing done", err, b.writes, sum, len(cdn.paths))
	}
}

// TestPublishRefuses: too many deletions, and a dry run, write nothing.
func TestPublishRefuses(t *testing.T) {
	b := newMemBucket()
	for _, n := range []string{"a.html", "b.html", "c.html"} {
		b.files[n] = Upload{Name: n, Data: []byte(n)}
	}
	_, err := Publish(context.Background(), site(), Options{Bucket: b, MaxDeletes: 2})
	var tooMany *TooManyDeletesError
	if !errors.As(err, &tooMany) || tooMany.Count != 3 || !strings.Contains(err.Error(), "3 file") {
		t.Errorf("3 deletions with MaxDeletes 2: %v, want a TooManyDeletesError naming 3", err)
	}
	var log bytes.Buffer
	cdn := &memCDN{}
	sum, err := Publish(context.Background(), site(), Options{Bucket: b, CDN: cdn, MaxDeletes: 3, DryRun: true, Log: &log})
	if err != nil || sum.Uploaded != len(site()) || sum.Deleted != 3 || len(sum.Paths) == 0 {
		t.Errorf("dry run: %v %+v", err, sum)
	}
	if len(b.writes) > 0 || len(cdn.paths) > 0 {
		t.Errorf("writes %v, invalidations %v; want none", b.writes, cdn.paths)
	}
	if !strings.Contains(log.String(), "caricherei index.html") || !strings.Contains(log.String(), "eliminerei a.html") {
		t.Errorf("dry run log:\n%s", log.String())
	}
}

// TestPublishInterrupted: after a failed upload no later step starts and nothing is deleted; what was uploaded
// is invalidated; the next run finishes.
func TestPublishInterrupted(t *testing.T) {
	for _, failAt := range []int{1, 2, 4, 6, 9} {
		b := newMemBucket()
		b.files["vecchia/index.html"] = Upload{Name: "vecchia/index.html", Data: []byte("x")}
		b.failAt = failAt
		cdn := &memCDN{}
		sum, err := Publish(context.Background(), site(), Options{Bucket: b, CDN: cdn, MaxDeletes: 10, Workers: 1})
		if !errors.Is(err, errBroken) {
			t.Fatalf("failAt %d: %v, want the bucket's error", failAt, err)
		}
		if sum.Uploaded != failAt-1 || sum.Deleted != 0 || b.files["vecchia/index.html"].Data == nil {
			t.Errorf("failAt %d: %+v, want %d uploaded and nothing deleted", failAt, sum, failAt-1)
		}
		if got := len(cdn.paths); (got == 1) != (failAt > 1) {
			t.Errorf("failAt %d: %d invalidations", failAt, got)
		}
		b.failAt = 0
		sum, err = Publish(context.Background(), site(), Options{Bucket: b, CDN: cdn, MaxDeletes: 10})
		if err != nil || sum.Uploaded != len(site())-(failAt-1) || sum.Deleted != 1 {
			t.Errorf("failAt %d, next run: %v %+v", failAt, err, sum)
		}
	}
}

// TestPublishCancelled: a cancelled context stops the run like a failure.
func TestPublishCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := newMemBucket()
	sum, err := Publish(ctx, site(), Options{Bucket: b, MaxDeletes: 10})
	if !errors.Is(err, context.Canceled) || sum.Uploaded != 0 || len(b.writes) != 0 {
		t.Errorf("cancelled: %v %+v %v", err, sum, b.writes)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 byte", 999: "999 byte", 12345: "12,3 kB", 1234567: "1,2 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPublishDeletesInBatches: S3 takes at most DeleteBatch keys a request.
func TestPublishDeletesInBatches(t *testing.T) {
	b := newMemBucket()
	for i := range DeleteBatch + 1 {
		n := fmt.Sprintf("vecchia-%d.html", i)
		b.files[n] = Upload{Name: n, Data: []byte(n)}
	}
	sum, err := Publish(context.Background(), site(), Options{Bucket: b, MaxDeletes: 2000})
	if err != nil || sum.Deleted != DeleteBatch+1 || !reflect.DeepEqual(b.batches, []int{DeleteBatch, 1}) {
		t.Errorf("%v, %d deleted in batches %v; want %d in batches of %d and 1", err, sum.Deleted, b.batches, DeleteBatch+1, DeleteBatch)
	}
}
