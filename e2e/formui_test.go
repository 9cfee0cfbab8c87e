package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSummaryLinksKeepLabelsInView follows every link of the application form's error summary without
// JavaScript, at 320 px and 1280 px: the browser scrolls to the field, and the field's label or legend, its hint
// and its error must stay in view above it (issue 11; the stylesheet's scroll-margin-top).
func TestSummaryLinksKeepLabelsInView(t *testing.T) {
	s := getSuite(t)
	for _, vp := range []viewport{narrow, wide} {
		tb := newTab(t, vp, false)
		tb.open(s.URL + applyPage)
		clickSubmit(tb, applyForm)
		tb.waitNavigation(s.URL+applyPage, submitTimeout)
		tb.waitFor(`document.title.startsWith('Errore: ')`, submitTimeout, "the error page")
		links := evalIn[[]string](tb, `[...document.querySelectorAll('.error-summary a[href^="#"]')].map(a => a.getAttribute('href'))`)
		if len(links) < 3 {
			t.Fatalf("%s: the error summary has %d links, want one per field in error", tb, len(links))
		}
		for _, href := range links {
			evalIn[bool](tb, `(scrollTo(0, 0), true)`)
			evalIn[bool](tb, `(document.querySelector('.error-summary a[href="`+href+`"]').click(), true)`)
			tb.waitFor(`location.hash === `+jsq(href), 5*time.Second, "the jump to "+href)
			out := evalIn[[]string](tb, `(() => {
				const f = document.getElementById(`+jsq(strings.TrimPrefix(href, "#"))+`), g = f.closest('.form-group'), out = [];
				if (scrollY === 0) return out; // already in view without scrolling
				for (const e of g.querySelectorAll('legend, label.label, .hint, .error-message')) {
					const b = e.getBoundingClientRect();
					if (b.top < 0 || b.bottom > innerHeight) out.push((e.className || e.tagName) + ' at ' + Math.round(b.top) + '..' + Math.round(b.bottom));
				}
				const b = f.getBoundingClientRect();
				if (b.bottom > innerHeight) out.push('the field itself ends at ' + Math.round(b.bottom));
				return out;
			})()`)
			if len(out) > 0 {
				t.Errorf("%s: after the summary link %s, out of view: %v", tb, href, out)
			}
		}
	}
}

// TestFileInputEnhanced chooses a CV with a long name on the application page with JavaScript on: the field is a
// button labelled by the field's label with "Scegli file", which says the whole file name once chosen, in a live
// region, with no text cut off at 320 px. Without JavaScript the native file input is there.
func TestFileInputEnhanced(t *testing.T) {
	s := getSuite(t)
	_, pdf := writeCV(t)
	name := "curriculum-vitae-di-maria-giovanna-rossi-bianchi-aggiornato-al-2025.pdf"
	long := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(long, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	off := newTab(t, narrow, false)
	off.open(s.URL + applyPage)
	if !evalIn[bool](off, `document.getElementById('cv').type === 'file'`) {
		t.Error("without JavaScript #cv is not the native file input")
	}
	tb := newTab(t, narrow, true)
	tb.open(s.URL + applyPage)
	tb.waitFor(`document.querySelector('button#cv')`, 5*time.Second, "the file button")
	got := evalIn[map[string]string](tb, `(() => {
		const b = document.getElementById('cv'), ids = (b.getAttribute('aria-labelledby') || '').split(' ');
		return {text: b.innerText, label: ids.map(i => (document.getElementById(i) || {}).textContent || '').join(''),
			labelFor: (document.querySelector('label[for="cv"]') || {}).textContent || '',
			live: (b.querySelector('[aria-live]') || {}).textContent || ''};
	})()`)
	if !strings.Contains(got["text"], "Scegli file") || !strings.HasPrefix(got["label"], "Curriculum vitae") ||
		got["labelFor"] == "" || got["live"] != "Nessun file scelto" {
		t.Errorf("the file button: %q", got)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS(applyForm+` input[type="file"]`), []string{long}))
	tb.waitFor(`document.querySelector('button#cv [aria-live]').textContent === `+jsq(name), 5*time.Second, "the file's whole name in the button")
	if c := evalIn[[]string](tb, clippedText); len(c) > 0 {
		t.Errorf("with a long file name at 320 px: %v", c)
	}
}

// TestKeptCVSameWords sends the application with a CV and a wrong codice fiscale with JavaScript on and off: both
// pages must say that the CV was received in the same words.
func TestKeptCVSameWords(t *testing.T) {
	s := getSuite(t)
	cvPath, _ := writeCV(t)
	var said []string
	for _, js := range []bool{false, true} {
		tb := newTab(t, wide, js)
		tb.open(s.URL + applyPage)
		loaded := time.Now()
		fillValues(tb, applyForm, map[string]string{"given_name": "Luca", "family_name": "Verdi",
			"tax_code": "VRDLCU80A01H501X", "email": "luca.verdi@example.it", "phone": "0371 654321"})
		tb.do(chromedp.SetUploadFiles(chromedp.CSS(applyForm+` input[type="file"]`), []string{cvPath}))
		time.Sleep(time.Until(loaded.Add(humanDelay)))
		clickSubmit(tb, applyForm)
		if !js {
			tb.waitNavigation(s.URL+applyPage, submitTimeout)
		}
		tb.waitFor(`document.querySelector('.uploaded')`, submitTimeout, "the sentence about the kept CV")
		said = append(said, evalIn[string](tb, `document.querySelector('.uploaded').innerText`))
	}
	if said[0] != said[1] || !strings.HasPrefix(said[0], "Hai caricato: cv-mario-rossi.pdf") {
		t.Errorf("kept CV: without JavaScript %q, with it %q; want the same, starting \"Hai caricato: cv-mario-rossi.pdf\"", said[0], said[1])
	}
}

// TestTableRegions wants, with JavaScript, a table's scroll region to be a tab stop only while it scrolls, and on
// a phone each value's header shown before it without being part of the cell's text for a screen reader
// (content: attr(data-label) / "").
func TestTableRegions(t *testing.T) {
	s := getSuite(t)
	page := ""
	for _, p := range s.Pages {
		tb := newTab(t, wide, false)
		tb.open(s.URL + p)
		if evalIn[bool](tb, `!!document.querySelector('.table-wrap td[data-label]')`) {
			page = p
			break
		}
	}
	if page == "" {
		t.Fatal("no page has a table with data-label cells")
	}
	for _, vp := range []viewport{narrow, wide} {
		tb := newTab(t, vp, true)
		tb.open(s.URL + page)
		bad := evalIn[[]string](tb, `[...document.querySelectorAll('.table-wrap')].filter(w =>
			(w.scrollWidth > w.clientWidth) !== (w.getAttribute('tabindex') === '0')).map(w => w.getAttribute('aria-label') +
			': scrolls ' + (w.scrollWidth > w.clientWidth) + ', tabindex ' + w.getAttribute('tabindex'))`)
		if len(bad) > 0 {
			t.Errorf("%s (%s): %v", page, tb, bad)
		}
		if vp == narrow {
			content := evalIn[string](tb, `getComputedStyle(document.querySelector('.table-wrap td[data-label]'), '::before').content`)
			if !strings.HasSuffix(content, `/ ""`) {
				t.Errorf("%s (%s): a cell's header is generated as %s, want empty alternative text (/ \"\")", page, tb, content)
			}
		}
	}
}
