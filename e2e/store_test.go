package e2e

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// storeSnapshot lists the files under the local store, to tell later which ones a submission added.
func storeSnapshot(t testing.TB, dir string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			seen[p] = true
		}
		return nil
	})
	return seen
}

// stored is what one submission added to the local store.
type stored struct {
	// Ref is the receipt (applications) or ticket (contact) of the record.
	Ref string
	// Record is the JSON record file holding Ref.
	Record string
	// Files are all the added files.
	Files []string
}

// isRecordDir reports whether p is in a folder of records (localstore: applications/, contact/), not of
// idempotency claims or indexes, which also name receipts.
func isRecordDir(p string) bool {
	d := filepath.Base(filepath.Dir(p))
	return d == "applications" || d == "contact"
}

// waitStored waits until the store under dir holds a new JSON record with a "receipt" or "ticket" key (the
// record types of internal/forms, in localstore's applications/ and contact/) and returns what the
// submission added.
func waitStored(t testing.TB, dir string, before map[string]bool, key string, timeout time.Duration) stored {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var st stored
		for p := range storeSnapshot(t, dir) {
			if before[p] {
				continue
			}
			st.Files = append(st.Files, p)
			if !strings.HasSuffix(p, ".json") || !isRecordDir(p) {
				continue
			}
			var rec map[string]any
			if b, err := os.ReadFile(p); err == nil && json.Unmarshal(b, &rec) == nil {
				if ref, ok := rec[key].(string); ok && ref != "" {
					st.Ref, st.Record = ref, p
				}
			}
		}
		slices.Sort(st.Files)
		if st.Ref != "" {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("store: no new record with %q under %s within %v; new files: %v", key, dir, timeout, st.Files)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mailTimeout bounds the wait for mails: the backend sends them after it has answered.
const mailTimeout = 10 * time.Second

// checkMails waits for at least n new .eml mails under dir that name the record's reference, and wants none to
// carry the PDF.
func checkMails(t testing.TB, dir string, before map[string]bool, st stored, n int) {
	t.Helper()
	deadline := time.Now().Add(mailTimeout)
	for {
		var naming []string
		for p := range storeSnapshot(t, dir) {
			if before[p] || !strings.HasSuffix(p, ".eml") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil || !bytes.Contains(b, []byte(st.Ref)) {
				continue
			}
			naming = append(naming, filepath.Base(p))
			if bytes.Contains(b, []byte("%PDF-")) || bytes.Contains(b, []byte("JVBERi0")) { // raw or base64
				t.Errorf("store: mail %s carries the CV; mails must only refer to it", filepath.Base(p))
			}
		}
		if len(naming) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("store: %d new .eml mails name %s within %v, want %d: %v", len(naming), st.Ref, mailTimeout, n, naming)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkCV wants one new file in the store whose bytes are the uploaded PDF.
func checkCV(t testing.TB, st stored, pdf []byte) {
	t.Helper()
	for _, p := range st.Files {
		if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, pdf) {
			return
		}
	}
	t.Errorf("store: the uploaded CV (%d bytes) is not among the new files: %v", len(pdf), st.Files)
}

// checkRecord wants the record file to hold each value.
func checkRecord(t testing.TB, st stored, values ...string) {
	t.Helper()
	b, err := os.ReadFile(st.Record)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		if !bytes.Contains(b, []byte(v)) {
			t.Errorf("store: record %s lacks a value the form sent (%d characters)", filepath.Base(st.Record), len(v))
		}
	}
}

// checkNotSuspect wants the record free of spam signals: a person filled the form, at a person's pace, and left
// the honeypot alone.
func checkNotSuspect(t testing.TB, st stored) {
	t.Helper()
	b, err := os.ReadFile(st.Record)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Suspect []string `json:"suspect"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatalf("store: record %s: %v", filepath.Base(st.Record), err)
	}
	if len(rec.Suspect) > 0 {
		t.Errorf("store: record %s is marked suspect %v", filepath.Base(st.Record), rec.Suspect)
	}
}
