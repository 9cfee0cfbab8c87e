package awsstore

import (
	"context"
	"strings"
	"testing"
	"time"
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
