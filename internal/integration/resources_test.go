package integration

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"quartieri/internal/awsstore"
)

// createResources makes the tables and the bucket the functions expect, as a deploy would.
func createResources(ctx context.Context, s *servers) error {
	if err := awsstore.CreateTables(ctx, s.dynamo, appsTable, contactTable); err != nil {
		return err
	}
	if _, err := s.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		return fmt.Errorf("create bucket: %w", err)
	}
	return nil
}
