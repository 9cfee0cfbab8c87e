package integration

import (
	"os"
	"testing"
)

// maxBootstrap bounds a bootstrap for linux/arm64 built as `make lambda` does; a jump past it means a heavy
// dependency crept in.
const maxBootstrap = 40 << 20

// TestBootstrapSize builds each function for provided.al2023 on arm64 as `make lambda` does and reports its size.
func TestBootstrapSize(t *testing.T) {
	s := need(t)
	for _, f := range []string{"applications", "contact"} {
		p := goBuild(t, s, f+"-arm64", "./functions/"+f, []string{"GOOS=linux", "GOARCH=arm64"},
			"-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w")
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("bootstrap %s linux/arm64: %s", f, fileSize(t, p))
		if fi.Size() > maxBootstrap {
			t.Errorf("bootstrap %s is %d bytes, over %d", f, fi.Size(), maxBootstrap)
		}
	}
}
