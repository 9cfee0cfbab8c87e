package awsstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Expired counts, per kind of item (APP, MSG, CLAIM, LATEST, MAIL), the items of both tables whose expires_at is
// before now: DynamoDB's TTL deletes them by itself, usually within two days, and reads already treat them as
// absent. For the staff command's "pulisci", which deletes nothing on AWS and says what the TTL will delete.
func (r *DynamoRecords) Expired(ctx context.Context, now time.Time) (map[string]int, error) {
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, tbl := range []string{r.Applications, r.Contact} {
		if tbl == "" || seen[tbl] {
			continue
		}
		seen[tbl] = true
		for _, prefix := range []string{"APP#", "MSG#", "CLAIM#", "LATEST#", "MAIL#"} {
			err := r.scanAll(ctx, tbl, prefix, func(item map[string]types.AttributeValue) error {
				if n, ok := item["expires_at"].(*types.AttributeValueMemberN); ok {
					if exp, err := strconv.ParseInt(n.Value, 10, 64); err == nil && exp < now.Unix() {
						counts[strings.TrimSuffix(prefix, "#")]++
					}
				}
				return nil
			})
			if err != nil {
				return counts, err
			}
		}
	}
	return counts, nil
}
