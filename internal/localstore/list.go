package localstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"quartieri/internal/forms"
)

// Listing is for staff tools (functions/staff): the form core never reads more than one record at a time.

// ListApplications returns every application in the folder whose ExpiresAt has not passed by the store's clock
// (see SetClock), in no particular order. A file that cannot be read or decoded does not stop the listing: the
// others are returned with an error naming it.
func (s *Store) ListApplications(ctx context.Context) ([]forms.Application, error) {
	return listRecords(ctx, s, "applications", func(a *forms.Application) time.Time { return a.ExpiresAt })
}

// ListMessages returns every tenant's message whose ExpiresAt has not passed by the store's clock, in no
// particular order, like ListApplications.
func (s *Store) ListMessages(ctx context.Context) ([]forms.Message, error) {
	return listRecords(ctx, s, "contact", func(m *forms.Message) time.Time { return m.ExpiresAt })
}

// listRecords decodes the JSON files of a record folder, leaving out the expired ones.
func listRecords[T any](ctx context.Context, s *Store, kind string, expires func(*T) time.Time) ([]T, error) {
	paths, err := filepath.Glob(filepath.Join(s.dir, kind, "*.json"))
	if err != nil {
		return nil, err
	}
	now := s.now()
	var out []T
	var errs []error
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if strings.HasPrefix(filepath.Base(p), ".") {
			continue
		}
		var rec T
		if err := readJSON(p, &rec); err != nil {
			if !errors.Is(err, fs.ErrNotExist) { // purged meanwhile: not an error
				errs = append(errs, fmt.Errorf("localstore: %s/%s: %w", kind, filepath.Base(p), err))
			}
			continue
		}
		if exp := expires(&rec); !exp.IsZero() && exp.Before(now) {
			continue
		}
		out = append(out, rec)
	}
	return out, errors.Join(errs...)
}

// ListMailNotes returns the lines of mail-status.log, oldest first. A line that cannot be decoded is skipped and
// reported in the error; the others are returned.
func (s *Store) ListMailNotes(ctx context.Context) ([]forms.MailNote, error) {
	data, err := os.ReadFile(filepath.Join(s.dir, "mail-status.log"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []forms.MailNote
	var errs []error
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var ms mailStatus
		if err := json.Unmarshal([]byte(line), &ms); err != nil {
			errs = append(errs, fmt.Errorf("localstore: mail-status.log line %d: %w", i+1, err))
			continue
		}
		out = append(out, forms.MailNote(ms))
	}
	return out, errors.Join(errs...)
}

// ListStored returns every application and message in the folder, expired or not: an expired record is still
// held until Purge deletes it, so the staff command's access and erasure must find it.
func (s *Store) ListStored(ctx context.Context) ([]forms.Application, []forms.Message, error) {
	apps, err := listRecords(ctx, s, "applications", func(*forms.Application) time.Time { return time.Time{} })
	msgs, err2 := listRecords(ctx, s, "contact", func(*forms.Message) time.Time { return time.Time{} })
	return apps, msgs, errors.Join(err, err2)
}
