package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/tools/txtar"

	"quartieri/generator/internal/awstest"
	"quartieri/generator/site"
)

// TestDeploy runs the deploy command against real servers: S3 on gofakes3 and on moto, CloudFront on moto.
func TestDeploy(t *testing.T) {
	motoURL := awstest.Moto(t)
	cf := awstest.CloudFront(motoURL)
	for _, server := range []string{"gofakes3", "moto"} {
		t.Run(server, func(t *testing.T) {
			d := &deployTest{t: t, bucket: "sito-" + server, gate: &gate{}}
			var backend string
			if server == "moto" {
				u, _ := url.Parse(motoURL)
				proxy := httptest.NewServer(d.gate.wrap(d.sent.Wrap(httputil.NewSingleHostReverseProxy(u))))
				t.Cleanup(proxy.Close)
				backend, d.moto = proxy.URL, true
			} else {
				backend = awstest.GoFakeS3(t, func(h http.Handler) http.Handler { return d.gate.wrap(d.sent.Wrap(h)) })
			}
			d.s3 = awstest.S3(backend)
			awstest.CreateBucket(t, d.s3, d.bucket)
			d.dist = awstest.CreateDistribution(t, cf, d.bucket)
			d.invalidations = func() [][]string { return awstest.Invalidations(t, cf, d.dist) }
			awstest.Env(t, backend, motoURL)
			d.dir = writeArchive(t, "testdata/deploy-site.txtar")
			d.steps()
		})
	}
}

type deployTest struct {
	t             *testing.T
	bucket, dist  string
	dir           string
	s3            *s3.Client
	moto          bool
	sent          awstest.PutHeaders
	gate          *gate
	invalidations func() [][]string
	lastStderr    string
}

func (d *deployTest) steps() {
	t := d.t
	// -dry-run lists and writes nothing.
	out, _ := d.deploy(t, nil, "-dry-run")
	if !strings.Contains(out, "caricherei servizi/presidi/index.html (nuovo") || len(d.objects()) != 0 || len(d.invalidations()) != 0 {
		t.Fatalf("dry run wrote something, or did not say what it would do:\n%s", out)
	}

	// The first run uploads every file, with its type and cache headers.
	out, _ = d.deploy(t, nil)
	d.matchesBuild()
	d.checkHeaders()
	if !strings.Contains(out, "caricato index.html (nuovo") || !strings.Contains(out, "Pubblicato in ") {
		t.Errorf("first run output:\n%s", out)
	}
	if got := d.invalidations(); len(got) != 1 || !reflect.DeepEqual(got[0], []string{"/*"}) {
		t.Errorf("first run: invalidations %v, want one of /*", got)
	}

	// The second uploads nothing and invalidates nothing.
	out, _ = d.deploy(t, nil)
	if !strings.Contains(out, "nessun file caricato") || regexp.MustCompile(`(?m)^caricato `).MatchString(out) {
		t.Errorf("second run uploaded something:\n%s", out)
	}
	if n := len(d.invalidations()); n != 1 {
		t.Errorf("second run: %d invalidations, want still 1", n)
	}

	// One changed page: one file uploaded, its two addresses invalidated.
	d.edit("content/servizi/presidi.md", "Apriamo il lunedì.", "Apriamo il martedì.")
	out, _ = d.deploy(t, nil)
	if !strings.Contains(out, "1 file caricato") || !strings.Contains(out, "caricato servizi/presidi/index.html (cambiato") {
		t.Errorf("one changed page:\n%s", out)
	}
	if got := d.invalidations(); len(got) != 2 || !slices.ContainsFunc(got, func(p []string) bool {
		return reflect.DeepEqual(p, []string{"/servizi/presidi/", "/servizi/presidi/index.html"})
	}) {
		t.Errorf("one changed page: invalidations %v, want a second one of /servizi/presidi/ and /servizi/presidi/index.html", got)
	}
	d.matchesBuild()

	// A removed page is deleted; more deletions than -max-deletes are refused, writing nothing.
	d.remove("content/notizie/vecchia.md")
	d.remove("content/servizi/sportello.md")
	before := d.objects()
	_, err := d.deploy(t, errAny, "-max-deletes", "1")
	if err == nil || !strings.Contains(err.Error(), "il bucket ha 2 file che il sito non ha più") {
		t.Errorf("2 deletions with -max-deletes 1: %v, want a refusal naming 2", err)
	}
	if after := d.objects(); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused run changed the bucket")
	}
	out, _ = d.deploy(t, nil)
	if !strings.Contains(out, "eliminato notizie/vecchia/index.html") || !strings.Contains(out, "2 file eliminati") {
		t.Errorf("removed pages:\n%s", out)
	}
	d.matchesBuild()

	// Interrupted runs, cancelled or by a failing S3, leave the site consistent; the next run finishes.
	for i, mode := range []string{"cancel", "fail"} {
		oldCSS := d.fingerprinted("css/")
		d.edit("themes/t/static/css/site.css", []string{"#111", "#222"}[i], []string{"#222", "#333"}[i])
		ctx, cancel := context.WithCancel(context.Background())
		d.gate.arm(mode, 2, cancel)
		out, err := d.deployCtx(ctx, t, errAny)
		cancel()
		d.gate.arm("", 0, nil)
		if err == nil || !strings.Contains(d.lastStderr, "Pubblicazione interrotta") {
			t.Errorf("%s: interrupted run: %v\n%s\n%s", mode, err, out, d.lastStderr)
		}
		d.consistent(mode)
		if _, ok := d.objects()[oldCSS]; !ok {
			t.Errorf("%s: the old stylesheet %s was deleted by the interrupted run", mode, oldCSS)
		}
		d.deploy(t, nil)
		d.matchesBuild()
	}

	// Placeholders are refused, listed with file:line, unless -allow-placeholders.
	d.edit("content/servizi/presidi.md", "Siamo a Codogno.", "Siamo in DA COMPLETARE: indirizzo.")
	before = d.objects()
	_, err = d.deploy(t, errAny)
	if err == nil || !strings.Contains(d.lastStderr, "content/servizi/presidi.md:5: Siamo in DA COMPLETARE: indirizzo.") {
		t.Errorf("placeholders: %v\n%s", err, d.lastStderr)
	}
	if !reflect.DeepEqual(d.objects(), before) {
		t.Errorf("a refused run changed the bucket")
	}
	d.deploy(t, nil, "-allow-placeholders")
	d.matchesBuild()

	// -prefix publishes under a folder and leaves the rest alone.
	before = d.objects()
	d.deploy(t, nil, "-allow-placeholders", "-prefix", "prova")
	all := d.objects()
	for name, md5 := range before {
		if all[name] != md5 || all["prova/"+name] != md5 {
			t.Errorf("-prefix prova: %s is %q at the root and %q under prova/, want %q at both", name, all[name], all["prova/"+name], md5)
		}
	}
}

// errAny marks a deploy expected to fail.
var errAny = &struct{}{}

// deploy runs generator deploy on the site; wantErr nil means it must succeed.
func (d *deployTest) deploy(t *testing.T, wantErr *struct{}, args ...string) (string, error) {
	return d.deployCtx(context.Background(), t, wantErr, args...)
}

func (d *deployTest) deployCtx(ctx context.Context, t *testing.T, wantErr *struct{}, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	all := append([]string{"deploy", "-source", d.dir, "-bucket", d.bucket, "-distribution", d.dist}, args...)
	err := run(ctx, all, os.Getenv, &stdout, &stderr)
	d.lastStderr = stderr.String()
	if err != nil && wantErr == nil {
		t.Fatalf("generator %s: %v\n%s%s", strings.Join(all, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String(), err
}

// build returns the files of the site as it is now.
func (d *deployTest) build() map[string][]byte {
	res, err := site.Build(os.DirFS(d.dir), site.Options{Now: time.Now()})
	if err != nil {
		d.t.Fatal(err)
	}
	return res.Files
}

// objects returns the bucket's keys with their ETags.
func (d *deployTest) objects() map[string]string {
	out := map[string]string{}
	pages := s3.NewListObjectsV2Paginator(d.s3, &s3.ListObjectsV2Input{Bucket: aws.String(d.bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			d.t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[aws.ToString(o.Key)] = strings.Trim(aws.ToString(o.ETag), `"`)
		}
	}
	return out
}

// get returns an object's content.
func (d *deployTest) get(key string) []byte {
	out, err := d.s3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(d.bucket), Key: aws.String(key)})
	if err != nil {
		d.t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(out.Body)
	return b.Bytes()
}

// matchesBuild checks that the bucket (outside prova/) holds exactly the built site.
func (d *deployTest) matchesBuild() {
	d.t.Helper()
	files := d.build()
	objs := d.objects()
	var got, want []string
	for k := range objs {
		if !strings.HasPrefix(k, "prova/") {
			got = append(got, k)
		}
	}
	for k := range files {
		want = append(want, k)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		d.t.Fatalf("bucket:\n%s\nwant the build:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for k, data := range files {
		if !bytes.Equal(d.get(k), data) {
			d.t.Errorf("%s in the bucket differs from the build", k)
		}
	}
}

var hashedCSS, hashedJS = regexp.MustCompile(`^css/site\.[0-9a-f]{8}\.css$`), regexp.MustCompile(`^js/site\.[0-9a-f]{8}\.js$`)

// checkHeaders checks every object's Content-Type and Cache-Control against a table written by hand.
func (d *deployTest) checkHeaders() {
	t := d.t
	const html, def, immutable = "no-cache", "public, max-age=3600", "public, max-age=31536000, immutable"
	want := map[string][2]string{
		"index.html":                   {"text/html; charset=utf-8", html},
		"404.html":                     {"text/html; charset=utf-8", html},
		"servizi/index.html":           {"text/html; charset=utf-8", html},
		"servizi/presidi/index.html":   {"text/html; charset=utf-8", html},
		"servizi/sportello/index.html": {"text/html; charset=utf-8", html},
		"notizie/index.html":           {"text/html; charset=utf-8", html},
		"notizie/vecchia/index.html":   {"text/html; charset=utf-8", html},
		"notizie/nuova/index.html":     {"text/html; charset=utf-8", html},
		"notizie/index.xml":            {"application/rss+xml; charset=utf-8", def},
		"sitemap.xml":                  {"application/xml; charset=utf-8", def},
		"robots.txt":                   {"text/plain; charset=utf-8", def},
		"css/site.css":                 {"text/css; charset=utf-8", def},
		"js/site.js":                   {"text/javascript; charset=utf-8", def},
		"img/logo.svg":                 {"image/svg+xml", def},
		"img/foto.png":                 {"image/png", def},
		"img/foto.jpg":                 {"image/jpeg", def},
		"img/foto.webp":                {"image/webp", def},
		"documenti/bando.pdf":          {"application/pdf", def},
		"leggimi.txt":                  {"text/plain; charset=utf-8", def},
		"favicon.ico":                  {"image/x-icon", def},
		"dati.json":                    {"application/json", def},
		"font/testo.woff2":             {"font/woff2", def},
	}
	for key := range d.objects() {
		w, ok := want[key]
		switch {
		case hashedCSS.MatchString(key):
			w, ok = [2]string{"text/css; charset=utf-8", immutable}, true
		case hashedJS.MatchString(key):
			w, ok = [2]string{"text/javascript; charset=utf-8", immutable}, true
		}
		if !ok {
			t.Errorf("unexpected file %s in the bucket", key)
			continue
		}
		head, err := d.s3.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(d.bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		cache := aws.ToString(head.CacheControl)
		if !d.moto { // gofakes3 does not keep Cache-Control: check what it was sent
			cache = d.sent.Get(d.bucket, key).Get("Cache-Control")
		}
		if got := [2]string{aws.ToString(head.ContentType), cache}; got != w {
			t.Errorf("%s: Content-Type, Cache-Control = %q, want %q", key, got, w)
		}
		delete(want, key)
	}
	for key := range want {
		t.Errorf("%s is not in the bucket", key)
	}
}

// fingerprinted returns the bucket's fingerprinted file under dir.
func (d *deployTest) fingerprinted(dir string) string {
	for k := range d.objects() {
		if strings.HasPrefix(k, dir) && (hashedCSS.MatchString(k) || hashedJS.MatchString(k)) {
			return k
		}
	}
	d.t.Fatalf("no fingerprinted file under %s", dir)
	return ""
}

var linked = regexp.MustCompile(`(?:href|src)="/([^"]+\.(?:css|js))"`)

// consistent checks that every page in the bucket links CSS and JavaScript the bucket has.
func (d *deployTest) consistent(when string) {
	objs := d.objects()
	for k := range objs {
		if !strings.HasSuffix(k, ".html") {
			continue
		}
		for _, m := range linked.FindAllStringSubmatch(string(d.get(k)), -1) {
			if _, ok := objs[m[1]]; !ok {
				d.t.Errorf("%s: %s links /%s, which the bucket does not have", when, k, m[1])
			}
		}
	}
}

func (d *deployTest) edit(file, old, new string) {
	p := filepath.Join(d.dir, file)
	data, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		d.t.Fatalf("edit %s: %v, or no %q", file, err, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		d.t.Fatal(err)
	}
}

func (d *deployTest) remove(file string) {
	if err := os.Remove(filepath.Join(d.dir, file)); err != nil {
		d.t.Fatal(err)
	}
}

// gate interrupts uploads: after `after` PUTs, it cancels the deploy ("cancel") or answers 403 ("fail").
type gate struct {
	mu     sync.Mutex
	mode   string
	after  int
	puts   int
	cancel func()
}

func (g *gate) arm(mode string, after int, cancel func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.mode, g.after, g.puts, g.cancel = mode, after, 0, cancel
}

func (g *gate) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		mode, cancel := g.mode, g.cancel
		stop := false
		if mode != "" && r.Method == http.MethodPut {
			g.puts++
			stop = g.puts > g.after
		}
		g.mu.Unlock()
		switch {
		case stop && mode == "cancel":
			cancel()
			io.Copy(io.Discard, r.Body) // so that the server notices the client going away
			select {                    // the client gives up; the upload is not stored
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return
		case stop:
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// writeArchive writes the files of a txtar archive to a new folder and returns it.
func writeArchive(t *testing.T, name string) string {
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
