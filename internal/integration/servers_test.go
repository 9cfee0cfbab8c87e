package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

const (
	region       = "eu-south-1"
	appsTable    = "applications"
	contactTable = "contact"
	bucket       = "quartieri-cv"
)

// servers are the real protocol servers shared by every test of the package, started on first use.
type servers struct {
	root                     string // repository root
	s3URL, dynamoURL, sesURL string
	dynamo                   *dynamodb.Client
	s3                       *s3.Client
	ses                      *sesv2.Client
	stop                     []func()
}

var (
	shared     *servers
	sharedErr  error
	sharedOnce sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		for i := len(shared.stop) - 1; i >= 0; i-- {
			shared.stop[i]()
		}
	}
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// need returns the shared servers, skipping the test when they cannot run here (failing under
// QUARTIERI_REQUIRE_SERVERS=1).
func need(t *testing.T) *servers {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = start() })
	if sharedErr != nil {
		if !errors.Is(sharedErr, errMissing) {
			t.Fatalf("test servers: %v", sharedErr)
		}
		if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
			t.Fatalf("test servers: %v", sharedErr)
		}
		t.Skipf("test servers not available (%v); run `make deps` or set QUARTIERI_REQUIRE_SERVERS=1 to fail", sharedErr)
	}
	return shared
}

var errMissing = errors.New("missing")

func start() (*servers, error) {
	s := &servers{}
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	s.root = root
	if _, err := exec.LookPath("node"); err != nil {
		return nil, fmt.Errorf("node: %w", errMissing)
	}
	bin := filepath.Join(root, "tools", "node_modules", ".bin")
	for _, name := range []string{"dynalite", "aws-ses-v2-local"} {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			return nil, fmt.Errorf("tools/node_modules/.bin/%s: %w (run `make deps`)", name, errMissing)
		}
	}
	fail := func(err error) (*servers, error) {
		for i := len(s.stop) - 1; i >= 0; i-- {
			s.stop[i]()
		}
		return nil, err
	}

	fake := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	s.stop = append(s.stop, fake.Close)
	s.s3URL = fake.URL

	port, err := freePort()
	if err != nil {
		return fail(err)
	}
	stop, err := startProcess(filepath.Join(bin, "dynalite"), "--host", "127.0.0.1", "--port", port)
	if err != nil {
		return fail(err)
	}
	s.stop = append(s.stop, stop)
	s.dynamoURL = "http://127.0.0.1:" + port
	// dynalite answers any request once it listens; a GET without a target is a 400, which is enough.
	if err := waitHTTP(s.dynamoURL, 20*time.Second); err != nil {
		return fail(fmt.Errorf("dynalite: %w", err))
	}

	port, err = freePort()
	if err != nil {
		return fail(err)
	}
	stop, err = startProcess(filepath.Join(bin, "aws-ses-v2-local"), "--host", "127.0.0.1", "--port", port)
	if err != nil {
		return fail(err)
	}
	s.stop = append(s.stop, stop)
	s.sesURL = "http://127.0.0.1:" + port
	if err := waitHTTP(s.sesURL+"/health-check", 20*time.Second); err != nil {
		return fail(fmt.Errorf("aws-ses-v2-local: %w", err))
	}

	cfg := aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	s.dynamo = dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(s.dynamoURL) })
	s.s3 = s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(s.s3URL); o.UsePathStyle = true })
	s.ses = sesv2.NewFromConfig(cfg, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(s.sesURL) })

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := createResources(ctx, s); err != nil {
		return fail(err)
	}
	return s, nil
}

// env is the environment a function process needs to reach the test servers.
func (s *servers) env() []string {
	return []string{
		"AWS_REGION=" + region,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_ENDPOINT_URL_S3=" + s.s3URL,
		"AWS_ENDPOINT_URL_DYNAMODB=" + s.dynamoURL,
		"AWS_ENDPOINT_URL_SESV2=" + s.sesURL,
		"AWS_EC2_METADATA_DISABLED=true",
		"APPLICATIONS_TABLE=" + appsTable,
		"CONTACT_TABLE=" + contactTable,
		"CV_BUCKET=" + bucket,
		"FORM_SECRET=integration-test-secret",
	}
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod: %w above the working directory", errMissing)
		}
		dir = parent
	}
}

// freePort returns a port that was free a moment ago on 127.0.0.1.
func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

// startProcess runs a server in its own process group and returns the function that kills the group. Its output
// goes to stderr only when INTEGRATION_VERBOSE is set.
func startProcess(name string, args ...string) (func(), error) {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if os.Getenv("INTEGRATION_VERBOSE") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}, nil
}

// waitHTTP polls url until anything answers, for at most d.
func waitHTTP(url string, d time.Duration) error {
	deadline := time.Now().Add(d)
	c := &http.Client{Timeout: time.Second}
	for {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer from %s after %s: %w", url, d, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sesMail is one mail as aws-ses-v2-local keeps it.
type sesMail struct {
	MessageID   string   `json:"messageId"`
	From        string   `json:"from"`
	ReplyTo     []string `json:"replyTo"`
	Destination struct {
		To []string `json:"to"`
	} `json:"destination"`
	Subject string `json:"subject"`
	Body    struct {
		Text string `json:"text"`
	} `json:"body"`
}

// mails returns the mails SES has "sent" since the last clearMails.
func (s *servers) mails(t *testing.T) []sesMail {
	t.Helper()
	resp, err := http.Get(s.sesURL + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var store struct {
		Emails []sesMail `json:"emails"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&store); err != nil {
		t.Fatal(err)
	}
	return store.Emails
}

// eml returns the raw message aws-ses-v2-local builds for a stored mail.
func (s *servers) eml(t *testing.T, id string) string {
	t.Helper()
	resp, err := http.Get(s.sesURL + "/get-emlContent?messageId=" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Body struct {
			Raw []int `json:"data"`
		} `json:"body"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("get-emlContent: %v: %s", err, b)
	}
	raw := make([]byte, len(out.Body.Raw))
	for i, c := range out.Body.Raw {
		raw[i] = byte(c)
	}
	return string(raw)
}

func (s *servers) clearMails(t *testing.T) {
	t.Helper()
	resp, err := http.Post(s.sesURL+"/clear-store", "application/json", bytes.NewReader(nil))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// syncBuffer collects a child process's output; safe to read while the process writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
