// Command contact is the Lambda function behind POST /api/contact (see package forms). It reads
// site.yaml beside its binary (or SITE_CONFIG), the AWS variables of package awsstore, and FORM_SECRET, the HMAC
// key of the forms' time tokens (set it, the same on every instance). Without AWS_LAMBDA_RUNTIME_API it serves
// HTTP on ADDR (default 127.0.0.1:8080) for debugging.
package main

import (
	"context"
	"io"
	"log/slog"
	_ "time/tzdata" // al2023 has no zone database; deadlines are in Europe/Rome

	"quartieri/internal/awsstore"
	"quartieri/internal/forms"
	"quartieri/internal/lambdahttp"
	"quartieri/internal/theme"
	"quartieri/themes"
)

func main() { lambdahttp.Main("contact", run) }

func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	site, _, err := lambdahttp.LoadSite(getenv)
	if err != nil {
		return err
	}
	th, err := theme.Load(themes.FS, site.Theme)
	if err != nil {
		return err
	}
	st, err := awsstore.New(ctx, getenv)
	if err != nil {
		return err
	}
	st.Records.Retention = awsstore.Days(site.Retention.ContactDays)
	logger := slog.New(slog.NewJSONHandler(stdout, nil))
	h := forms.NewContact(forms.Config{Site: site, Theme: th, Records: st.Records, Mailer: st.Mailer,
		Secret: lambdahttp.Secret(getenv), Logger: logger})
	return lambdahttp.Serve(ctx, h, getenv, logger)
}
