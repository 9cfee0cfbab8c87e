package localstore

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"quartieri/internal/forms"
)

var mailSeq atomic.Int64

// Send writes m to the outbox as an .eml file instead of sending it.
func (s *Store) Send(ctx context.Context, m *forms.Mail) error {
	now := time.Now()
	msg, err := FormatMail(m, now, "<"+randomHex(12)+"@quartieri.localhost>")
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%s-%d.eml", now.UTC().Format("20060102T150405.000Z"), safeName(m.Ref), mailSeq.Add(1))
	return writeExclusive(filepath.Join(s.dir, "outbox", name), msg)
}

// Outbox returns the paths of the .eml files in the outbox, oldest first (for staff tools and tests).
func (s *Store) Outbox() ([]string, error) {
	return filepath.Glob(filepath.Join(s.dir, "outbox", "*.eml"))
}

var unsafeRE = regexp.MustCompile(`[^A-Za-z0-9-]`)

func safeName(ref string) string {
	if ref == "" {
		return "mail"
	}
	return unsafeRE.ReplaceAllString(ref, "_")
}

// FormatMail renders m as an RFC 5322 message: addresses checked and formatted by net/mail, the subject as a
// UTF-8 encoded-word when needed, the text body as UTF-8 quoted-printable with CRLF line ends. Any CR or LF in a
// header value is an error: nothing typed in a form can add a header.
func FormatMail(m *forms.Mail, date time.Time, messageID string) ([]byte, error) {
	from, err := address(m.From)
	if err != nil {
		return nil, fmt.Errorf("localstore: From: %w", err)
	}
	if len(m.To) == 0 {
		return nil, fmt.Errorf("localstore: no recipient")
	}
	var to []string
	for _, a := range m.To {
		s, err := address(a)
		if err != nil {
			return nil, fmt.Errorf("localstore: To: %w", err)
		}
		to = append(to, s)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || strings.ContainsAny(messageID, "\r\n") {
		return nil, fmt.Errorf("localstore: line break in a header")
	}
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("Date", date.Format(time.RFC1123Z))
	header("From", from)
	header("To", strings.Join(to, ", "))
	if m.ReplyTo != "" {
		rt, err := address(m.ReplyTo)
		if err != nil {
			return nil, fmt.Errorf("localstore: Reply-To: %w", err)
		}
		header("Reply-To", rt)
	}
	// Encoded words are folded one per line, so no header line grows past the recommended 78 characters.
	header("Subject", strings.ReplaceAll(mime.QEncoding.Encode("utf-8", m.Subject), "?= =?", "?=\r\n =?"))
	header("Message-ID", messageID)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(m.Text, "\r\n", "\n")))
	qp.Close()
	return b.Bytes(), nil
}

// address checks a bare address and formats it for a header.
func address(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("line break in address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", err
	}
	return (&mail.Address{Address: a.Address}).String(), nil
}
