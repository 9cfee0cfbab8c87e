package publish

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"quartieri/generator/internal/awstest"
)

// TestS3Bucket runs S3Bucket against gofakes3 and moto: what Put stores, List gives back with its MD5 (so an
// unchanged file is recognised), with its headers, under the prefix only; Delete removes.
func TestS3Bucket(t *testing.T) {
	for _, server := range []string{"gofakes3", "moto"} {
		t.Run(server, func(t *testing.T) {
			var url string
			var sent awstest.PutHeaders
			if server == "moto" {
				url = awstest.Moto(t)
			} else {
				url = awstest.GoFakeS3(t, sent.Wrap)
			}
			client := awstest.S3(url)
			awstest.CreateBucket(t, client, "sito")
			ctx := context.Background()
			other := &S3Bucket{Client: client, Name: "sito"}
			if err := other.Put(ctx, Upload{Name: "altro.txt", Data: []byte("fuori dal prefisso"), ContentType: "text/plain"}); err != nil {
				t.Fatal(err)
			}
			b := &S3Bucket{Client: client, Name: "sito", Prefix: KeyPrefix("/prova/")}
			files := site()
			var uploads []Upload
			for name, data := range files {
				uploads = append(uploads, Upload{Name: name, Data: data, ContentType: ContentType(name, data), CacheControl: CacheControl(name, data)})
			}
			for _, u := range uploads {
				if err := b.Put(ctx, u); err != nil {
					t.Fatal(err)
				}
			}
			for _, u := range uploads {
				head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("sito"), Key: aws.String("prova/" + u.Name)})
				if err != nil {
					t.Fatalf("head prova/%s: %v", u.Name, err)
				}
				cache := aws.ToString(head.CacheControl)
				if server == "gofakes3" { // it does not keep Cache-Control: check what it was sent
					cache = sent.Get("sito", "prova/"+u.Name).Get("Cache-Control")
				}
				if got, got2 := aws.ToString(head.ContentType), cache; got != u.ContentType || got2 != u.CacheControl {
					t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q, %q", u.Name, got, got2, u.ContentType, u.CacheControl)
				}
			}
			objs, err := b.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p := MakePlan(files, objs, false); len(p.Uploads) != 0 || len(p.Deletes) != 0 || p.Unchanged != len(files) {
				t.Errorf("plan after upload: %d uploads, %v deletes, %d unchanged; want all %d unchanged",
					len(p.Uploads), p.Deletes, p.Unchanged, len(files))
			}
			if err := b.Delete(ctx, []string{"index.html", "robots.txt"}); err != nil {
				t.Fatal(err)
			}
			objs, _ = b.List(ctx)
			var names []string
			for _, o := range objs {
				names = append(names, o.Name)
			}
			var want []string
			for name := range files {
				if name != "index.html" && name != "robots.txt" {
					want = append(want, name)
				}
			}
			sort.Strings(want)
			if !reflect.DeepEqual(names, want) {
				t.Errorf("after Delete: %v, want %v", names, want)
			}
			if all, _ := other.List(ctx); len(all) != len(want)+1 {
				t.Errorf("the whole bucket has %d files, want %d (the file outside the prefix kept)", len(all), len(want)+1)
			}
		})
	}
}

// TestCloudFrontInvalidate creates an invalidation on moto's CloudFront and reads its paths back.
func TestCloudFrontInvalidate(t *testing.T) {
	url := awstest.Moto(t)
	client := awstest.CloudFront(url)
	id := awstest.CreateDistribution(t, client, "sito")
	cdn := &CloudFront{Client: client, Distribution: id}
	paths := []string{"/presidi/", "/presidi/index.html"}
	for range 2 { // the same paths twice are two invalidations
		if inv, err := cdn.Invalidate(context.Background(), paths); err != nil || inv == "" {
			t.Fatalf("Invalidate: %q, %v", inv, err)
		}
	}
	got := awstest.Invalidations(t, client, id)
	if len(got) != 2 || !reflect.DeepEqual(got[0], paths) || !reflect.DeepEqual(got[1], paths) {
		t.Errorf("invalidations %v, want two of %v", got, paths)
	}
	bad := &CloudFront{Client: client, Distribution: "NONESISTE"}
	if _, err := bad.Invalidate(context.Background(), paths); err == nil {
		t.Error("an invalidation of a distribution that does not exist succeeded")
	}
}
