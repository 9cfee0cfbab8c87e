// Package localstore keeps the form backend's data in plain files under one folder (the `-data` folder of
// `generator serve`, .data/ by default), so that a newcomer finds every record, CV and mail on disk. It implements
// forms.Records, forms.Files and forms.Mailer.
//
// Layout of the folder (folders 0700, files 0600):
//
//	applications/RECEIPT.json    one job application (forms.Application as JSON)
//	contact/TICKET.json          one tenant's message (forms.Message as JSON)
//	cv/CALL/RECEIPT.pdf          the CVs (any forms.Files key under cv/ or pending/ is a path here)
//	pending/NAME                 CVs kept from a request that had errors elsewhere, waiting for the corrected form
//	claims/SHA256.json           idempotency keys bound to receipts, and reserved receipt numbers (named by the
//	                             key's SHA-256); an expired claim counts as absent and is replaced
//	latest/SHA256.json           latest receipt per call and codice fiscale (named by a hash, never the code)
//	outbox/TIME-REF-N.eml        every mail "sent", as an RFC 5322 message a mail client opens
//	mail-status.log              one JSON line per mail outcome (forms.Records.NoteMail)
//	erasure-log.jsonl            what the staff command erased (Store.Erase) and when: kinds and counts, a
//	                             request number, never personal data; kept with no expiry
//
// Writes are atomic (a temporary file renamed or linked into place, synced first) and the conditional ones
// (claims, applications, messages) use a hard link, which fails if the name exists: two concurrent writers never
// both succeed and a reader never sees half a file. Purge deletes what is past its retention (ExpiresAt) and
// may run while requests are served. Holdings and Erase (erase.go) find and delete everything about some records,
// for the staff command's access and erasure.
//
// Store is safe for concurrent use by one process; SetLatest's read-modify-write is guarded by an in-process
// lock per codice fiscale, so a folder should be served by one process at a time.
package localstore

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"quartieri/internal/forms"
)

// Store is the local implementation of the form backend's stores.
type Store struct {
	dir      string
	now      func() time.Time
	latestMu [64]sync.Mutex
	claimMu  [64]sync.Mutex // replacing an expired claim, and Purge deleting one
	// purgeHook, when set (tests), runs in Purge after it has decided to delete a file of kind, before it does.
	purgeHook func(kind string)
	logMu     sync.Mutex
}

// The interfaces Store implements.
var (
	_ forms.Records = (*Store)(nil)
	_ forms.Files   = (*Store)(nil)
	_ forms.Mailer  = (*Store)(nil)
)

var subdirs = []string{"applications", "contact", "cv", "pending", "claims", "latest", "outbox"}

// Open makes dir and its subfolders if needed and returns a Store on it.
func Open(dir string) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range subdirs {
		if err := os.MkdirAll(filepath.Join(abs, d), 0o700); err != nil {
			return nil, fmt.Errorf("localstore: %w", err)
		}
	}
	return &Store{dir: abs, now: time.Now}, nil
}

// SetClock replaces the clock that tells whether a claim has expired (default time.Now), for tests and tools.
// Call it before the store is used.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// writeAtomic replaces path with data: readers see the old file or the new one, never a mix.
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(filepath.Dir(path), data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeExclusive creates path with data unless it exists, in which case it returns forms.ErrExists.
func writeExclusive(path string, data []byte) error {
	tmp, err := writeTemp(filepath.Dir(path), data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	err = os.Link(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return forms.ErrExists
	case errors.Is(err, errors.ErrUnsupported) || errors.Is(err, fs.ErrPermission):
		return createExclusive(path, data) // a file system without hard links
	}
	return err
}

// createExclusive is writeExclusive with O_EXCL, for file systems without hard links: exclusive too, but a
// reader may see the file before it is complete.
func createExclusive(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return forms.ErrExists
	}
	if err != nil {
		return err
	}
	err = writeSynced(f, data)
	if err != nil {
		os.Remove(path)
	}
	return err
}

// writeTemp writes data to a new synced 0600 file in dir and returns its name.
func writeTemp(dir string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	err = writeSynced(f, data)
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// writeSynced writes data to f, syncs it to disk and closes it, returning the first error.
func writeSynced(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
