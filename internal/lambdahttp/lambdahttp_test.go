package lambdahttp

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// echo answers with what it saw of the request, one fact a line.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c, _ := r.Cookie("sid")
	sid := ""
	if c != nil {
		sid = c.Value
	}
	fmt.Fprintf(w, "method=%s\npath=%s\nquery=%s\nhost=%s\nremote=%s\nxff=%s\nct=%s\nsid=%s\nlen=%d\nbody=%s\n",
		r.Method, r.URL.Path, r.URL.RawQuery, r.Host, r.RemoteAddr, strings.Join(r.Header.Values("X-Forwarded-For"), "|"),
		r.Header.Get("Content-Type"), sid, r.ContentLength, body)
})

func event(method, path, query, body string, b64 bool) events.APIGatewayV2HTTPRequest {
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RawPath: path, RawQueryString: query, Body: body, IsBase64Encoded: b64,
		Headers: map[string]string{"host": "abc.execute-api.eu-south-1.amazonaws.com", "content-type": "text/plain"},
	}
	ev.RequestContext.Stage = "$default"
	ev.RequestContext.HTTP.Method = method
	ev.RequestContext.HTTP.SourceIP = "203.0.113.7"
	return ev
}

func TestRequest(t *testing.T) {
	multipart := "--XX\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n\r\n%PDF-\x00\xff\r\n--XX--\r\n"
	tests := []struct {
		name string
		ev   func() events.APIGatewayV2HTTPRequest
		want []string // lines the echo must contain
	}{
		{"plain POST", func() events.APIGatewayV2HTTPRequest {
			return event("POST", "/api/contact", "", "name=Anna&town=codogno", false)
		}, []string{"method=POST", "path=/api/contact", "body=name=Anna&town=codogno", "len=22", "host=abc.execute-api.eu-south-1.amazonaws.com"}},
		{"base64 binary body", func() events.APIGatewayV2HTTPRequest {
			ev := event("POST", "/api/applications", "", base64.StdEncoding.EncodeToString([]byte(multipart)), true)
			ev.Headers["content-type"] = "multipart/form-data; boundary=XX"
			return ev
		}, []string{"body=" + multipart, fmt.Sprintf("len=%d", len(multipart)), "ct=multipart/form-data; boundary=XX"}},
		{"query string kept raw", func() events.APIGatewayV2HTTPRequest {
			return event("GET", "/api/contact", "a=1&b=%C3%A8&a=2", "", false)
		}, []string{"query=a=1&b=%C3%A8&a=2", "method=GET"}},
		{"named stage prefix removed", func() events.APIGatewayV2HTTPRequest {
			ev := event("POST", "/prod/api/applications", "", "", false)
			ev.RequestContext.Stage = "prod"
			return ev
		}, []string{"path=/api/applications"}},
		{"cookies back in the Cookie header", func() events.APIGatewayV2HTTPRequest {
			ev := event("GET", "/", "", "", false)
			ev.Cookies = []string{"a=1", "sid=xyz"}
			return ev
		}, []string{"sid=xyz"}},
		{"source IP replaces a forged X-Forwarded-For", func() events.APIGatewayV2HTTPRequest {
			ev := event("POST", "/api/contact", "", "", false)
			ev.Headers["x-forwarded-for"] = "1.2.3.4, 203.0.113.7"
			return ev
		}, []string{"remote=203.0.113.7:0", "xff=203.0.113.7\n"}},
		{"host from the domain name when no header", func() events.APIGatewayV2HTTPRequest {
			ev := event("GET", "/", "", "", false)
			delete(ev.Headers, "host")
			ev.RequestContext.DomainName = "forms.example.org"
			return ev
		}, []string{"host=forms.example.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := Handler(echo)(context.Background(), tt.ev())
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d, err %v", resp.StatusCode, err)
			}
			body := resp.Body
			if resp.IsBase64Encoded {
				b, _ := base64.StdEncoding.DecodeString(resp.Body)
				body = string(b)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("echo lacks %q:\n%s", w, body)
				}
			}
		})
	}
}

func TestBadBase64(t *testing.T) {
	resp, err := Handler(echo)(context.Background(), event("POST", "/api/contact", "", "not base64!", true))
	if err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, err %v; want 400", resp.StatusCode, err)
	}
}

func TestResponse(t *testing.T) {
	pdf := []byte("%PDF-1.4\n\x00\xff\xfe binary")
	tests := []struct {
		name        string
		h           http.HandlerFunc
		wantStatus  int
		wantHeaders map[string]string
		wantCookies []string
		wantBody    string
		wantB64     bool
	}{
		{"JSON created", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(201)
			io.WriteString(w, `{"receipt":"ABC234"}`)
		}, 201, map[string]string{"Content-Type": "application/json"}, nil, `{"receipt":"ABC234"}`, false},
		{"redirect with repeated headers and cookies", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/grazie/?r=ABC")
			w.Header().Add("Vary", "Accept")
			w.Header().Add("Vary", "Origin")
			w.Header().Add("Set-Cookie", "a=1")
			w.Header().Add("Set-Cookie", "b=2")
			w.WriteHeader(303)
		}, 303, map[string]string{"Location": "/grazie/?r=ABC", "Vary": "Accept, Origin"}, []string{"a=1", "b=2"}, "", false},
		{"HTML in Italian stays text", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(422)
			io.WriteString(w, "<h1>C'è un problema</h1>")
		}, 422, map[string]string{"Content-Type": "text/html; charset=utf-8"}, nil, "<h1>C'è un problema</h1>", false},
		{"PDF goes base64", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(pdf)
		}, 200, map[string]string{"Content-Type": "application/pdf"}, nil, base64.StdEncoding.EncodeToString(pdf), true},
		{"429 with Retry-After", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			http.Error(w, "Troppe richieste", http.StatusTooManyRequests)
		}, 429, map[string]string{"Retry-After": "120", "Content-Type": "text/plain; charset=utf-8"}, nil, "Troppe richieste\n", false},
		{"no write is 200 empty", func(w http.ResponseWriter, r *http.Request) {}, 200, nil, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := Handler(tt.h)(context.Background(), event("GET", "/", "", "", false))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus || resp.Body != tt.wantBody || resp.IsBase64Encoded != tt.wantB64 {
				t.Errorf("got %d %q b64=%v; want %d %q b64=%v", resp.StatusCode, resp.Body, resp.IsBase64Encoded, tt.wantStatus, tt.wantBody, tt.wantB64)
			}
			for k, v := range tt.wantHeaders {
				if resp.Headers[k] != v {
					t.Errorf("header %s = %q, want %q", k, resp.Headers[k], v)
				}
			}
			if strings.Join(resp.Cookies, ";") != strings.Join(tt.wantCookies, ";") {
				t.Errorf("cookies %q, want %q", resp.Cookies, tt.wantCookies)
			}
			if _, ok := resp.Headers["Set-Cookie"]; ok {
				t.Errorf("Set-Cookie left in headers")
			}
		})
	}
}

func TestIsText(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8": true, "application/json": true, "application/problem+json": true,
		"image/svg+xml": true, "application/pdf": false, "application/octet-stream": false, "image/png": false,
		"APPLICATION/JSON; charset=UTF-8": true,
	} {
		if got := isText(ct); got != want {
			t.Errorf("isText(%q) = %v, want %v", ct, got, want)
		}
	}
}

// FuzzRequest: no event, however malformed, makes Request panic.
func FuzzRequest(f *testing.F) {
	f.Add("/api/contact", "a=1", "bmFtZT1B", true, "prod")
	f.Add("", "", "", false, "")
	f.Add("//x/../%zz", "%%", "@@", true, "$default")
	f.Fuzz(func(t *testing.T, path, query, body string, b64 bool, stage string) {
		ev := event("POST", path, query, body, b64)
		ev.RequestContext.Stage = stage
		resp, err := Handler(echo)(context.Background(), ev)
		if err != nil || (resp.StatusCode != 200 && resp.StatusCode != 400) {
			t.Fatalf("status %d err %v", resp.StatusCode, err)
		}
	})
}
