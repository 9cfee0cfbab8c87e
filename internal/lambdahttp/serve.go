package lambdahttp

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
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"quartieri/internal/siteconfig"
)

// Main runs a function's run with os.Getenv and os.Stdout (its JSON log), and a context that ends on SIGINT or
// SIGTERM; an error is printed to stderr and exits with status 1.
func Main(name string, run func(ctx context.Context, getenv func(string) string, stdout io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// Secret returns the value of FORM_SECRET as a key, or nil when it is unset (the forms then make a random one).
func Secret(getenv func(string) string) []byte {
	if s := getenv("FORM_SECRET"); s != "" {
		return []byte(s)
	}
	return nil
}

// Serve runs h until ctx ends: under the Lambda runtime when AWS_LAMBDA_RUNTIME_API is set (the runtime never
// returns), otherwise as a plain HTTP server on ADDR (default 127.0.0.1:8080), for debugging a function locally.
func Serve(ctx context.Context, h http.Handler, getenv func(string) string, logger *slog.Logger) error {
	if getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		lambda.StartWithOptions(Handler(h), lambda.WithContext(ctx))
		return nil
	}
	addr := getenv("ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	logger.Info("listening", "addr", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LoadSite reads site.yaml from the path in SITE_CONFIG, else beside the executable (where the Lambda package
// puts it, next to bootstrap), else from the working directory.
func LoadSite(getenv func(string) string) (*siteconfig.Site, string, error) {
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
			return nil, p, err
		}
		site, err := siteconfig.Parse(data)
		return site, p, err
	}
	return nil, "", fmt.Errorf("site.yaml not found in %q", paths)
}
