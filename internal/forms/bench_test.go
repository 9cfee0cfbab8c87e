package forms_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
)

// BenchmarkConcurrentApplications sends rounds of 200 concurrent valid applications (distinct codici fiscali)
// to an HTTP server on the local store, then checks that every one is stored under its own receipt. It reports
// submissions per second and the 99th percentile latency.
func BenchmarkConcurrentApplications(b *testing.B) {
	const concurrent = 200
	e := newEnv(b, func(c *forms.Config) { c.Site.Limits.Requests = 1 << 30 })
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrent, MaxConnsPerHost: concurrent}}
	var next atomic.Int64
	var mu sync.Mutex
	var latencies []time.Duration
	receipts := map[string]bool{}
	failures := 0
	start := time.Now()
	for b.Loop() {
		var wg sync.WaitGroup
		for range concurrent {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n := int(next.Add(1))
				f := e.validApplication()
				f["tax_code"] = codicefiscale.Example(n * 7919)
				f["_idem"] = "bench-" + strings.Repeat("0", 10) + codicefiscale.Example(n*7919)
				body, ct := multipartBody(f, "cv.pdf", benchPDF)
				req, _ := http.NewRequest("POST", srv.URL+"/api/applications", bytes.NewReader(body))
				req.Header.Set("Content-Type", ct)
				req.Header.Set("Accept", "application/json")
				t0 := time.Now()
				resp, err := client.Do(req)
				d := time.Since(t0)
				var out struct{ Receipt string }
				if err == nil {
					json.NewDecoder(resp.Body).Decode(&out)
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				defer mu.Unlock()
				latencies = append(latencies, d)
				if err != nil || resp.StatusCode != 201 || out.Receipt == "" || receipts[out.Receipt] {
					failures++
					return
				}
				receipts[out.Receipt] = true
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	total := int(next.Load())
	if failures > 0 || len(receipts) != total {
		b.Fatalf("%d of %d submissions failed or repeated a receipt", failures, total)
	}
	stored := 0
	for _, p := range e.stored(b) {
		if strings.HasPrefix(p, "applications/") {
			stored++
		}
	}
	if stored != total {
		b.Fatalf("%d applications stored, %d sent", stored, total)
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	p99 := latencies[(len(latencies)*99+99)/100-1]
	b.ReportMetric(float64(total)/elapsed.Seconds(), "submissions/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(0, "ns/op")
}

// benchPDF is a realistic CV size: 300 KiB.
var benchPDF = makePDF("", bytes.Repeat([]byte("0123456789abcdef"), 300<<6))
