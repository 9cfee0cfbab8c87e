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

// pendingMaxAge is how long a CV kept from a request with errors waits for the corrected form (the form core
// accepts a kept-CV reference for 20 hours).
const pendingMaxAge = 24 * time.Hour

// outboxGrace is how long a mail stays in the outbox after its record is gone (or if it names no record).
const outboxGrace = 24 * time.Hour

// Purge enforces retention: it deletes the applications (with their CVs), messages and idempotency claims whose
// expiry is before now, kept CVs under pending/ older than a day, latest-index entries whose application is
// gone, and outbox mails a day old whose record is gone (the mails carry what people wrote). It returns how many
// files it deleted. Pass the real time: records carry ExpiresAt from the form core's clock, which `-now` may
// set in the past, and claims and pending CVs run on the real clock.
//
// Purge may run while the store serves requests (`generator serve` runs it at start and hourly): it deletes a
// claim or an index entry only under the lock Claim and SetLatest take for that file, after reading it again;
// it deletes a record before its CV, so nothing that claims to exist is left without its parts; and a kept CV
// is deleted only once no valid reference to it can remain. A kept CV is not deleted when its reference is
// used: a double click or a retry of that same form still needs it (the retry must get the same receipt, not
// "the CV is no longer available"), and it goes a day later. The AWS stores get the same from DynamoDB TTL and
// an S3 lifecycle rule on pending/.
func (s *Store) Purge(ctx context.Context, now time.Time) (int, error) {
	counts, err := s.PurgeCounts(ctx, now)
	n := 0
	for _, c := range counts {
		n += c
	}
	return n, err
}

// PurgeCounts is Purge, and says how many files of each kind it deleted: applications, cv (with their
// applications), contact, claims, latest, pending, outbox.
func (s *Store) PurgeCounts(ctx context.Context, now time.Time) (map[string]int, error) {
	counts := map[string]int{}
	var errs []error
	for _, kind := range []string{"applications", "contact", "claims"} {
		paths, _ := filepath.Glob(filepath.Join(s.dir, kind, "*.json"))
		for _, p := range paths {
			if err := ctx.Err(); err != nil {
				return counts, err
			}
			var deleted int
			var err error
			if kind == "claims" {
				deleted, err = s.purgeClaim(p, now)
			} else {
				deleted, err = s.purgeRecord(kind, p, now)
			}
			if deleted > 0 {
				counts[kind]++
				counts["cv"] += deleted - 1 // an application's CV goes with it
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	d, err := s.purgeLatest()
	counts["latest"] += d
	errs = append(errs, err)
	d, err = s.purgeOld("pending", now.Add(-pendingMaxAge), nil)
	counts["pending"] += d
	errs = append(errs, err)
	d, err = s.purgeOld("outbox", now.Add(-outboxGrace), s.outboxRecordExists)
	counts["outbox"] += d
	errs = append(errs, err)
	return counts, errors.Join(errs...)
}

// purgeRecord deletes an expired application (then its CV) or message.
func (s *Store) purgeRecord(kind, p string, now time.Time) (int, error) {
	var rec struct {
		ExpiresAt time.Time `json:"expires_at"`
		CVKey     string    `json:"cv_key"`
	}
	if err := readJSON(p, &rec); err != nil {
		return 0, ignoreGone(err)
	}
	if rec.ExpiresAt.IsZero() || !rec.ExpiresAt.Before(now) {
		return 0, nil
	}
	if s.purgeHook != nil {
		s.purgeHook(kind)
	}
	if err := os.Remove(p); err != nil {
		return 0, ignoreGone(err)
	}
	n := 1
	if rec.CVKey != "" {
		if cv, err := s.filePath(rec.CVKey); err == nil && os.Remove(cv) == nil {
			n++
		}
	}
	return n, nil
}

// purgeClaim deletes an expired claim, under the lock Claim takes to replace one.
func (s *Store) purgeClaim(p string, now time.Time) (int, error) {
	mu := &s.claimMu[lockIndex(p)]
	mu.Lock()
	defer mu.Unlock()
	var c claim
	if err := readJSON(p, &c); err != nil {
		return 0, ignoreGone(err)
	}
	if c.Expires.IsZero() || !c.Expires.Before(now) {
		return 0, nil
	}
	if s.purgeHook != nil {
		s.purgeHook("claims")
	}
	if err := os.Remove(p); err != nil {
		return 0, ignoreGone(err)
	}
	return 1, nil
}

// purgeLatest deletes the latest-index entries whose application is gone (purged), under SetLatest's lock.
func (s *Store) purgeLatest() (int, error) {
	paths, _ := filepath.Glob(filepath.Join(s.dir, "latest", "*.json"))
	n := 0
	var errs []error
	for _, p := range paths {
		func() {
			mu := &s.latestMu[lockIndex(p)]
			mu.Lock()
			defer mu.Unlock()
			var l latest
			if err := readJSON(p, &l); err != nil {
				errs = append(errs, ignoreGone(err))
				return
			}
			if _, err := os.Stat(filepath.Join(s.dir, "applications", l.Receipt+".json")); !errors.Is(err, fs.ErrNotExist) || !refRE.MatchString(l.Receipt) {
				return
			}
			if s.purgeHook != nil {
				s.purgeHook("latest")
			}
			if err := os.Remove(p); err == nil {
				n++
			}
		}()
	}
	return n, errors.Join(errs...)
}

// purgeOld deletes the files under dir modified before cutoff (and, with keep, only those keep does not keep).
func (s *Store) purgeOld(dir string, cutoff time.Time, keep func(name string) bool) (int, error) {
	n := 0
	err := filepath.WalkDir(filepath.Join(s.dir, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".tmp-") {
			return ignoreGone(err)
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) && (keep == nil || !keep(d.Name())) {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n, err
}

// outboxRecordExists reports whether the record an outbox mail (TIME-REF-N.eml) is about is still stored.
func (s *Store) outboxRecordExists(name string) bool {
	ref := outboxRef(name)
	if ref == "" {
		return false
	}
	for _, kind := range []string{"applications", "contact"} {
		if _, err := os.Stat(filepath.Join(s.dir, kind, ref+".json")); err == nil {
			return true
		}
	}
	return false
}

func ignoreGone(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
