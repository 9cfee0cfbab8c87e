package preview

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stamp is what polling compares to notice a change.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// poll sends the path of every file of the sources that appeared, vanished or changed since the previous walk,
// walking every interval, until ctx is done; it calls started after the first walk. It is the fallback when
// inotify watches run out.
func poll(ctx context.Context, root string, changes chan<- string, every time.Duration, started func()) {
	prev := scan(root)
	started()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		cur := scan(root)
		for p, st := range cur {
			if old, ok := prev[p]; !ok || old != st {
				if !send(ctx, changes, p) {
					return
				}
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				if !send(ctx, changes, p) {
					return
				}
			}
		}
		prev = cur
	}
}

// scan stats site.yaml and every entry under content/ and themes/, skipping editors' files.
func scan(root string) map[string]stamp {
	out := map[string]stamp{}
	record := func(p string, fi fs.FileInfo) {
		out[p] = stamp{size: fi.Size(), mod: fi.ModTime(), mode: fi.Mode()}
	}
	if fi, err := os.Stat(filepath.Join(root, sourceFile)); err == nil {
		record(filepath.Join(root, sourceFile), fi)
	}
	for _, d := range sourceDirs {
		filepath.WalkDir(filepath.Join(root, d), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				record(p, fi)
			}
			return nil
		})
	}
	return out
}
