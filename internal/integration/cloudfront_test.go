package integration

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

const (
	originSecret = "integration-origin-secret-0123456789abcdef"
	edgeIP       = "130.176.98.10" // a CloudFront address: API Gateway's sourceIp behind the distribution
)

// limitedSite is the repository's site.yaml with a rate limit of 2 requests per address.
func limitedSite(t *testing.T, s *servers) []byte {
	t.Helper()
	b := string(realSite(t, s))
	const limit = "requests: 60"
	if !strings.Contains(b, limit) {
		t.Fatalf("site.yaml no longer has %q; update the test", limit)
	}
	return []byte(strings.Replace(b, limit, "requests: 2", 1))
}

// cloudFrontEvent is a POST to the contact form as CloudFront forwards it to API Gateway: CloudFront's headers
// (with the viewer's address), the custom origin header when secret is not empty, and sourceIp an edge address.
func cloudFrontEvent(viewer, secret string) events.APIGatewayV2HTTPRequest {
	ev := apiEvent("/api/contact", "application/x-www-form-urlencoded", []byte("name=Anna&privacy=yes"), false)
	ev.RequestContext.HTTP.SourceIP = edgeIP
	ev.Headers["via"] = "2.0 8f22423015641505b8c857a37450d6c0.cloudfront.net (CloudFront)"
	ev.Headers["x-amz-cf-id"] = "rAeKuFlrONOHd_d9-8vn6ye3N8vG0ekkXwtJ5xbo6uwDF1Bj3RCwvw=="
	ev.Headers["x-forwarded-for"] = strings.Split(viewer, "|")[0] + ", " + edgeIP
	ev.Headers["cloudfront-viewer-address"] = strings.Split(viewer, "|")[1]
	if secret != "" {
		ev.Headers["x-origin-secret"] = secret
	}
	return ev
}

// TestLambdaViewerAddress runs the real contact bootstrap with ORIGIN_SECRET and a limit of 2 requests per
// address: with the right origin secret each viewer has its own bucket; without it, or with a wrong one, the
// forged CloudFront-Viewer-Address is ignored and every request shares sourceIp's bucket.
func TestLambdaViewerAddress(t *testing.T) {
	s := need(t)
	r := startRIE(t, s, bootstrapDir(t, s, "contact", limitedSite(t, s)), "ORIGIN_SECRET="+originSecret)
	const (
		a    = "198.51.100.10|198.51.100.10:46532"
		b    = "2001:db8::7|2001:db8::7:51000"
		c    = "203.0.113.1|203.0.113.1:1000"
		d    = "203.0.113.2|203.0.113.2:1000"
		e    = "203.0.113.3|203.0.113.3:1000"
		none = ""
	)
	steps := []struct {
		what, viewer, secret string
		limited              bool
	}{
		{"viewer A, 1st", a, originSecret, false},
		{"viewer A, 2nd", a, originSecret, false},
		{"viewer A, 3rd: over the limit", a, originSecret, true},
		{"viewer B (IPv6), through the same edge: its own bucket", b, originSecret, false},
		{"viewer B, 2nd", b, originSecret, false},
		// Direct calls to execute-api with a forged viewer header: all of them are the edge address.
		{"no secret, forged C: sourceIp's 1st", c, none, false},
		{"no secret, forged D: sourceIp's 2nd", d, none, false},
		{"no secret, forged E: sourceIp's 3rd", e, none, true},
		{"wrong secret, forged E", e, originSecret + "x", true},
		{"secret of another length, forged E", e, "x", true},
		// The edge's bucket is full; a real viewer through the distribution is not affected.
		{"viewer C with the secret: its own bucket", c, originSecret, false},
	}
	for _, st := range steps {
		resp, _ := r.invoke(t, cloudFrontEvent(st.viewer, st.secret))
		limited := resp.StatusCode == http.StatusTooManyRequests
		if limited != st.limited || resp.StatusCode >= 500 {
			t.Errorf("%s: status %d, want limited=%v: %s", st.what, resp.StatusCode, st.limited, responseBody(t, resp))
		}
		if limited && resp.Headers["Retry-After"] == "" {
			t.Errorf("%s: 429 without Retry-After", st.what)
		}
	}
	if strings.Contains(r.log.String(), originSecret) {
		t.Errorf("the function logged the origin secret")
	}
}
