package awsstore

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// NoteMail appends "<kind>: <status> (<time>)" to the mails list of the item "MAIL#<ref>".
func (r *DynamoRecords) NoteMail(ctx context.Context, ref, kind, status string) error {
	tbl, err := r.home()
	if err != nil {
		return err
	}
	entry := fmt.Sprintf("%s: %s (%s)", kind, status, r.now().UTC().Format(time.RFC3339))
	_, err = r.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(tbl),
		Key:                      key("MAIL#" + ref),
		UpdateExpression:         aws.String("SET #m = list_append(if_not_exists(#m, :empty), :e), #exp = if_not_exists(#exp, :exp)"),
		ExpressionAttributeNames: map[string]string{"#m": "mails", "#exp": "expires_at"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":empty": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			":e":     &types.AttributeValueMemberL{Value: []types.AttributeValue{str(entry)}},
			":exp":   epoch(r.expiry()),
		},
	})
	if err != nil {
		return fmt.Errorf("awsstore: note mail: %w", err)
	}
	return nil
}

// Mails returns the mail notes of ref, oldest first (for staff tools and tests).
func (r *DynamoRecords) Mails(ctx context.Context, ref string) ([]string, error) {
	tbl, err := r.home()
	if err != nil {
		return nil, err
	}
	item, err := r.get(ctx, tbl, "MAIL#"+ref)
	if err != nil || item == nil {
		return nil, err
	}
	var out []string
	if l, ok := item["mails"].(*types.AttributeValueMemberL); ok {
		for _, v := range l.Value {
			if s, ok := v.(*types.AttributeValueMemberS); ok {
				out = append(out, s.Value)
			}
		}
	}
	return out, nil
}
