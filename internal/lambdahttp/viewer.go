package lambdahttp

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// Headers of the client address behind CloudFront.
const (
	// OriginSecretHeader is the custom origin header that the CloudFront distribution adds to every request it
	// forwards to the API (deploy/template.yaml); its value is ORIGIN_SECRET.
	OriginSecretHeader = "X-Origin-Secret"
	// ViewerAddressHeader is the header CloudFront adds with the viewer's address and source port
	// ("198.51.100.10:46532", "2001:db8::1:46532"), forwarded by the AllViewerExceptHostHeader policy.
	ViewerAddressHeader = "CloudFront-Viewer-Address"
	// OriginSecretEnv is the environment variable Serve reads the origin secret from.
	OriginSecretEnv = "ORIGIN_SECRET"
)

// Options tune the adapter.
type Options struct {
	// OriginSecret is the value OriginSecretHeader carries on requests that came through our distribution. When
	// a request carries it, the client address is the one in CloudFront-Viewer-Address; otherwise (a direct call
	// to the execute-api address, or OriginSecret empty) it stays API Gateway's sourceIp, whatever the caller
	// sent in CloudFront-Viewer-Address.
	OriginSecret string
}

// clientAddr applies the CloudFront rule to r, whose RemoteAddr and X-Forwarded-For hold sourceIp: with the right
// origin secret and a valid CloudFront-Viewer-Address, both become the viewer's address. The secret header is
// always removed, so the handler never sees it; an untrusted viewer header is removed too.
func (o Options) clientAddr(r *http.Request) {
	secret := r.Header.Values(OriginSecretHeader)
	r.Header.Del(OriginSecretHeader)
	viewer := r.Header.Get(ViewerAddressHeader)
	if !o.trusted(secret) {
		r.Header.Del(ViewerAddressHeader)
		return
	}
	ip, ok := viewerIP(viewer)
	if !ok {
		return
	}
	r.RemoteAddr = netip.AddrPortFrom(ip, 0).String()
	r.Header.Set("X-Forwarded-For", ip.String())
}

// trusted reports whether the request's secret header values are exactly one, equal to o.OriginSecret; the
// comparison takes the same time whatever the value (both sides are hashed first, so not even the length leaks).
func (o Options) trusted(values []string) bool {
	if o.OriginSecret == "" || len(values) != 1 {
		return false
	}
	got, want := sha256.Sum256([]byte(values[0])), sha256.Sum256([]byte(o.OriginSecret))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// viewerIP parses CloudFront-Viewer-Address: an address, a colon and the source port. IPv6 comes without
// brackets ("2001:db8::1:46532": the port is after the last colon); bracketed "[2001:db8::1]:46532" is accepted too.
func viewerIP(v string) (netip.Addr, bool) {
	v = strings.TrimSpace(v)
	if ap, err := netip.ParseAddrPort(v); err == nil {
		return ap.Addr().Unmap(), true
	}
	i := strings.LastIndexByte(v, ':')
	if i < 0 {
		return netip.Addr{}, false
	}
	if _, err := strconv.ParseUint(v[i+1:], 10, 16); err != nil {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(v[:i])
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}
