package e2e

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// callPage is the page of the call for community managers.
const callPage = "/lavora-con-noi/bando-community-manager/"

// TestCallClosed checks the site built and served a day after the deadline: the application page has no form
// but a clear notice, a late application gets 403 with a page that gives the dates and stores nothing, and
// axe finds no violation on those pages at either width, with JavaScript on or off.
func TestCallClosed(t *testing.T) {
	s := closedSuite.get(t)
	_, pdf := writeCV(t)
	fields := map[string]string{"call": "community-manager-2025"}
	for k, v := range candidate {
		fields[k] = v
	}
	status, page := postForm(t, s, "/api/applications", fields, true, upload{"cv", "cv.pdf", pdf})
	if status != http.StatusForbidden || !strings.Contains(string(page), "28 aprile 2025") {
		t.Errorf("a late application: status %d, want 403 with a page that gives the deadline:\n%s", status, clip(string(page), 1500))
	}
	if entries, _ := os.ReadDir(filepath.Join(s.DataDir, "applications")); len(entries) > 0 {
		t.Errorf("a late application left %d records in the store", len(entries))
	}
	late := s.serveCopy(t, "candidatura-in-ritardo.html", page)
	for _, vp := range []viewport{narrow, wide} {
		for _, js := range []bool{false, true} {
			t.Run(settings(vp, js), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t, vp, js)
				for _, u := range []string{s.URL + callPage, s.URL + applyPage, late} {
					tb.open(u)
					what := strings.TrimPrefix(u, s.URL) + " (call closed)"
					checkAxe(t, tb, what)
					if vp == narrow {
						checkReflow(t, tb, what)
					}
				}
				tb.open(s.URL + applyPage)
				if evalIn[bool](tb, `!!document.querySelector(`+jsq(applyForm)+`)`) {
					t.Errorf("%s after the deadline still has the application form", applyPage)
				}
				if !evalIn[bool](tb, `document.querySelector('main').innerText.includes('chiuso')`) {
					t.Errorf("%s after the deadline does not say the call is closed (\"chiuso\")", applyPage)
				}
			})
		}
	}
}
