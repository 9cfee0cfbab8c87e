package localstore

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pendingMaxAge is how long a CV kept from a request with errors waits for the corrected form.
const pendingMaxAge = 24 * time.Hour

// Purge enforces retention: it deletes the applications (with their CVs), messages and idempotency claims whose
// ExpiresAt is before now, and kept CVs under pending/ older than a day. It returns how many files it deleted.
// The AWS stores get the same from DynamoDB TTL and an S3 lifecycle rule.
func (s *Store) Purge(ctx context.Context, now time.Time) (int, error) {
	n := 0
	var errs []error
	var rec struct {
		ExpiresAt time.Time `json:"expires_at"`
		Expires   time.Time `json:"expires"`
		CVKey     string    `json:"cv_key"`
	}
	for _, kind := range []string{"applications", "contact", "claims"} {
		paths, _ := filepath.Glob(filepath.Join(s.dir, kind, "*.json"))
		for _, p := range paths {
			rec.ExpiresAt, rec.Expires, rec.CVKey = time.Time{}, time.Time{}, ""
			if err := readJSON(p, &rec); err != nil {
				errs = append(errs, err)
				continue
			}
			exp := rec.ExpiresAt
			if kind == "claims" {
				exp = rec.Expires
			}
			if exp.IsZero() || !exp.Before(now) {
				continue
			}
			if rec.CVKey != "" {
				if cv, err := s.filePath(rec.CVKey); err == nil && os.Remove(cv) == nil {
					n++
				}
			}
			if err := os.Remove(p); err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
	}
	err := filepath.WalkDir(filepath.Join(s.dir, "pending"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".tmp-") {
			return err
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(now.Add(-pendingMaxAge)) {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n, errors.Join(append(errs, err)...)
}
