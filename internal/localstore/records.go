package localstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"quartieri/internal/forms"
)

// refRE is the shape of receipt and ticket numbers accepted as file names.
var refRE = regexp.MustCompile(`^[A-Z0-9-]{1,40}$`)

type claim struct {
	Receipt string    `json:"receipt"`
	Expires time.Time `json:"expires"`
}

// Claim binds key to receipt unless the key is bound already (see forms.Records). A claim whose expires has
// passed (by the store's clock, see SetClock) counts as absent: the new binding replaces it.
func (s *Store) Claim(ctx context.Context, key, receipt string, expires time.Time) (string, bool, error) {
	path := filepath.Join(s.dir, "claims", hashName(key)+".json")
	data, _ := json.Marshal(claim{Receipt: receipt, Expires: expires})
	err := writeExclusive(path, data)
	if err == nil {
		return receipt, true, nil
	}
	if !errors.Is(err, forms.ErrExists) {
		return "", false, err
	}
	// The key is bound: under the claim lock (shared with Purge), keep it, or replace it if it has expired.
	mu := &s.claimMu[lockIndex(path)]
	mu.Lock()
	defer mu.Unlock()
	var c claim
	err = readJSON(path, &c)
	if errors.Is(err, fs.ErrNotExist) { // purged meanwhile
		if err := writeExclusive(path, data); err != nil {
			return "", false, err
		}
		return receipt, true, nil
	}
	if err != nil {
		return "", false, err
	}
	if !c.Expires.IsZero() && c.Expires.Before(s.now()) {
		if err := writeAtomic(path, data); err != nil {
			return "", false, err
		}
		return receipt, true, nil
	}
	return c.Receipt, false, nil
}

// ExtendClaim sets the expiry of key's binding when it is bound to receipt, under the claim lock (see
// forms.Records); otherwise it returns forms.ErrNotFound.
func (s *Store) ExtendClaim(ctx context.Context, key, receipt string, expires time.Time) error {
	path := filepath.Join(s.dir, "claims", hashName(key)+".json")
	mu := &s.claimMu[lockIndex(path)]
	mu.Lock()
	defer mu.Unlock()
	var c claim
	err := readJSON(path, &c)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && c.Receipt != receipt) {
		return forms.ErrNotFound
	}
	if err != nil {
		return err
	}
	data, _ := json.Marshal(claim{Receipt: receipt, Expires: expires})
	return writeAtomic(path, data)
}

// PutApplication stores a, or returns forms.ErrExists if its receipt is taken.
func (s *Store) PutApplication(ctx context.Context, a *forms.Application) error {
	return s.putRecord("applications", a.Receipt, a)
}

// GetApplication returns the application with that receipt.
func (s *Store) GetApplication(ctx context.Context, receipt string) (*forms.Application, bool, error) {
	var a forms.Application
	ok, err := s.getRecord("applications", receipt, &a)
	if !ok {
		return nil, false, err
	}
	return &a, true, nil
}

// PutMessage stores m, or returns forms.ErrExists if its ticket is taken.
func (s *Store) PutMessage(ctx context.Context, m *forms.Message) error {
	return s.putRecord("contact", m.Ticket, m)
}

// GetMessage returns the tenant's message with that ticket (for staff tools and tests).
func (s *Store) GetMessage(ctx context.Context, ticket string) (*forms.Message, bool, error) {
	var m forms.Message
	ok, err := s.getRecord("contact", ticket, &m)
	if !ok {
		return nil, false, err
	}
	return &m, true, nil
}

func (s *Store) putRecord(kind, ref string, v any) error {
	if !refRE.MatchString(ref) {
		return fmt.Errorf("localstore: bad reference %q", ref)
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeExclusive(filepath.Join(s.dir, kind, ref+".json"), append(data, '\n'))
}

func (s *Store) getRecord(kind, ref string, v any) (bool, error) {
	if !refRE.MatchString(ref) {
		return false, nil
	}
	err := readJSON(filepath.Join(s.dir, kind, ref+".json"), v)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

type latest struct {
	Receipt string `json:"receipt"`
	// Earlier lists the receipts it replaced, oldest first.
	Earlier []string `json:"earlier,omitempty"`
}

// SetLatest records receipt as the latest application of taxCode for call and returns the one it replaces.
// Setting the receipt that is already the latest changes nothing and returns "".
func (s *Store) SetLatest(ctx context.Context, call, taxCode, receipt string) (string, error) {
	path := s.latestPath(call, taxCode)
	mu := &s.latestMu[lockIndex(path)]
	mu.Lock()
	defer mu.Unlock()
	var l latest
	if err := readJSON(path, &l); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if l.Receipt == receipt {
		return "", nil
	}
	prev := l.Receipt
	if prev != "" {
		l.Earlier = append(l.Earlier, prev)
	}
	l.Receipt = receipt
	data, _ := json.Marshal(l)
	return prev, writeAtomic(path, data)
}

// Latest returns the latest receipt of taxCode for call, "" if none.
func (s *Store) Latest(ctx context.Context, call, taxCode string) (string, error) {
	var l latest
	err := readJSON(s.latestPath(call, taxCode), &l)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return l.Receipt, err
}

// lockIndex spreads the latest-index files over the store's locks, so different people never wait for each other.
func lockIndex(path string) int {
	h := 0
	for i := 0; i < len(path); i++ {
		h = h*31 + int(path[i])
	}
	return int(uint(h) % uint(len(Store{}.latestMu)))
}

func (s *Store) latestPath(call, taxCode string) string {
	return filepath.Join(s.dir, "latest", hashName(call+"\x00"+taxCode)+".json")
}

type mailStatus struct {
	Time   time.Time `json:"time"`
	Ref    string    `json:"ref"`
	Kind   string    `json:"kind"`
	Status string    `json:"status"`
}

// NoteMail appends the outcome of a mail to mail-status.log.
func (s *Store) NoteMail(ctx context.Context, ref, kind, status string) error {
	line, _ := json.Marshal(mailStatus{Time: time.Now().UTC(), Ref: ref, Kind: kind, Status: status})
	s.logMu.Lock()
	defer s.logMu.Unlock()
	f, err := os.OpenFile(filepath.Join(s.dir, "mail-status.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(append(line, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// MailStatus returns the lines of mail-status.log (for staff tools and tests).
func (s *Store) MailStatus() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(s.dir, "mail-status.log"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var out []string
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		if len(l) > 0 {
			out = append(out, string(l))
		}
	}
	return out, err
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func hashName(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
