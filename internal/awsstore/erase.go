package awsstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Access and erasure are for the staff command (GDPR articles 15 and 17); the Lambda functions never delete.
// Holdings finds every item and object about some records, expired or not (DynamoDB's TTL and the S3 lifecycle
// delete lazily), and Erase deletes them: every version of each CV and delete marker (ListObjectVersions, then
// DeleteObject with the VersionId), so a versioned bucket keeps no copy. The staff role then also needs, besides
// reading: dynamodb:DeleteItem and dynamodb:PutItem (the erasure log) on both tables; s3:ListBucket and
// s3:ListBucketVersions on the bucket; s3:GetObjectVersion, s3:DeleteObject and s3:DeleteObjectVersion on its
// objects (and kms:Decrypt with CV_KMS_KEY_ID, to compare kept CVs).

// Item is one thing stored about a record.
type Item struct {
	// Kind is what it is: application, message, cv (one version of a record's CV), pending-cv (one version of a
	// CV kept under pending/), claim, latest, mail-notes.
	Kind string
	// Ref is the receipt or ticket the item belongs to.
	Ref string
	// Table and PK address a DynamoDB item; Key and VersionID an S3 object version (VersionID "null" when the
	// bucket never had versioning).
	Table, PK, Key, VersionID string
	// Expires is the item's expires_at (zero when it has none or for S3 objects).
	Expires time.Time
}

// IsRecord reports whether the item is an application or a message: Erase deletes those last.
func (it Item) IsRecord() bool { return it.Kind == "application" || it.Kind == "message" }

// Holdings returns what the tables and the bucket hold about the records refs (receipts and tickets): the
// records; every version of their CVs; every version of a CV kept under pending/ whose SHA-256 is one of the
// records' CVs; the claims bound to them (idempotency keys and the receipt's reservation); the latest-index
// entries naming them; their mail notes.
func (st *Stores) Holdings(ctx context.Context, refs []string) ([]Item, error) {
	r := st.Records
	var out []Item
	sums := map[string]string{} // CV SHA-256: ref
	for _, ref := range refs {
		for _, c := range []struct{ kind, table, pk string }{
			{"application", r.Applications, "APP#" + ref}, {"message", r.Contact, "MSG#" + ref},
		} {
			if c.table == "" {
				continue
			}
			item, err := st.getAny(ctx, c.table, c.pk)
			if err != nil {
				return nil, err
			}
			if item == nil {
				continue
			}
			out = append(out, Item{Kind: c.kind, Ref: ref, Table: c.table, PK: c.pk, Expires: expiresOf(item)})
			if k := getS(item, "cv_key"); k != "" && st.Files != nil && st.Files.Bucket != "" {
				versions, err := st.versions(ctx, k)
				if err != nil {
					return nil, err
				}
				for _, v := range versions {
					v.Kind, v.Ref = "cv", ref
					out = append(out, v)
				}
			}
			if s := getS(item, "cv_sha256"); s != "" {
				sums[s] = ref
			}
		}
	}
	for _, tbl := range st.tables() {
		for _, ref := range refs {
			item, err := st.getAny(ctx, tbl, "MAIL#"+ref)
			if err != nil {
				return nil, err
			}
			if item != nil {
				out = append(out, Item{Kind: "mail-notes", Ref: ref, Table: tbl, PK: "MAIL#" + ref, Expires: expiresOf(item)})
			}
		}
		for _, prefix := range []string{"CLAIM#", "LATEST#"} {
			err := r.scanAll(ctx, tbl, prefix, func(item map[string]dtypes.AttributeValue) error {
				pk, rec := getS(item, "pk"), getS(item, "receipt")
				ref := rec
				if k, ok := strings.CutPrefix(pk, "CLAIM#receipt:"); ok {
					ref = k
				}
				if slices.Contains(refs, ref) {
					kind := "claim"
					if prefix == "LATEST#" {
						kind = "latest"
					}
					out = append(out, Item{Kind: kind, Ref: ref, Table: tbl, PK: pk, Expires: expiresOf(item)})
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	if len(sums) > 0 && st.Files != nil && st.Files.Bucket != "" {
		pending, err := st.versions(ctx, "pending/")
		if err != nil {
			return nil, err
		}
		for _, v := range pending {
			if v.Kind == "marker" { // nothing to compare: what it hides is listed as a version
				continue
			}
			sum, err := st.versionSum(ctx, v)
			if err != nil {
				return nil, err
			}
			if ref, ok := sums[sum]; ok {
				v.Kind, v.Ref = "pending-cv", ref
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// Erase deletes items: everything else first, the records last, so that after a failure the records are still
// there and Holdings finds what is left. A missing item is not an error (deletes are idempotent).
func (st *Stores) Erase(ctx context.Context, items []Item) error {
	var errs []error
	for _, pass := range []bool{false, true} {
		if pass && len(errs) > 0 {
			break // keep the records: a second run finds the rest through them
		}
		for _, it := range items {
			if it.IsRecord() != pass {
				continue
			}
			if err := st.erase(ctx, it); err != nil {
				errs = append(errs, fmt.Errorf("%s %s: %w", it.Kind, it.Ref, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (st *Stores) erase(ctx context.Context, it Item) error {
	if it.Key != "" {
		in := &s3.DeleteObjectInput{Bucket: aws.String(st.Files.Bucket), Key: aws.String(it.Key)}
		if it.VersionID != "" {
			in.VersionId = aws.String(it.VersionID)
		}
		_, err := st.S3.DeleteObject(ctx, in)
		return err
	}
	_, err := st.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(it.Table), Key: key(it.PK)})
	return err
}

// LogErasure stores an entry of the erasure log under "ERASURE#<id>" in the home table, without expiry: what
// was erased and when, never whose (the caller passes no personal data).
func (st *Stores) LogErasure(ctx context.Context, id string, at time.Time, what string) error {
	tbl, err := st.Records.home()
	if err != nil {
		return err
	}
	return st.Records.putNew(ctx, tbl, map[string]dtypes.AttributeValue{
		"pk": str("ERASURE#" + id), "time": str(at.UTC().Format(time.RFC3339)), "erased": str(what)})
}

func (st *Stores) tables() []string {
	var out []string
	for _, t := range []string{st.Records.Applications, st.Records.Contact} {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// getAny reads an item whether or not it has expired.
func (st *Stores) getAny(ctx context.Context, tbl, pk string) (map[string]dtypes.AttributeValue, error) {
	out, err := st.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(tbl), Key: key(pk), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("awsstore: get %s: %w", strings.SplitN(pk, "#", 2)[0], err)
	}
	if len(out.Item) == 0 {
		return nil, nil
	}
	return out.Item, nil
}

// versions lists every version and delete marker of the objects under prefix (a key is its own prefix; only
// exact matches count unless prefix ends in "/").
func (st *Stores) versions(ctx context.Context, prefix string) ([]Item, error) {
	var out []Item
	p := s3.NewListObjectVersionsPaginator(st.S3, &s3.ListObjectVersionsInput{Bucket: aws.String(st.Files.Bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("awsstore: list versions: %w", err)
		}
		for _, v := range page.Versions {
			if k := aws.ToString(v.Key); k == prefix || strings.HasSuffix(prefix, "/") {
				out = append(out, Item{Key: k, VersionID: aws.ToString(v.VersionId)})
			}
		}
		for _, m := range page.DeleteMarkers {
			if k := aws.ToString(m.Key); k == prefix || strings.HasSuffix(prefix, "/") {
				out = append(out, Item{Kind: "marker", Key: k, VersionID: aws.ToString(m.VersionId)})
			}
		}
	}
	return out, nil
}

// versionSum is the hex SHA-256 of one object version (at most MaxGet bytes read).
func (st *Stores) versionSum(ctx context.Context, v Item) (string, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(st.Files.Bucket), Key: aws.String(v.Key)}
	if v.VersionID != "" && v.VersionID != "null" {
		in.VersionId = aws.String(v.VersionID)
	}
	out, err := st.S3.GetObject(ctx, in)
	if err != nil {
		return "", fmt.Errorf("awsstore: get kept cv: %w", err)
	}
	defer out.Body.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(out.Body, MaxGet)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func expiresOf(item map[string]dtypes.AttributeValue) time.Time {
	if n, ok := item["expires_at"].(*dtypes.AttributeValueMemberN); ok {
		var sec int64
		if _, err := fmt.Sscan(n.Value, &sec); err == nil {
			return time.Unix(sec, 0)
		}
	}
	return time.Time{}
}
