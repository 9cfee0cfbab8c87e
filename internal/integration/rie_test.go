package integration

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// rie is one AWS Lambda Runtime Interface Emulator running a function's bootstrap.
type rie struct {
	url     string
	started time.Time
	log     *syncBuffer
}

// startRIE runs the emulator on dir/bootstrap with the test servers' environment plus env. It does not wait:
// the first invoke does (that is the cold start).
func startRIE(t *testing.T, s *servers, dir string, env ...string) *rie {
	t.Helper()
	emu := goBuild(t, s, "aws-lambda-rie", "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie", nil)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	apiPort, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{emu, "--runtime-interface-emulator-address", "127.0.0.1:" + port,
		"--runtime-api-address", "127.0.0.1:" + apiPort, "--log-level", "error", filepath.Join(dir, "bootstrap")}
	if hide := noZoneinfo(); hide != nil {
		args = append(hide, args...)
	} else {
		t.Logf("the system zone database stays visible to the function (needs root and unshare)")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = t.TempDir() // not dir: the function must find site.yaml beside its binary, not in the working directory
	cmd.Env = append(append(append(minimalEnv(), s.env()...), "AWS_LAMBDA_FUNCTION_TIMEOUT=30"), env...)
	r := &rie{url: "http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations", log: &syncBuffer{}}
	cmd.Stdout, cmd.Stderr = r.log, r.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	r.started = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("emulator and function output:\n%s", r.log)
		}
	})
	return r
}

var (
	zoneOnce sync.Once
	zoneArgs []string
)

// noZoneinfo returns the command prefix that runs a program in a private mount namespace where
// /usr/share/zoneinfo and the Go installation's lib/time (zoneinfo.zip, which a binary built without -trimpath
// would find) are empty, as on Lambda's provided.al2023, so that a function which does not embed time/tzdata
// fails as it would there; nil when this machine cannot do that (not root, no unshare).
func noZoneinfo() []string {
	zoneOnce.Do(func() {
		script := `mount -t tmpfs none /usr/share/zoneinfo && exec "$@"`
		if goroot, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			if lib := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time"); dirExists(lib) {
				script = `mount -t tmpfs none /usr/share/zoneinfo && mount -t tmpfs none '` + lib + `' && exec "$@"`
			}
		}
		prefix := []string{"unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"}
		probe := append(append([]string{}, prefix...), "sh", "-c", "test -z \"$(ls /usr/share/zoneinfo)\"")
		if _, err := os.Stat("/usr/share/zoneinfo"); err != nil {
			return
		}
		if exec.Command(probe[0], probe[1:]...).Run() == nil {
			zoneArgs = prefix
		}
	})
	return zoneArgs
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// minimalEnv passes PATH and HOME only, so the function sees no stray AWS settings of the machine.
func minimalEnv() []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
}

// invoke sends one event and returns the function's response and how long the invoke took once connected. The
// emulator crashes on concurrent invokes: callers invoke one at a time.
func (r *rie) invoke(t *testing.T, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, time.Duration) {
	t.Helper()
	payload, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Timeout: 60 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		start := time.Now()
		resp, err := c.Post(r.url, "application/json", bytes.NewReader(payload))
		if err != nil {
			var se syscall.Errno
			if errors.As(err, &se) && se == syscall.ECONNREFUSED && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			t.Fatalf("invoke: %v\n%s", err, r.log)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("invoke: emulator answered %d: %s\n%s", resp.StatusCode, body, r.log)
		}
		var out events.APIGatewayV2HTTPResponse
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("invoke: not an API Gateway response: %v: %s\n%s", err, body, r.log)
		}
		return out, took
	}
}

// apiEvent is an API Gateway HTTP API event for a POST to path with body and content type.
func apiEvent(path, contentType string, body []byte, b64 bool) events.APIGatewayV2HTTPRequest {
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: "POST " + path, RawPath: path,
		Headers: map[string]string{
			"host": "abc123.execute-api.eu-south-1.amazonaws.com", "content-type": contentType,
			"accept": "application/json", "user-agent": "integration-test",
		},
		Body: string(body), IsBase64Encoded: b64,
	}
	if b64 {
		ev.Body = base64.StdEncoding.EncodeToString(body)
	}
	ev.RequestContext.Stage = "$default"
	ev.RequestContext.DomainName = "abc123.execute-api.eu-south-1.amazonaws.com"
	ev.RequestContext.HTTP.Method = http.MethodPost
	ev.RequestContext.HTTP.Path = path
	ev.RequestContext.HTTP.SourceIP = "198.51.100.23"
	ev.RequestContext.RequestID = "req-1"
	return ev
}

// responseBody returns the response body, decoded when base64.
func responseBody(t *testing.T, resp events.APIGatewayV2HTTPResponse) []byte {
	t.Helper()
	if !resp.IsBase64Encoded {
		return []byte(resp.Body)
	}
	b, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
