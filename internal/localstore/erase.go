package localstore

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"quartieri/internal/forms"
	"slices"
	"strings"
	"time"
)

// Access and erasure are for the staff command (GDPR articles 15 and 17): Holdings finds every file about some
// records, expired or not, and Erase deletes them. Nothing here runs while serving.

// Item is one thing stored about a record.
type Item struct {
	// Kind is what it is: application, message, cv, pending-cv (a CV kept under pending/), claim, latest,
	// mail-notes (the record's lines of mail-status.log), outbox (a mail in the outbox).
	Kind string
	// Ref is the receipt or ticket the item belongs to.
	Ref string
	// Path is the file, relative to the store's folder (slash-separated).
	Path string
	// Expires is when the record's retention ends (zero when the item has no expiry of its own).
	Expires time.Time
}

// IsRecord reports whether the item is an application or a message: Erase deletes those last.
func (it Item) IsRecord() bool { return it.Kind == "application" || it.Kind == "message" }

// Holdings returns what the folder holds about the records refs (receipts and tickets): the records; their CVs;
// the CVs kept under pending/ whose SHA-256 is one of the records' CVs; the claims bound to them (idempotency keys
// and the receipt's reservation); the latest-index entries naming them; their lines of mail-status.log; their
// mails in the outbox.
func (s *Store) Holdings(ctx context.Context, refs []string) ([]Item, error) {
	var out []Item
	sums := map[string]string{} // CV SHA-256: ref
	for _, ref := range refs {
		for _, kind := range []string{"applications", "contact"} {
			rel := kind + "/" + ref + ".json"
			var rec struct {
				ExpiresAt time.Time `json:"expires_at"`
				CVKey     string    `json:"cv_key"`
				CVSHA256  string    `json:"cv_sha256"`
			}
			if err := readJSON(filepath.Join(s.dir, rel), &rec); errors.Is(err, fs.ErrNotExist) {
				continue
			} else if err != nil {
				return nil, err
			}
			k := "application"
			if kind == "contact" {
				k = "message"
			}
			out = append(out, Item{Kind: k, Ref: ref, Path: rel, Expires: rec.ExpiresAt})
			if p, err := s.filePath(rec.CVKey); err == nil && exists(p) {
				out = append(out, Item{Kind: "cv", Ref: ref, Path: rec.CVKey, Expires: rec.ExpiresAt})
			}
			if rec.CVSHA256 != "" {
				sums[rec.CVSHA256] = ref
			}
		}
	}
	pending, _ := filepath.Glob(filepath.Join(s.dir, "pending", "*"))
	for _, p := range pending {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(data)
		if ref, ok := sums[hex.EncodeToString(sum[:])]; ok {
			out = append(out, Item{Kind: "pending-cv", Ref: ref, Path: "pending/" + filepath.Base(p)})
		}
	}
	for _, kind := range []string{"claims", "latest"} {
		paths, _ := filepath.Glob(filepath.Join(s.dir, kind, "*.json"))
		for _, p := range paths {
			var c claim
			if readJSON(p, &c) != nil {
				continue
			}
			ref := c.Receipt
			for _, r := range refs {
				if filepath.Base(p) == hashName("receipt:"+r)+".json" {
					ref = r
				}
			}
			if slices.Contains(refs, ref) {
				out = append(out, Item{Kind: strings.TrimSuffix(kind, "s"), Ref: ref, Path: kind + "/" + filepath.Base(p), Expires: c.Expires})
			}
		}
	}
	notes, err := s.ListMailNotes(ctx)
	if err != nil && len(notes) == 0 {
		return nil, err
	}
	for _, ref := range refs {
		if slices.ContainsFunc(notes, func(n forms.MailNote) bool { return n.Ref == ref }) {
			out = append(out, Item{Kind: "mail-notes", Ref: ref, Path: "mail-status.log"})
		}
	}
	mails, _ := s.Outbox()
	for _, p := range mails {
		if ref := outboxRef(filepath.Base(p)); slices.Contains(refs, ref) {
			out = append(out, Item{Kind: "outbox", Ref: ref, Path: "outbox/" + filepath.Base(p)})
		}
	}
	return out, nil
}

// Erase deletes items: everything else first, the records last, so that after a failure the records are still
// there and Holdings finds what is left. A file already gone is not an error.
func (s *Store) Erase(ctx context.Context, items []Item) error {
	var errs []error
	var noteRefs []string
	for _, it := range items {
		switch {
		case it.IsRecord():
		case it.Kind == "mail-notes":
			noteRefs = append(noteRefs, it.Ref)
		default:
			if err := s.remove(it.Path); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(noteRefs) > 0 {
		errs = append(errs, s.dropMailNotes(noteRefs))
	}
	if err := errors.Join(errs...); err != nil {
		return err // keep the records: a second run finds the rest through them
	}
	for _, it := range items {
		if it.IsRecord() {
			errs = append(errs, s.remove(it.Path))
		}
	}
	return errors.Join(errs...)
}

// remove deletes the file at rel (a path Holdings returned: under the folder, never outside it).
func (s *Store) remove(rel string) error {
	if !fs.ValidPath(rel) || strings.Contains(rel, `\`) {
		return fmt.Errorf("localstore: bad path %q", rel)
	}
	err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// dropMailNotes rewrites mail-status.log without the lines about refs.
func (s *Store) dropMailNotes(refs []string) error {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	path := filepath.Join(s.dir, "mail-status.log")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var keep bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var n mailStatus
		if json.Unmarshal(sc.Bytes(), &n) == nil && slices.Contains(refs, n.Ref) {
			continue
		}
		keep.Write(sc.Bytes())
		keep.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return writeAtomic(path, keep.Bytes())
}

// LogErasure appends line (which must hold no personal data) to erasure-log.jsonl, kept with no expiry.
func (s *Store) LogErasure(line []byte) error {
	f, err := os.OpenFile(filepath.Join(s.dir, "erasure-log.jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(append(bytes.TrimSpace(line), '\n'))
	return errors.Join(err, f.Close())
}

// outboxRef is the record an outbox mail (TIME-REF-N.eml) is about, "" if the name says none.
func outboxRef(name string) string {
	parts := strings.Split(strings.TrimSuffix(name, ".eml"), "-")
	if len(parts) < 4 { // TIME, two halves of the number, sequence
		return ""
	}
	ref := parts[len(parts)-3] + "-" + parts[len(parts)-2]
	if !refRE.MatchString(ref) {
		return ""
	}
	return ref
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
