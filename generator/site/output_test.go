package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutputStaysInDest: whatever name reaches the writer, nothing is written outside the destination folder.
func TestOutputStaysInDest(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	o := newOutput(dest, false)
	for _, name := range []string{"../site.yaml", "a/../../x.html", "/etc/x.html"} {
		if err := o.write(name, []byte("x")); err == nil {
			t.Errorf("write(%q) = nil, want an error", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err == nil {
		t.Error("write(\"../site.yaml\") wrote beside the destination")
	}
	if err := o.write("a/b/index.html", []byte("ok")); err != nil {
		t.Errorf("write(a/b/index.html) = %v, want nil", err)
	}
}
