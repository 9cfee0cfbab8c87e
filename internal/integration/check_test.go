package integration

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"quartieri/internal/awsstore"
)

// checkApplication verifies that receipt's application is in DynamoDB with its TTL attribute, and its CV in S3,
// encrypted and equal to cv.
func checkApplication(t *testing.T, s *servers, receipt string, cv []byte, taxCode string) {
	t.Helper()
	ctx := context.Background()
	r := &awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable}
	a, ok, err := r.GetApplication(ctx, receipt)
	if err != nil || !ok {
		t.Fatalf("application %s not in DynamoDB: %v", receipt, err)
	}
	if a.TaxCode != taxCode || a.Call != callID || a.FamilyName != "D'Angelo" || a.CVSize != int64(len(cv)) {
		t.Errorf("stored application = %+v", a)
	}
	// Retention runs on the real clock, whatever the (simulated) submission time.
	if d := time.Until(a.ExpiresAt); d < 729*24*time.Hour || d > 731*24*time.Hour {
		t.Errorf("expires_at %v, submitted %v: want site.yaml's 730 days of retention from now", a.ExpiresAt, a.SubmittedAt)
	}
	if _, ok := rawItem(t, s, appsTable, "APP#"+receipt)["expires_at"].(*types.AttributeValueMemberN); !ok {
		t.Errorf("application item has no numeric expires_at")
	}
	if !strings.Contains(a.CVKey, receipt) {
		t.Errorf("CV key %q does not name the receipt", a.CVKey)
	}
	obj, err := s.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(a.CVKey)})
	if err != nil {
		t.Fatalf("CV %s not in S3: %v", a.CVKey, err)
	}
	defer obj.Body.Close()
	var got bytes.Buffer
	got.ReadFrom(obj.Body)
	if !bytes.Equal(got.Bytes(), cv) || obj.ServerSideEncryption != "AES256" {
		t.Errorf("CV in S3: %d bytes, encryption %q; want %d bytes, AES256", got.Len(), obj.ServerSideEncryption, len(cv))
	}
}

// waitMails polls the SES store until it holds n mails, for at most 5 s, and returns them.
func waitMails(t *testing.T, s *servers, n int) []sesMail {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		m := s.mails(t)
		if len(m) >= n || time.Now().After(deadline) {
			return m
		}
		time.Sleep(50 * time.Millisecond)
	}
}
