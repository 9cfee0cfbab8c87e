package forms

import (
	"net/http"
	"strconv"
	"strings"
)

// wantsJSON reports whether the request asks for JSON: its Accept header names application/json (case does not
// matter) with a q above zero and at least the q that text/html gets (from text/html, text/* or */*). A script
// sends exactly "application/json"; a browser sends text/html first, and "*/*" alone gets HTML. A media range
// with a q that is not a number from 0 to 1 is ignored.
func wantsJSON(r *http.Request) bool {
	jsonQ, jsonNamed := -1.0, false
	htmlQ, htmlSpec := 0.0, -1 // specificity of the range that set htmlQ: 0 */*, 1 text/*, 2 text/html
	for _, h := range r.Header.Values("Accept") {
		for _, rng := range strings.Split(h, ",") {
			mt, q, ok := parseRange(rng)
			if !ok {
				continue
			}
			switch mt {
			case "application/json":
				if !jsonNamed || q > jsonQ {
					jsonQ, jsonNamed = q, true
				}
			case "text/html", "text/*", "*/*":
				spec := map[string]int{"*/*": 0, "text/*": 1, "text/html": 2}[mt]
				if spec > htmlSpec || (spec == htmlSpec && q > htmlQ) {
					htmlQ, htmlSpec = q, spec
				}
			}
		}
	}
	return jsonNamed && jsonQ > 0 && jsonQ >= htmlQ
}

// parseRange splits one media range of an Accept header into its lower-case type/subtype and its q (1 when
// absent); ok is false when the range or its q is malformed.
func parseRange(rng string) (mediaType string, q float64, ok bool) {
	parts := strings.Split(rng, ";")
	mt := strings.ToLower(strings.TrimSpace(parts[0]))
	typ, sub, found := strings.Cut(mt, "/")
	if !found || typ == "" || sub == "" || strings.ContainsAny(sub, "/ \t") {
		return "", 0, false
	}
	q = 1
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return "", 0, false
		}
		q = f
	}
	return mt, q, true
}
