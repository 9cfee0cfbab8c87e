package site

import "runtime/debug"

// Left alone, Go's collector lets the heap grow to twice what its last mark found live, and on a big site that
// mark also counts what the workers allocated while it ran: at 100,000 pages a build peaks at about three times
// its live data (about 1 KB a page). Options.CapMemory makes the collector run earlier instead, once the build
// knows how many pages there are: the cap is memoryFloor, or memoryPerPage for each page on a site past about
// 100,000 pages, so that the collector's headroom, and with it the share of time it takes, stays in proportion
// to the site.
const (
	memoryFloor   = 224 << 20
	memoryPerPage = 2350
)

// memoryCap returns the soft memory limit of a build of that many pages (see Options.CapMemory).
func memoryCap(pages int) int64 { return max(memoryFloor, int64(pages)*memoryPerPage) }

// capMemory sets the Go runtime's soft memory limit for a build of that many pages and returns a function that
// puts the previous limit back.
func capMemory(pages int) (restore func()) {
	prev := debug.SetMemoryLimit(memoryCap(pages))
	return func() { debug.SetMemoryLimit(prev) }
}
