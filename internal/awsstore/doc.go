// Package awsstore implements the form core's stores (forms.Records, forms.Files, forms.Mailer) on AWS: DynamoDB
// for records, S3 for CVs and SES v2 for mail. The Lambda functions build them once at start with New; tests point
// them at dynalite, gofakes3 and aws-ses-v2-local through the SDK's standard endpoint variables.
//
// # Environment
//
// Region, credentials and endpoints come from the SDK's own variables (AWS_REGION, AWS_ACCESS_KEY_ID, ...,
// AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SESV2, read by config.LoadDefaultConfig).
// New reads these resource names:
//
//	APPLICATIONS_TABLE     DynamoDB table of applications (the applications function)
//	CONTACT_TABLE          DynamoDB table of tenants' messages (the contact function)
//	CV_BUCKET              S3 bucket of CVs (the applications function)
//	CV_KMS_KEY_ID          optional: encrypt CVs with this KMS key (aws:kms); otherwise SSE-S3 (AES256)
//	AWS_S3_USE_PATH_STYLE  "true" for path-style S3 addresses; also on whenever an S3 endpoint is set
//	SES_CONFIGURATION_SET  optional: SES configuration set named on every mail
//
// Give each function only its own table: claims (idempotency keys) and mail notes are kept in the applications
// table when APPLICATIONS_TABLE is set, otherwise in the contact table, so each function's role needs one table.
//
// # Key schema
//
// Both tables have one key, a string hash key "pk", and no sort key or index; TTL is enabled on the number
// attribute "expires_at" (epoch seconds). Items:
//
//	pk "APP#<receipt>"                      an application: the attributes of forms.Application
//	pk "MSG#<ticket>"                       a tenant's message: the attributes of forms.Message
//	pk "CLAIM#<idempotency key>"            receipt: the receipt bound to the key
//	pk "LATEST#<call>#<sha256(tax code)>"   receipt: the latest application of a person to a call
//	pk "MAIL#<receipt or ticket>"           mails: list of "<kind>: <status> (<RFC 3339 time>)"
//
// Keys never hold a codice fiscale in clear: the LATEST item is addressed by the hex SHA-256 of the upper-case
// code. Every write of a record or claim is conditional (attribute_not_exists(pk)), so nothing is overwritten.
// DynamoDB deletes expired items lazily (up to days later), so reads treat an item whose expires_at has passed as
// absent. Transactions are not used (dynalite, the test server, has none); the core orders its writes instead.
//
// # Deploy
//
// CreateTables creates both tables as described (on-demand billing); on AWS, also enable TTL on "expires_at"
// (UpdateTimeToLive) and give the CV bucket a lifecycle rule that expires objects after the retention period,
// and objects under "pending/" (CVs kept while a form had errors) after a day. The bucket blocks public access
// and has default encryption; objects get no ACL.
//
// Each function's role needs: dynamodb:PutItem, GetItem and UpdateItem on its own table; ses:SendEmail on the
// sender's identity; for applications also s3:PutObject and s3:GetObject on the bucket's objects (and
// kms:GenerateDataKey and kms:Decrypt on the key when CV_KMS_KEY_ID is set). Nothing else: no Scan, no Delete.
//
// The staff command (functions/staff) works with another role. To read (the lists, cv, esporta, accesso, pulisci):
// dynamodb:Scan and GetItem on both tables, s3:GetObject on the CV bucket (and kms:Decrypt with CV_KMS_KEY_ID).
// To erase (cancella, see Stores.Holdings and Stores.Erase), also: dynamodb:DeleteItem on both tables and
// dynamodb:PutItem on the applications table (the erasure log, items "ERASURE#<request>-<time>" with no
// expires_at and no personal data); s3:ListBucket and s3:ListBucketVersions on the bucket; s3:GetObjectVersion
// (to compare kept CVs under pending/), s3:DeleteObject and s3:DeleteObjectVersion on its objects. With versioning
// on the bucket, Erase deletes every version and delete marker of a CV, so no copy is left.
package awsstore
