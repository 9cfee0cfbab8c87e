// Package awstest starts the real protocol servers the publishing tests talk to: gofakes3 in-process, and
// moto's server (moto_server on PATH) for CloudFront and as a second S3. A missing server skips the test, or
// fails it under QUARTIERI_REQUIRE_SERVERS=1.
package awstest

import (
	"context"
	"fmt"
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
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Region is the region the clients and the environment use.
const Region = "eu-south-1"

// Config is an SDK configuration with test credentials.
var Config = aws.Config{Region: Region, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}

// GoFakeS3 starts gofakes3 behind wrap (nil: none) and returns its URL; the test's cleanup stops it.
func GoFakeS3(t testing.TB, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	var h http.Handler = gofakes3.New(s3mem.New()).Server()
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// PutHeaders records the headers of every PUT an S3 server receives, by request path ("/bucket/key"): gofakes3
// keeps Content-Type but not Cache-Control, so a test reads what was sent.
type PutHeaders struct {
	mu sync.Mutex
	m  map[string]http.Header
}

// Wrap is a wrap for GoFakeS3.
func (p *PutHeaders) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			p.mu.Lock()
			if p.m == nil {
				p.m = map[string]http.Header{}
			}
			p.m[r.URL.Path] = r.Header.Clone()
			p.mu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
}

// Get returns the headers of the last PUT of bucket/key, or nil.
func (p *PutHeaders) Get(bucket, key string) http.Header {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m["/"+bucket+"/"+key]
}

// Moto starts moto_server on a free port and returns its URL; the test's cleanup stops it.
func Moto(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
			t.Fatalf("moto_server: %v", err)
		}
		t.Skipf("moto_server is not on PATH (pip install 'moto[server]'); set QUARTIERI_REQUIRE_SERVERS=1 to fail")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", port)
	cmd.Dir = t.TempDir()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if os.Getenv("AWSTEST_VERBOSE") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	url := "http://127.0.0.1:" + port
	deadline := time.Now().Add(60 * time.Second)
	c := &http.Client{Timeout: time.Second}
	for {
		resp, err := c.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// S3 returns a path-style client of the S3 server at url.
func S3(url string) *s3.Client {
	return s3.NewFromConfig(Config, func(o *s3.Options) { o.BaseEndpoint = aws.String(url); o.UsePathStyle = true })
}

// CloudFront returns a client of the CloudFront server at url.
func CloudFront(url string) *cloudfront.Client {
	return cloudfront.NewFromConfig(Config, func(o *cloudfront.Options) { o.BaseEndpoint = aws.String(url) })
}

// CreateBucket creates a bucket in Region.
func CreateBucket(t testing.TB, c *s3.Client, name string) {
	t.Helper()
	in := &s3.CreateBucketInput{Bucket: aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(Region)}}
	if _, err := c.CreateBucket(context.Background(), in); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// CreateDistribution creates a distribution in front of a bucket and returns its id.
func CreateDistribution(t testing.TB, c *cloudfront.Client, bucket string) string {
	t.Helper()
	origin := bucket + ".s3." + Region + ".amazonaws.com"
	out, err := c.CreateDistribution(context.Background(), &cloudfront.CreateDistributionInput{
		DistributionConfig: &cftypes.DistributionConfig{
			CallerReference: aws.String(fmt.Sprintf("awstest-%d", time.Now().UnixNano())),
			Comment:         aws.String("test"),
			Enabled:         aws.Bool(true),
			Origins: &cftypes.Origins{Quantity: aws.Int32(1), Items: []cftypes.Origin{{
				Id: aws.String("site"), DomainName: aws.String(origin),
				S3OriginConfig: &cftypes.S3OriginConfig{OriginAccessIdentity: aws.String("")},
			}}},
			DefaultCacheBehavior: &cftypes.DefaultCacheBehavior{
				TargetOriginId:       aws.String("site"),
				ViewerProtocolPolicy: cftypes.ViewerProtocolPolicyRedirectToHttps,
				CachePolicyId:        aws.String("658327ea-f89d-4fab-a63d-7e88639e58f6"), // CachingOptimized
			},
		},
	})
	if err != nil {
		t.Fatalf("create distribution: %v", err)
	}
	return aws.ToString(out.Distribution.Id)
}

// Invalidations returns the paths of every invalidation of a distribution, in the order the server lists them.
func Invalidations(t testing.TB, c *cloudfront.Client, distribution string) [][]string {
	t.Helper()
	ctx := context.Background()
	list, err := c.ListInvalidations(ctx, &cloudfront.ListInvalidationsInput{DistributionId: aws.String(distribution)})
	if err != nil {
		t.Fatalf("list invalidations: %v", err)
	}
	var out [][]string
	if list.InvalidationList == nil {
		return out
	}
	for _, s := range list.InvalidationList.Items {
		inv, err := c.GetInvalidation(ctx, &cloudfront.GetInvalidationInput{DistributionId: aws.String(distribution), Id: s.Id})
		if err != nil {
			t.Fatalf("get invalidation %s: %v", aws.ToString(s.Id), err)
		}
		out = append(out, inv.Invalidation.InvalidationBatch.Paths.Items)
	}
	return out
}

// Env sets, for the test, the environment the SDK's standard configuration reads to reach the servers, and no
// shared AWS files.
func Env(t testing.TB, s3URL, cloudfrontURL string) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_REGION": Region, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_S3": s3URL, "AWS_ENDPOINT_URL_CLOUDFRONT": cloudfrontURL,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_S3_USE_PATH_STYLE": "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
	} {
		t.Setenv(k, v)
	}
}
