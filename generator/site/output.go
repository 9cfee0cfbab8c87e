package site

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// output writes files to a folder as they are made, or keeps them in memory when the folder is "", or only
// counts them (discard).
type output struct {
	dest    string
	discard bool
	mu      sync.Mutex
	files   map[string][]byte
	count   atomic.Int64
	pages   atomic.Int64
}

func newOutput(dest string, discard bool) *output {
	o := &output{dest: dest, discard: discard}
	if dest == "" && !discard {
		o.files = map[string][]byte{}
	}
	return o
}

// write stores one file; name is a slash-separated path relative to the site root.
func (o *output) write(name string, data []byte) error {
	o.count.Add(1)
	if o.discard {
		return nil
	}
	if o.dest == "" {
		o.mu.Lock()
		o.files[name] = data
		o.mu.Unlock()
		return nil
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) { // never outside dest, whatever a path bug lets through
		return fmt.Errorf("il file %s uscirebbe dalla cartella del sito: non viene scritto", name)
	}
	full := filepath.Join(o.dest, filepath.FromSlash(name))
	// Most pages have a folder of their own, whose parent exists: one Mkdir, and nothing to remember per page.
	if dir := filepath.Dir(full); os.Mkdir(dir, 0o755) != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(full, data, 0o644)
}
