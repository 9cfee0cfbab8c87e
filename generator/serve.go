package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"quartieri/generator/preview"
	"quartieri/generator/site"
)

// runServe serves a live preview of the site, rebuilt in memory on every change, until ctx is cancelled.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("serve")
	source := fs.String("source", ".", "")
	addr := fs.String("addr", "127.0.0.1:1313", "")
	data := fs.String("data", "", "")
	drafts := fs.Bool("drafts", true, "") // staff preview what `generator new` made; each such page says so
	var now nowFlag
	fs.Var(&now, "now", "")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *data == "" {
		*data = filepath.Join(*source, ".data")
	}
	clock := func() time.Time { return nowOr(now) }
	api, err := localFormAPI(ctx, *source, *data, clock, stderr)
	if err != nil {
		return fmt.Errorf("impossibile avviare i moduli: %w", err)
	}
	builder := site.NewBuilder() // reuses the unchanged pages of the previous build
	build := func() (map[string][]byte, error) {
		res, err := builder.Build(os.DirFS(*source), site.Options{Drafts: *drafts, Now: clock()})
		if err != nil {
			return nil, err
		}
		return res.Files, nil
	}
	return preview.Run(ctx, preview.Options{
		Addr: *addr, Root: *source, Build: build, API: api, Stdout: stdout, Stderr: stderr,
	})
}
