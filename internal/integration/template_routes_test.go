package integration

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"quartieri/internal/forms"
	"quartieri/internal/localstore"
	"quartieri/internal/siteconfig"
)

// functionDir is where the source of a template function lives: ApplicationsFunction is functions/applications.
func functionDir(id string) string {
	return strings.ToLower(strings.TrimSuffix(id, "Function"))
}

// servedPaths probes h with PUT on every path made of one or two words of the string literals with a slash in
// package forms (route patterns are built from such literals), under base: a path is served when the answer is not 404 (the handler answers every method on its paths,
// 405 for the ones a route does not take, so PUT never reaches a store).
func servedPaths(t *testing.T, root, base string, h http.Handler) []string {
	t.Helper()
	words := map[string]bool{}
	fset := token.NewFileSet()
	dir := filepath.Join(root, "internal", "forms")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`[a-z][a-z0-9_-]*`)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && strings.Contains(s, "/") && len(s) < 100 {
					for _, w := range word.FindAllString(s, -1) {
						words[w] = true
					}
				}
			}
			return true
		})
	}
	if len(words) < 3 {
		t.Fatalf("only %d words found in package forms", len(words))
	}
	var served []string
	probe := func(p string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPut, p, nil))
		if rec.Code != http.StatusNotFound {
			served = append(served, p)
		}
	}
	probe(base)
	probe(base + "/")
	for a := range words {
		probe(base + "/" + a)
		for b := range words {
			probe(base + "/" + a + "/" + b)
		}
	}
	sort.Strings(served)
	return served
}

// TestTemplateRoutes: each function's HTTP API routes are exactly the paths its handler serves (with the site's
// apiBase), each with method ANY so that the handler answers every method itself.
func TestTemplateRoutes(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	site, err := siteconfig.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	store, err := localstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := forms.Config{Site: site, Records: store, Files: store, Mailer: store}
	handlers := map[string]http.Handler{"ApplicationsFunction": forms.NewApplications(cfg), "ContactFunction": forms.NewContact(cfg)}
	base := site.APIBase
	if !strings.HasPrefix(base, "/") {
		t.Fatalf("apiBase %q is not a path of the site: the template routes /api/* on the site's domain", base)
	}
	tp := loadTemplate(t)
	for _, id := range tp.resourcesOf("AWS::Serverless::Function") {
		h, ok := handlers[id]
		if !ok {
			t.Errorf("function %s: no handler known to this test", id)
			continue
		}
		want := servedPaths(t, root, base, h)
		if len(want) == 0 {
			t.Fatalf("%s: the handler serves no path under %s", id, base)
		}
		var got []string
		events := mapping(get(tp.resource(t, id, "AWS::Serverless::Function"), "Events"))
		for _, name := range sortedKeys(events) {
			ev := events[name]
			if get(ev, "Type").Value != "HttpApi" || expr(get(ev, "Properties", "ApiId")) != "!Ref HttpApi" {
				t.Errorf("%s event %s: %s, want an HttpApi event of HttpApi", id, name, expr(ev))
				continue
			}
			if m := get(ev, "Properties", "Method").Value; m != "ANY" {
				t.Errorf("%s event %s: method %s, want ANY (the handler answers 405 in Italian itself)", id, name, m)
			}
			got = append(got, get(ev, "Properties", "Path").Value)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s routes\n got %v\nwant %v (what the handler serves)", id, got, want)
		}
	}
	// The distribution sends the API's paths to the API: its path pattern covers apiBase.
	dist := get(tp.resource(t, "Distribution", "AWS::CloudFront::Distribution"), "DistributionConfig")
	// Custom error responses apply to the API too: the forms' own answers of 4xx but 404 must reach the browser.
	for _, e := range list(get(dist, "CustomErrorResponses")) {
		if code := get(e, "ErrorCode").Value; code != "404" {
			t.Errorf("CloudFront replaces the %s answers, the API's too (a closed call is a 403 with the dates)", code)
		}
	}
	behaviors := list(get(dist, "CacheBehaviors"))
	if len(behaviors) != 1 || get(behaviors[0], "PathPattern").Value != base+"/*" || get(behaviors[0], "TargetOriginId").Value != "api" {
		t.Errorf("CloudFront behaviours: want one, %s/* to the api origin", base)
	}
}
