package preview

import (
	"context"
	"slices"
	"time"
)

// batch turns a stream of changed paths into rebuild requests. It collects names from in and sends them on out,
// sorted and without repeats, once no name has arrived for quiet, or maxWait after the first name of the batch,
// whichever comes first: an editor's save (write a temporary file, rename it, touch it) is one rebuild, and a
// stream of changes that never pauses still rebuilds at least every maxWait. While the reader of out is busy (a
// rebuild is running), new names join the waiting batch. batch returns when ctx is done.
func batch(ctx context.Context, in <-chan string, out chan<- []string, quiet, maxWait time.Duration) {
	pending := map[string]bool{}
	quietT := time.NewTimer(time.Hour)
	maxT := time.NewTimer(time.Hour)
	quietT.Stop()
	maxT.Stop()
	defer quietT.Stop()
	defer maxT.Stop()
	var ready []string // non-nil when the batch is due and waits for the reader
	for {
		var send chan<- []string
		if ready != nil {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case name := <-in:
			if len(pending) == 0 && ready == nil {
				maxT.Reset(maxWait)
			}
			pending[name] = true
			if ready != nil {
				ready = sortedKeys(pending)
			} else {
				quietT.Reset(quiet)
			}
		case <-quietT.C:
			ready = due(pending, maxT, quietT)
		case <-maxT.C:
			ready = due(pending, maxT, quietT)
		case send <- ready:
			ready = nil
			clear(pending)
		}
	}
}

// due stops both timers and returns the pending names, sorted.
func due(pending map[string]bool, timers ...*time.Timer) []string {
	for _, t := range timers {
		t.Stop()
	}
	return sortedKeys(pending)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
