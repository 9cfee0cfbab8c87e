// Package function is the wiring shared by the two Lambda commands (functions/applications and
// functions/contact): it reads site.yaml and the environment, connects a form handler of package forms to its AWS
// stores (package awsstore), and runs it with package lambdahttp, under the Lambda runtime or, without
// AWS_LAMBDA_RUNTIME_API, as a local HTTP server for debugging.
//
// The environment: SITE_CONFIG (site.yaml; default beside the binary), FORM_SECRET (the forms' HMAC key, the same
// on every instance), the variables of package awsstore, and those of package lambdahttp.
package function

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
	"quartieri/internal/lambdahttp"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

// A Form is one of the two functions: its name, how long its records are kept, and its handler.
type Form struct {
	Name      string
	retention func(*siteconfig.Site) int
	handler   func(forms.Config) http.Handler
}

// Applications is the function behind POST /api/applications; Contact the one behind POST /api/contact.
var (
	Applications = Form{"applications", func(s *siteconfig.Site) int { return s.Retention.ApplicationsDays }, forms.NewApplications}
	Contact      = Form{"contact", func(s *siteconfig.Site) int { return s.Retention.ContactDays }, forms.NewContact}
)

// Main runs f with the process's environment and standard output (its JSON log) until SIGINT or SIGTERM, and
// exits with status 1 on an error.
func Main(f Form) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := f.Run(ctx, os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", f.Name, err)
		os.Exit(1)
	}
}

// Run builds f's handler on the AWS stores and serves it until ctx ends.
func (f Form) Run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	site, err := loadSite(getenv)
	if err != nil {
		return err
	}
	th, err := theme.Load(themes.FS, site.Theme)
	if err != nil {
		return err
	}
	st, err := awsstore.New(ctx, getenv)
	if err != nil {
		return err
	}
	st.Records.Retention = awsstore.Days(f.retention(site))
	logger := slog.New(slog.NewJSONHandler(stdout, nil))
	h := f.handler(forms.Config{Site: site, Theme: th, Records: st.Records, Files: st.Files, Mailer: st.Mailer,
		Secret: secret(getenv), Logger: logger})
	return lambdahttp.Serve(ctx, h, getenv, logger)
}

// secret returns FORM_SECRET as a key, or nil when it is unset (the forms then make a random one, per instance).
func secret(getenv func(string) string) []byte {
	if s := getenv("FORM_SECRET"); s != "" {
		return []byte(s)
	}
	return nil
}

// loadSite reads site.yaml from the path in SITE_CONFIG, else beside the executable (where the Lambda package
// puts it, next to bootstrap), else from the working directory.
func loadSite(getenv func(string) string) (*siteconfig.Site, error) {
	var paths []string
	if p := getenv("SITE_CONFIG"); p != "" {
		paths = []string{p}
	} else {
		if exe, err := os.Executable(); err == nil {
			paths = append(paths, filepath.Join(filepath.Dir(exe), "site.yaml"))
		}
		paths = append(paths, "site.yaml")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) && len(paths) > 1 {
			continue
		}
		if err != nil {
			return nil, err
		}
		site, err := siteconfig.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		return site, nil
	}
	return nil, fmt.Errorf("site.yaml not found in %q", paths)
}
