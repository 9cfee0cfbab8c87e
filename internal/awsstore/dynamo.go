package awsstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"quartieri/internal/forms"
)

// DynamoAPI is the part of the DynamoDB client that DynamoRecords uses; *dynamodb.Client implements it.
type DynamoAPI interface {
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}

// DefaultRetention is how long LATEST and MAIL items are kept when DynamoRecords.Retention is zero: the
// applications' retention of site.yaml (730 days).
const DefaultRetention = 730 * 24 * time.Hour

// DynamoRecords implements forms.Records on DynamoDB with the key schema of the package doc.
type DynamoRecords struct {
	Client DynamoAPI
	// Applications and Contact are the table names; a function may leave the other one's empty.
	Applications string
	Contact      string
	// Retention sets expires_at on the items that the interface gives no expiry (LATEST, MAIL, records without
	// ExpiresAt); zero means DefaultRetention.
	Retention time.Duration
	// Now is the clock used to skip expired items; nil means time.Now.
	Now func() time.Time
}

var _ forms.Records = (*DynamoRecords)(nil)

func (r *DynamoRecords) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *DynamoRecords) expiry() time.Time {
	d := r.Retention
	if d <= 0 {
		d = DefaultRetention
	}
	return r.now().Add(d)
}

// home is the table of claims and mail notes: the applications table if set, else the contact table.
func (r *DynamoRecords) home() (string, error) {
	if r.Applications != "" {
		return r.Applications, nil
	}
	return table(r.Contact, "CONTACT_TABLE")
}

func table(name, env string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("awsstore: no DynamoDB table configured (%s)", env)
	}
	return name, nil
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func epoch(t time.Time) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(t.Unix(), 10)}
}

func key(pk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": str(pk)}
}

// live reports whether item exists and its expires_at, if any, has not passed.
func (r *DynamoRecords) live(item map[string]types.AttributeValue) bool {
	if len(item) == 0 {
		return false
	}
	n, ok := item["expires_at"].(*types.AttributeValueMemberN)
	if !ok {
		return true
	}
	exp, err := strconv.ParseInt(n.Value, 10, 64)
	return err != nil || exp >= r.now().Unix()
}

func getS(item map[string]types.AttributeValue, name string) string {
	if s, ok := item[name].(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

func isConditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}

// putNew writes item unless an unexpired item with its pk exists; it returns forms.ErrExists if one does.
func (r *DynamoRecords) putNew(ctx context.Context, tbl string, item map[string]types.AttributeValue) error {
	_, err := r.Client.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                 aws.String(tbl),
		Item:                      item,
		ConditionExpression:       aws.String("attribute_not_exists(pk) OR #exp < :now"),
		ExpressionAttributeNames:  map[string]string{"#exp": "expires_at"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":now": epoch(r.now())},
	})
	if isConditionFailed(err) {
		return forms.ErrExists
	}
	if err != nil {
		return fmt.Errorf("awsstore: put %s: %w", strings.SplitN(getS(item, "pk"), "#", 2)[0], err)
	}
	return nil
}

func (r *DynamoRecords) get(ctx context.Context, tbl, pk string) (map[string]types.AttributeValue, error) {
	out, err := r.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(tbl), Key: key(pk), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("awsstore: get %s: %w", strings.SplitN(pk, "#", 2)[0], err)
	}
	if !r.live(out.Item) {
		return nil, nil
	}
	return out.Item, nil
}

// Claim binds key to receipt with a conditional write; if the key is bound already it returns that receipt.
func (r *DynamoRecords) Claim(ctx context.Context, k, receipt string, expires time.Time) (string, bool, error) {
	tbl, err := r.home()
	if err != nil {
		return "", false, err
	}
	pk := "CLAIM#" + k
	err = r.putNew(ctx, tbl, map[string]types.AttributeValue{"pk": str(pk), "receipt": str(receipt), "expires_at": epoch(expires)})
	if err == nil {
		return receipt, true, nil
	}
	if !errors.Is(err, forms.ErrExists) {
		return "", false, err
	}
	item, err := r.get(ctx, tbl, pk)
	if err != nil {
		return "", false, err
	}
	if item == nil {
		return "", false, errors.New("awsstore: claim vanished between write and read; retry")
	}
	return getS(item, "receipt"), false, nil
}

// ExtendClaim sets expires_at of the claim of k when it is bound to receipt (a conditional update); otherwise it
// returns forms.ErrNotFound.
func (r *DynamoRecords) ExtendClaim(ctx context.Context, k, receipt string, expires time.Time) error {
	tbl, err := r.home()
	if err != nil {
		return err
	}
	_, err = r.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(tbl),
		Key:                       key("CLAIM#" + k),
		UpdateExpression:          aws.String("SET #exp = :exp"),
		ConditionExpression:       aws.String("#r = :r"),
		ExpressionAttributeNames:  map[string]string{"#r": "receipt", "#exp": "expires_at"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":r": str(receipt), ":exp": epoch(expires)},
	})
	if isConditionFailed(err) {
		return forms.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("awsstore: extend claim: %w", err)
	}
	return nil
}

// PutApplication stores a under "APP#<receipt>"; an existing receipt gives forms.ErrExists.
func (r *DynamoRecords) PutApplication(ctx context.Context, a *forms.Application) error {
	tbl, err := table(r.Applications, "APPLICATIONS_TABLE")
	if err != nil {
		return err
	}
	c := *a
	if c.ExpiresAt.IsZero() {
		c.ExpiresAt = r.expiry()
	}
	item, err := attributevalue.MarshalMap(&c)
	if err != nil {
		return fmt.Errorf("awsstore: encode application: %w", err)
	}
	item["pk"] = str("APP#" + a.Receipt)
	return r.putNew(ctx, tbl, item)
}

// GetApplication reads the application with that receipt; an expired one is reported as missing.
func (r *DynamoRecords) GetApplication(ctx context.Context, receipt string) (*forms.Application, bool, error) {
	tbl, err := table(r.Applications, "APPLICATIONS_TABLE")
	if err != nil {
		return nil, false, err
	}
	return getRecord[forms.Application](ctx, r, tbl, "APP#"+receipt)
}

// getRecord reads and decodes the item with key pk; an expired or missing one is reported as missing.
func getRecord[T any](ctx context.Context, r *DynamoRecords, tbl, pk string) (*T, bool, error) {
	item, err := r.get(ctx, tbl, pk)
	if err != nil || item == nil {
		return nil, false, err
	}
	var v T
	if err := attributevalue.UnmarshalMap(item, &v); err != nil {
		return nil, false, fmt.Errorf("awsstore: decode %s: %w", strings.SplitN(pk, "#", 2)[0], err)
	}
	return &v, true, nil
}

// LatestKey is the pk of the item that holds a person's latest application to a call: the codice fiscale is
// hashed (upper-cased, spaces trimmed) so that it never appears in a key.
func LatestKey(call, taxCode string) string {
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(taxCode))))
	return "LATEST#" + call + "#" + hex.EncodeToString(sum[:])
}

// SetLatest records receipt as the latest application of taxCode to call and returns the one it replaces.
func (r *DynamoRecords) SetLatest(ctx context.Context, call, taxCode, receipt string) (string, error) {
	tbl, err := table(r.Applications, "APPLICATIONS_TABLE")
	if err != nil {
		return "", err
	}
	out, err := r.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(tbl),
		Key:                       key(LatestKey(call, taxCode)),
		UpdateExpression:          aws.String("SET #r = :r, #exp = :exp"),
		ExpressionAttributeNames:  map[string]string{"#r": "receipt", "#exp": "expires_at"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":r": str(receipt), ":exp": epoch(r.expiry())},
		ReturnValues:              types.ReturnValueAllOld,
	})
	if err != nil {
		return "", fmt.Errorf("awsstore: set latest: %w", err)
	}
	if !r.live(out.Attributes) {
		return "", nil
	}
	return getS(out.Attributes, "receipt"), nil
}

// Latest returns the receipt of the latest live application of taxCode to call, "" if there is none.
func (r *DynamoRecords) Latest(ctx context.Context, call, taxCode string) (string, error) {
	tbl, err := table(r.Applications, "APPLICATIONS_TABLE")
	if err != nil {
		return "", err
	}
	item, err := r.get(ctx, tbl, LatestKey(call, taxCode))
	if err != nil || item == nil {
		return "", err
	}
	return getS(item, "receipt"), nil
}

// PutMessage stores m under "MSG#<ticket>" in the contact table; an existing ticket gives forms.ErrExists.
func (r *DynamoRecords) PutMessage(ctx context.Context, m *forms.Message) error {
	tbl, err := table(r.Contact, "CONTACT_TABLE")
	if err != nil {
		return err
	}
	c := *m
	if c.ExpiresAt.IsZero() {
		c.ExpiresAt = r.expiry()
	}
	item, err := attributevalue.MarshalMap(&c)
	if err != nil {
		return fmt.Errorf("awsstore: encode message: %w", err)
	}
	item["pk"] = str("MSG#" + m.Ticket)
	return r.putNew(ctx, tbl, item)
}
