package integration

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const callID = "community-manager-2025"

// applicationFields are a valid application's fields; idem makes the submission distinct.
func applicationFields(idem string) map[string]string {
	return map[string]string{
		"call": callID, "given_name": "Maria Grazia", "family_name": "D'Angelo", "tax_code": "RSSMRA85T10A562S",
		"email": "maria.dangelo@example.org", "phone": "+39 333 123 4567", "declaration": "yes", "privacy": "yes",
		"education": "Laurea in servizio sociale", "message": "Lavoro da dieci anni con le famiglie.", "_idem": idem,
	}
}

// multipartBody encodes fields and, when cv is not nil, the file cv.pdf.
func multipartBody(t *testing.T, fields map[string]string, cv []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, k := range []string{"call", "given_name", "family_name", "tax_code", "email", "phone", "education", "message", "declaration", "privacy", "_idem"} {
		if v, ok := fields[k]; ok {
			if err := w.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if cv != nil {
		fw, err := w.CreateFormFile("cv", "cv.pdf")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(cv)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

// contactForm is a valid urlencoded message to the Codogno presidio about payments.
func contactForm(idem string) []byte {
	v := url.Values{
		"name": {"Giuseppe Verdi"}, "town": {"codogno"}, "topic": {"payments"}, "email": {"giuseppe@example.org"},
		"message": {"Non riesco a pagare le bollette di questo mese. <script>alert(1)</script>"}, "privacy": {"yes"},
		"_idem": {idem},
	}
	return []byte(v.Encode())
}

// objectCount counts the CVs in the bucket.
func objectCount(t *testing.T, s *servers) int {
	t.Helper()
	out, err := s.s3.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.Contents)
}

// mailTo returns the stored mails addressed to addr.
func mailTo(mails []sesMail, addr string) []sesMail {
	var out []sesMail
	for _, m := range mails {
		for _, to := range m.Destination.To {
			if to == addr {
				out = append(out, m)
			}
		}
	}
	return out
}
