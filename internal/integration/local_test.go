package integration

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLocalHTTPMode runs the contact bootstrap without AWS_LAMBDA_RUNTIME_API: it serves plain HTTP on ADDR (for
// debugging a function with curl), answers a message, and exits cleanly on SIGTERM.
func TestLocalHTTPMode(t *testing.T) {
	s := need(t)
	dir := bootstrapDir(t, s, "contact", realSite(t, s))
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(dir, "bootstrap"))
	cmd.Env = append(append(minimalEnv(), s.env()...), "ADDR=127.0.0.1:"+port)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
	})
	base := "http://127.0.0.1:" + port
	if err := waitHTTP(base+"/", 20*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	resp, b := post(t, base+"/api/contact", "application/x-www-form-urlencoded", contactForm("local-http-00001"), "application/json")
	if resp.StatusCode != 201 || decodeReceipt(t, b).Receipt == "" {
		t.Errorf("status %d: %s", resp.StatusCode, b)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", waitErr, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Errorf("still running 10 s after SIGTERM")
	}
	if !strings.Contains(out.String(), `"msg":"listening"`) || strings.Contains(out.String(), "giuseppe") {
		t.Errorf("log: want JSON lines without personal data:\n%s", out.String())
	}
}
