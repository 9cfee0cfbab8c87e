package forms

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// limiter is a sliding-window rate limit per client address, in memory, with a bounded number of addresses.
type limiter struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	maxKeys int
	hits    map[string][]time.Time
}

func newLimiter(max int, window time.Duration, maxKeys int) *limiter {
	if max <= 0 {
		max = 60
	}
	if window <= 0 {
		window = 10 * time.Minute
	}
	return &limiter{max: max, window: window, maxKeys: maxKeys, hits: map[string][]time.Time{}}
}

// allow counts a request from addr at now; when over the limit it returns false and how long to wait.
func (l *limiter) allow(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := dropBefore(l.hits[addr], now.Add(-l.window))
	if len(h) >= l.max {
		l.hits[addr] = h
		return false, h[0].Add(l.window).Sub(now)
	}
	if _, ok := l.hits[addr]; !ok && len(l.hits) >= l.maxKeys {
		l.evict(now)
	}
	l.hits[addr] = append(h, now)
	return true, 0
}

// evict forgets addresses with no recent request and, if still full, some others.
func (l *limiter) evict(now time.Time) {
	for k, h := range l.hits {
		if len(dropBefore(h, now.Add(-l.window))) == 0 {
			delete(l.hits, k)
		}
	}
	for k := range l.hits {
		if len(l.hits) < l.maxKeys {
			break
		}
		delete(l.hits, k)
	}
}

func dropBefore(h []time.Time, t time.Time) []time.Time {
	i := 0
	for i < len(h) && !h[i].After(t) {
		i++
	}
	if i == len(h) {
		return nil
	}
	return h[i:]
}

// limitKey is what the rate limit counts for a client address: an IPv4 address as it is, an IPv6 address by
// its /64 (one subscriber, one LAN: a phone or a home router hands out a whole /64 and a client may take any
// address in it), an IPv4-mapped IPv6 address as IPv4. Anything that does not parse counts as written.
func limitKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

// clientAddr finds the client's address (see the package doc).
func (s *server) clientAddr(r *http.Request) string {
	if n := s.cfg.TrustedProxies; n > 0 {
		var hops []string
		for _, v := range r.Header.Values("X-Forwarded-For") {
			for _, h := range strings.Split(v, ",") {
				if h = strings.TrimSpace(h); h != "" {
					hops = append(hops, h)
				}
			}
		}
		if len(hops) > 0 {
			return hops[max(0, len(hops)-n)]
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
