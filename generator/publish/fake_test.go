package publish

import (
	"context"
	"errors"
	"sort"
	"sync"
)

// memBucket is a Bucket in memory that records the order of its writes and can fail after some uploads.
type memBucket struct {
	mu      sync.Mutex
	files   map[string]Upload
	writes  []string // "put NAME" or "delete NAME", in order
	failAt  int      // the failAt-th Put fails (1-based); 0 never
	puts    int
	listErr error
	batches []int // the size of each Delete
}

func newMemBucket() *memBucket { return &memBucket{files: map[string]Upload{}} }

func (b *memBucket) List(ctx context.Context) ([]Object, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.listErr != nil {
		return nil, b.listErr
	}
	var out []Object
	for name, u := range b.files {
		out = append(out, Object{Name: name, Size: int64(len(u.Data)), MD5: md5Hex(u.Data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

var errBroken = errors.New("secchio rotto")

func (b *memBucket) Put(ctx context.Context, u Upload) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.puts++
	if b.failAt > 0 && b.puts >= b.failAt {
		return errBroken
	}
	b.files[u.Name] = u
	b.writes = append(b.writes, "put "+u.Name)
	return nil
}

func (b *memBucket) Delete(ctx context.Context, names []string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.batches = append(b.batches, len(names))
	for _, n := range names {
		delete(b.files, n)
		b.writes = append(b.writes, "delete "+n)
	}
	return nil
}

// memCDN records invalidations.
type memCDN struct {
	mu    sync.Mutex
	paths [][]string
}

func (c *memCDN) Invalidate(ctx context.Context, paths []string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	c.paths = append(c.paths, paths)
	return "I1", nil
}
