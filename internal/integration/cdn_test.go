package integration

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// needNode returns node's path, skipping the test without it (failing under QUARTIERI_REQUIRE_SERVERS=1).
func needNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("QUARTIERI_REQUIRE_SERVERS") == "1" {
			t.Fatal("node is missing")
		}
		t.Skip("node is missing")
	}
	return node
}

// TestCleanURLsFunction runs the template's CloudFront Function (viewer request) under node with sample events.
func TestCleanURLsFunction(t *testing.T) {
	node := needNode(t)
	tp := loadTemplate(t)
	props := tp.resource(t, "CleanUrls", "AWS::CloudFront::Function")
	code := get(props, "FunctionCode").Value
	if len(code) > 10<<10 {
		t.Errorf("function code is %d bytes, over CloudFront Functions' 10 KB", len(code))
	}
	if rt := get(props, "FunctionConfig", "Runtime").Value; rt != "cloudfront-js-2.0" {
		t.Errorf("runtime %q", rt)
	}
	type want struct {
		uri, location string // the rewritten URI, or the location of a 301
	}
	qs := func(pairs ...string) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(pairs); i += 2 {
			if prev, ok := m[pairs[i]].(map[string]any); ok {
				mv, _ := prev["multiValue"].([]any)
				if mv == nil {
					mv = []any{map[string]any{"value": prev["value"]}}
				}
				prev["multiValue"] = append(mv, map[string]any{"value": pairs[i+1]})
				continue
			}
			m[pairs[i]] = map[string]any{"value": pairs[i+1]}
		}
		return m
	}
	tests := []struct {
		uri   string
		query map[string]any
		want  want
	}{
		{"/", nil, want{uri: "/index.html"}},
		{"/presidi/", nil, want{uri: "/presidi/index.html"}},
		{"/presidi/codogno/", nil, want{uri: "/presidi/codogno/index.html"}},
		{"/presidi", nil, want{location: "/presidi/"}},
		{"/presidi/codogno", nil, want{location: "/presidi/codogno/"}},
		{"/presidi", qs("utm", "x"), want{location: "/presidi/?utm=x"}},
		{"/presidi", qs("a", "1", "a", "2", "b", ""), want{location: "/presidi/?a=1&a=2&b"}},
		{"/css/site.css", nil, want{uri: "/css/site.css"}},
		{"/js/site.a1b2c3d4.js", nil, want{uri: "/js/site.a1b2c3d4.js"}},
		{"/404.html", nil, want{uri: "/404.html"}},
		{"/sitemap.xml", nil, want{uri: "/sitemap.xml"}},
		{"/v1.2/pagina", nil, want{location: "/v1.2/pagina/"}},
	}
	var events []map[string]any
	for _, tt := range tests {
		q := tt.query
		if q == nil {
			q = map[string]any{}
		}
		events = append(events, map[string]any{
			"version": "1.0", "context": map[string]any{"eventType": "viewer-request"}, "viewer": map[string]any{"ip": "198.51.100.10"},
			"request": map[string]any{"method": "GET", "uri": tt.uri, "querystring": q, "headers": map[string]any{"host": map[string]any{"value": "quartieri.example.it"}}, "cookies": map[string]any{}},
		})
	}
	dir := t.TempDir()
	fn := filepath.Join(dir, "function.js")
	if err := os.WriteFile(fn, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	runner := `const fs = require('fs');
const handler = new Function(fs.readFileSync(process.argv[1], 'utf8') + '\nreturn handler;')();
const events = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(events.map((e) => handler(e))));`
	in, _ := json.Marshal(events)
	cmd := exec.Command(node, "-e", runner, fn)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var results []struct {
		URI        string `json:"uri"`
		StatusCode int    `json:"statusCode"`
		Headers    map[string]struct {
			Value string `json:"value"`
		} `json:"headers"`
	}
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(tests) {
		t.Fatalf("node answered %s (%v)", out, err)
	}
	for i, tt := range tests {
		got := results[i]
		switch {
		case tt.want.location != "":
			if got.StatusCode != 301 || got.Headers["location"].Value != tt.want.location {
				t.Errorf("%s %v: status %d location %q, want 301 %q", tt.uri, tt.query, got.StatusCode, got.Headers["location"].Value, tt.want.location)
			}
		case got.StatusCode != 0 || got.URI != tt.want.uri:
			t.Errorf("%s: status %d uri %q, want the request with uri %q", tt.uri, got.StatusCode, got.URI, tt.want.uri)
		}
	}
}

// TestContentSecurityPolicy: the policy forbids inline scripts and styles, framing and foreign origins, and the
// theme and content need nothing else: no inline script but JSON-LD data blocks, no <style>, no style or event
// handler attributes, no javascript: URLs, nothing loaded from another origin.
func TestContentSecurityPolicy(t *testing.T) {
	tp := loadTemplate(t)
	cfg := get(tp.resource(t, "SecurityHeaders", "AWS::CloudFront::ResponseHeadersPolicy"), "ResponseHeadersPolicyConfig", "SecurityHeadersConfig")
	csp := map[string]string{}
	for _, d := range strings.Split(get(cfg, "ContentSecurityPolicy", "ContentSecurityPolicy").Value, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		csp[name] = value
	}
	for name, want := range map[string]string{"default-src": "'none'", "script-src": "'self'", "style-src": "'self'",
		"connect-src": "'self'", "form-action": "'self'", "frame-ancestors": "'none'", "base-uri": "'none'"} {
		if csp[name] != want {
			t.Errorf("CSP %s = %q, want %q", name, csp[name], want)
		}
	}
	for k, v := range map[string]string{"FrameOptions": "{FrameOption: DENY, Override: true}", "ContentTypeOptions": "{Override: true}",
		"ReferrerPolicy": "{ReferrerPolicy: strict-origin-when-cross-origin, Override: true}"} {
		if got := expr(get(cfg, k)); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if hsts := get(cfg, "StrictTransportSecurity", "AccessControlMaxAgeSec"); hsts == nil || len(hsts.Value) < 8 {
		t.Errorf("HSTS max-age %s, want at least a year", expr(hsts))
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	script := regexp.MustCompile(`(?is)<script\b[^>]*>`)
	bad := map[string]*regexp.Regexp{
		"a <style> element":          regexp.MustCompile(`(?i)<style\b`),
		"a style attribute":          regexp.MustCompile(`(?i)\sstyle\s*=`),
		"an event handler attribute": regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`),
		"a javascript: URL":          regexp.MustCompile(`(?i)javascript:`),
		"a resource of another site": regexp.MustCompile(`(?i)(src|srcset)\s*=\s*"(https?:)?//|<link[^>]+href\s*=\s*"(https?:)?//|url\(\s*['"]?(https?:)?//|@import`),
		"code from a string":         regexp.MustCompile(`\beval\(|new Function\(|setTimeout\(\s*['"]`),
	}
	checked := 0
	for _, dir := range []string{"themes", "content"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(p) {
			case ".html", ".md", ".css", ".js":
			default:
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			checked++
			rel, _ := filepath.Rel(root, p)
			for what, re := range bad {
				if loc := re.FindIndex(b); loc != nil {
					t.Errorf("%s has %s, which the Content-Security-Policy blocks: %q", rel, what, b[loc[0]:min(loc[1]+40, len(b))])
				}
			}
			for _, tag := range script.FindAll(b, -1) {
				s := string(tag)
				// A script of our own: src="/..." or through the asset function (fingerprinted, on our origin).
				if !regexp.MustCompile(`\ssrc="(/|\{\{asset )`).MatchString(s) && !strings.Contains(s, `type="application/ld+json"`) {
					t.Errorf("%s has an inline script, which the Content-Security-Policy blocks: %s", rel, s)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 10 {
		t.Errorf("only %d files checked", checked)
	}
}
