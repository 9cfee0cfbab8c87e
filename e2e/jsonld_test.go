package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

// ldScript finds the JSON-LD blocks of a page.
var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestStructuredData wants every JSON-LD block of every built page to parse, the GovernmentOrganization on the
// home page, and on the call page a JobPosting whose validThrough is the call's deadline in site.yaml (issue 3).
func TestStructuredData(t *testing.T) {
	s := getSuite(t)
	cfg, err := siteconfig.Load(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range s.Files {
		b, err := os.ReadFile(filepath.Join(s.SiteDir, f))
		if err != nil {
			t.Fatal(err)
		}
		types := map[string]map[string]any{}
		for _, m := range ldScript.FindAllSubmatch(b, -1) {
			var obj map[string]any
			if err := json.Unmarshal(m[1], &obj); err != nil {
				t.Errorf("%s: JSON-LD that does not parse: %v", s.Pages[i], err)
				continue
			}
			if typ, ok := obj["@type"].(string); ok {
				types[typ] = obj
			}
		}
		if s.Pages[i] == "/" && types["GovernmentOrganization"] == nil {
			t.Errorf("the home page carries no GovernmentOrganization JSON-LD")
		}
		if s.Pages[i] != callPage {
			continue
		}
		job := types["JobPosting"]
		if job == nil {
			t.Errorf("%s carries no JobPosting JSON-LD", callPage)
			continue
		}
		call, ok := cfg.Call("community-manager-2025")
		if !ok {
			t.Fatal("site.yaml has no call community-manager-2025")
		}
		vt, _ := job["validThrough"].(string)
		got, err := time.Parse(time.RFC3339, vt)
		if err != nil || !got.Truncate(time.Minute).Equal(call.Closes.Truncate(time.Minute)) {
			t.Errorf("%s: JobPosting validThrough = %q, want the deadline %s", callPage, vt, call.Closes.Format(time.RFC3339))
		}
		for _, key := range []string{"title", "description", "hiringOrganization", "jobLocation"} {
			if job[key] == nil {
				t.Errorf("%s: JobPosting has no %s", callPage, key)
			}
		}
		if job["datePosted"] == nil {
			t.Logf("note: %s: JobPosting has no datePosted (Google's job search requires it)", callPage)
		}
	}
}
