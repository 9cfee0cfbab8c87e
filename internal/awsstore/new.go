package awsstore

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
)

// Stores holds the three AWS stores and the clients behind them, made once per process.
type Stores struct {
	Records *DynamoRecords
	Files   *S3Files
	Mailer  *SESMailer

	DynamoDB *dynamodb.Client
	S3       *s3.Client
	SES      *sesv2.Client
}

// New loads the SDK's default configuration (region, credentials and AWS_ENDPOINT_URL_* endpoints from the
// process environment) and makes the clients and stores, with resource names read through getenv (see the
// package doc). It makes no network call.
func New(ctx context.Context, getenv func(string) string) (*Stores, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("awsstore: AWS configuration: %w", err)
	}
	pathStyle := getenv("AWS_S3_USE_PATH_STYLE") == "true" || getenv("AWS_ENDPOINT_URL_S3") != "" || getenv("AWS_ENDPOINT_URL") != ""
	st := &Stores{
		DynamoDB: dynamodb.NewFromConfig(cfg),
		S3:       s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle }),
		SES:      sesv2.NewFromConfig(cfg),
	}
	st.Records = &DynamoRecords{Client: st.DynamoDB, Applications: getenv("APPLICATIONS_TABLE"), Contact: getenv("CONTACT_TABLE")}
	st.Files = &S3Files{Client: st.S3, Bucket: getenv("CV_BUCKET"), KMSKeyID: getenv("CV_KMS_KEY_ID")}
	st.Mailer = &SESMailer{Client: st.SES, ConfigurationSet: getenv("SES_CONFIGURATION_SET")}
	return st, nil
}

// Days converts a retention in days (site.yaml's retention) to a duration; zero or less gives zero.
func Days(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	return time.Duration(n) * 24 * time.Hour
}
