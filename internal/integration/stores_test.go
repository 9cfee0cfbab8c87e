package integration

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
)

func records(s *servers) *awsstore.DynamoRecords {
	return &awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable, Contact: contactTable}
}

func rawItem(t *testing.T, s *servers, table, pk string) map[string]types.AttributeValue {
	t.Helper()
	out, err := s.dynamo.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(table), Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Item
}

func TestDynamoClaim(t *testing.T) {
	s := need(t)
	r := records(s)
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	tests := []struct {
		name, key, receipt string
		expires            time.Time
		wantBound          string
		wantFresh          bool
	}{
		{"first claim binds", "k-claim-1", "R1", exp, "R1", true},
		{"second claim returns the first receipt", "k-claim-1", "R2", exp, "R1", false},
		{"other key binds", "k-claim-2", "R3", exp, "R3", true},
		{"expired claim is written", "k-claim-3", "R4", time.Now().Add(-time.Hour), "R4", true},
		{"claim over an expired one binds anew", "k-claim-3", "R5", exp, "R5", true},
	}
	for _, tt := range tests {
		bound, fresh, err := r.Claim(ctx, tt.key, tt.receipt, tt.expires)
		if err != nil || bound != tt.wantBound || fresh != tt.wantFresh {
			t.Errorf("%s: Claim(%q, %q) = %q, %v, %v; want %q, %v", tt.name, tt.key, tt.receipt, bound, fresh, err, tt.wantBound, tt.wantFresh)
		}
	}
	item := rawItem(t, s, appsTable, "CLAIM#k-claim-1")
	if n, ok := item["expires_at"].(*types.AttributeValueMemberN); !ok || n.Value != strconv.FormatInt(exp.Unix(), 10) {
		t.Errorf("claim expires_at = %#v, want number %d", item["expires_at"], exp.Unix())
	}
}

// TestDynamoExtendClaim: a receipt's reservation gets the record's expiry when bound to the same holder; a
// claim held by another, or none, is forms.ErrNotFound and is left unchanged.
func TestDynamoExtendClaim(t *testing.T) {
	s := need(t)
	r := records(s)
	ctx := context.Background()
	day, years := time.Now().Add(24*time.Hour), time.Now().AddDate(2, 0, 0)
	if _, _, err := r.Claim(ctx, "receipt:EXTD-AAAA", "key:1", day); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, holder string
		want        error
		wantExpires time.Time
	}{
		{"receipt:EXTD-AAAA", "key:2", forms.ErrNotFound, day},
		{"receipt:EXTD-AAAA", "key:1", nil, years},
		{"receipt:EXTD-NONE", "key:1", forms.ErrNotFound, time.Time{}},
	}
	for _, tt := range tests {
		if err := r.ExtendClaim(ctx, tt.key, tt.holder, years); !errors.Is(err, tt.want) {
			t.Errorf("ExtendClaim(%s, %s) = %v, want %v", tt.key, tt.holder, err, tt.want)
		}
		item := rawItem(t, s, appsTable, "CLAIM#"+tt.key)
		if tt.wantExpires.IsZero() {
			if len(item) != 0 {
				t.Errorf("ExtendClaim(%s) made an item: %v", tt.key, item)
			}
			continue
		}
		if n, ok := item["expires_at"].(*types.AttributeValueMemberN); !ok || n.Value != strconv.FormatInt(tt.wantExpires.Unix(), 10) {
			t.Errorf("after ExtendClaim(%s, %s) expires_at = %#v, want %d", tt.key, tt.holder, item["expires_at"], tt.wantExpires.Unix())
		}
	}
}

func TestDynamoApplication(t *testing.T) {
	s := need(t)
	r := records(s)
	ctx := context.Background()
	sub := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	a := &forms.Application{
		Receipt: "APPTEST1", Call: "community-manager-2025", GivenName: "Maria Grazia", FamilyName: "D'Angelo",
		TaxCode: "DNGMGR80A41F205X", Email: "maria@example.org", Phone: "+39 333 1234567", Declaration: true,
		Privacy: true, CVKey: "cv/community-manager-2025/APPTEST1.pdf", CVName: "cv.pdf", CVSize: 1234,
		SubmittedAt: sub, Suspect: []string{"token"}, ExpiresAt: sub.Add(730 * 24 * time.Hour),
	}
	if err := r.PutApplication(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := r.PutApplication(ctx, a); !errors.Is(err, forms.ErrExists) {
		t.Fatalf("second PutApplication = %v, want ErrExists", err)
	}
	got, ok, err := r.GetApplication(ctx, "APPTEST1")
	if err != nil || !ok {
		t.Fatalf("GetApplication = %v, %v", ok, err)
	}
	if got.FamilyName != a.FamilyName || got.TaxCode != a.TaxCode || !got.SubmittedAt.Equal(sub) ||
		got.ExpiresAt.Unix() != a.ExpiresAt.Unix() || len(got.Suspect) != 1 || got.CVKey != a.CVKey {
		t.Errorf("GetApplication = %+v, want %+v", got, a)
	}
	item := rawItem(t, s, appsTable, "APP#APPTEST1")
	if n, ok := item["expires_at"].(*types.AttributeValueMemberN); !ok || n.Value != strconv.FormatInt(a.ExpiresAt.Unix(), 10) {
		t.Errorf("TTL attribute expires_at = %#v, want epoch seconds %d", item["expires_at"], a.ExpiresAt.Unix())
	}
	if _, ok, err := r.GetApplication(ctx, "NOSUCH"); ok || err != nil {
		t.Errorf("GetApplication(missing) = %v, %v", ok, err)
	}
	// TTL deletes lazily: an item past expires_at must read as absent, and may be written over.
	later := &awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable, Now: func() time.Time { return a.ExpiresAt.Add(time.Minute) }}
	if _, ok, err := later.GetApplication(ctx, "APPTEST1"); ok || err != nil {
		t.Errorf("GetApplication after expiry = %v, %v; want absent", ok, err)
	}
	if err := later.PutApplication(ctx, a); err != nil {
		t.Errorf("PutApplication over an expired item = %v", err)
	}
}

func TestDynamoLatest(t *testing.T) {
	s := need(t)
	r := records(s)
	ctx := context.Background()
	const call, cf = "latest-test-call", "VRDGPP80A01F205X" // not used by the other tests
	steps := []struct {
		op, receipt, want string
	}{
		{"latest", "", ""},
		{"set", "L1", ""},
		{"latest", "", "L1"},
		{"set", "L2", "L1"},
		{"set", "L3", "L2"},
		{"latest", "", "L3"},
	}
	for i, st := range steps {
		var got string
		var err error
		if st.op == "set" {
			got, err = r.SetLatest(ctx, call, strings.ToLower(cf), st.receipt) // case must not matter
		} else {
			got, err = r.Latest(ctx, call, cf)
		}
		if err != nil || got != st.want {
			t.Errorf("step %d %s(%q) = %q, %v; want %q", i, st.op, st.receipt, got, err, st.want)
		}
	}
	if other, err := r.Latest(ctx, "another-call", cf); other != "" || err != nil {
		t.Errorf("Latest for another call = %q, %v", other, err)
	}
	// The key never holds the codice fiscale in clear.
	pk := awsstore.LatestKey(call, cf)
	if strings.Contains(strings.ToUpper(pk), cf) {
		t.Errorf("LatestKey %q holds the tax code", pk)
	}
	item := rawItem(t, s, appsTable, pk)
	if _, ok := item["expires_at"].(*types.AttributeValueMemberN); !ok {
		t.Errorf("LATEST item has no TTL attribute: %v", item)
	}
}

func TestDynamoMessageAndMailNotes(t *testing.T) {
	s := need(t)
	r := records(s)
	ctx := context.Background()
	m := &forms.Message{Ticket: "MSGTEST1", Name: "Giuseppe", Town: "codogno", Topic: "payments", Phone: "0377 123456",
		Message: "<script>alert(1)</script> non riesco a pagare", Privacy: true, Urgent: true,
		SubmittedAt: time.Now(), ExpiresAt: time.Now().Add(365 * 24 * time.Hour)}
	if err := r.PutMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := r.PutMessage(ctx, m); !errors.Is(err, forms.ErrExists) {
		t.Fatalf("second PutMessage = %v, want ErrExists", err)
	}
	item := rawItem(t, s, contactTable, "MSG#MSGTEST1")
	if v, ok := item["message"].(*types.AttributeValueMemberS); !ok || v.Value != m.Message {
		t.Errorf("stored message = %#v, want the text as typed", item["message"])
	}
	if _, ok := item["expires_at"].(*types.AttributeValueMemberN); !ok {
		t.Errorf("message has no TTL attribute")
	}
	for _, st := range []string{"sent", "failed: throttled"} {
		if err := r.NoteMail(ctx, "MSGTEST1", "presidio", st); err != nil {
			t.Fatal(err)
		}
	}
	notes, err := r.Mails(ctx, "MSGTEST1")
	if err != nil || len(notes) != 2 || !strings.HasPrefix(notes[0], "presidio: sent (") || !strings.HasPrefix(notes[1], "presidio: failed: throttled (") {
		t.Errorf("Mails = %q, %v", notes, err)
	}
	// A function given only its own table keeps claims and notes there.
	contactOnly := &awsstore.DynamoRecords{Client: s.dynamo, Contact: contactTable}
	if _, _, err := contactOnly.Claim(ctx, "k-contact-only", "T1", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if rawItem(t, s, contactTable, "CLAIM#k-contact-only") == nil {
		t.Errorf("claim of the contact function not in the contact table")
	}
	if err := contactOnly.PutApplication(ctx, &forms.Application{Receipt: "X"}); err == nil {
		t.Errorf("PutApplication without an applications table succeeded")
	}
}

func TestS3Files(t *testing.T) {
	s := need(t)
	ctx := context.Background()
	pdf := samplePDF()
	tests := []struct {
		name, kms, key string
		wantSSE        string
	}{
		{"SSE-S3", "", "cv/test/AES.pdf", "AES256"},
		{"SSE-KMS", "alias/cv", "cv/test/KMS.pdf", "aws:kms"},
	}
	for _, tt := range tests {
		f := &awsstore.S3Files{Client: s.s3, Bucket: bucket, KMSKeyID: tt.kms}
		if err := f.Put(ctx, tt.key, "application/pdf", pdf); err != nil {
			t.Fatalf("%s: Put: %v", tt.name, err)
		}
		head, err := s.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(tt.key)})
		if err != nil {
			t.Fatalf("%s: HeadObject: %v", tt.name, err)
		}
		if string(head.ServerSideEncryption) != tt.wantSSE || aws.ToString(head.ContentType) != "application/pdf" {
			t.Errorf("%s: encryption %q, type %q; want %q, application/pdf", tt.name, head.ServerSideEncryption, aws.ToString(head.ContentType), tt.wantSSE)
		}
		got, err := f.Get(ctx, tt.key)
		if err != nil || !bytes.Equal(got, pdf) {
			t.Errorf("%s: Get = %d bytes, %v; want the %d bytes put", tt.name, len(got), err, len(pdf))
		}
	}
	f := &awsstore.S3Files{Client: s.s3, Bucket: bucket}
	if _, err := f.Get(ctx, "pending/none"); !errors.Is(err, forms.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}
}

func TestSESMailer(t *testing.T) {
	s := need(t)
	s.clearMails(t)
	ctx := context.Background()
	m := &awsstore.SESMailer{Client: s.ses}
	good := &forms.Mail{From: "noreply@example.org", To: []string{"presidio@example.org"}, ReplyTo: "maria@example.org",
		Subject: "Nuovo messaggio – Codogno (è urgente)", Text: "Ticket ABC123\nÈ un messaggio di prova.", Ref: "ABC123"}
	if err := m.Send(ctx, good); err != nil {
		t.Fatal(err)
	}
	hostile := []*forms.Mail{
		{From: "noreply@example.org", To: []string{"a@example.org"}, Subject: "ciao\r\nBcc: victim@example.org", Text: "x"},
		{From: "noreply@example.org", To: []string{"a@example.org"}, ReplyTo: "x@example.org\nBcc: victim@example.org", Subject: "s", Text: "x"},
		{From: "noreply@example.org", To: []string{"a@example.org\r\nCc: victim@example.org"}, Subject: "s", Text: "x"},
	}
	for i, h := range hostile {
		if err := m.Send(ctx, h); !errors.Is(err, awsstore.ErrHeaderInjection) {
			t.Errorf("hostile mail %d: Send = %v, want ErrHeaderInjection", i, err)
		}
	}
	mails := s.mails(t)
	if len(mails) != 1 {
		t.Fatalf("SES store has %d mails, want 1: %+v", len(mails), mails)
	}
	got := mails[0]
	if got.From != good.From || len(got.Destination.To) != 1 || got.Destination.To[0] != "presidio@example.org" ||
		len(got.ReplyTo) != 1 || got.ReplyTo[0] != good.ReplyTo || got.Subject != good.Subject || got.Body.Text != good.Text {
		t.Errorf("stored mail = %+v", got)
	}
	eml := s.eml(t, got.MessageID)
	if !strings.Contains(eml, "Reply-To: maria@example.org") || strings.Contains(strings.ToLower(eml), "victim") {
		t.Errorf("EML headers wrong:\n%s", eml)
	}
}

// samplePDF is a small valid PDF: one blank A4 page.
func samplePDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for _, o := range offs {
		b.WriteString(leftPad(strconv.Itoa(o), 10) + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func leftPad(s string, n int) string { return strings.Repeat("0", n-len(s)) + s }
