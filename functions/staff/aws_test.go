package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"quartieri/internal/awsstore"
)

// startServers starts gofakes3 and dynalite (from tools/node_modules, as internal/integration does) and sets
// the SDK's variables to reach them. It skips the test when dynalite is missing, unless
// QUARTIERI_REQUIRE_SERVERS=1.
func startServers(t *testing.T) map[string]string {
	t.Helper()
	dynalite := filepath.Join("..", "..", "tools", "node_modules", ".bin", "dynalite")
	_, nodeErr := exec.LookPath("node")
	if _, err := os.Stat(dynalite); err != nil || nodeErr != nil {
		if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
			t.Fatalf("dynalite not available (%v, %v)", err, nodeErr)
		}
		t.Skipf("dynalite not available (%v, %v); run `make deps`, or set QUARTIERI_REQUIRE_SERVERS=1 to fail", err, nodeErr)
	}
	s3srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(s3srv.Close)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(dynalite, "--host", "127.0.0.1", "--port", port)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); cmd.Wait() })
	dynamoURL := "http://127.0.0.1:" + port
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := (&http.Client{Timeout: time.Second}).Get(dynamoURL)
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dynalite does not answer: %v", err)
		}
	}

	env := map[string]string{
		"AWS_REGION": "eu-south-1", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_S3": s3srv.URL, "AWS_ENDPOINT_URL_DYNAMODB": dynamoURL,
		"APPLICATIONS_TABLE": "applications", "CONTACT_TABLE": "contact", "CV_BUCKET": "quartieri-cv",
	}
	for k, v := range env {
		t.Setenv(k, v) // the SDK reads the process environment
	}
	return env
}

func TestAWSArchive(t *testing.T) {
	env := startServers(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := awsstore.New(ctx, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := awsstore.CreateTables(ctx, st.DynamoDB, env["APPLICATIONS_TABLE"], env["CONTACT_TABLE"]); err != nil {
		t.Fatal(err)
	}
	if _, err := st.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(env["CV_BUCKET"])}); err != nil {
		t.Fatal(err)
	}
	// As deployed: each function has only its own table, so each keeps its mail notes there.
	apps := &awsstore.DynamoRecords{Client: st.DynamoDB, Applications: env["APPLICATIONS_TABLE"]}
	contact := &awsstore.DynamoRecords{Client: st.DynamoDB, Contact: env["CONTACT_TABLE"]}
	f := fill(t, apps, contact, st.Files)
	now := []string{"-source", f.source, "-now", "2025-06-01T10:00:00+02:00"}

	// No -data and the tables set: AWS.
	out, errOut, err := staff(t, env, append(now, "candidature")...)
	if err != nil || !strings.Contains(errOut, "Leggo da AWS") {
		t.Fatalf("candidature = %v\n%s", err, errOut)
	}
	if !order(out, f.rossi1, f.bianchi, f.rossi2, f.verdi) || !strings.Contains(lineOf(t, out, f.rossi1), "sostituita da "+f.rossi2) ||
		!strings.Contains(lineOf(t, out, f.verdi), "da verificare") || !strings.Contains(out, "Candidature valide: 2 ") {
		t.Errorf("candidature on AWS:\n%s", out)
	}
	if !strings.Contains(lineOf(t, out, f.bianchi), "NON INVIATA") {
		t.Errorf("candidature on AWS: the failed confirmation of %s is not shown:\n%s", f.bianchi, out)
	}

	out, _, err = staff(t, env, append(now, "-aws", "messaggi")...)
	if err != nil || !order(out, f.payments, f.technical, f.social) {
		t.Errorf("messaggi on AWS = %v:\n%s", err, out)
	}
	out, _, err = staff(t, env, append(now, "-aws", "messaggio", f.technical)...)
	if err != nil || !mailLine.MatchString(out) {
		t.Errorf("messaggio on AWS = %v: want the failed presidio mail from the contact table:\n%s", err, out)
	}
	out, _, err = staff(t, env, append(now, "posta")...)
	// (AWS notes have times to the second: the two failures may tie, so no order is asserted.)
	if err != nil || lineOf(t, out, f.technical) == "" || lineOf(t, out, f.bianchi) == "" || !strings.Contains(out, "Mail non inviate: 2.") {
		t.Errorf("posta on AWS = %v:\n%s", err, out)
	}

	dest := filepath.Join(t.TempDir(), "cv.pdf")
	if _, _, err := staff(t, env, append(now, "cv", f.rossi2, "-o", dest)...); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(dest); !bytes.Equal(got, f.cv2) {
		t.Errorf("cv on AWS wrote %q (%v), want %q", got, err, f.cv2)
	}
	if _, _, err := staff(t, env, append(now, "cv", f.rossi2, "-o", dest)...); err == nil {
		t.Errorf("cv on AWS overwrote %s", dest)
	}

	// dynalite has no TTL: the items are still there, and must not be shown once expired.
	later := []string{"-source", f.source, "-now", time.Now().AddDate(0, 0, 400).Format(time.RFC3339)}
	out, _, err = staff(t, env, append(later, "messaggi")...)
	if err != nil || !strings.Contains(out, "Nessun messaggio.") {
		t.Errorf("messaggi on AWS after retention = %v:\n%s", err, out)
	}
	if _, _, err := staff(t, env, append(later, "messaggio", f.payments)...); err == nil {
		t.Errorf("messaggio %s on AWS after retention: shown", f.payments)
	}

	// Without the tables, -aws explains what to set.
	_, _, err = staff(t, map[string]string{}, "-aws", "-source", f.source, "posta")
	if err == nil || !strings.Contains(err.Error(), "APPLICATIONS_TABLE") || errors.Is(err, errUsage) {
		t.Errorf("-aws without tables = %v", err)
	}
}
