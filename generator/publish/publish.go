// Package publish puts a built site in an S3 bucket, the origin of a CloudFront distribution, so that a
// visitor never gets a page whose CSS or JavaScript is not there yet, and tells CloudFront to forget what
// changed. The generator's deploy command uses it.
//
// A publication first lists the bucket and makes a Plan (MakePlan): a file is uploaded when the bucket lacks it
// or holds another content, compared by MD5, which S3 gives for free as the ETag of every object uploaded in one
// piece (so listing is enough: no request per file; with SSE-KMS encryption the ETag is not the MD5 and every
// file is uploaded each time). Files the site no longer has are deleted, at most Options.MaxDeletes: the
// site owns every object under the bucket's prefix, or the whole bucket without one.
//
// The work runs in order, each step only once the one before has finished: the files pages link (CSS and
// JavaScript, images, documents), then the HTML pages, then sitemap.xml, robots.txt and feeds, and deletions
// last. A publication interrupted at any point (cancelled, or a failed request) leaves the site consistent: a
// page already replaced links files already uploaded, a page not yet replaced links files not yet deleted (the
// CSS and JavaScript have a new name for every content, see theme.Asset). Publishing again finishes the job,
// since what was uploaded now compares equal.
//
// Every file gets its ContentType and CacheControl. With a CDN, one invalidation names the addresses of what was
// uploaded or deleted (Paths); an interrupted publication still invalidates what it uploaded.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Object is a file the bucket holds.
type Object struct {
	// Name is its path in the site, without the bucket's prefix.
	Name string
	Size int64
	// MD5 is the hex MD5 of its content, or "" when the bucket does not say (an ETag that is not an MD5).
	MD5 string
}

// Bucket is where the site is published; S3Bucket implements it.
type Bucket interface {
	// List returns every file under the bucket's prefix.
	List(ctx context.Context) ([]Object, error)
	// Put stores one file.
	Put(ctx context.Context, u Upload) error
	// Delete removes files by name, at most DeleteBatch at once.
	Delete(ctx context.Context, names []string) error
}

// CDN is the cache in front of the bucket; CloudFront implements it.
type CDN interface {
	// Invalidate makes the CDN forget the paths and returns the invalidation's id.
	Invalidate(ctx context.Context, paths []string) (string, error)
}

// DeleteBatch is the most names one Bucket.Delete gets: S3's DeleteObjects takes up to 1,000 keys.
const DeleteBatch = 1000

// Options control a publication.
type Options struct {
	Bucket Bucket
	// CDN, when not nil, is told to forget the addresses that changed.
	CDN CDN
	// Force uploads every file, changed or not.
	Force bool
	// DryRun lists what would be done and changes nothing.
	DryRun bool
	// MaxDeletes is the most files a publication deletes; with more it does nothing and returns a
	// *TooManyDeletesError.
	MaxDeletes int
	// Workers is the number of uploads at once within a step; 0 means 8.
	Workers int
	// Log receives a line per file, in Italian; nil discards them.
	Log io.Writer
}

// Summary is what a publication did.
type Summary struct {
	// ToUpload and ToDelete are what the plan holds; the others what was done.
	ToUpload, ToDelete int
	Uploaded           int
	Unchanged          int
	Deleted            int
	// Bytes is the size of the files uploaded.
	Bytes int64
	// Paths are the addresses invalidated (or that would be), and Invalidation the invalidation's id.
	Paths        []string
	Invalidation string
	Duration     time.Duration
}

// TooManyDeletesError is returned, before anything is written, when the bucket has more files the site lacks
// than Options.MaxDeletes.
type TooManyDeletesError struct{ Count, Max int }

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("il bucket ha %d file che il sito non ha più, e se ne possono eliminare al massimo %d (-max-deletes): "+
		"controlla -bucket e -prefix; se sono giusti, rilancia con -max-deletes %d", e.Count, e.Max, e.Count)
}

// Publish puts files (the built site, by path) in the bucket. On error the Summary says what was done.
func Publish(ctx context.Context, files map[string][]byte, opts Options) (Summary, error) {
	start := time.Now()
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	remote, err := opts.Bucket.List(ctx)
	if err != nil {
		return Summary{}, err
	}
	plan := MakePlan(files, remote, opts.Force)
	sum := Summary{Unchanged: plan.Unchanged, ToUpload: len(plan.Uploads), ToDelete: len(plan.Deletes)}
	if len(plan.Deletes) > opts.MaxDeletes {
		return sum, &TooManyDeletesError{Count: len(plan.Deletes), Max: opts.MaxDeletes}
	}
	if opts.DryRun {
		for _, u := range plan.Uploads {
			fmt.Fprintf(log, "caricherei %s (%s, %s)\n", u.Name, reason(u), Size(int64(len(u.Data))))
		}
		for _, d := range plan.Deletes {
			fmt.Fprintf(log, "eliminerei %s\n", d)
		}
		sum.count(plan.Uploads, plan.Deletes)
		if opts.CDN != nil {
			sum.Paths = Paths(plan.Uploads, plan.Deletes)
		}
		sum.Duration = time.Since(start)
		return sum, nil
	}
	done, err := upload(ctx, plan.Uploads, opts, log)
	var deleted []string
	if err == nil {
		deleted, err = remove(ctx, opts.Bucket, plan.Deletes, log)
	}
	sum.count(done, deleted)
	if opts.CDN != nil && (len(done) > 0 || len(deleted) > 0) {
		ictx := ctx
		if err != nil { // still tell the CDN about what was uploaded, even after a Ctrl-C
			var cancel context.CancelFunc
			ictx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
		}
		sum.Paths = Paths(done, deleted)
		id, ierr := opts.CDN.Invalidate(ictx, sum.Paths)
		sum.Invalidation = id
		err = errors.Join(err, ierr)
	}
	sum.Duration = time.Since(start)
	return sum, err
}

// count adds what was (or would be) uploaded and deleted.
func (s *Summary) count(uploads []Upload, deletes []string) {
	for _, u := range uploads {
		s.Uploaded++
		s.Bytes += int64(len(u.Data))
	}
	s.Deleted = len(deletes)
}

// remove deletes names, DeleteBatch at a time, and returns those deleted.
func remove(ctx context.Context, b Bucket, names []string, log io.Writer) ([]string, error) {
	var deleted []string
	for len(names) > 0 {
		batch := names[:min(len(names), DeleteBatch)]
		names = names[len(batch):]
		if err := b.Delete(ctx, batch); err != nil {
			return deleted, err
		}
		deleted = append(deleted, batch...)
		for _, d := range batch {
			fmt.Fprintf(log, "eliminato %s\n", d)
		}
	}
	return deleted, nil
}

// upload runs the uploads step by step, Workers at a time within a step; after a failure it starts no other
// upload, and returns the ones done and the first error.
func upload(ctx context.Context, uploads []Upload, opts Options, log io.Writer) ([]Upload, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = 8
	}
	var (
		mu    sync.Mutex
		done  []Upload
		first error
	)
	for len(uploads) > 0 {
		n := 0
		for n < len(uploads) && uploads[n].Step == uploads[0].Step {
			n++
		}
		step := uploads[:n]
		uploads = uploads[n:]
		sctx, cancel := context.WithCancel(ctx)
		next := make(chan Upload)
		var wg sync.WaitGroup
		for range min(workers, len(step)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range next {
					err := opts.Bucket.Put(sctx, u)
					mu.Lock()
					if err == nil {
						done = append(done, u)
						fmt.Fprintf(log, "caricato %s (%s, %s)\n", u.Name, reason(u), Size(int64(len(u.Data))))
					} else if first == nil {
						first = err
						cancel()
					}
					mu.Unlock()
				}
			}()
		}
	feed:
		for _, u := range step {
			select {
			case next <- u:
			case <-sctx.Done():
				break feed
			}
		}
		close(next)
		wg.Wait()
		cancel()
		if first == nil && ctx.Err() != nil {
			first = ctx.Err()
		}
		if first != nil {
			return done, first
		}
	}
	return done, nil
}

// reason says why a file is uploaded.
func reason(u Upload) string {
	switch {
	case u.New:
		return "nuovo"
	case u.Forced:
		return "uguale, -force"
	}
	return "cambiato"
}

// Size writes a number of bytes the Italian way: "850 byte", "12,3 kB", "1,2 MB".
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d byte", n)
	case n < 1000*1000:
		return comma(fmt.Sprintf("%.1f kB", float64(n)/1000))
	}
	return comma(fmt.Sprintf("%.1f MB", float64(n)/1e6))
}

func comma(s string) string {
	for i := range len(s) {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}
