package integration

import (
	"os"
	"runtime"
	"testing"
)

// maxBootstrap bounds a function's bootstrap; a jump past it means a heavy dependency crept in. (Measured: about
// 21 MiB for linux/arm64 with `make lambda`, about the same for linux/amd64.)
const maxBootstrap = 32 << 20

// TestBootstrapSize reports the size of each function's bootstrap as the emulator tests run it (stripped, as
// `make lambda` builds it, for this machine's architecture: cross-compiling the SDK for arm64 would take minutes
// on a cold build cache; `make lambda` prints the arm64 sizes).
func TestBootstrapSize(t *testing.T) {
	s := need(t)
	for _, f := range []string{"applications", "contact"} {
		p := bootstrap(t, s, f)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("bootstrap %s %s/%s: %s", f, runtime.GOOS, runtime.GOARCH, fileSize(t, p))
		if fi.Size() > maxBootstrap {
			t.Errorf("bootstrap %s is %d bytes, over %d", f, fi.Size(), maxBootstrap)
		}
	}
}
