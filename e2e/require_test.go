package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// repoRoot is the repository root, the folder above this package.
var repoRoot = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}()

// Paths of the external programs and files the tests need.
var (
	axePath = filepath.Join(repoRoot, "tools", "node_modules", "axe-core", "axe.min.js")
	vnuPath = filepath.Join(repoRoot, "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
)

// chromiumPath is /usr/bin/chromium unless CHROMIUM names another binary.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// missing skips the test with why, or fails it when QUARTIERI_REQUIRE_SERVERS=1 (the Makefile's test command),
// so that a machine without the checkers cannot pass by skipping.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
		t.Fatalf("%s (QUARTIERI_REQUIRE_SERVERS=1; run `make deps`)", why)
	}
	t.Skipf("%s; skipping (run `make deps`, or set QUARTIERI_REQUIRE_SERVERS=1 to fail instead)", why)
}

// needFile calls missing unless path exists.
func needFile(t testing.TB, path, what string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, what+" not found at "+path)
	}
}

// needBrowser calls missing unless Chromium and axe-core are there.
func needBrowser(t testing.TB) {
	t.Helper()
	needFile(t, chromiumPath(), "Chromium")
	needFile(t, axePath, "axe-core")
}

// needJava calls missing unless java and vnu.jar are there.
func needJava(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		missing(t, "java not found on PATH")
	}
	needFile(t, vnuPath, "vnu.jar")
}
