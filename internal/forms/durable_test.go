package forms_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

func TestDeadline(t *testing.T) {
	tests := []struct {
		name, now, call string
		status          int
		msg             string
	}{
		{"in time at 23:59:00", "2025-04-28T23:59:00+02:00", callID, 201, ""},
		{"in time at 23:59:59", "2025-04-28T23:59:59+02:00", callID, 201, ""},
		{"in time at 21:59:59 UTC", "2025-04-28T21:59:59Z", callID, 201, ""},
		{"one second late", "2025-04-29T00:00:00+02:00", callID, 403,
			"call: Il bando è chiuso. La scadenza era lunedì 28 aprile 2025, ore 23:59: non è più possibile inviare la candidatura"},
		{"late in UTC", "2025-04-28T22:00:00Z", callID, 403,
			"call: Il bando è chiuso. La scadenza era lunedì 28 aprile 2025, ore 23:59: non è più possibile inviare la candidatura"},
		{"not yet open", "2025-05-10T10:00:00+02:00", "futuro", 403,
			"call: Il bando non è ancora aperto: puoi inviare la candidatura da domenica 1 giugno 2025, ore 09:00 a lunedì 30 giugno 2025, ore 12:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := mustTime(tt.now)
			e := newEnv(t, func(c *forms.Config) { c.Now = func() time.Time { return now } })
			f := e.validApplication()
			f["call"] = tt.call
			r := e.apply(f, "cv.pdf", testPDF, true)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d; %s", r.status, tt.status, r.body)
			}
			if tt.status != 201 {
				if got := strings.Join(r.errorsOf(t), "\n"); got != tt.msg {
					t.Errorf("errors = %q, want %q", got, tt.msg)
				}
				e.assertNothingStored(t)
				h := e.apply(f, "cv.pdf", testPDF, false)
				if h.status != 403 || !strings.Contains(h.text(), tt.msg[6:]) {
					t.Errorf("HTML: %d without the message", h.status)
				}
				e.assertNothingStored(t)
			}
		})
	}
}

// TestDoubleSubmits sends the same form 20 times at once: one receipt, one record, one pair of mails.
func TestDoubleSubmits(t *testing.T) {
	for _, withIdem := range []bool{true, false} {
		name := "with _idem"
		if !withIdem {
			name = "without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, nil)
			f := e.validApplication()
			if !withIdem {
				delete(f, "_idem")
				delete(f, "_token")
			}
			body, ct := multipartBody(f, "cv.pdf", testPDF)
			var wg sync.WaitGroup
			replies := make([]reply, 20)
			for i := range replies {
				wg.Add(1)
				go func() {
					defer wg.Done()
					replies[i] = e.post("/api/applications", body, ct, true)
				}()
			}
			wg.Wait()
			created := 0
			first := replies[0].receipt(t)
			for i, r := range replies {
				switch r.status {
				case 201:
					created++
				case 200:
				default:
					t.Fatalf("reply %d: %d %s", i, r.status, r.body)
				}
				if got := r.receipt(t); got != first {
					t.Errorf("reply %d receipt %s, reply 0 %s", i, got, first)
				}
			}
			if created != 1 {
				t.Errorf("%d replies were 201, want 1", created)
			}
			apps := 0
			for _, p := range e.stored(t) {
				if strings.HasPrefix(p, "applications/") {
					apps++
				}
			}
			if apps != 1 {
				t.Errorf("%d applications stored, want 1", apps)
			}
			if n := len(e.mails(t)); n != 2 {
				t.Errorf("%d mails, want 2", n)
			}
			// And in HTML a repeat is a 303 to the same receipt.
			h := e.post("/api/applications", body, ct, false)
			if h.status != 303 || !strings.Contains(h.header.Get("Location"), first) {
				t.Errorf("HTML repeat: %d %s", h.status, h.header.Get("Location"))
			}
		})
	}
}

func TestLaterApplicationSupersedes(t *testing.T) {
	e := newEnv(t, nil)
	f := e.validApplication()
	first := e.apply(f, "cv.pdf", testPDF, true).receipt(t)
	f["message"] = "Aggiungo la lettera di presentazione."
	f["_idem"] = "another-key-0123456789"
	r := e.apply(f, "cv2.pdf", append(testPDF, '\n'), true)
	if r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	second := r.receipt(t)
	if second == first {
		t.Fatal("the later application got the same receipt")
	}
	ctx := context.Background()
	a1, ok1, _ := e.store.GetApplication(ctx, first)
	a2, ok2, _ := e.store.GetApplication(ctx, second)
	if !ok1 || !ok2 {
		t.Fatal("both applications must be kept")
	}
	if a2.Supersedes != first || a1.Supersedes != "" {
		t.Errorf("Supersedes: first %q, second %q; want \"\", %q", a1.Supersedes, a2.Supersedes, first)
	}
	if l, _ := e.store.Latest(ctx, callID, a1.TaxCode); l != second {
		t.Errorf("Latest = %s, want %s", l, second)
	}
	if !strings.Contains(strings.Join(e.mails(t), "\n"), "Sostituisce la candidatura precedente della stessa persona: "+first) {
		t.Error("the staff notice does not say which application is superseded")
	}
}

// faulty wraps the local store and fails the named step once (or always with sticky).
type faulty struct {
	*localstore.Store
	fail   string
	sticky bool
	sends  atomic.Int32
	mu     sync.Mutex
}

var errInjected = errors.New("injected failure")

func (f *faulty) hit(step string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == step {
		if !f.sticky {
			f.fail = ""
		}
		return errInjected
	}
	return nil
}

func (f *faulty) Claim(ctx context.Context, key, receipt string, exp time.Time) (string, bool, error) {
	if err := f.hit("claim"); err != nil {
		return "", false, err
	}
	return f.Store.Claim(ctx, key, receipt, exp)
}

func (f *faulty) Put(ctx context.Context, key, ct string, body []byte) error {
	if err := f.hit("s3"); err != nil {
		return err
	}
	return f.Store.Put(ctx, key, ct, body)
}

func (f *faulty) Latest(ctx context.Context, call, tc string) (string, error) {
	if err := f.hit("latest"); err != nil {
		return "", err
	}
	return f.Store.Latest(ctx, call, tc)
}

func (f *faulty) PutApplication(ctx context.Context, a *forms.Application) error {
	if err := f.hit("dynamodb"); err != nil {
		return err
	}
	return f.Store.PutApplication(ctx, a)
}

func (f *faulty) SetLatest(ctx context.Context, call, tc, receipt string) (string, error) {
	if err := f.hit("set-latest"); err != nil {
		return "", err
	}
	return f.Store.SetLatest(ctx, call, tc, receipt)
}

func (f *faulty) PutMessage(ctx context.Context, m *forms.Message) error {
	if err := f.hit("dynamodb"); err != nil {
		return err
	}
	return f.Store.PutMessage(ctx, m)
}

func (f *faulty) Send(ctx context.Context, m *forms.Mail) error {
	f.sends.Add(1)
	if err := f.hit("ses"); err != nil {
		return err
	}
	return f.Store.Send(ctx, m)
}

func faultyEnv(t *testing.T, step string, sticky bool) (*env, *faulty) {
	var fs *faulty
	e := newEnv(t, func(c *forms.Config) {
		fs = &faulty{Store: c.Records.(*localstore.Store), fail: step, sticky: sticky}
		c.Records, c.Files, c.Mailer = fs, fs, fs
	})
	return e, fs
}

// TestStoreFailuresHalfway: each step failing answers 503 and leaves nothing that claims to exist without its
// parts; the retry with the same form completes with one receipt.
func TestStoreFailuresHalfway(t *testing.T) {
	for _, step := range []string{"claim", "s3", "latest", "dynamodb", "set-latest"} {
		t.Run(step, func(t *testing.T) {
			e, _ := faultyEnv(t, step, false)
			f := e.validApplication()
			r := e.apply(f, "cv.pdf", testPDF, true)
			if r.status != 503 || !strings.Contains(strings.Join(r.errorsOf(t), ""), "riprova tra qualche minuto") {
				t.Fatalf("status %d %s, want 503 with a message to retry", r.status, r.body)
			}
			if n := len(e.mails(t)); n != 0 {
				t.Errorf("%d mails after a failure, want 0", n)
			}
			assertConsistent(t, e)
			// Retry: same form, completes.
			r2 := e.apply(f, "cv.pdf", testPDF, true)
			if r2.status != 201 && r2.status != 200 {
				t.Fatalf("retry: %d %s", r2.status, r2.body)
			}
			receipt := r2.receipt(t)
			assertConsistent(t, e)
			if l, _ := e.store.Latest(context.Background(), callID, "RSSMRA85T10A562S"); l != receipt {
				t.Errorf("after the retry Latest = %q, want %q", l, receipt)
			}
			apps := 0
			for _, p := range e.stored(t) {
				if strings.HasPrefix(p, "applications/") {
					apps++
				}
			}
			if apps != 1 {
				t.Errorf("%d applications after the retry, want 1", apps)
			}
		})
	}
}

// assertConsistent: every application has its CV; the latest index points only at stored applications.
func assertConsistent(t *testing.T, e *env) {
	t.Helper()
	files := e.stored(t)
	ctx := context.Background()
	for _, p := range files {
		if rc, ok := strings.CutPrefix(p, "applications/"); ok {
			rc = strings.TrimSuffix(rc, ".json")
			a, _, _ := e.store.GetApplication(ctx, rc)
			if !contains(files, a.CVKey) {
				t.Errorf("application %s without its CV %s", rc, a.CVKey)
			}
		}
	}
	if l, _ := e.store.Latest(ctx, callID, "RSSMRA85T10A562S"); l != "" {
		if _, ok, _ := e.store.GetApplication(ctx, l); !ok {
			t.Errorf("latest index points at a missing application %s", l)
		}
	}
}

func TestMailFailureStillSucceeds(t *testing.T) {
	e, fs := faultyEnv(t, "ses", true)
	r := e.apply(e.validApplication(), "cv.pdf", testPDF, true)
	if r.status != 201 {
		t.Fatalf("status %d, want 201 even if mail fails", r.status)
	}
	receipt := r.receipt(t)
	if _, ok, _ := e.store.GetApplication(context.Background(), receipt); !ok {
		t.Fatal("application not stored")
	}
	if n := fs.sends.Load(); n != 4 {
		t.Errorf("%d send attempts, want 4 (two mails, each retried once)", n)
	}
	st, _ := e.store.MailStatus()
	if len(st) != 2 || !strings.Contains(st[0], "failed: injected failure") || !strings.Contains(st[0], receipt) {
		t.Errorf("mail status = %q", st)
	}
	// A failure that passes on the retry is recorded as sent.
	e2, fs2 := faultyEnv(t, "ses", false)
	if r := e2.apply(e2.validApplication(), "cv.pdf", testPDF, true); r.status != 201 {
		t.Fatalf("status %d", r.status)
	}
	if st, _ := e2.store.MailStatus(); len(st) != 2 || strings.Contains(strings.Join(st, ""), "failed") || fs2.sends.Load() != 3 {
		t.Errorf("mail status = %q, sends %d", st, fs2.sends.Load())
	}
}

func TestContactStoreFailure(t *testing.T) {
	e, _ := faultyEnv(t, "dynamodb", false)
	body, ct := contactBody(e, nil)
	r := e.post("/api/contact", body, ct, true)
	if r.status != 503 {
		t.Fatalf("status %d", r.status)
	}
	e.assertNothingStored(t, "claims")
	if r := e.post("/api/contact", body, ct, true); r.status != 201 {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	if n := len(e.mails(t)); n != 2 {
		t.Errorf("%d mails after the retry, want 2", n)
	}
}

var _ = httptest.NewRecorder

// TestDeadlineWithSpacesInCall: blanks around the call's id do not skip the deadline. After the deadline such an
// application gets 403, nothing is stored and the on-time one stays the latest; an id that is not a call is a
// 422 that stores nothing, not even the CV.
func TestDeadlineWithSpacesInCall(t *testing.T) {
	late := mustTime("2025-04-29T00:00:00+02:00")
	tests := []struct {
		name, call string
		status     int
	}{
		{"leading space", " " + callID, 403},
		{"trailing space", callID + " ", 403},
		{"leading tab", "\t" + callID, 403},
		{"trailing tab and new line", callID + "\t\r\n", 403},
		{"no-break space", "\u00a0" + callID, 403},
		{"unknown call", callID + "x", 422},
		{"upper case", strings.ToUpper(callID), 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := inTime
			var mu sync.Mutex
			e := newEnv(t, func(c *forms.Config) {
				c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			})
			f := e.validApplication()
			first := e.apply(f, "cv.pdf", testPDF, true).receipt(t)
			before := e.stored(t, "outbox")
			mu.Lock()
			now = late
			mu.Unlock()
			f["call"] = tt.call
			f["message"] = "Ho dimenticato di dire una cosa."
			f["_idem"] = "late-idem-0123456789"
			for _, json := range []bool{true, false} {
				r := e.apply(f, "cv2.pdf", append(testPDF, '\n'), json)
				if r.status != tt.status {
					t.Fatalf("json %v: status = %d, want %d; %.300s", json, r.status, tt.status, r.body)
				}
			}
			if after := e.stored(t, "outbox"); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("stored after the deadline:\n%s\nbefore:\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
			}
			if l, _ := e.store.Latest(context.Background(), callID, "RSSMRA85T10A562S"); l != first {
				t.Errorf("Latest = %q, want the on-time %q", l, first)
			}
		})
	}
}

// TestReceiptCollision: a number drawn twice is not given to a second, unrelated submission: that one draws
// again, and each keeps its own record.
func TestReceiptCollision(t *testing.T) {
	for _, form := range []string{"applications", "contact"} {
		t.Run(form, func(t *testing.T) {
			e := newEnv(t, nil)
			var mu sync.Mutex
			draws := []string{"AAAA-BBBB", "AAAA-BBBB", "AAAA-BBBB", "CCCC-DDDD"}
			e.hooks.SetReceipts(func() string {
				mu.Lock()
				defer mu.Unlock()
				r := draws[0]
				if len(draws) > 1 {
					draws = draws[1:]
				}
				return r
			})
			send := func(message string) reply {
				var f map[string]string
				if form == "contact" {
					f = e.validContact()
				} else {
					f = e.validApplication()
				}
				f["message"] = message
				f["_idem"] = "idem-" + strings.Repeat(message[:1], 16)
				body, ct := multipartBody(f, "cv.pdf", testPDF)
				if form == "contact" {
					body, ct = multipartBody(f, "-", nil)
				}
				return e.post("/api/"+form, body, ct, true)
			}
			first, second := send("Primo messaggio"), send("Secondo messaggio")
			if first.status != 201 || second.status != 201 {
				t.Fatalf("statuses %d %s, %d %s; want 201, 201", first.status, first.body, second.status, second.body)
			}
			if a, b := first.receipt(t), second.receipt(t); a != "AAAA-BBBB" || b != "CCCC-DDDD" {
				t.Fatalf("numbers %s, %s; want AAAA-BBBB, CCCC-DDDD", a, b)
			}
			ctx := context.Background()
			for rc, want := range map[string]string{"AAAA-BBBB": "Primo messaggio", "CCCC-DDDD": "Secondo messaggio"} {
				var got string
				if form == "contact" {
					m, _, _ := e.store.GetMessage(ctx, rc)
					if m != nil {
						got = m.Message
					}
				} else {
					a, _, _ := e.store.GetApplication(ctx, rc)
					if a != nil {
						got = a.Message
					}
				}
				if got != want {
					t.Errorf("record %s has message %q, want %q", rc, got, want)
				}
			}
			// A repeat of the second still gets its own number.
			if r := send("Secondo messaggio"); r.status != 200 || r.receipt(t) != "CCCC-DDDD" {
				t.Errorf("repeat: %d %s", r.status, r.body)
			}
		})
	}
}

// slowBody advances a clock by step once half of the body has been read: an upload that takes that long.
type slowBody struct {
	r       *bytes.Reader
	half    int64
	advance func()
}

func (b *slowBody) Read(p []byte) (int, error) {
	if b.advance != nil && b.r.Size()-int64(b.r.Len()) >= b.half {
		b.advance()
		b.advance = nil
	}
	if len(p) > 512 {
		p = p[:512]
	}
	return b.r.Read(p)
}

// TestDeadlineJudgedAtStoring: the window is checked again at the time of storing. With the clock fixed one
// minute before the deadline (as -now fixes it), an upload that takes two minutes is refused with 403 and stores
// nothing; one that takes thirty seconds is stored.
func TestDeadlineJudgedAtStoring(t *testing.T) {
	tests := []struct {
		took   time.Duration
		status int
	}{
		{30 * time.Second, 201},
		{2 * time.Minute, 403},
	}
	for _, tt := range tests {
		e := newEnv(t, func(c *forms.Config) {
			at := mustTime("2025-04-28T23:58:00+02:00")
			c.Now = func() time.Time { return at }
		})
		var mu sync.Mutex
		wall := time.Now()
		e.hooks.SetWall(func() time.Time { mu.Lock(); defer mu.Unlock(); return wall })
		body, ct := multipartBody(e.validApplication(), "cv.pdf", testPDF)
		sb := &slowBody{r: bytes.NewReader(body), half: int64(len(body) / 2), advance: func() {
			mu.Lock()
			defer mu.Unlock()
			wall = wall.Add(tt.took)
		}}
		req := httptest.NewRequest("POST", "/api/applications", sb)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Accept", "application/json")
		r := e.do(req)
		if r.status != tt.status {
			t.Errorf("upload taking %v: %d, want %d; %s", tt.took, r.status, tt.status, r.body)
		}
		if tt.status == 403 {
			if !strings.Contains(r.body, "Il bando è chiuso") {
				t.Errorf("message: %s", r.body)
			}
			e.assertNothingStored(t)
		}
	}
}

// TestReservationsExpire: the reservation of a stored record's receipt lasts as long as the record; one left
// unused by a repeated submission lasts a day, and the local purge removes it then.
func TestReservationsExpire(t *testing.T) {
	for _, form := range []string{"applications", "contact"} {
		t.Run(form, func(t *testing.T) {
			e := newEnv(t, nil)
			wall := time.Now()
			e.hooks.SetWall(func() time.Time { return wall })
			send := func() reply {
				if form == "contact" {
					body, ct := contactBody(e, nil)
					return e.post("/api/contact", body, ct, true)
				}
				return e.apply(e.validApplication(), "cv.pdf", testPDF, true)
			}
			first := send()
			if first.status != 201 {
				t.Fatalf("first: %d %s", first.status, first.body)
			}
			if r := send(); r.status != 200 {
				t.Fatalf("repeat: %d %s", r.status, r.body)
			}
			short, long := 0, 0
			for _, c := range reservations(t, e) {
				switch d := c.Expires.Sub(wall); {
				case d <= 24*time.Hour:
					short++
				case d >= 365*24*time.Hour:
					long++
				default:
					t.Errorf("a reservation lasts %v", d)
				}
			}
			if short != 1 || long != 1 {
				t.Errorf("%d reservations for a day, %d for the record; want 1 and 1", short, long)
			}
			if _, err := e.store.Purge(context.Background(), wall.Add(25*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if n := len(reservations(t, e)); n != 1 {
				t.Errorf("%d reservations after a day, want the bound one", n)
			}
		})
	}
}

type storedClaim struct {
	Receipt string
	Expires time.Time
}

// reservations reads the receipt reservations of the local store (claims bound to "key:...").
func reservations(t *testing.T, e *env) []storedClaim {
	t.Helper()
	var out []storedClaim
	for _, f := range e.stored(t) {
		if !strings.HasPrefix(f, "claims/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(e.store.Dir(), f))
		if err != nil {
			t.Fatal(err)
		}
		var c storedClaim
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(c.Receipt, "key:") {
			out = append(out, c)
		}
	}
	return out
}
