package localstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quartieri/internal/forms"
)

var ctx = context.Background()

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestClaimIsExclusiveUnderConcurrency(t *testing.T) {
	s := open(t)
	const n = 50
	var wg sync.WaitGroup
	bound := make([]string, n)
	fresh := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, f, err := s.Claim(ctx, "app:key-1", fmt.Sprintf("R%03d", i), time.Now().Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			bound[i], fresh[i] = b, f
		}()
	}
	wg.Wait()
	winners := 0
	for i := range n {
		if fresh[i] {
			winners++
		}
		if bound[i] != bound[0] {
			t.Errorf("Claim %d bound %q, claim 0 bound %q", i, bound[i], bound[0])
		}
	}
	if winners != 1 {
		t.Errorf("%d claims were fresh, want 1", winners)
	}
}

func TestPutApplicationIsConditionalAndPrivate(t *testing.T) {
	s := open(t)
	a := &forms.Application{Receipt: "K7M4-PX2Q", Call: "c", TaxCode: "RSSMRA85T10A562S"}
	if err := s.PutApplication(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.PutApplication(ctx, &forms.Application{Receipt: "K7M4-PX2Q"}); !errors.Is(err, forms.ErrExists) {
		t.Errorf("second PutApplication = %v, want ErrExists", err)
	}
	got, ok, err := s.GetApplication(ctx, "K7M4-PX2Q")
	if err != nil || !ok || got.TaxCode != a.TaxCode {
		t.Errorf("GetApplication = %+v, %v, %v", got, ok, err)
	}
	if _, ok, err := s.GetApplication(ctx, "../../etc/passwd"); ok || err != nil {
		t.Errorf("GetApplication(traversal) = %v, %v", ok, err)
	}
	if err := s.PutApplication(ctx, &forms.Application{Receipt: "../x"}); err == nil {
		t.Error("PutApplication accepted a path as receipt")
	}
	fi, err := os.Stat(filepath.Join(s.Dir(), "applications", "K7M4-PX2Q.json"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("record mode = %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(filepath.Join(s.Dir(), "applications"))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", di.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(s.Dir(), "applications", ".tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestMessages(t *testing.T) {
	s := open(t)
	if err := s.PutMessage(ctx, &forms.Message{Ticket: "AB23-CD45", Message: "<script>x</script>"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMessage(ctx, &forms.Message{Ticket: "AB23-CD45"}); !errors.Is(err, forms.ErrExists) {
		t.Errorf("second PutMessage = %v, want ErrExists", err)
	}
	m, ok, err := s.GetMessage(ctx, "AB23-CD45")
	if !ok || err != nil || m.Message != "<script>x</script>" {
		t.Errorf("GetMessage = %+v, %v, %v", m, ok, err)
	}
}

func TestLatest(t *testing.T) {
	s := open(t)
	steps := []struct{ receipt, wantPrev string }{
		{"AAAA-AAAA", ""},
		{"BBBB-BBBB", "AAAA-AAAA"},
		{"BBBB-BBBB", ""},
		{"CCCC-CCCC", "BBBB-BBBB"},
	}
	for _, st := range steps {
		prev, err := s.SetLatest(ctx, "call", "RSSMRA85T10A562S", st.receipt)
		if err != nil || prev != st.wantPrev {
			t.Errorf("SetLatest(%s) = %q, %v, want %q", st.receipt, prev, err, st.wantPrev)
		}
	}
	if l, _ := s.Latest(ctx, "call", "RSSMRA85T10A562S"); l != "CCCC-CCCC" {
		t.Errorf("Latest = %q, want CCCC-CCCC", l)
	}
	if l, _ := s.Latest(ctx, "other", "RSSMRA85T10A562S"); l != "" {
		t.Errorf("Latest(other call) = %q, want empty", l)
	}
	err := filepath.WalkDir(s.Dir(), func(p string, d fs.DirEntry, err error) error {
		if strings.Contains(p, "RSSMRA") {
			t.Errorf("a file name holds the codice fiscale: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFiles(t *testing.T) {
	s := open(t)
	if err := s.Put(ctx, "cv/call/K7M4-PX2Q.pdf", "application/pdf", []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "cv/call/K7M4-PX2Q.pdf")
	if err != nil || string(got) != "%PDF-1.4" {
		t.Errorf("Get = %q, %v", got, err)
	}
	if _, err := s.Get(ctx, "pending/none"); !errors.Is(err, forms.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}
	for _, key := range []string{"../x", "/etc/passwd", "applications/x.json", "cv/../claims/x", "cv/.tmp-x", `cv\x`, ""} {
		if err := s.Put(ctx, key, "application/pdf", []byte("x")); err == nil {
			t.Errorf("Put(%q) accepted a bad key", key)
		}
	}
}

func TestMailIsAnEMLFileAMailClientReads(t *testing.T) {
	s := open(t)
	m := &forms.Mail{From: "sito@example.it", To: []string{"presidio@example.it"}, ReplyTo: "inquilina@example.it",
		Subject: "[URGENTE] Messaggio n. AB23-CD45: non riesco a pagare l’affitto", Text: "Città: Codogno\nRiga due è qui =\n", Ref: "AB23-CD45"}
	if err := s.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	files, _ := s.Outbox()
	if len(files) != 1 || !strings.Contains(files[0], "AB23-CD45") {
		t.Fatalf("Outbox = %v", files)
	}
	f, _ := os.Open(files[0])
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subj != m.Subject {
		t.Errorf("Subject = %q, %v, want %q", subj, err, m.Subject)
	}
	for _, h := range []string{"Date", "Message-Id", "From", "To", "Reply-To"} {
		if msg.Header.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != m.Text {
		t.Errorf("body = %q, want %q", got, m.Text)
	}
}

func TestMailRefusesHeaderInjection(t *testing.T) {
	s := open(t)
	bad := []*forms.Mail{
		{From: "a@example.it", To: []string{"b@example.it\r\nBcc: c@example.it"}, Subject: "x"},
		{From: "a@example.it", To: []string{"b@example.it"}, ReplyTo: "c@example.it\nBcc: d@example.it", Subject: "x"},
		{From: "a@example.it", To: []string{"b@example.it"}, Subject: "x\r\nBcc: d@example.it"},
		{From: "a@example.it", To: nil, Subject: "x"},
	}
	for i, m := range bad {
		if err := s.Send(ctx, m); err == nil {
			t.Errorf("Send(bad mail %d) = nil, want an error", i)
		}
	}
	if files, _ := s.Outbox(); len(files) != 0 {
		t.Errorf("Outbox = %v, want empty", files)
	}
}

func TestNoteMail(t *testing.T) {
	s := open(t)
	if err := s.NoteMail(ctx, "K7M4-PX2Q", "candidate", "failed: timeout"); err != nil {
		t.Fatal(err)
	}
	lines, err := s.MailStatus()
	if err != nil || len(lines) != 1 || !strings.Contains(lines[0], `"failed: timeout"`) {
		t.Errorf("MailStatus = %q, %v", lines, err)
	}
}

func TestPurge(t *testing.T) {
	s := open(t)
	now := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
	old := &forms.Application{Receipt: "AAAA-AAAA", CVKey: "cv/c/AAAA-AAAA.pdf", ExpiresAt: now.Add(-time.Hour)}
	kept := &forms.Application{Receipt: "BBBB-BBBB", CVKey: "cv/c/BBBB-BBBB.pdf", ExpiresAt: now.Add(time.Hour)}
	for _, a := range []*forms.Application{old, kept} {
		s.Put(ctx, a.CVKey, "application/pdf", []byte("%PDF-"))
		s.PutApplication(ctx, a)
	}
	s.PutMessage(ctx, &forms.Message{Ticket: "CCCC-CCCC", ExpiresAt: now.Add(-time.Hour)})
	s.Claim(ctx, "k", "AAAA-AAAA", now.Add(-time.Hour))
	s.Put(ctx, "pending/x.pdf", "application/pdf", []byte("%PDF-"))
	s.SetLatest(ctx, "c", "RSSMRA85T10A562S", old.Receipt)
	s.SetLatest(ctx, "c", "BNCGPP70A01F205Z", kept.Receipt)
	for _, ref := range []string{old.Receipt, kept.Receipt, "CCCC-CCCC"} {
		if err := s.Send(ctx, &forms.Mail{From: "a@example.it", To: []string{"b@example.it"}, Subject: "x", Text: "x", Ref: ref}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Purge(ctx, now)
	if err != nil || n != 8 {
		t.Errorf("Purge = %d, %v; want 8 files (record, CV, message, claim, pending CV, latest entry, two mails)", n, err)
	}
	if l, _ := s.Latest(ctx, "c", "RSSMRA85T10A562S"); l != "" {
		t.Errorf("the latest entry of a purged application is still there: %q", l)
	}
	if l, _ := s.Latest(ctx, "c", "BNCGPP70A01F205Z"); l != kept.Receipt {
		t.Errorf("the latest entry of a kept application is gone: %q", l)
	}
	if mails, _ := s.Outbox(); len(mails) != 1 || !strings.Contains(mails[0], kept.Receipt) {
		t.Errorf("outbox after Purge = %v, want only the mail about %s", mails, kept.Receipt)
	}
	if _, ok, _ := s.GetApplication(ctx, "BBBB-BBBB"); !ok {
		t.Error("Purge deleted an application still in its retention period")
	}
	if _, err := s.Get(ctx, kept.CVKey); err != nil {
		t.Error("Purge deleted a CV still in its retention period")
	}
	if _, ok, _ := s.GetApplication(ctx, "AAAA-AAAA"); ok {
		t.Error("Purge kept an expired application")
	}
}

func TestCreateExclusive(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.json")
	if err := createExclusive(p, []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := createExclusive(p, []byte("2")); !errors.Is(err, forms.ErrExists) {
		t.Errorf("second createExclusive = %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "1" {
		t.Errorf("content = %q, want 1", b)
	}
}

func TestClaimExpires(t *testing.T) {
	s := open(t)
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	steps := []struct {
		at        time.Duration // after the start
		receipt   string
		wantBound string
		wantFresh bool
	}{
		{0, "AAAA-AAAA", "AAAA-AAAA", true},
		{time.Hour, "BBBB-BBBB", "AAAA-AAAA", false},
		{24 * time.Hour, "CCCC-CCCC", "AAAA-AAAA", false}, // expires is inclusive
		{25 * time.Hour, "DDDD-DDDD", "DDDD-DDDD", true},  // expired: replaced
		{26 * time.Hour, "EEEE-EEEE", "DDDD-DDDD", false},
	}
	start := now
	for _, st := range steps {
		now = start.Add(st.at)
		bound, fresh, err := s.Claim(ctx, "contact:-:hash", st.receipt, now.Add(24*time.Hour))
		if err != nil || bound != st.wantBound || fresh != st.wantFresh {
			t.Errorf("at +%v Claim(%s) = %s, %v, %v; want %s, %v", st.at, st.receipt, bound, fresh, err, st.wantBound, st.wantFresh)
		}
	}
}

// TestExtendClaim: a claim bound to the receipt gets the new expiry, so Purge keeps it; a claim bound to another
// receipt, or none, is left alone and reported as not found; an unextended one goes at its expiry.
func TestExtendClaim(t *testing.T) {
	s := open(t)
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	day, years := now.Add(24*time.Hour), now.AddDate(2, 0, 0)
	for _, k := range []string{"receipt:AAAA-AAAA", "receipt:BBBB-BBBB"} {
		if _, _, err := s.Claim(ctx, k, "key:1", day); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		key, receipt string
		want         error
	}{
		{"receipt:AAAA-AAAA", "key:1", nil},
		{"receipt:BBBB-BBBB", "key:2", forms.ErrNotFound},
		{"receipt:CCCC-CCCC", "key:1", forms.ErrNotFound},
	}
	for _, tt := range tests {
		if got := s.ExtendClaim(ctx, tt.key, tt.receipt, years); !errors.Is(got, tt.want) {
			t.Errorf("ExtendClaim(%s, %s) = %v, want %v", tt.key, tt.receipt, got, tt.want)
		}
	}
	if _, err := s.Purge(ctx, now.Add(25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(25 * time.Hour)
	for _, c := range []struct {
		key       string
		wantFresh bool
	}{{"receipt:AAAA-AAAA", false}, {"receipt:BBBB-BBBB", true}} {
		if _, fresh, _ := s.Claim(ctx, c.key, "key:3", years); fresh != c.wantFresh {
			t.Errorf("a day later, Claim(%s) fresh = %v, want %v", c.key, fresh, c.wantFresh)
		}
	}
}

// TestPurgeWhileServing: Purge running beside requests never deletes a claim that a request has just made
// (replacing an expired one) nor the latest-index entry a request has just set.
func TestPurgeWhileServing(t *testing.T) {
	s := open(t)
	now := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	const n = 300
	for i := range n {
		if _, _, err := s.Claim(ctx, fmt.Sprint("k", i), "OLD", now.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		// An index entry pointing at a purged application, about to be replaced by a new one.
		if _, err := s.SetLatest(ctx, "c", fmt.Sprint("TC", i), "GONE-0000"); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			if _, err := s.Purge(ctx, now); err != nil {
				t.Error(err)
			}
		}
	}()
	for i := range n {
		r := fmt.Sprintf("R%03d-0000", i)
		if b, fresh, err := s.Claim(ctx, fmt.Sprint("k", i), r, now.Add(time.Hour)); err != nil || !fresh || b != r {
			t.Fatalf("Claim %d = %s, %v, %v", i, b, fresh, err)
		}
		if err := s.PutApplication(ctx, &forms.Application{Receipt: r, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetLatest(ctx, "c", fmt.Sprint("TC", i), r); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	s.Purge(ctx, now)
	for i := range n {
		r := fmt.Sprintf("R%03d-0000", i)
		if b, _, err := s.Claim(ctx, fmt.Sprint("k", i), "NEW", now.Add(time.Hour)); err != nil || b != r {
			t.Errorf("claim %d bound to %q (%v), want %s: Purge deleted a live claim", i, b, err, r)
		}
		if l, _ := s.Latest(ctx, "c", fmt.Sprint("TC", i)); l != r {
			t.Errorf("latest %d = %q, want %s", i, l, r)
		}
	}
}

// TestPurgeDoesNotDeleteAReplacedClaim: a request that replaces an expired claim while Purge is deciding to
// delete it keeps its claim.
func TestPurgeDoesNotDeleteAReplacedClaim(t *testing.T) {
	s := open(t)
	now := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	s.Claim(ctx, "k", "OLD", now.Add(-time.Minute))
	var claimed chan struct{}
	s.purgeHook = func(kind string) {
		if kind != "claims" || claimed != nil {
			return
		}
		// Purge has read the expired claim: a request claims the key now.
		claimed = make(chan struct{})
		go func() {
			defer close(claimed)
			if b, fresh, err := s.Claim(ctx, "k", "NEW", now.Add(time.Hour)); err != nil || !fresh || b != "NEW" {
				t.Errorf("Claim = %s, %v, %v", b, fresh, err)
			}
		}()
		select {
		case <-claimed:
		case <-time.After(200 * time.Millisecond): // blocked by Purge's lock, as it should be
		}
	}
	if _, err := s.Purge(ctx, now); err != nil {
		t.Fatal(err)
	}
	<-claimed
	if b, fresh, _ := s.Claim(ctx, "k", "OTHER", now.Add(time.Hour)); fresh || b != "NEW" {
		t.Errorf("after Purge the key is bound to %q (fresh %v), want NEW: Purge deleted a live claim", b, fresh)
	}
}
