// Package lambdahttp runs an http.Handler behind API Gateway HTTP APIs (payload format 2.0) on AWS Lambda.
//
// Handler turns each event into an *http.Request: method from requestContext.http.method; path and query from
// rawPath and rawQueryString (a named stage's "/<stage>" prefix is removed, so routes read the same as locally);
// headers as received (API Gateway has already joined repeated headers with commas); cookies, which payload 2.0
// moves out of the headers, back into one Cookie header; the body, decoded from base64 when isBase64Encoded; the
// client address requestContext.http.sourceIp, which API Gateway measured itself, as RemoteAddr and as the only
// X-Forwarded-For value (whatever the client sent there is dropped, so it cannot forge its address). The handler
// writes into memory; the response carries the status, every header (repeated values joined with ", " as payload
// 2.0 has no multi-value headers; Set-Cookie values go to "cookies"), and the body as text, or base64 for binary
// content types and anything that is not UTF-8.
//
// Behind CloudFront, sourceIp is an address of CloudFront, shared by every visitor (one rate-limit bucket for
// all). The distribution adds a secret custom origin header, X-Origin-Secret, to what it forwards; on a request
// that carries the secret of Options.OriginSecret (ORIGIN_SECRET for Serve), compared in constant time, the
// client address is taken from CloudFront-Viewer-Address ("ip:port"; IPv6 without brackets, the port after the
// last colon). A request without the right secret (a direct call to the execute-api address) keeps sourceIp, and
// its CloudFront-Viewer-Address is dropped. The secret header never reaches the handler.
//
// Deploy the API on the $default stage behind the site's own domain (CloudFront sends /api/* to it), as ARCHITECTURE.md
// says: the stage prefix is not added back to the Location of redirects, so on a named stage's execute-api address
// the 303 after a submission would lead to a page without the prefix.
//
// Why not github.com/awslabs/aws-lambda-go-api-proxy (httpadapter.NewV2)? It does the same in more code, its
// module requires every web framework it adapts (gin, echo, fiber, iris, ...), which would enter go.sum and the
// build graph, and its payload 2.0 support has lagged (cookies were dropped until 2022). aws-lambda-go's own
// lambdaurl answers with a streaming response that API Gateway does not accept. About a hundred lines here,
// tested with table-driven events, are cheaper to own.
//
// Serve runs a handler under the Lambda runtime (with ORIGIN_SECRET as Options.OriginSecret), or as a plain HTTP
// server on ADDR for debugging; package function wires the two commands around it.
package lambdahttp

import (
	"bytes"
	"context"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// Handler adapts h to API Gateway HTTP API events, for lambda.Start, with no origin secret: the client address
// is always sourceIp.
func Handler(h http.Handler) func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return Options{}.Handler(h)
}

// Handler adapts h to API Gateway HTTP API events, for lambda.Start, with the options o.
func (o Options) Handler(h http.Handler) func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		r, err := o.Request(ctx, ev)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{
				StatusCode: http.StatusBadRequest,
				Headers:    map[string]string{"Content-Type": "text/plain; charset=utf-8"},
				Body:       "Richiesta non valida.\n",
			}, nil
		}
		w := &writer{header: http.Header{}}
		h.ServeHTTP(w, r)
		return w.response(), nil
	}
}

// Request builds the *http.Request that ev describes, with ctx as its context, with no origin secret.
func Request(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	return Options{}.Request(ctx, ev)
}

// Request builds the *http.Request that ev describes, with ctx as its context: the client address is sourceIp,
// or CloudFront-Viewer-Address on a request that carries the origin secret (see Options).
func (o Options) Request(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(ev.Body)
		if err != nil {
			return nil, err
		}
		body = b
	}
	path := ev.RawPath
	if path == "" {
		path = ev.RequestContext.HTTP.Path
	}
	if st := ev.RequestContext.Stage; st != "" && st != "$default" && strings.HasPrefix(path, "/"+st+"/") {
		path = strings.TrimPrefix(path, "/"+st)
	}
	target := path
	if ev.RawQueryString != "" {
		target += "?" + ev.RawQueryString
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil, err
	}
	method := ev.RequestContext.HTTP.Method
	if method == "" {
		method = http.MethodGet
	}
	r, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.RequestURI = target
	r.URL = u
	r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.1", 1, 1
	for k, v := range ev.Headers {
		r.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		r.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	r.Host = r.Header.Get("Host")
	if r.Host == "" {
		r.Host = ev.RequestContext.DomainName
	}
	r.Header.Del("Host")
	r.ContentLength = int64(len(body))
	r.Header.Del("X-Forwarded-For")
	if ip := ev.RequestContext.HTTP.SourceIP; ip != "" {
		r.RemoteAddr = net.JoinHostPort(ip, "0")
		r.Header.Set("X-Forwarded-For", ip)
	}
	o.clientAddr(r)
	return r, nil
}

// writer is an in-memory http.ResponseWriter.
type writer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *writer) Header() http.Header { return w.header }

func (w *writer) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *writer) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}

func (w *writer) response() events.APIGatewayV2HTTPResponse {
	w.WriteHeader(http.StatusOK)
	if w.header.Get("Content-Type") == "" && w.body.Len() > 0 {
		w.header.Set("Content-Type", http.DetectContentType(w.body.Bytes()))
	}
	resp := events.APIGatewayV2HTTPResponse{StatusCode: w.status, Headers: map[string]string{}}
	for k, vs := range w.header {
		if k == "Set-Cookie" {
			resp.Cookies = append(resp.Cookies, vs...)
			continue
		}
		resp.Headers[k] = strings.Join(vs, ", ")
	}
	if isText(w.header.Get("Content-Type")) && utf8.Valid(w.body.Bytes()) {
		resp.Body = w.body.String()
	} else {
		resp.Body = base64.StdEncoding.EncodeToString(w.body.Bytes())
		resp.IsBase64Encoded = true
	}
	return resp
}

// isText reports whether a body of content type ct can travel as a JSON string.
func isText(ct string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(ct), ";")
	ct = strings.TrimSpace(ct)
	switch {
	case ct == "", strings.HasPrefix(ct, "text/"), strings.HasSuffix(ct, "+json"), strings.HasSuffix(ct, "+xml"):
		return true
	}
	switch ct {
	case "application/json", "application/xml", "application/javascript", "application/x-www-form-urlencoded":
		return true
	}
	return false
}
