package publish

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// NewAWS returns the S3 bucket and, when distribution is not "", the CloudFront distribution to publish to,
// with the SDK's standard configuration: region, credentials and endpoints from the environment and the AWS
// files (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_CLOUDFRONT...). With an S3 endpoint set
// (a local server), or AWS_S3_USE_PATH_STYLE=true, S3 is addressed path-style. getenv is read for that choice
// only. It makes no network call.
func NewAWS(ctx context.Context, getenv func(string) string, bucket, prefix, distribution string) (Bucket, CDN, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("configurazione AWS non valida: %w", err)
	}
	if cfg.Region == "" {
		return nil, nil, fmt.Errorf("manca la regione AWS: imposta AWS_REGION (per esempio AWS_REGION=eu-south-1) o usa un profilo che la indica (AWS_PROFILE)")
	}
	pathStyle := getenv("AWS_S3_USE_PATH_STYLE") == "true" || getenv("AWS_ENDPOINT_URL_S3") != "" || getenv("AWS_ENDPOINT_URL") != ""
	b := &S3Bucket{Client: s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle }),
		Name: bucket, Prefix: KeyPrefix(prefix)}
	if distribution == "" {
		return b, nil, nil
	}
	return b, &CloudFront{Client: cloudfront.NewFromConfig(cfg), Distribution: distribution}, nil
}

// KeyPrefix turns a -prefix value into the prefix of the bucket's keys: "prova", "/prova/" -> "prova/"; "" -> "".
func KeyPrefix(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return ""
	}
	return p + "/"
}
