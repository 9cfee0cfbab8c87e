package main

import (
	"context"
	"time"

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// archive is what the staff commands read; the local folder and AWS each implement it through an adapter below.
type archive interface {
	// Applications returns every live application, in any order.
	Applications(ctx context.Context) ([]forms.Application, error)
	// Application returns one application.
	Application(ctx context.Context, receipt string) (*forms.Application, bool, error)
	// CV returns the file stored under key (forms.ErrNotFound if none).
	CV(ctx context.Context, key string) ([]byte, error)
	// Messages returns every live tenant's message, in any order.
	Messages(ctx context.Context) ([]forms.Message, error)
	// Message returns one message.
	Message(ctx context.Context, ticket string) (*forms.Message, bool, error)
	// Latest returns the receipt the latest-application index holds for taxCode (as given) and call.
	Latest(ctx context.Context, call, taxCode string) (string, error)
	// MailNotes returns the recorded outcome of every mail, in any order.
	MailNotes(ctx context.Context) ([]mailNote, error)
}

// mailNote is the outcome of one mail about a record; kind and status are the form core's words.
type mailNote struct {
	Time   time.Time
	Ref    string
	Kind   string
	Status string
}

type localArchive struct{ s *localstore.Store }

func (l localArchive) Applications(ctx context.Context) ([]forms.Application, error) {
	return l.s.ListApplications(ctx)
}
func (l localArchive) Application(ctx context.Context, r string) (*forms.Application, bool, error) {
	return l.s.GetApplication(ctx, r)
}
func (l localArchive) CV(ctx context.Context, key string) ([]byte, error) { return l.s.Get(ctx, key) }
func (l localArchive) Messages(ctx context.Context) ([]forms.Message, error) {
	return l.s.ListMessages(ctx)
}
func (l localArchive) Message(ctx context.Context, t string) (*forms.Message, bool, error) {
	return l.s.GetMessage(ctx, t)
}
func (l localArchive) Latest(ctx context.Context, call, taxCode string) (string, error) {
	return l.s.Latest(ctx, call, taxCode)
}
func (l localArchive) MailNotes(ctx context.Context) ([]mailNote, error) {
	notes, err := l.s.ListMailNotes(ctx)
	out := make([]mailNote, len(notes))
	for i, n := range notes {
		out[i] = mailNote(n)
	}
	return out, err
}

type awsArchive struct{ st *awsstore.Stores }

func (a awsArchive) Applications(ctx context.Context) ([]forms.Application, error) {
	return a.st.Records.ListApplications(ctx)
}
func (a awsArchive) Application(ctx context.Context, r string) (*forms.Application, bool, error) {
	return a.st.Records.GetApplication(ctx, r)
}
func (a awsArchive) CV(ctx context.Context, key string) ([]byte, error) {
	return a.st.Files.Get(ctx, key)
}
func (a awsArchive) Messages(ctx context.Context) ([]forms.Message, error) {
	return a.st.Records.ListMessages(ctx)
}
func (a awsArchive) Message(ctx context.Context, t string) (*forms.Message, bool, error) {
	return a.st.Records.GetMessage(ctx, t)
}
func (a awsArchive) Latest(ctx context.Context, call, taxCode string) (string, error) {
	return a.st.Records.Latest(ctx, call, taxCode)
}
func (a awsArchive) MailNotes(ctx context.Context) ([]mailNote, error) {
	notes, err := a.st.Records.ListMailNotes(ctx)
	out := make([]mailNote, len(notes))
	for i, n := range notes {
		out[i] = mailNote(n)
	}
	return out, err
}
