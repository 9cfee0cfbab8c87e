package preview

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// benchPages is the size of the site of the edit-to-reload benchmark: go test -bench EditToReload
// ./generator/preview -args -pages=10000 for another size.
var benchPages = flag.Int("pages", 1000, "pages of the edit-to-reload benchmark's site")

// BenchmarkEditToReload measures, on a site of 1,000 corpus pages (see benchPages), the time from writing one page to the reload
// event reaching an SSE client (ms/reload), and to a GET that returns the new text (ms/visible), which is what a
// browser tab shows; ms/build is the build's share. The builds:
//
//   - copy: reads the edited page only, so the figures are the preview's own cost (watch, batch, events, serve);
//   - markdown: markdownBuild, a full rebuild with goldmark, the real build's heaviest stage;
//   - markdown-cached: markdownBuild reusing the HTML of every page whose source did not change;
//   - site: the real build with the repository's theme and every check, as `generator serve` runs it;
//   - site-full: the same build from scratch every time (site.Build, no site.Builder).
func BenchmarkEditToReload(b *testing.B) {
	root := writeSite(b, *benchPages)
	b.Run("build=copy", func(b *testing.B) {
		page, _ := pickPage(b, root)
		rel, _ := filepath.Rel(filepath.Join(root, "content"), page)
		name := strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"
		benchEditToReload(b, root, func() (map[string][]byte, error) {
			src, err := os.ReadFile(page)
			return map[string][]byte{name: src}, err
		})
	})
	b.Run("build=markdown", func(b *testing.B) { benchEditToReload(b, root, markdownBuild(root, false)) })
	b.Run("build=markdown-cached", func(b *testing.B) { benchEditToReload(b, root, markdownBuild(root, true)) })
	b.Run("build=site", func(b *testing.B) { benchEditToReload(b, root, siteBuild(root)) })
	b.Run("build=site-full", func(b *testing.B) { benchEditToReload(b, root, siteFullBuild(root)) })
}

// benchEditToReload edits one page of the site at root b.N times and reports the latencies.
func benchEditToReload(b *testing.B, root string, build func() (map[string][]byte, error)) {
	page, url := pickPage(b, root)
	original, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	var buildTime, buildCPU, builds atomic.Int64
	timed := func() (map[string][]byte, error) {
		start, startCPU := time.Now(), cpuTime()
		files, err := build()
		buildTime.Add(int64(time.Since(start)))
		buildCPU.Add(int64(cpuTime() - startCPU))
		builds.Add(1)
		return files, err
	}
	p := startPreviewBuild(b, root, defaultTuning(), timed)
	events := p.events(b)
	if status, _ := p.get(b, url); status != 200 {
		b.Fatalf("GET %s = %d before any edit, want 200; stderr:\n%s", url, status, p.stderr.String())
	}
	var toEvent, toVisible time.Duration
	b.ResetTimer()
	for i := range b.N {
		marker := fmt.Sprintf("Modifica numero %d.", i)
		start := time.Now()
		if err := os.WriteFile(page, append(original, "\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		for first := true; ; first = false {
			waitReload(b, events, 10*time.Second)
			if first {
				toEvent += time.Since(start)
			}
			if _, body := p.get(b, url); strings.Contains(body, marker) {
				break
			}
		}
		toVisible += time.Since(start)
		b.StopTimer()
		drain(events, 150*time.Millisecond) // a write split in two batches reloads twice: not measured
		b.StartTimer()
	}
	b.StopTimer()
	ms := func(d time.Duration, n int) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(toEvent, b.N), "ms/reload")
	b.ReportMetric(ms(toVisible, b.N), "ms/visible")
	b.ReportMetric(ms(time.Duration(buildTime.Load()), int(builds.Load())), "ms/build")
	// CPU time does not grow when other processes share the machine, unlike the wall times above.
	b.ReportMetric(ms(time.Duration(buildCPU.Load()), int(builds.Load())), "cpu-ms/build")
}

// pickPage returns the path of the first regular page of the site at root, and its URL.
func pickPage(b testing.TB, root string) (path, url string) {
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || path != "" {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") {
			rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
			path, url = p, "/"+strings.TrimSuffix(filepath.ToSlash(rel), ".md")+"/"
		}
		return nil
	})
	if err != nil || path == "" {
		b.Fatalf("no page in %s: %v", root, err)
	}
	return path, url
}

var benchLayout = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main><h1>{{.Title}}</h1>{{.Body}}</main></body></html>
`))

// markdownBuild is a stand-in for the real build: it reads every file under content/, renders each Markdown page
// with goldmark (GFM, footnotes, definition lists) into a layout, on as many workers as CPUs, and copies the
// other files. With cache, a page whose source is unchanged since the previous build keeps its HTML.
func markdownBuild(root string, cache bool) func() (map[string][]byte, error) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))
	type rendered struct {
		src, out []byte
		name     string
	}
	var cmu sync.Mutex
	cached := map[string]rendered{}
	render := func(p string) (string, []byte, error) {
		src, err := os.ReadFile(p)
		if err != nil {
			return "", nil, err
		}
		cmu.Lock()
		c, ok := cached[p]
		cmu.Unlock()
		if ok && bytes.Equal(c.src, src) {
			return c.name, c.out, nil
		}
		name, out, err := renderFile(md, filepath.Join(root, "content"), p, src)
		if cache && err == nil {
			cmu.Lock()
			cached[p] = rendered{src: src, out: out, name: name}
			cmu.Unlock()
		}
		return name, out, err
	}
	return func() (map[string][]byte, error) {
		var names []string
		content := filepath.Join(root, "content")
		err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !ignored(d.Name()) {
				names = append(names, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		files := make(map[string][]byte, len(names))
		var mu sync.Mutex
		var firstErr error
		work := make(chan string)
		var wg sync.WaitGroup
		for range runtime.NumCPU() {
			wg.Go(func() {
				for p := range work {
					name, out, err := render(p)
					mu.Lock()
					if err != nil && firstErr == nil {
						firstErr = err
					}
					files[name] = out
					mu.Unlock()
				}
			})
		}
		for _, p := range names {
			work <- p
		}
		close(work)
		wg.Wait()
		return files, firstErr
	}
}

// renderFile renders one file of content/, read as src, to its output name and bytes.
func renderFile(md goldmark.Markdown, content, p string, src []byte) (string, []byte, error) {
	rel, _ := filepath.Rel(content, p)
	rel = filepath.ToSlash(rel)
	if !strings.HasSuffix(rel, ".md") {
		return rel, src, nil
	}
	title, body := "", src
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if front, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			body = after
			for _, line := range strings.Split(string(front), "\n") {
				if v, ok := strings.CutPrefix(line, "title: "); ok {
					title = strings.Trim(v, `"`)
				}
			}
		}
	}
	var html bytes.Buffer
	if err := md.Convert(body, &html); err != nil {
		return "", nil, err
	}
	var out bytes.Buffer
	err := benchLayout.Execute(&out, struct {
		Title string
		Body  template.HTML
	}{title, template.HTML(html.String())})
	dir := strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "_index")
	return strings.TrimPrefix(strings.TrimSuffix(dir, "/")+"/index.html", "/"), out.Bytes(), err
}

// drain discards the events that arrive within d.
func drain(events <-chan string, d time.Duration) {
	deadline := time.After(d)
	for {
		select {
		case <-events:
		case <-deadline:
			return
		}
	}
}

// cpuTime is the CPU time the process has used, user and system, or 0 where getrusage is missing.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
