package awsstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestParseMailNote(t *testing.T) {
	at := time.Date(2025, 4, 20, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		entry        string
		kind, status string
		time         time.Time
	}{
		{"candidate: sent (2025-04-20T08:00:00Z)", "candidate", "sent", at},
		{"staff: failed: ses: throttled (code 400): retry (2025-04-20T08:00:00Z)", "staff", "failed: ses: throttled (code 400): retry", at},
		{"tenant: failed: no time", "tenant", "failed: no time", time.Time{}},
		{"garbled", "", "garbled", time.Time{}},
		{"presidio: sent (not a time)", "presidio", "sent (not a time)", time.Time{}},
	}
	for _, tt := range tests {
		n := parseMailNote("K7M4-PX2Q", tt.entry)
		if n.Ref != "K7M4-PX2Q" || n.Kind != tt.kind || n.Status != tt.status || !n.Time.Equal(tt.time) {
			t.Errorf("parseMailNote(%q) = %+v, want kind %q status %q time %v", tt.entry, n, tt.kind, tt.status, tt.time)
		}
	}
}

func TestListNeedsScan(t *testing.T) {
	r := &DynamoRecords{Client: dynamoDown{}, Applications: "a", Contact: "c"}
	if _, err := r.ListApplications(context.Background()); err == nil || !strings.Contains(err.Error(), "Scan") {
		t.Errorf("ListApplications with a client that cannot Scan = %v", err)
	}
	if _, err := (&DynamoRecords{Client: dynamoDown{}}).ListMailNotes(context.Background()); err == nil {
		t.Errorf("ListMailNotes without tables succeeded")
	}
}

// pagedScan serves two pages of items and records the prefixes it was asked for.
type pagedScan struct {
	dynamoDown
	pages    [][]map[string]types.AttributeValue
	prefixes []string
}

func (p *pagedScan) Scan(_ context.Context, in *dynamodb.ScanInput, _ ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	p.prefixes = append(p.prefixes, in.ExpressionAttributeValues[":p"].(*types.AttributeValueMemberS).Value)
	i := 0
	if in.ExclusiveStartKey != nil {
		i = 1
	}
	out := &dynamodb.ScanOutput{Items: p.pages[i]}
	if i == 0 {
		out.LastEvaluatedKey = key("page-1-end")
	}
	return out, nil
}

func TestListReadsEveryPageAndSkipsExpired(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	item := func(ticket string, exp time.Time) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": str("MSG#" + ticket), "ticket": str(ticket), "expires_at": epoch(exp)}
	}
	fake := &pagedScan{pages: [][]map[string]types.AttributeValue{
		{item("AAAA-AAAA", now.Add(time.Hour)), item("BBBB-BBBB", now.Add(-time.Hour))},
		{item("CCCC-CCCC", now.Add(time.Hour))},
	}}
	r := &DynamoRecords{Client: fake, Contact: "c", Now: func() time.Time { return now }}
	msgs, err := r.ListMessages(context.Background())
	var got []string
	for _, m := range msgs {
		got = append(got, m.Ticket)
	}
	if err != nil || strings.Join(got, " ") != "AAAA-AAAA CCCC-CCCC" || strings.Join(fake.prefixes, " ") != "MSG# MSG#" {
		t.Errorf("ListMessages = %v, %v after scans of %v; want AAAA-AAAA CCCC-CCCC from two pages of MSG#", got, err, fake.prefixes)
	}
}
