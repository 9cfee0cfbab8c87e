package forms

import (
	"context"
	"errors"
	"time"
)

// The form core depends on three small stores. Each has a local implementation (files under -data, used by
// `generator serve`) and an AWS one (DynamoDB, S3, SES v2, used by the Lambda functions). The core never imports
// the AWS SDK.

// Application is one stored job application.
type Application struct {
	Receipt     string    `json:"receipt" dynamodbav:"receipt"`
	Call        string    `json:"call" dynamodbav:"call"`
	GivenName   string    `json:"given_name" dynamodbav:"given_name"`
	FamilyName  string    `json:"family_name" dynamodbav:"family_name"`
	TaxCode     string    `json:"tax_code" dynamodbav:"tax_code"`
	Email       string    `json:"email" dynamodbav:"email"`
	Phone       string    `json:"phone" dynamodbav:"phone"`
	Education   string    `json:"education,omitempty" dynamodbav:"education,omitempty"`
	Message     string    `json:"message,omitempty" dynamodbav:"message,omitempty"`
	Declaration bool      `json:"declaration" dynamodbav:"declaration"`
	Privacy     bool      `json:"privacy" dynamodbav:"privacy"`
	CVKey       string    `json:"cv_key" dynamodbav:"cv_key"`
	CVName      string    `json:"cv_name" dynamodbav:"cv_name"`
	CVSize      int64     `json:"cv_size" dynamodbav:"cv_size"`
	CVSHA256    string    `json:"cv_sha256" dynamodbav:"cv_sha256"`
	SubmittedAt time.Time `json:"submitted_at" dynamodbav:"submitted_at"`
	// Supersedes is the receipt of the earlier application from the same codice fiscale for the same call.
	Supersedes string `json:"supersedes,omitempty" dynamodbav:"supersedes,omitempty"`
	// Suspect lists the anti-spam signals that fired (honeypot, token); a suspect application is kept, never dropped.
	Suspect []string `json:"suspect,omitempty" dynamodbav:"suspect,omitempty"`
	// ExpiresAt is when the retention period ends (DynamoDB TTL attribute, epoch seconds there).
	ExpiresAt time.Time `json:"expires_at" dynamodbav:"expires_at,unixtime"`
}

// Message is one tenant's message to the community manager of a town.
type Message struct {
	Ticket      string    `json:"ticket" dynamodbav:"ticket"`
	Name        string    `json:"name" dynamodbav:"name"`
	Town        string    `json:"town" dynamodbav:"town"`
	Topic       string    `json:"topic" dynamodbav:"topic"`
	Email       string    `json:"email,omitempty" dynamodbav:"email,omitempty"`
	Phone       string    `json:"phone,omitempty" dynamodbav:"phone,omitempty"`
	Message     string    `json:"message" dynamodbav:"message"`
	Privacy     bool      `json:"privacy" dynamodbav:"privacy"`
	Urgent      bool      `json:"urgent" dynamodbav:"urgent"` // topic "payments": staff see it first
	SubmittedAt time.Time `json:"submitted_at" dynamodbav:"submitted_at"`
	Suspect     []string  `json:"suspect,omitempty" dynamodbav:"suspect,omitempty"`
	ExpiresAt   time.Time `json:"expires_at" dynamodbav:"expires_at,unixtime"`
	// Lang is the language of the page the message was sent from, when it is not the site's ("ar").
	Lang string `json:"lang,omitempty" dynamodbav:"lang,omitempty"`
}

// Mail is a plain-text message. Every header value has been checked for CR and LF by the core before it gets here.
type Mail struct {
	From    string
	To      []string
	ReplyTo string
	Subject string
	Text    string
	// Ref names the record the mail is about (a receipt or ticket number), for logs and the outbox.
	Ref string
}

// ErrExists is returned by conditional writes when the item is already there.
var ErrExists = errors.New("forms: already exists")

// ErrNotFound is returned by Files.Get when there is nothing under the key, and by Records.ExtendClaim when the
// key is not bound to that receipt.
var ErrNotFound = errors.New("forms: not found")

// Records is the durable store of applications and messages.
type Records interface {
	// Claim binds an idempotency key to a receipt unless the key is already bound; it returns the receipt bound
	// to the key and whether this call bound it. A binding whose expires has passed counts as absent: the new
	// one replaces it (the core gives keys made without the page's _idem a one-day expiry).
	Claim(ctx context.Context, key, receipt string, expires time.Time) (bound string, fresh bool, err error)
	// ExtendClaim sets when the binding of key ends, if key is bound to receipt (expired or not); otherwise it
	// returns ErrNotFound. (Added by the form core: a receipt's reservation lasts a day until its record is
	// stored, then as long as the record; see reserveReceipt.)
	ExtendClaim(ctx context.Context, key, receipt string, expires time.Time) error
	// PutApplication stores a; if the receipt is taken it returns ErrExists.
	PutApplication(ctx context.Context, a *Application) error
	// GetApplication returns the application with that receipt.
	GetApplication(ctx context.Context, receipt string) (*Application, bool, error)
	// SetLatest records receipt as the latest application of taxCode for call and returns the receipt it
	// replaces ("" for the first one).
	SetLatest(ctx context.Context, call, taxCode, receipt string) (previous string, err error)
	// Latest returns the latest application's receipt of taxCode for call, "" if there is none. (Added by the
	// form core: it reads it before storing a new application, to fill Supersedes in the one write, and calls
	// SetLatest only once the application is stored, so the index never points at a missing record.)
	Latest(ctx context.Context, call, taxCode string) (string, error)
	// PutMessage stores m; if the ticket is taken it returns ErrExists.
	PutMessage(ctx context.Context, m *Message) error
	// NoteMail records the outcome of a mail about a record ("sent" or "failed: reason"), for staff and retries.
	NoteMail(ctx context.Context, ref, kind, status string) error
}

// Files stores CVs: private, encrypted at rest.
type Files interface {
	// Put stores body under key with the given content type.
	Put(ctx context.Context, key, contentType string, body []byte) error
	// Get returns what is stored under key, or ErrNotFound. (Added by the form core: a valid CV received with
	// a request that had errors elsewhere is kept under "pending/<random>" and, when the corrected form comes
	// back, copied to "cv/<call>/<receipt>.pdf", so the candidate need not upload it again — WCAG 3.3.7.
	// Pending objects may expire after a day: the S3 lifecycle can delete the "pending/" prefix.)
	Get(ctx context.Context, key string) ([]byte, error)
}

// Mailer sends mail.
type Mailer interface {
	Send(ctx context.Context, m *Mail) error
}

// MailNote is the recorded outcome of one mail about a record, as NoteMail stored it; the stores list them for
// the staff command.
type MailNote struct {
	Time time.Time
	// Ref is the receipt or ticket number the mail is about.
	Ref string
	// Kind is the mail's kind: candidate, staff, presidio, tenant, superseded.
	Kind string
	// Status is "sent" or "failed: reason".
	Status string
}
