package awsstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"quartieri/internal/forms"
)

// Listing is for staff tools (functions/staff), which read what came in; the Lambda functions never list. It
// scans the tables (a Scan with a filter on the pk prefix, every page), so the staff role needs dynamodb:Scan and
// dynamodb:GetItem on both tables and s3:GetObject on the CV bucket; the functions' roles still need no Scan.
// Items whose expires_at has passed are left out: DynamoDB's TTL deletes them lazily. DynamoRecords.Client must
// also implement dynamodb.ScanAPIClient, as *dynamodb.Client does.

// ListApplications returns every live application of the applications table, in no particular order.
func (r *DynamoRecords) ListApplications(ctx context.Context) ([]forms.Application, error) {
	tbl, err := table(r.Applications, "APPLICATIONS_TABLE")
	if err != nil {
		return nil, err
	}
	var out []forms.Application
	err = r.scan(ctx, tbl, "APP#", func(item map[string]types.AttributeValue) error {
		var a forms.Application
		if err := attributevalue.UnmarshalMap(item, &a); err != nil {
			return fmt.Errorf("awsstore: decode application: %w", err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// ListMessages returns every live tenant's message of the contact table, in no particular order.
func (r *DynamoRecords) ListMessages(ctx context.Context) ([]forms.Message, error) {
	tbl, err := table(r.Contact, "CONTACT_TABLE")
	if err != nil {
		return nil, err
	}
	var out []forms.Message
	err = r.scan(ctx, tbl, "MSG#", func(item map[string]types.AttributeValue) error {
		var m forms.Message
		if err := attributevalue.UnmarshalMap(item, &m); err != nil {
			return fmt.Errorf("awsstore: decode message: %w", err)
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// GetMessage reads the tenant's message with that ticket; an expired one is reported as missing.
func (r *DynamoRecords) GetMessage(ctx context.Context, ticket string) (*forms.Message, bool, error) {
	tbl, err := table(r.Contact, "CONTACT_TABLE")
	if err != nil {
		return nil, false, err
	}
	return getRecord[forms.Message](ctx, r, tbl, "MSG#"+ticket)
}

// ListMailNotes returns the mail notes of both tables (each function keeps its own in its table; see
// NoteMail), in no particular order.
func (r *DynamoRecords) ListMailNotes(ctx context.Context) ([]forms.MailNote, error) {
	tables := []string{r.Applications}
	if r.Contact != r.Applications {
		tables = append(tables, r.Contact)
	}
	var out []forms.MailNote
	scanned := false
	for _, tbl := range tables {
		if tbl == "" {
			continue
		}
		scanned = true
		err := r.scan(ctx, tbl, "MAIL#", func(item map[string]types.AttributeValue) error {
			ref := strings.TrimPrefix(getS(item, "pk"), "MAIL#")
			if l, ok := item["mails"].(*types.AttributeValueMemberL); ok {
				for _, v := range l.Value {
					if s, ok := v.(*types.AttributeValueMemberS); ok {
						out = append(out, parseMailNote(ref, s.Value))
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if !scanned {
		return nil, fmt.Errorf("awsstore: no DynamoDB table configured (APPLICATIONS_TABLE, CONTACT_TABLE)")
	}
	return out, nil
}

// parseMailNote reads an entry written by NoteMail: "<kind>: <status> (<RFC 3339 time>)". The status may itself
// hold colons and parentheses, so the kind ends at the first ": " and the time is the last parenthesis.
func parseMailNote(ref, entry string) forms.MailNote {
	n := forms.MailNote{Ref: ref, Status: entry}
	if kind, rest, ok := strings.Cut(entry, ": "); ok {
		n.Kind, n.Status = kind, rest
	}
	if i := strings.LastIndex(n.Status, " ("); i >= 0 && strings.HasSuffix(n.Status, ")") {
		if t, err := time.Parse(time.RFC3339, n.Status[i+2:len(n.Status)-1]); err == nil {
			n.Time, n.Status = t, n.Status[:i]
		}
	}
	return n
}

// scan calls each for every live item of tbl whose pk starts with prefix, page after page.
func (r *DynamoRecords) scan(ctx context.Context, tbl, prefix string, each func(map[string]types.AttributeValue) error) error {
	return r.scanItems(ctx, tbl, prefix, false, each)
}

// scanAll is scan with the expired items too (they are stored until DynamoDB's TTL deletes them).
func (r *DynamoRecords) scanAll(ctx context.Context, tbl, prefix string, each func(map[string]types.AttributeValue) error) error {
	return r.scanItems(ctx, tbl, prefix, true, each)
}

func (r *DynamoRecords) scanItems(ctx context.Context, tbl, prefix string, expired bool, each func(map[string]types.AttributeValue) error) error {
	client, ok := r.Client.(dynamodb.ScanAPIClient)
	if !ok {
		return errors.New("awsstore: the DynamoDB client cannot Scan")
	}
	p := dynamodb.NewScanPaginator(client, &dynamodb.ScanInput{
		TableName:                 aws.String(tbl),
		FilterExpression:          aws.String("begins_with(pk, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("awsstore: scan %s: %w", strings.TrimSuffix(prefix, "#"), err)
		}
		for _, item := range page.Items {
			if !expired && !r.live(item) {
				continue
			}
			if err := each(item); err != nil {
				return err
			}
		}
	}
	return nil
}

// ListStored returns every application and message of the tables, expired or not: an expired item is still held
// until DynamoDB's TTL deletes it, so the staff command's access and erasure must find it.
func (r *DynamoRecords) ListStored(ctx context.Context) ([]forms.Application, []forms.Message, error) {
	all := *r
	all.Now = func() time.Time { return time.Time{} } // every expires_at is after the zero time: all items count
	var apps []forms.Application
	var msgs []forms.Message
	var err, err2 error
	if r.Applications != "" {
		apps, err = all.ListApplications(ctx)
	}
	if r.Contact != "" {
		msgs, err2 = all.ListMessages(ctx)
	}
	return apps, msgs, errors.Join(err, err2)
}
