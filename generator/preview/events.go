package preview

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// broker sends Server-Sent Events to the open preview tabs: a "reload" event after every rebuild, and a comment
// line every heartbeat so that dead connections are noticed.
type broker struct {
	heartbeat time.Duration

	mu      sync.Mutex
	subs    map[chan uint64]bool
	closed  bool
	done    chan struct{}
	version uint64
}

func newBroker(heartbeat time.Duration) *broker {
	return &broker{heartbeat: heartbeat, subs: map[chan uint64]bool{}, done: make(chan struct{})}
}

// reload tells every connected tab to reload.
func (b *broker) reload() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.version++
	for ch := range b.subs {
		select {
		case <-ch: // an older, unsent reload is replaced by this one
		default:
		}
		ch <- b.version
	}
}

// close ends every stream; later connections are refused so that the tabs retry until a new server is up.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

func (b *broker) subscribe() (chan uint64, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	ch := make(chan uint64, 1)
	b.subs[ch] = true
	return ch, true
}

func (b *broker) unsubscribe(ch chan uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, ch)
}

// ServeHTTP streams events to one tab until the tab goes away or the server stops.
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ch, ok := b.subscribe()
	if !ok {
		http.Error(w, "Anteprima in chiusura", http.StatusServiceUnavailable)
		return
	}
	defer b.unsubscribe(ch)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// The comment tells clients (and tests) that the subscription is in place; retry makes reconnects quick.
	if _, err := fmt.Fprint(w, "retry: 500\n: connesso\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(b.heartbeat)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		case v := <-ch:
			_, err = fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}
