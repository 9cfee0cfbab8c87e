package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots saves full-page PNGs of the home, call, application and contact pages at 320, 360 and 1280 px, and
// of the application form in its error state at 320 px (the contact form's also with 200% text), and the home
// page's first screen at 360×800, into SCREENSHOTS_DIR, for a person to look at. Without
// SCREENSHOTS_DIR it skips.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		t.Skip("set SCREENSHOTS_DIR to save screenshots of the home and call pages")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := getSuite(t)
	pages := map[string]string{"home": "/", "bando": "/lavora-con-noi/bando-community-manager/",
		"candidatura": applyPage, "contatti": contactPage}
	for _, vp := range []viewport{narrow, phone, wide} {
		tb := newTab(t, vp, true)
		for name, p := range pages {
			tb.open(s.URL + p)
			png := screenshot(tb)
			f := filepath.Join(dir, name+"-"+vp.String()+".png")
			if err := os.WriteFile(f, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s (%d bytes)", p, f, len(png))
		}
	}
	// The application form in its error state, as the backend returns it without JavaScript.
	tb := newTab(t, narrow, false)
	tb.open(s.URL + applyPage)
	fillValues(tb, applyForm, wrongAnswers[applyForm])
	clickSubmit(tb, applyForm)
	tb.waitNavigation(s.URL+applyPage, submitTimeout)
	f := filepath.Join(dir, "candidatura-errore-"+narrow.String()+".png")
	if err := os.WriteFile(f, screenshot(tb), 0o644); err != nil {
		t.Fatal(err)
	}
	// The contact form with its errors at 320 px with 200% text.
	tb = newTab(t, narrow, false)
	tb.open(s.URL + contactPage)
	clickSubmit(tb, contactForm)
	tb.waitNavigation(s.URL+contactPage, submitTimeout)
	evalIn[bool](tb, zoomText200)
	f = filepath.Join(dir, "contatti-errore-200-"+narrow.String()+".png")
	if err := os.WriteFile(f, screenshot(tb), 0o644); err != nil {
		t.Fatal(err)
	}
	// The first screen of a phone, as a resident sees it without scrolling.
	tb = newTab(t, phone, true)
	tb.open(s.URL + "/")
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "home-first-screen-"+phone.String()+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// screenshot takes a full-page PNG of the tab within actionTimeout.
func screenshot(tb *tab) []byte {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot (%s): %v", tb, err)
	}
	return png
}
