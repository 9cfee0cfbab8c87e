package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// sourceDirs are the folders of the root whose whole tree is watched; sourceFile is the one file watched beside them.
var sourceDirs = []string{"content", "themes"}

const sourceFile = "site.yaml"

// watchSources sends the path of every change to the site's sources on changes until ctx is done. It uses
// fsnotify on every folder under content/ and themes/ and on the root (for site.yaml only); when the system runs
// out of inotify watches, it says so once on stderr and falls back to a stat walk every tn.pollEvery. It calls
// watching once every change from then on will be sent: every watch registered, or the first walk done (or when
// it returns early).
func watchSources(ctx context.Context, root string, changes chan<- string, stderr io.Writer, tn tuning, watching func()) {
	defer watching()
	watched := false // the watches were all registered once, so the first build has run since
	err := notify(ctx, root, changes, stderr, tn, func() { watched = true; watching() })
	if err == nil {
		return
	}
	fmt.Fprintf(stderr, "attenzione: il sistema non permette di osservare altre cartelle (%v); "+
		"controllo i file ogni %d ms. Per avere di nuovo gli aggiornamenti immediati, "+
		"aumenta fs.inotify.max_user_watches.\n", err, tn.pollEvery.Milliseconds())
	poll(ctx, root, changes, tn.pollEvery, func() {
		if watched {
			send(ctx, changes, root) // changes may have been missed while the watches were failing
		}
		watching()
	})
}

// outOfWatches reports whether err means the system has no inotify watches or instances left.
func outOfWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// watcher keeps an fsnotify watch on every folder of the sources, adding new folders and forgetting gone ones.
type watcher struct {
	w      *fsnotify.Watcher
	root   string
	dirs   map[string]bool
	add    func(w *fsnotify.Watcher, dir string) error
	stderr io.Writer
}

// notify watches with fsnotify until ctx is done (and returns nil) or until the watches run out (and returns why).
func notify(ctx context.Context, root string, changes chan<- string, stderr io.Writer, tn tuning, watching func()) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer fw.Close()
	wa := &watcher{w: fw, root: root, dirs: map[string]bool{}, add: tn.addWatch, stderr: stderr}
	if err := wa.addDir(root); err != nil {
		return err
	}
	for _, d := range sourceDirs {
		if err := wa.addTree(filepath.Join(root, d)); err != nil {
			return err
		}
	}
	watching()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-fw.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Some events were lost: rebuild anyway, the build reads everything.
				if !send(ctx, changes, root) {
					return nil
				}
			}
		case ev := <-fw.Events:
			if ev.Op == fsnotify.Chmod || !wa.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				wa.forget(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					if err := wa.addTree(ev.Name); err != nil {
						return err
					}
				}
			}
			if !send(ctx, changes, ev.Name) {
				return nil
			}
		}
	}
}

func send(ctx context.Context, changes chan<- string, name string) bool {
	select {
	case changes <- name:
		return true
	case <-ctx.Done():
		return false
	}
}

// relevant reports whether a changed path is part of the sources: site.yaml, or anything in content/ or themes/
// that is not an editor's temporary file.
func (wa *watcher) relevant(name string) bool {
	rel, err := filepath.Rel(wa.root, name)
	if err != nil || !filepath.IsLocal(rel) || ignored(filepath.Base(name)) {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return rel == sourceFile || first == sourceDirs[0] || first == sourceDirs[1]
}

// addTree watches dir and every folder below it that is not an editor's. It returns an error only when the
// watches run out; folders that vanish meanwhile are skipped and other failures are reported on stderr.
func (wa *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && ignored(d.Name()) {
			return filepath.SkipDir
		}
		if err := wa.addDir(p); err != nil {
			return err
		}
		return nil
	})
}

func (wa *watcher) addDir(dir string) error {
	if wa.dirs[dir] {
		return nil
	}
	err := wa.add(wa.w, dir)
	switch {
	case err == nil:
		wa.dirs[dir] = true
	case outOfWatches(err):
		return err
	case !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(wa.stderr, "attenzione: non riesco a osservare la cartella %s: %v\n", dir, err)
	}
	return nil
}

// forget drops the watches of a removed or renamed folder and of every folder below it.
func (wa *watcher) forget(name string) {
	for d := range wa.dirs {
		if d == name || strings.HasPrefix(d, name+string(filepath.Separator)) {
			wa.w.Remove(d) // fsnotify may have dropped it already; the error says only that
			delete(wa.dirs, d)
		}
	}
}
