package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"quartieri/generator/internal/awstest"
	"quartieri/generator/internal/corpus"
	"quartieri/generator/publish"
	"quartieri/generator/site"
	"quartieri/themes"
)

// BenchmarkDeploy measures generator deploy, build and checks included, with S3 on gofakes3 (in-process) and on
// moto, and CloudFront on moto: "first" publishes into an empty bucket, "unchanged" publishes a site the bucket
// already holds. Sites: the real one (the repository root) and a 1,000-page corpus with the real theme.
//
//	go test ./generator -run '^$' -bench BenchmarkDeploy -benchtime 3x
func BenchmarkDeploy(b *testing.B) {
	motoURL := awstest.Moto(b)
	cf := awstest.CloudFront(motoURL)
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	big := b.TempDir()
	if err := corpus.Write(big, 1000); err != nil {
		b.Fatal(err)
	}
	if err := corpus.CopyThemes(big, themes.FS); err != nil {
		b.Fatal(err)
	}
	s3URLs := map[string]string{"gofakes3": awstest.GoFakeS3(b, nil), "moto": motoURL}
	n := 0
	for _, s := range []struct{ name, dir string }{{"site", root}, {"1000pages", big}} {
		for _, server := range []string{"gofakes3", "moto"} {
			awstest.Env(b, s3URLs[server], motoURL)
			client := awstest.S3(s3URLs[server])
			newBucket := func() (string, string) {
				n++
				bucket := fmt.Sprintf("bench-%d", n)
				awstest.CreateBucket(b, client, bucket)
				return bucket, awstest.CreateDistribution(b, cf, bucket)
			}
			deploy := func(bucket, dist string) {
				err := run(context.Background(), []string{"deploy", "-source", s.dir, "-bucket", bucket, "-distribution", dist,
					"-allow-placeholders"}, os.Getenv, io.Discard, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.Run(s.name+"/"+server+"/first", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					bucket, dist := newBucket()
					b.StartTimer()
					deploy(bucket, dist)
				}
			})
			b.Run(s.name+"/"+server+"/unchanged", func(b *testing.B) {
				bucket, dist := newBucket()
				deploy(bucket, dist)
				for b.Loop() {
					deploy(bucket, dist)
				}
			})
		}
	}
}

// BenchmarkPublish measures the publication alone (no build) of the 1,000-page corpus, built once: into an
// empty bucket, and again with nothing changed, with S3 on gofakes3 and on moto, CloudFront on moto.
//
//	go test ./generator -run '^$' -bench BenchmarkPublish -benchtime 3x
func BenchmarkPublish(b *testing.B) {
	motoURL := awstest.Moto(b)
	cf := awstest.CloudFront(motoURL)
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	if err := corpus.CopyThemes(dir, themes.FS); err != nil {
		b.Fatal(err)
	}
	res, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, data := range res.Files {
		size += int64(len(data))
	}
	b.Logf("%d files, %s", len(res.Files), publish.Size(size))
	n := 0
	for _, server := range []string{"gofakes3", "moto"} {
		url := motoURL
		if server == "gofakes3" {
			url = awstest.GoFakeS3(b, nil)
		}
		client := awstest.S3(url)
		target := func() publish.Options {
			n++
			bucket := fmt.Sprintf("publish-%d", n)
			awstest.CreateBucket(b, client, bucket)
			return publish.Options{Bucket: &publish.S3Bucket{Client: client, Name: bucket}, MaxDeletes: 256,
				CDN: &publish.CloudFront{Client: cf, Distribution: awstest.CreateDistribution(b, cf, bucket)}}
		}
		b.Run(server+"/first", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				opts := target()
				b.StartTimer()
				if _, err := publish.Publish(context.Background(), res.Files, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(server+"/unchanged", func(b *testing.B) {
			opts := target()
			if _, err := publish.Publish(context.Background(), res.Files, opts); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if sum, err := publish.Publish(context.Background(), res.Files, opts); err != nil || sum.Uploaded > 0 {
					b.Fatal(err, sum)
				}
			}
		})
	}
}
