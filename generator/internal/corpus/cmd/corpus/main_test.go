package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRun(t *testing.T) {
	if err := run("", 10, ""); err == nil {
		t.Error(`run("", 10, "") = nil, want an error for the missing -dir`)
	}
	dir := t.TempDir()
	if err := run(dir, 10, ""); err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, name := range []string{"site.yaml", "content/_index.md", "themes/quartiere/layouts/baseof.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("run wrote no %s: %v", name, err)
		}
	}
}
