package preview

import (
	"context"
	"slices"
	"testing"
	"time"
)

// startBatch runs batch with the given windows and returns its input and output.
func startBatch(t *testing.T, quiet, maxWait time.Duration) (chan<- string, <-chan []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan string)
	out := make(chan []string)
	done := make(chan struct{})
	go func() { batch(ctx, in, out, quiet, maxWait); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return in, out
}

func receive(t *testing.T, out <-chan []string, within time.Duration) []string {
	t.Helper()
	select {
	case b := <-out:
		return b
	case <-time.After(within):
		t.Fatalf("no batch within %v", within)
		return nil
	}
}

func TestBatchCoalescesEventsWithinTheQuietWindow(t *testing.T) {
	in, out := startBatch(t, 200*time.Millisecond, 5*time.Second)
	for _, name := range []string{"b.md", "a.md", "b.md", ".b.md.swp", "a.md"} {
		in <- name
		time.Sleep(2 * time.Millisecond)
	}
	got := receive(t, out, 2*time.Second)
	want := []string{".b.md.swp", "a.md", "b.md"}
	if !slices.Equal(got, want) {
		t.Fatalf("batch = %q, want %q", got, want)
	}
	select {
	case extra := <-out:
		t.Fatalf("second batch %q after one burst, want none", extra)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestBatchSeparatesBurstsApartByMoreThanTheQuietWindow(t *testing.T) {
	in, out := startBatch(t, 20*time.Millisecond, 5*time.Second)
	in <- "a.md"
	if got := receive(t, out, 2*time.Second); !slices.Equal(got, []string{"a.md"}) {
		t.Fatalf("first batch = %q, want [a.md]", got)
	}
	in <- "b.md"
	if got := receive(t, out, 2*time.Second); !slices.Equal(got, []string{"b.md"}) {
		t.Fatalf("second batch = %q, want [b.md]", got)
	}
}

func TestBatchFlushesAfterMaxWaitWhenEventsNeverPause(t *testing.T) {
	const maxWait = 100 * time.Millisecond
	in, out := startBatch(t, 50*time.Millisecond, maxWait)
	stop := make(chan struct{})
	defer close(stop)
	start := time.Now()
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				select {
				case in <- "a.md":
				case <-stop:
					return
				}
			}
		}
	}()
	receive(t, out, 2*time.Second)
	// Events every 5 ms never leave the 50 ms quiet window, so only maxWait can have flushed the batch.
	if took := time.Since(start); took < maxWait {
		t.Fatalf("batch after %v, before maxWait %v although events never paused", took, maxWait)
	}
}

func TestBatchKeepsCollectingWhileTheReaderIsBusy(t *testing.T) {
	in, out := startBatch(t, 10*time.Millisecond, time.Second)
	in <- "a.md"
	time.Sleep(60 * time.Millisecond) // the batch is due; nobody reads it yet
	in <- "b.md"
	if got := receive(t, out, 2*time.Second); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Fatalf("batch = %q, want [a.md b.md]", got)
	}
	select {
	case extra := <-out:
		t.Fatalf("extra batch %q, want none", extra)
	case <-time.After(100 * time.Millisecond):
	}
}
