package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"quartieri/internal/awsstore"
)

// awsPeople starts dynalite and gofakes3, makes the tables and a versioned bucket, and seeds the people.
func awsPeople(t *testing.T) (*people, *awsstore.Stores, map[string]string) {
	env := startServers(t)
	ctx := context.Background()
	st, err := awsstore.New(ctx, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := awsstore.CreateTables(ctx, st.DynamoDB, env["APPLICATIONS_TABLE"], env["CONTACT_TABLE"]); err != nil {
		t.Fatal(err)
	}
	bucket := aws.String(env["CV_BUCKET"])
	if _, err := st.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.S3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: bucket,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	apps := &awsstore.DynamoRecords{Client: st.DynamoDB, Applications: env["APPLICATIONS_TABLE"]}
	contact := &awsstore.DynamoRecords{Client: st.DynamoDB, Contact: env["CONTACT_TABLE"]}
	return seed(t, apps, contact, st.Files, nil), st, env
}

// versions lists every version and delete marker under prefix, as "key version".
func versions(t *testing.T, st *awsstore.Stores, prefix string) []string {
	t.Helper()
	out, err := st.S3.ListObjectVersions(context.Background(), &s3.ListObjectVersionsInput{Bucket: aws.String(st.Files.Bucket), Prefix: aws.String(prefix)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range out.Versions {
		got = append(got, aws.ToString(v.Key)+" "+aws.ToString(v.VersionId))
	}
	for _, m := range out.DeleteMarkers {
		got = append(got, aws.ToString(m.Key)+" marker "+aws.ToString(m.VersionId))
	}
	slices.Sort(got)
	return got
}

func awsSnapshot(t *testing.T, st *awsstore.Stores, refs ...string) []string {
	t.Helper()
	items, err := st.Holdings(context.Background(), refs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Kind+" "+it.Ref+" "+it.Table+" "+it.PK+" "+it.Key+" "+it.VersionID)
	}
	slices.Sort(out)
	return out
}

func TestAWSExportAccessErasure(t *testing.T) {
	p, st, env := awsPeople(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := []string{"-aws", "-source", p.source}

	// The export counts the right application.
	out := filepath.Join(t.TempDir(), "c.csv")
	if _, _, err := staff(t, env, append(opts, "esporta", "candidature", "-out", out)...); err != nil {
		t.Fatal(err)
	}
	rows := byHeader(readCSV(t, out))
	if len(rows) != 3 || !slices.ContainsFunc(rows, func(r map[string]string) bool {
		return r["Ricevuta"] == p.p1b && r["Candidature precedenti"] == "1" && r["Messaggio del candidato"][0] == '\''
	}) {
		t.Errorf("export on AWS: %v", rows)
	}

	// The person's CV has two versions (a re-upload) and a kept copy under pending/.
	cvKey := "cv/" + callID + "/" + p.p2 + ".pdf"
	if err := st.Files.Put(ctx, cvKey, "application/pdf", append(p.cv[p.p2], '\n')); err != nil {
		t.Fatal(err)
	}
	if n := len(versions(t, st, cvKey)); n != 2 {
		t.Fatalf("%d versions of the CV, want 2 (is versioning on?)", n)
	}

	dir := filepath.Join(t.TempDir(), "accesso")
	if _, _, err := staff(t, env, append(opts, "accesso", p.email2, "-out", dir)...); err != nil {
		t.Fatal(err)
	}
	if cv, _ := os.ReadFile(filepath.Join(dir, "candidatura-"+p.p2+"-cv.pdf")); !bytes.HasPrefix(cv, p.cv[p.p2]) {
		t.Errorf("accesso on AWS: CV %q", cv)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "messaggio-"+p.m1+".txt")); !strings.Contains(string(b), "Prima riga") {
		t.Errorf("accesso on AWS: message %q", b)
	}

	others := []string{p.p1a, p.p1b, p.p3, p.m2}
	before := awsSnapshot(t, st, others...)
	otherObjects := versions(t, st, "cv/"+callID+"/"+p.p1b)
	mine := awsSnapshot(t, st, p.p2, p.m1)
	for _, kind := range []string{"application", "message", "cv", "pending-cv", "claim", "latest", "mail-notes"} {
		if !slices.ContainsFunc(mine, func(s string) bool { return strings.HasPrefix(s, kind+" ") }) {
			t.Errorf("no %s of the person on AWS: %v", kind, mine)
		}
	}
	if _, _, err := staff(t, env, append(opts, "cancella", p.cf2)...); err != nil || !slices.Equal(awsSnapshot(t, st, p.p2, p.m1), mine) {
		t.Fatalf("dry run on AWS = %v", err)
	}
	res, _, err := staff(t, env, append(opts, "cancella", p.email2, "-conferma", "-richiesta", "PROT-9")...)
	if err != nil {
		t.Fatalf("cancella on AWS = %v\n%s", err, res)
	}
	if v := versions(t, st, cvKey); len(v) != 0 {
		t.Errorf("versions of the erased CV left: %v", v)
	}
	if v := versions(t, st, "pending/aaaa.pdf"); len(v) != 0 {
		t.Errorf("versions of the kept CV left: %v", v)
	}
	if v := versions(t, st, "pending/bbbb.pdf"); len(v) != 1 {
		t.Errorf("another person's kept CV: %v", v)
	}
	if got := awsSnapshot(t, st, p.p2, p.m1); len(got) != 0 {
		t.Errorf("left on AWS: %v", got)
	}
	if after := awsSnapshot(t, st, others...); !slices.Equal(after, before) {
		t.Errorf("the others' data changed on AWS:\nbefore %v\nafter  %v", before, after)
	}
	if v := versions(t, st, "cv/"+callID+"/"+p.p1b); !slices.Equal(v, otherObjects) {
		t.Errorf("another person's CV changed: %v", v)
	}
	scan, err := st.DynamoDB.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(env["APPLICATIONS_TABLE"]),
		FilterExpression: aws.String("begins_with(pk, :p)"), ExpressionAttributeValues: map[string]dtypes.AttributeValue{":p": &dtypes.AttributeValueMemberS{Value: "ERASURE#"}}})
	if err != nil || len(scan.Items) != 1 {
		t.Fatalf("erasure log on AWS: %v, %d items", err, len(scan.Items))
	}
	entry := scan.Items[0]["erased"].(*dtypes.AttributeValueMemberS).Value
	if !strings.Contains(entry, "PROT-9") || strings.Contains(entry, p.p2) || strings.Contains(strings.ToLower(entry), "zoe") {
		t.Errorf("erasure log entry %q", entry)
	}
	if res, _, err := staff(t, env, append(opts, "cancella", p.email2, "-conferma")...); err != nil || !strings.Contains(res, "Non c'è niente") {
		t.Errorf("second erasure on AWS = %v, %s", err, res)
	}
	if res, _, err := staff(t, env, append(opts, "pulisci")...); err != nil || !strings.Contains(res, "Su AWS non cancello niente") {
		t.Errorf("pulisci on AWS = %v, %s", err, res)
	}
}
