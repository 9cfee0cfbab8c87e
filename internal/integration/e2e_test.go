package integration

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

// apiServer serves forms.NewAPI on the AWS stores made by awsstore.New from the standard SDK variables (so the
// test also proves that AWS_ENDPOINT_URL_DYNAMODB, _S3 and _SESV2 reach the SDK), at 20 April 2025.
// Each edit may change the configuration (to break a store) before the handler is made.
func apiServer(t *testing.T, s *servers, edits ...func(*forms.Config)) *httptest.Server {
	t.Helper()
	for _, kv := range s.env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	st, err := awsstore.New(context.Background(), os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	site, err := siteconfig.Load(os.DirFS(s.root))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(themes.FS, site.Theme)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, siteconfig.Rome)
	cfg := forms.Config{Site: site, Theme: th, Records: st.Records, Files: st.Files, Mailer: st.Mailer,
		Now: func() time.Time { return now }, Secret: []byte("e2e"), Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	for _, edit := range edits {
		edit(&cfg)
	}
	srv := httptest.NewServer(forms.NewAPI(cfg))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url, contentType string, body []byte, accept string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// TestEndToEndApplication posts a real application over HTTP to the form core on DynamoDB, S3 and SES.
func TestEndToEndApplication(t *testing.T) {
	s := need(t)
	srv := apiServer(t, s)
	s.clearMails(t)
	cv := samplePDF()
	body, ct := multipartBody(t, applicationFields("e2e-application-0001"), cv)
	resp, b := post(t, srv.URL+"/api/applications", ct, body, "application/json")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201: %s", resp.StatusCode, b)
	}
	receipt := decodeReceipt(t, b).Receipt
	checkApplication(t, s, receipt, cv, "RSSMRA85T10A562S")
	mails := waitMails(t, s, 2)
	if len(mails) != 2 || len(mailTo(mails, "maria.dangelo@example.org")) != 1 || len(mailTo(mails, "da-completare.personale@example.invalid")) != 1 {
		t.Errorf("want one mail to the candidate and one to staff, got %+v", mails)
	}

	// A later application from the same person supersedes the first; both are kept.
	body, ct = multipartBody(t, applicationFields("e2e-application-0002"), cv)
	resp, b = post(t, srv.URL+"/api/applications", ct, body, "application/json")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("second application: status %d: %s", resp.StatusCode, b)
	}
	second := decodeReceipt(t, b).Receipt
	r := &awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable}
	a, ok, err := r.GetApplication(context.Background(), second)
	if err != nil || !ok || a.Supersedes != receipt {
		t.Errorf("second application = %+v, %v; want Supersedes %s", a, err, receipt)
	}
	if _, ok, _ := r.GetApplication(context.Background(), receipt); !ok {
		t.Errorf("the superseded application is gone")
	}
	// The earlier application's address hears of it through SES, with both receipts.
	var notice []sesMail
	for _, m := range waitMails(t, s, 5) {
		if strings.Contains(m.Subject, "è stata sostituita") {
			notice = append(notice, m)
		}
	}
	if len(notice) != 1 || len(mailTo(notice, "maria.dangelo@example.org")) != 1 ||
		!strings.Contains(notice[0].Body.Text, second) || !strings.Contains(notice[0].Body.Text, receipt) {
		t.Errorf("supersede notice = %+v, want one to the first application's address naming %s and %s", notice, receipt, second)
	}

	// A browser without JavaScript gets 303 to the confirmation page.
	body, ct = multipartBody(t, applicationFields("e2e-application-0003"), cv)
	resp, b = post(t, srv.URL+"/api/applications", ct, body, "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") == "" {
		t.Errorf("browser post: status %d Location %q: %s", resp.StatusCode, resp.Header.Get("Location"), b)
	}
}

// TestEndToEndContact posts a tenant's message and finds it in the presidio's mailbox.
func TestEndToEndContact(t *testing.T) {
	s := need(t)
	srv := apiServer(t, s)
	s.clearMails(t)
	resp, b := post(t, srv.URL+"/api/contact", "application/x-www-form-urlencoded", contactForm("e2e-contact-00001"), "application/json")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201: %s", resp.StatusCode, b)
	}
	ticket := decodeReceipt(t, b).Receipt
	if rawItem(t, s, contactTable, "MSG#"+ticket) == nil {
		t.Errorf("message %s not in DynamoDB", ticket)
	}
	mails := waitMails(t, s, 2)
	presidio := mailTo(mails, "da-completare.presidio-codogno@example.invalid")
	if len(presidio) != 1 || !strings.Contains(presidio[0].Body.Text, "<script>") || strings.Join(presidio[0].ReplyTo, ",") != "giuseppe@example.org" {
		t.Errorf("presidio mail = %+v (want the message as plain text, Reply-To the tenant)", presidio)
	}
}

// TestEndToEndStoreFailures breaks one real server at a time: a missing bucket answers 503 and leaves no
// application; the retry with the same form completes it under the receipt first claimed; an unreachable SES does
// not lose the application and is noted for staff.
func TestEndToEndStoreFailures(t *testing.T) {
	s := need(t)
	ctx := context.Background()
	cv := samplePDF()
	fields := applicationFields("e2e-failure-000001")
	fields["tax_code"] = "BNCLCU90D45E648L" // used by no other test
	body, ct := multipartBody(t, fields, cv)
	r := &awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable}

	s.clearMails(t)
	broken := apiServer(t, s, func(c *forms.Config) { c.Files = &awsstore.S3Files{Client: s.s3, Bucket: "no-such-bucket"} })
	resp, b := post(t, broken.URL+"/api/applications", ct, body, "application/json")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("S3 down: status %d, want 503: %s", resp.StatusCode, b)
	}
	if latest, err := r.Latest(ctx, callID, fields["tax_code"]); latest != "" || err != nil {
		t.Errorf("S3 down: an application was indexed: %q, %v", latest, err)
	}
	if m := s.mails(t); len(m) != 0 {
		t.Errorf("S3 down: %d mails sent", len(m))
	}

	noMail := apiServer(t, s, func(c *forms.Config) {
		c.Mailer = &awsstore.SESMailer{Client: sesAt(t, "http://127.0.0.1:1")}
	})
	resp, b = post(t, noMail.URL+"/api/applications", ct, body, "application/json")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("retry with SES down: status %d, want 201: %s", resp.StatusCode, b)
	}
	receipt := decodeReceipt(t, b).Receipt
	checkApplication(t, s, receipt, cv, fields["tax_code"])
	if latest, _ := r.Latest(ctx, callID, fields["tax_code"]); latest != receipt {
		t.Errorf("latest = %q, want %q", latest, receipt)
	}
	notes, err := r.Mails(ctx, receipt)
	if err != nil || len(notes) != 2 || !strings.Contains(notes[0], "failed") || !strings.Contains(notes[1], "failed") {
		t.Errorf("mail notes = %q, %v; want two failures noted", notes, err)
	}
}

// sesAt is an SES client for an endpoint that does not answer.
func sesAt(t *testing.T, url string) *sesv2.Client {
	t.Helper()
	cfg := aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		RetryMaxAttempts: 1}
	return sesv2.NewFromConfig(cfg, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(url) })
}
