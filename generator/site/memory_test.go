package site

import (
	"io/fs"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestCapMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1) // -1 reads the limit without changing it
	restore := capMemory(1000)
	if got := debug.SetMemoryLimit(-1); got != memoryFloor {
		t.Errorf("limit during a build of 1,000 pages = %d, want the floor %d", got, memoryFloor)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build = %d, want %d back", got, before)
	}
	// Past the floor the cap grows with the site, so that the collector's headroom does too.
	if a, b := memoryCap(1_000_000), memoryCap(2_000_000); a <= memoryFloor || b != 2*a {
		t.Errorf("cap at 1M pages = %d, at 2M = %d: want above the floor and in proportion", a, b)
	}
}

// limitSeen notes the memory limit each time a page's file is opened.
type limitSeen struct {
	fs.FS
	limits []int64
}

func (l *limitSeen) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") {
		l.limits = append(l.limits, debug.SetMemoryLimit(-1))
	}
	return l.FS.Open(name)
}

func TestBuildCapsMemoryWhileItRuns(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	for _, capped := range []bool{true, false} {
		fsys := &limitSeen{FS: assetSite()}
		if _, err := Build(fsys, Options{CapMemory: capped, Workers: 1, Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		want := before
		if capped {
			want = memoryFloor
		}
		if len(fsys.limits) == 0 || fsys.limits[0] != want {
			t.Errorf("CapMemory %v: limits while the pages were read = %v, want %d", capped, fsys.limits, want)
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("CapMemory %v: limit after Build = %d, want %d back", capped, got, before)
		}
	}
}
