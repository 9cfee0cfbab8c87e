package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// S3API is the part of the S3 client that S3Bucket uses; *s3.Client implements it.
type S3API interface {
	s3.ListObjectsV2APIClient
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	DeleteObjects(ctx context.Context, in *s3.DeleteObjectsInput, opts ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error)
}

// S3Bucket is a Bucket on S3: the site's files are the objects under Prefix ("" for the whole bucket, or a
// folder such as "prova/").
type S3Bucket struct {
	Client S3API
	Name   string
	Prefix string
}

// List lists every object under the prefix.
func (b *S3Bucket) List(ctx context.Context) ([]Object, error) {
	var out []Object
	pages := s3.NewListObjectsV2Paginator(b.Client, &s3.ListObjectsV2Input{Bucket: aws.String(b.Name), Prefix: aws.String(b.Prefix)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, b.explain("leggere l'elenco dei file del", err)
		}
		for _, o := range page.Contents {
			name := strings.TrimPrefix(aws.ToString(o.Key), b.Prefix)
			out = append(out, Object{Name: name, Size: aws.ToInt64(o.Size), MD5: etagMD5(aws.ToString(o.ETag))})
		}
	}
	return out, nil
}

// etagMD5 returns the MD5 an ETag holds: an object uploaded in one piece without SSE-KMS has its MD5 as ETag;
// a multipart ETag ("...-3") or an SSE-KMS one is no MD5 of the content, and gives "".
func etagMD5(etag string) string {
	etag = strings.ToLower(strings.Trim(etag, `"`))
	if len(etag) != 32 || strings.Trim(etag, "0123456789abcdef") != "" {
		return ""
	}
	return etag
}

// Put uploads one file with its Content-Type and Cache-Control. The body is seekable, so the SDK can checksum it
// and retry.
func (b *S3Bucket) Put(ctx context.Context, u Upload) error {
	_, err := b.Client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:        aws.String(b.Name),
		Key:           aws.String(b.Prefix + u.Name),
		Body:          bytes.NewReader(u.Data),
		ContentLength: aws.Int64(int64(len(u.Data))),
		ContentType:   aws.String(u.ContentType),
		CacheControl:  aws.String(u.CacheControl),
	})
	if err != nil {
		return b.explain("caricare "+u.Name+" nel", err)
	}
	return nil
}

// Delete deletes the files in one request.
func (b *S3Bucket) Delete(ctx context.Context, names []string) error {
	ids := make([]types.ObjectIdentifier, len(names))
	for i, n := range names {
		ids[i] = types.ObjectIdentifier{Key: aws.String(b.Prefix + n)}
	}
	out, err := b.Client.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b.Name),
		Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
	if err != nil {
		return b.explain("eliminare file dal", err)
	}
	if len(out.Errors) > 0 {
		e := out.Errors[0]
		return fmt.Errorf("impossibile eliminare %s dal bucket %s: %s (%s), e altri %d", aws.ToString(e.Key), b.Name,
			aws.ToString(e.Message), aws.ToString(e.Code), len(out.Errors)-1)
	}
	return nil
}

// explain turns an S3 error into a sentence that says what to check.
func (b *S3Bucket) explain(doing string, err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchBucket":
			return fmt.Errorf("impossibile %s bucket %s: il bucket non esiste; controlla -bucket (il nome è tra gli output del modello SAM)", doing, b.Name)
		case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken":
			return fmt.Errorf("impossibile %s bucket %s: accesso negato (%s); controlla le credenziali AWS (AWS_PROFILE, aws sso login) e i permessi", doing, b.Name, ae.ErrorCode())
		}
	}
	return fmt.Errorf("impossibile %s bucket %s: %w", doing, b.Name, err)
}
