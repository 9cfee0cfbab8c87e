package httplimit_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"quartieri/internal/httplimit"
)

// BenchmarkStalledUploads holds 50 uploads of a 4 MiB CV that stop after 2 MiB, against a handler that reads
// the body as the form API does (into memory), and reports the heap in use while they stall (MB-stalled) and
// once the idle limit has passed (MB-after): "unbounded" is the server as it was (a header timeout only),
// "bounded" is httplimit with a 1 s idle limit. Run:
//
//	go test ./internal/httplimit/ -run XXX -bench StalledUploads -benchtime 1x
func BenchmarkStalledUploads(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "truncated", http.StatusBadRequest)
		}
	})
	l := httplimit.Limits{Idle: time.Second, Total: time.Minute, MaxConns: 64}
	for _, bounded := range []bool{false, true} {
		name := map[bool]string{false: "unbounded", true: "bounded"}[bounded]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ln, _ := net.Listen("tcp", "127.0.0.1:0")
				srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
				var served net.Listener = ln
				if bounded {
					srv, served = httplimit.Server(h, l), httplimit.Listener(ln, l.MaxConns)
				}
				go srv.Serve(served)
				base := heapMB()
				var conns []net.Conn
				for range 50 {
					c, err := net.Dial("tcp", ln.Addr().String())
					if err != nil {
						b.Fatal(err)
					}
					fmt.Fprintf(c, "POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", 4<<20)
					c.Write([]byte(strings.Repeat("a", 2<<20)))
					conns = append(conns, c)
				}
				time.Sleep(500 * time.Millisecond)
				b.ReportMetric(heapMB()-base, "MB-stalled")
				time.Sleep(3 * l.Idle)
				b.ReportMetric(heapMB()-base, "MB-after")
				for _, c := range conns {
					c.Close()
				}
				srv.Close()
			}
		})
	}
}

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}
