package localstore

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quartieri/internal/forms"
)

func TestListLeavesOutExpiredAndReportsBrokenFiles(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	for _, a := range []forms.Application{
		{Receipt: "AAAA-AAAA", ExpiresAt: now.Add(time.Hour)},
		{Receipt: "BBBB-BBBB", ExpiresAt: now.Add(-time.Second)},
		{Receipt: "CCCC-CCCC"}, // no expiry: kept
	} {
		if err := s.PutApplication(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutMessage(ctx, &forms.Message{Ticket: "MMMM-MMMM", ExpiresAt: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), "applications", "DDDD-DDDD.json"), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	apps, err := s.ListApplications(ctx)
	var got []string
	for _, a := range apps {
		got = append(got, a.Receipt)
	}
	if strings.Join(got, " ") != "AAAA-AAAA CCCC-CCCC" || err == nil || !strings.Contains(err.Error(), "DDDD-DDDD.json") {
		t.Errorf("ListApplications = %v, %v; want AAAA-AAAA CCCC-CCCC and an error naming DDDD-DDDD.json", got, err)
	}
	if msgs, err := s.ListMessages(ctx); len(msgs) != 0 || err != nil {
		t.Errorf("ListMessages = %v, %v; want nothing (expired)", msgs, err)
	}

	if notes, err := s.ListMailNotes(ctx); notes != nil || err != nil {
		t.Errorf("ListMailNotes without a log = %v, %v", notes, err)
	}
	s.NoteMail(ctx, "AAAA-AAAA", "candidate", "sent")
	s.NoteMail(ctx, "AAAA-AAAA", "staff", "failed: no route")
	notes, err := s.ListMailNotes(ctx)
	if err != nil || len(notes) != 2 || notes[1].Kind != "staff" || notes[1].Status != "failed: no route" ||
		notes[1].Ref != "AAAA-AAAA" || notes[1].Time.IsZero() {
		t.Errorf("ListMailNotes = %+v, %v", notes, err)
	}
}
