package publish

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// CloudFrontAPI is the part of the CloudFront client that CloudFront uses; *cloudfront.Client implements it.
type CloudFrontAPI interface {
	CreateInvalidation(ctx context.Context, in *cloudfront.CreateInvalidationInput, opts ...func(*cloudfront.Options)) (*cloudfront.CreateInvalidationOutput, error)
}

// CloudFront is a CDN: a CloudFront distribution whose origin is the bucket (its origin path the bucket's
// prefix, if any: the paths invalidated are the site's addresses).
type CloudFront struct {
	Client       CloudFrontAPI
	Distribution string
}

// Invalidate creates one invalidation of the paths. It does not wait for it to complete (a minute or so).
func (c *CloudFront) Invalidate(ctx context.Context, paths []string) (string, error) {
	out, err := c.Client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(c.Distribution),
		InvalidationBatch: &types.InvalidationBatch{
			// Unique, so that two invalidations of the same paths (the same page edited twice) are both made.
			CallerReference: aws.String("quartieri-deploy-" + rand.Text()),
			Paths:           &types.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths},
		},
	})
	if err != nil {
		return "", fmt.Errorf("i file sono nel bucket, ma CloudFront non ha accettato l'invalidazione della distribuzione %s "+
			"(rilancia generator deploy con -force per rifarla; controlla -distribution e i permessi): %w", c.Distribution, err)
	}
	return aws.ToString(out.Invalidation.Id), nil
}
