package integration

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSAMBuildTargets runs the Makefile targets that `sam build` runs for each function of the template
// (BuildMethod makefile, CodeUri the repository root) and checks what they leave in ARTIFACTS_DIR: a linux/arm64
// bootstrap and the repository's site.yaml. (The arm64 build takes minutes on a cold build cache.)
func TestSAMBuildTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles both functions for arm64")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is missing")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tp := loadTemplate(t)
	if uri := get(tp.root, "Globals", "Function", "CodeUri").Value; filepath.Join(root, "deploy", uri) != root {
		t.Errorf("CodeUri %q is not the repository root (relative to deploy/): sam build would not find the Makefile", uri)
	}
	for _, id := range tp.resourcesOf("AWS::Serverless::Function") {
		if m := get(tp.root, "Resources", id, "Metadata", "BuildMethod").Value; m != "makefile" {
			t.Errorf("%s BuildMethod %q, want makefile", id, m)
		}
		if rt := get(tp.root, "Globals", "Function", "Runtime").Value; rt != "provided.al2023" {
			t.Errorf("runtime %q", rt)
		}
		dir := t.TempDir()
		cmd := exec.Command("make", "-s", "build-"+id, "ARTIFACTS_DIR="+dir)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make build-%s: %v\n%s", id, err, out)
		}
		f, err := elf.Open(filepath.Join(dir, "bootstrap"))
		if err != nil {
			t.Fatalf("%s: bootstrap: %v", id, err)
		}
		if f.Machine != elf.EM_AARCH64 || f.Type != elf.ET_EXEC {
			t.Errorf("%s: bootstrap is %v %v, want an arm64 executable", id, f.Machine, f.Type)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("%s: bootstrap is dynamically linked: provided.al2023 runs it, but it should not need libc", id)
			}
		}
		f.Close()
		got, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
		if err != nil || !bytes.Equal(got, site) {
			t.Errorf("%s: site.yaml in the artifacts differs from the repository's (%v)", id, err)
		}
		t.Logf("%s: bootstrap %s", id, fileSize(t, filepath.Join(dir, "bootstrap")))
	}
}
