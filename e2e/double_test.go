package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDoubleSubmit double-clicks the contact form's submit button, with JavaScript on and off, and wants one
// message stored and the receipt shown: a double click must not send two messages (ARCHITECTURE.md: a repeated
// submission yields the same receipt).
func TestDoubleSubmit(t *testing.T) {
	s := getSuite(t)
	for i, js := range []bool{false, true} {
		t.Run(settings(wide, js), func(t *testing.T) {
			tb := newTab(t, wide, js)
			tb.open(s.URL + contactPage)
			loaded := time.Now()
			// Each run writes its own message, so the two runs' records cannot be confused.
			answers := tenant.with("message", tenant["message"]+[]string{" Prima prova.", " Seconda prova."}[i])
			fillWithJS(tb, contactForm, answers)
			if js { // the page's time token must not look like a robot's
				time.Sleep(time.Until(loaded.Add(humanDelay)))
			}
			before := storeSnapshot(t, s.DataDir)
			tb.do(chromedp.DoubleClick(chromedp.CSS(contactForm + ` [type="submit"]`)))
			st := waitStored(t, s.DataDir, before, "ticket", submitTimeout)
			checkReceiptPage(t, tb, st.Ref)
			time.Sleep(time.Second) // a second request, if any, has had time to land
			var records []string
			for p := range storeSnapshot(t, s.DataDir) {
				if !before[p] && isRecordDir(p) && strings.HasSuffix(p, ".json") {
					records = append(records, filepath.Base(p))
				}
			}
			if len(records) != 1 {
				t.Errorf("a double click stored %d messages, want 1: %v", len(records), records)
			}
			if _, err := os.Stat(st.Record); err != nil {
				t.Error(err)
			}
		})
	}
}
