package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// binDir holds the binaries built once per test run (removed by TestMain).
var (
	binDir     string
	binOnce    sync.Once
	binErr     error
	binMu      sync.Mutex
	builtPaths = map[string]string{}
)

// goBuild builds pkg (relative to the repository root) once per run with the given extra arguments and returns
// the binary's path.
func goBuild(t *testing.T, s *servers, name, pkg string, env []string, args ...string) string {
	t.Helper()
	binOnce.Do(func() { binDir, binErr = os.MkdirTemp("", "quartieri-integration-") })
	if binErr != nil {
		t.Fatal(binErr)
	}
	binMu.Lock()
	defer binMu.Unlock()
	if p, ok := builtPaths[name]; ok {
		return p
	}
	out := filepath.Join(binDir, name)
	cmdArgs := append(append([]string{"build"}, args...), "-o", out, pkg)
	cmd := exec.Command("go", cmdArgs...)
	cmd.Dir = s.root
	cmd.Env = append(append(os.Environ(), "CGO_ENABLED=0"), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(cmdArgs, " "), err, b)
	}
	builtPaths[name] = out
	return out
}

// bootstrap builds a function as `make lambda` does, but for this machine's architecture and without -trimpath,
// so that the packages the test binary compiled already are reused from the build cache.
func bootstrap(t *testing.T, s *servers, function string) string {
	t.Helper()
	return goBuild(t, s, function+"-bootstrap", "./functions/"+function, nil, "-tags", "lambda.norpc", "-ldflags=-s -w")
}

// bootstrapDir makes a folder holding the function's bootstrap and the given site.yaml.
func bootstrapDir(t *testing.T, s *servers, function string, siteYAML []byte) string {
	t.Helper()
	bin := bootstrap(t, s, function)
	dir := t.TempDir()
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bootstrap"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), siteYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// realSite returns the repository's site.yaml; openSite the same with the call open until 2099.
func realSite(t *testing.T, s *servers) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func openSite(t *testing.T, s *servers) []byte {
	t.Helper()
	b := string(realSite(t, s))
	const closes = "closes: 2025-04-28T23:59:00+02:00"
	if !strings.Contains(b, closes) {
		t.Fatalf("site.yaml no longer has %q; update the test", closes)
	}
	return []byte(strings.Replace(b, closes, "closes: 2099-12-31T23:59:00+01:00", 1))
}

func fileSize(t *testing.T, p string) string {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%.1f MiB (%d bytes)", float64(fi.Size())/(1<<20), fi.Size())
}
