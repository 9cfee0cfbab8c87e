package awsstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"

	"quartieri/internal/forms"
)

// SESAPI is the part of the SES v2 client that SESMailer uses; *sesv2.Client implements it.
type SESAPI interface {
	SendEmail(ctx context.Context, in *sesv2.SendEmailInput, opts ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

// SESMailer implements forms.Mailer with SES v2 simple (UTF-8 plain-text) mails. SES builds the headers itself,
// from structured fields; as a second line of defence, Send refuses any address or subject holding CR or LF.
type SESMailer struct {
	Client SESAPI
	// ConfigurationSet, when set, is named on every mail (for SES event publishing).
	ConfigurationSet string
}

var _ forms.Mailer = (*SESMailer)(nil)

// ErrHeaderInjection is returned for a mail whose sender, recipients, reply-to or subject contain a line break.
var ErrHeaderInjection = errors.New("awsstore: line break in a mail header")

// Send sends m with From as the sender, To as recipients and ReplyTo, if any, as the only reply address.
func (s *SESMailer) Send(ctx context.Context, m *forms.Mail) error {
	for _, h := range append([]string{m.From, m.ReplyTo, m.Subject}, m.To...) {
		if strings.ContainsAny(h, "\r\n") {
			return ErrHeaderInjection
		}
	}
	if len(m.To) == 0 {
		return errors.New("awsstore: mail without recipients")
	}
	utf8 := func(s string) *types.Content {
		return &types.Content{Data: aws.String(s), Charset: aws.String("UTF-8")}
	}
	in := &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(m.From),
		Destination:      &types.Destination{ToAddresses: m.To},
		Content: &types.EmailContent{Simple: &types.Message{
			Subject: utf8(m.Subject),
			Body:    &types.Body{Text: utf8(m.Text)},
		}},
	}
	if m.ReplyTo != "" {
		in.ReplyToAddresses = []string{m.ReplyTo}
	}
	if s.ConfigurationSet != "" {
		in.ConfigurationSetName = aws.String(s.ConfigurationSet)
	}
	if _, err := s.Client.SendEmail(ctx, in); err != nil {
		return fmt.Errorf("awsstore: send mail about %s: %w", m.Ref, err)
	}
	return nil
}
