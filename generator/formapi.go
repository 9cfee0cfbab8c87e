package main

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	"quartieri/internal/forms"
	"quartieri/internal/localstore"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// localFormAPI makes the form API that serve mounts at /api/: the very handler the Lambda functions run, on
// files under dataDir (records, CVs, and mails as .eml files in an outbox). It rereads site.yaml and the theme
// when site.yaml changes, so a staff member who moves a deadline sees the forms follow without a restart.
func localFormAPI(ctx context.Context, source, dataDir string, now func() time.Time, logs io.Writer) (http.Handler, error) {
	store, err := localstore.Open(dataDir)
	if err != nil {
		return nil, err
	}
	go purgeEvery(ctx, time.Hour, store, now)
	secret := []byte(rand.Text() + rand.Text()) // one per run, so tokens outlive a reload of site.yaml
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	a := &reloadingAPI{
		siteFile: filepath.Join(source, "site.yaml"),
		make: func() (http.Handler, error) {
			fsys := os.DirFS(source)
			cfg, err := siteconfig.Load(fsys)
			if err != nil {
				return nil, err
			}
			th, err := theme.Load(fsys, path.Join("themes", cfg.Theme))
			if err != nil {
				return nil, err
			}
			return forms.NewAPI(forms.Config{
				Site: cfg, Theme: th, Records: store, Files: store, Mailer: store, Now: now,
				Secret: secret, Logger: logger,
			}), nil
		},
	}
	if _, err := a.current(); err != nil {
		return nil, err
	}
	return a, nil
}

// purgeEvery enforces the retention periods on the local data at start and then every period, until ctx ends,
// as DynamoDB TTL and the S3 lifecycle rules do on AWS. It goes by the earlier of the real and the simulated
// clock, so a preview in the future (-now 2030-...) never deletes anything early; records carry an ExpiresAt on
// the real clock (package forms), so one sent in a preview in the past is kept as long as any other.
func purgeEvery(ctx context.Context, period time.Duration, store *localstore.Store, now func() time.Time) {
	for {
		at := time.Now()
		if sim := now(); sim.Before(at) {
			at = sim
		}
		store.Purge(ctx, at) // failures leave files for the next round; nothing to tell the user
		select {
		case <-ctx.Done():
			return
		case <-time.After(period):
		}
	}
}

// reloadingAPI remakes the handler when site.yaml's modification time changes. While site.yaml is broken it
// keeps the last good handler: the preview shows the error page for the content.
type reloadingAPI struct {
	siteFile string
	make     func() (http.Handler, error)

	mu      sync.Mutex
	modTime time.Time
	h       http.Handler
}

func (a *reloadingAPI) current() (http.Handler, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st, err := os.Stat(a.siteFile)
	if err != nil {
		return a.h, err
	}
	if a.h != nil && st.ModTime().Equal(a.modTime) {
		return a.h, nil
	}
	h, err := a.make()
	if err != nil {
		return a.h, err
	}
	a.h, a.modTime = h, st.ModTime()
	return h, nil
}

func (a *reloadingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, _ := a.current()
	h.ServeHTTP(w, r)
}
