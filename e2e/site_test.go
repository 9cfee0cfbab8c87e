package e2e

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path"
	"time"

	"quartieri/generator/site"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// buildSite builds the repository's site as at now into dest, as `generator build -now` does.
func buildSite(dest string, now time.Time) error {
	res, err := site.Build(os.DirFS(repoRoot), site.Options{Now: now, Dest: dest})
	if err != nil {
		if res != nil {
			return fmt.Errorf("%w\n%v", err, res.Diagnostics)
		}
		return err
	}
	return nil
}

// formsAPI returns the form backend on local storage under dataDir, to be mounted at /api/, as `generator serve
// -now` does: its clock starts at now and runs on, so the time trap sees a person's pace.
func formsAPI(dataDir string, now time.Time) (http.Handler, error) {
	fsys := os.DirFS(repoRoot)
	cfg, err := siteconfig.Load(fsys)
	if err != nil {
		return nil, err
	}
	th, err := theme.Load(fsys, path.Join("themes", cfg.Theme))
	if err != nil {
		return nil, err
	}
	store, err := localstore.Open(dataDir)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	return forms.NewAPI(forms.Config{
		Site: cfg, Theme: th, Records: store, Files: store, Mailer: store,
		Now:    func() time.Time { return now.Add(time.Since(start)) },
		Secret: []byte("e2e-test-secret-not-for-production"),
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}), nil
}
