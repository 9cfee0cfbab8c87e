package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// homeBudget is the most the home page may weigh: HTML, CSS and JavaScript, uncompressed, as the browser loads
// them with JavaScript on. cssBudget and jsBudget bound each stylesheet and script (issue 3: CSS under 20 KB,
// JavaScript under 10 KB).
const (
	homeBudget = 30 * 1024
	cssBudget  = 20 * 1024
	jsBudget   = 10 * 1024
)

// loaded is one response the browser received for a page.
type loaded struct {
	URL  string `json:"url"`
	Size int    `json:"size"`
}

// pageWeight loads path with the cache off and returns every response (the document first) with its body size.
func pageWeight(tb *tab, url string) []loaded {
	tb.t.Helper()
	tb.open(url)
	return evalIn[[]loaded](tb, `[performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
		.map(e => ({url: e.name, size: e.decodedBodySize}))`)
}

// gzipSize is how many bytes the response at url takes gzip-compressed, as a CDN sends it.
func gzipSize(t testing.TB, url string) int {
	t.Helper()
	resp, err := httpClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	io.Copy(zw, resp.Body)
	zw.Close()
	return b.Len()
}

// TestPageWeight wants the home page under homeBudget and reports the heaviest page.
func TestPageWeight(t *testing.T) {
	s := getSuite(t)
	tb := newTab(t, wide, true)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}))
	type weight struct {
		page      string
		raw, gz   int
		breakdown []string
	}
	var all []weight
	budgets := map[string]int{".css": cssBudget, ".js": jsBudget}
	for _, p := range s.Pages {
		w := weight{page: p}
		for _, r := range pageWeight(tb, s.URL+p) {
			checkAsset(t, r, budgets)
			w.raw += r.Size
			g := gzipSize(t, r.URL)
			w.gz += g
			w.breakdown = append(w.breakdown, fmt.Sprintf("%s %d B (gzip %d B)", strings.TrimPrefix(r.URL, s.URL), r.Size, g))
		}
		all = append(all, w)
	}
	for _, w := range all {
		if w.page == "/" {
			t.Logf("home page: %d B (%.1f KB), gzip %d B: %s", w.raw, float64(w.raw)/1024, w.gz, strings.Join(w.breakdown, "; "))
			if w.raw >= homeBudget {
				t.Errorf("home page weighs %d B (HTML + CSS + JS, uncompressed), want under %d B", w.raw, homeBudget)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].raw > all[j].raw })
	if len(all) > 0 {
		w := all[0]
		t.Logf("heaviest page %s: %d B (%.1f KB), gzip %d B: %s", w.page, w.raw, float64(w.raw)/1024, w.gz, strings.Join(w.breakdown, "; "))
	}
}

// checkAsset fails the test once per stylesheet or script over its budget; seen budgets are removed from the map
// so that a shared file is reported once.
func checkAsset(t testing.TB, r loaded, budgets map[string]int) {
	t.Helper()
	u := r.URL
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for ext, max := range budgets {
		if strings.HasSuffix(u, ext) && r.Size >= max {
			t.Errorf("%s weighs %d B, want under %d B", r.URL, r.Size, max)
			delete(budgets, ext)
		}
	}
}
