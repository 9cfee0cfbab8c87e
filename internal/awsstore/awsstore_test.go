package awsstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"quartieri/internal/forms"
)

// The stores are tested against real servers in internal/integration; these tests cover what needs none.

func TestLatestKey(t *testing.T) {
	a := LatestKey("c1", "RSSMRA85T10A562S")
	tests := []struct {
		call, cf string
		same     bool
	}{
		{"c1", " rssmra85t10a562s ", true},
		{"c1", "VRDGPP80A01F205X", false},
		{"c2", "RSSMRA85T10A562S", false},
	}
	for _, tt := range tests {
		if got := LatestKey(tt.call, tt.cf); (got == a) != tt.same {
			t.Errorf("LatestKey(%q, %q) = %q; same as %q: want %v", tt.call, tt.cf, got, a, tt.same)
		}
	}
	if strings.Contains(a, "RSSMRA") || !strings.HasPrefix(a, "LATEST#c1#") || len(a) != len("LATEST#c1#")+64 {
		t.Errorf("LatestKey = %q: want LATEST#c1#<64 hex>", a)
	}
}

type sesFake struct{ in []*sesv2.SendEmailInput }

func (f *sesFake) SendEmail(_ context.Context, in *sesv2.SendEmailInput, _ ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error) {
	f.in = append(f.in, in)
	return &sesv2.SendEmailOutput{}, nil
}

func TestSESMailerRefusesLineBreaks(t *testing.T) {
	ok := forms.Mail{From: "a@example.org", To: []string{"b@example.org"}, Subject: "s", Text: "line 1\r\nline 2"}
	tests := []struct {
		name string
		edit func(m *forms.Mail)
		want error
	}{
		{"text may have line breaks", func(m *forms.Mail) {}, nil},
		{"subject", func(m *forms.Mail) { m.Subject = "s\r\nBcc: x@example.org" }, ErrHeaderInjection},
		{"from", func(m *forms.Mail) { m.From = "a@example.org\n" }, ErrHeaderInjection},
		{"reply-to", func(m *forms.Mail) { m.ReplyTo = "c@example.org\rX: y" }, ErrHeaderInjection},
		{"to", func(m *forms.Mail) { m.To = []string{"b@example.org", "c@example.org\n"} }, ErrHeaderInjection},
	}
	for _, tt := range tests {
		f := &sesFake{}
		m := ok
		tt.edit(&m)
		err := (&SESMailer{Client: f}).Send(context.Background(), &m)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (len(f.in) == 1) {
			t.Errorf("%s: err %v, %d sent; want %v", tt.name, err, len(f.in), tt.want)
		}
	}
}

type dynamoDown struct{}

var errDown = errors.New("connection refused")

func (dynamoDown) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return nil, errDown
}
func (dynamoDown) GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return nil, errDown
}
func (dynamoDown) UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	return nil, &types.ConditionalCheckFailedException{}
}

func TestDynamoErrorsAreNotErrExists(t *testing.T) {
	r := &DynamoRecords{Client: dynamoDown{}, Applications: "a", Contact: "c"}
	ctx := context.Background()
	if err := r.PutApplication(ctx, &forms.Application{Receipt: "R"}); !errors.Is(err, errDown) || errors.Is(err, forms.ErrExists) {
		t.Errorf("PutApplication on a failing table = %v", err)
	}
	if _, _, err := r.Claim(ctx, "k", "R", time.Now()); !errors.Is(err, errDown) {
		t.Errorf("Claim on a failing table = %v", err)
	}
	if _, err := r.SetLatest(ctx, "c", "cf", "R"); err == nil {
		t.Errorf("SetLatest on a failing table succeeded")
	}
	if err := (&DynamoRecords{Client: dynamoDown{}}).NoteMail(ctx, "R", "k", "sent"); err == nil || !strings.Contains(err.Error(), "CONTACT_TABLE") {
		t.Errorf("NoteMail without tables = %v", err)
	}
}

func TestDays(t *testing.T) {
	if Days(730) != 730*24*time.Hour || Days(0) != 0 || Days(-1) != 0 {
		t.Errorf("Days wrong")
	}
}
