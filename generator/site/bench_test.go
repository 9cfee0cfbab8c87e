package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"quartieri/generator/internal/corpus"
	"quartieri/generator/site"
	"quartieri/themes"
)

// The benchmarks build a generated site (see package corpus) with the repository's theme and every check on.
// They run only with -bench, e.g.
//
//	go test -run '^$' -bench Build -benchmem ./generator/site/
//
// and report pages/s besides the time per build. scripts/bench-build compares the built command with Hugo.

// benchNow is a fixed instant, so that every run builds the same pages.
var benchNow = time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)

// writeCorpus writes a site of n pages with the repository's theme into a temporary folder.
func writeCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	if err := corpus.CopyThemes(dir, themes.FS); err != nil {
		b.Fatal(err)
	}
	return dir
}

// destDir returns an empty output folder on tmpfs (/dev/shm) when there is one, so that the disk is not measured.
func destDir(b *testing.B) string {
	b.Helper()
	parent := ""
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		parent = "/dev/shm"
	}
	dir, err := os.MkdirTemp(parent, "quartieri-bench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func benchmarkBuild(b *testing.B, n int) {
	src := os.DirFS(writeCorpus(b, n))
	dest := destDir(b)
	pages := 0
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(dest); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := watchHeap(&peak)
		b.StartTimer()
		res, err := site.Build(src, site.Options{Dest: dest, Now: benchNow})
		b.StopTimer()
		stop()
		b.StartTimer()
		if err != nil {
			b.Fatalf("Build of the generated site failed:\n%v", err)
		}
		pages = res.Pages
	}
	if pages < n {
		b.Fatalf("Build rendered %d pages, want at least %d", pages, n)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// watchHeap samples the Go heap (objects and unswept garbage, the part of the resident memory Build controls)
// every few milliseconds and keeps its largest value in *peak, until stop is called.
func watchHeap(peak *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkBuild1000 builds a 1,000-page site to a folder.
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, 1000) }

// BenchmarkBuild10000 builds a 10,000-page site to a folder: the figure the issue compares with Hugo.
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

// BenchmarkBuildInMemory1000 builds a 1,000-page site in memory from scratch, as `serve` does on its first build.
func BenchmarkBuildInMemory1000(b *testing.B) {
	src := os.DirFS(writeCorpus(b, 1000))
	for b.Loop() {
		res, err := site.Build(src, site.Options{Now: benchNow})
		if err != nil {
			b.Fatalf("Build of the generated site failed:\n%v", err)
		}
		if res.Pages < 1000 {
			b.Fatalf("Build rendered %d pages, want at least 1000", res.Pages)
		}
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRebuildOneEdit1000 is what `serve` does after a staff member saves one page of a 1,000-page site: the
// same Builder builds again in memory after one file changed. "body" adds a sentence at the end of a page (only
// that page changes); "title" changes a page's title, which the section list and the menus may show.
func BenchmarkRebuildOneEdit1000(b *testing.B) { benchmarkRebuildOneEdit(b, 1000) }

// BenchmarkRebuildOneEdit10000 is BenchmarkRebuildOneEdit1000 on 10,000 pages: the preview's target there is a
// reload within 300 ms of the save.
func BenchmarkRebuildOneEdit10000(b *testing.B) { benchmarkRebuildOneEdit(b, 10000) }

func benchmarkRebuildOneEdit(b *testing.B, n int) {
	dir := writeCorpus(b, n)
	src := os.DirFS(dir)
	edited, err := filepath.Glob(filepath.Join(dir, "content", "*", "*-500.md"))
	if err != nil || len(edited) != 1 {
		b.Fatalf("no page 500 in the generated site: %v %v", edited, err)
	}
	orig, err := os.ReadFile(edited[0])
	if err != nil {
		b.Fatal(err)
	}
	edits := map[string]func(i int) []byte{
		"body": func(i int) []byte {
			return fmt.Appendf(bytes.Clone(orig), "\nIl presidio apre anche il sabato, modifica %d.\n", i)
		},
		"title": func(i int) []byte {
			return bytes.Replace(orig, []byte("title: \""), fmt.Appendf(nil, "title: \"Modifica %d: ", i), 1)
		},
	}
	for _, name := range []string{"body", "title"} {
		b.Run(name, func(b *testing.B) {
			bl := site.NewBuilder()
			if _, err := bl.Build(src, site.Options{Now: benchNow}); err != nil {
				b.Fatalf("first Build failed:\n%v", err)
			}
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				if err := os.WriteFile(edited[0], edits[name](i), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := bl.Build(src, site.Options{Now: benchNow})
				if err != nil {
					b.Fatalf("Build after the edit failed:\n%v", err)
				}
				if res.Pages < n {
					b.Fatalf("Build rendered %d pages, want at least %d", res.Pages, n)
				}
			}
		})
	}
}
