package main

import (
	"context"

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// archive is what the staff commands read, in the stores' own words: *localstore.Store has every method, and on
// AWS the tables and the CV bucket together (awsArchive) have them.
type archive interface {
	// ListApplications returns every live application, in any order.
	ListApplications(ctx context.Context) ([]forms.Application, error)
	// GetApplication returns one application.
	GetApplication(ctx context.Context, receipt string) (*forms.Application, bool, error)
	// Get returns the file stored under key, such as a CV (forms.ErrNotFound if none).
	Get(ctx context.Context, key string) ([]byte, error)
	// ListMessages returns every live tenant's message, in any order.
	ListMessages(ctx context.Context) ([]forms.Message, error)
	// GetMessage returns one message.
	GetMessage(ctx context.Context, ticket string) (*forms.Message, bool, error)
	// Latest returns the receipt the latest-application index holds for taxCode (as given) and call.
	Latest(ctx context.Context, call, taxCode string) (string, error)
	// ListMailNotes returns the recorded outcome of every mail, in any order.
	ListMailNotes(ctx context.Context) ([]forms.MailNote, error)
}

// localArchive is the data folder of `generator serve`.
type localArchive struct{ *localstore.Store }

// awsArchive is the tables and the CV bucket.
type awsArchive struct {
	*awsstore.DynamoRecords
	*awsstore.S3Files
	st *awsstore.Stores
}
