package lambdahttp

import (
	"context"
	"net/netip"
	"strings"
	"testing"
)

func TestViewerIP(t *testing.T) {
	tests := []struct {
		in, want string // want "" means rejected
	}{
		{"198.51.100.10:46532", "198.51.100.10"},
		{" 198.51.100.10:1 ", "198.51.100.10"},
		{"2001:db8::1:46532", "2001:db8::1"},
		{"2001:0db8:85a3:0000:0000:8a2e:0370:7334:443", "2001:db8:85a3::8a2e:370:7334"},
		{"[2001:db8::1]:46532", "2001:db8::1"},
		{"[::ffff:198.51.100.10]:80", "198.51.100.10"},
		{"198.51.100.10", ""},
		{"198.51.100.10:", ""},
		{"198.51.100.10:99999", ""},
		{"198.51.100.10:x", ""},
		{"fe80::1%eth0:80", ""},
		{"example.org:443", ""},
		{"", ""},
	}
	for _, tt := range tests {
		ip, ok := viewerIP(tt.in)
		got := ""
		if ok {
			got = ip.String()
		}
		if got != tt.want {
			t.Errorf("viewerIP(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestViewerAddress(t *testing.T) {
	const secret = "s3cret-0f-the-distribution"
	tests := []struct {
		name       string
		opts       Options
		headers    map[string]string
		wantRemote string
		wantXFF    string
	}{
		{"right secret: the viewer", Options{secret}, map[string]string{"x-origin-secret": secret, "cloudfront-viewer-address": "198.51.100.10:46532"}, "198.51.100.10:0", "198.51.100.10"},
		{"right secret, IPv6 viewer", Options{secret}, map[string]string{"x-origin-secret": secret, "cloudfront-viewer-address": "2001:db8::7:443"}, "[2001:db8::7]:0", "2001:db8::7"},
		{"header name in any case", Options{secret}, map[string]string{"X-Origin-Secret": secret, "CloudFront-Viewer-Address": "198.51.100.10:1"}, "198.51.100.10:0", "198.51.100.10"},
		{"right secret, no viewer header", Options{secret}, map[string]string{"x-origin-secret": secret}, "203.0.113.7:0", "203.0.113.7"},
		{"right secret, malformed viewer", Options{secret}, map[string]string{"x-origin-secret": secret, "cloudfront-viewer-address": "nonsense"}, "203.0.113.7:0", "203.0.113.7"},
		{"no secret header: forged viewer ignored", Options{secret}, map[string]string{"cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
		{"wrong secret", Options{secret}, map[string]string{"x-origin-secret": secret + "x", "cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
		{"secret prefix", Options{secret}, map[string]string{"x-origin-secret": secret[:5], "cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
		{"empty secret header", Options{secret}, map[string]string{"x-origin-secret": "", "cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
		{"no secret configured: never trusted", Options{}, map[string]string{"x-origin-secret": "", "cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
		{"forged X-Forwarded-For ignored", Options{secret}, map[string]string{"x-forwarded-for": "192.0.2.1", "cloudfront-viewer-address": "198.51.100.10:1"}, "203.0.113.7:0", "203.0.113.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := event("POST", "/api/contact", "", "", false)
			for k, v := range tt.headers {
				ev.Headers[k] = v
			}
			r, err := tt.opts.Request(context.Background(), ev)
			if err != nil {
				t.Fatal(err)
			}
			if r.RemoteAddr != tt.wantRemote || r.Header.Get("X-Forwarded-For") != tt.wantXFF {
				t.Errorf("RemoteAddr %q, X-Forwarded-For %q; want %q, %q", r.RemoteAddr, r.Header.Get("X-Forwarded-For"), tt.wantRemote, tt.wantXFF)
			}
			if v, ok := r.Header[OriginSecretHeader]; ok {
				t.Errorf("the handler sees the secret header: %q", v)
			}
			trusted := tt.wantRemote != "203.0.113.7:0" || tt.headers["x-origin-secret"] == secret && tt.opts.OriginSecret == secret
			if r.Header.Get(ViewerAddressHeader) != "" && !trusted {
				t.Errorf("an untrusted %s reaches the handler", ViewerAddressHeader)
			}
			if host, err := netip.ParseAddrPort(r.RemoteAddr); err != nil || !host.IsValid() {
				t.Errorf("RemoteAddr %q is not host:port: %v", r.RemoteAddr, err)
			}
		})
	}
}

// TestHandlerOriginSecret checks that the option reaches the handler through Options.Handler.
func TestHandlerOriginSecret(t *testing.T) {
	ev := event("POST", "/api/contact", "", "", false)
	ev.Headers["x-origin-secret"] = "k"
	ev.Headers["cloudfront-viewer-address"] = "198.51.100.10:46532"
	for _, tt := range []struct {
		opts Options
		want string
	}{{Options{OriginSecret: "k"}, "remote=198.51.100.10:0"}, {Options{}, "remote=203.0.113.7:0"}} {
		resp, err := tt.opts.Handler(echo)(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(resp.Body, tt.want) {
			t.Errorf("secret %q: body %q lacks %q", tt.opts.OriginSecret, resp.Body, tt.want)
		}
	}
}
