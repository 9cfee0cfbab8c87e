package awsstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"quartieri/internal/forms"
)

// S3API is the part of the S3 client that S3Files uses; *s3.Client implements it.
type S3API interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

// S3Files implements forms.Files on a private S3 bucket, encrypting every object at rest: with SSE-S3 (AES256),
// or with SSE-KMS when KMSKeyID is set. Objects get no ACL, so the bucket's own (private) policy applies.
type S3Files struct {
	Client   S3API
	Bucket   string
	KMSKeyID string
}

var _ forms.Files = (*S3Files)(nil)

// Put stores body under key. The body is a seekable reader, so the SDK can sign and checksum it and retry.
func (f *S3Files) Put(ctx context.Context, key, contentType string, body []byte) error {
	if f.Bucket == "" {
		return fmt.Errorf("awsstore: no S3 bucket configured (CV_BUCKET)")
	}
	in := &s3.PutObjectInput{
		Bucket:               aws.String(f.Bucket),
		Key:                  aws.String(key),
		Body:                 bytes.NewReader(body),
		ContentLength:        aws.Int64(int64(len(body))),
		ContentType:          aws.String(contentType),
		ServerSideEncryption: types.ServerSideEncryptionAes256,
	}
	if f.KMSKeyID != "" {
		in.ServerSideEncryption = types.ServerSideEncryptionAwsKms
		in.SSEKMSKeyId = aws.String(f.KMSKeyID)
	}
	if _, err := f.Client.PutObject(ctx, in); err != nil {
		return fmt.Errorf("awsstore: put file: %w", err)
	}
	return nil
}

// MaxGet bounds what Get reads: well above the 4 MiB CV limit, so a stray large object cannot exhaust memory.
const MaxGet = 16 << 20

// Get returns the object under key, or forms.ErrNotFound.
func (f *S3Files) Get(ctx context.Context, key string) ([]byte, error) {
	if f.Bucket == "" {
		return nil, fmt.Errorf("awsstore: no S3 bucket configured (CV_BUCKET)")
	}
	out, err := f.Client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(f.Bucket), Key: aws.String(key)})
	var nsk *types.NoSuchKey
	if errors.As(err, &nsk) {
		return nil, forms.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("awsstore: get file: %w", err)
	}
	defer out.Body.Close()
	body, err := io.ReadAll(io.LimitReader(out.Body, MaxGet+1))
	if err != nil {
		return nil, fmt.Errorf("awsstore: read file: %w", err)
	}
	if len(body) > MaxGet {
		return nil, fmt.Errorf("awsstore: file over %d bytes", MaxGet)
	}
	return body, nil
}
