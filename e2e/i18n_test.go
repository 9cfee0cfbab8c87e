package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

// The courtesy translations in Arabic, the right-to-left language of site.yaml.
const (
	arabicContact = "/ar/contatti/"
	// arabicProblem is the error summary's title in Arabic, arabicNoName the message for a missing name.
	arabicProblem = "توجد مشكلة"
	arabicNoName  = "اكتب اسمك واسم عائلتك"
)

// TestTranslatedPagesBuilt wants every language of site.yaml among the built pages, each page with its lang and
// dir: TestAccessibility and TestNuHTMLChecker check every built page, so they cover the translations too.
func TestTranslatedPagesBuilt(t *testing.T) {
	s := getSuite(t)
	cfg, err := siteconfig.Load(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Multilingual() {
		t.Skip("site.yaml has no translations")
	}
	tb := newTab(t, narrow, false)
	for _, l := range cfg.Languages {
		if l.Code == cfg.Language {
			continue
		}
		n := 0
		for _, p := range s.Pages {
			if !strings.HasPrefix(p, "/"+l.Code+"/") {
				continue
			}
			n++
			tb.open(s.URL + p)
			got := evalIn[[]string](tb, `[document.documentElement.lang, document.documentElement.dir]`)
			if got[0] != l.Code || got[1] != l.Direction {
				t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", p, got[0], got[1], l.Code, l.Direction)
			}
		}
		if n == 0 {
			t.Errorf("no page built under /%s/ for %s", l.Code, l.Name)
		}
	}
}

// TestRightToLeftNarrow opens every Arabic page at 320 px, with JavaScript off and on: right to left, no
// sideways scrolling, axe without violations, and the main menu and the language switcher inside the window.
func TestRightToLeftNarrow(t *testing.T) {
	s := getSuite(t)
	var pages []string
	for _, p := range s.Pages {
		if strings.HasPrefix(p, "/ar/") {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		t.Fatal("no Arabic page built")
	}
	for _, js := range []bool{false, true} {
		t.Run(settings(narrow, js), func(t *testing.T) {
			tb := newTab(t, narrow, js)
			for _, p := range pages {
				tb.open(s.URL + p)
				if dir := evalIn[string](tb, `getComputedStyle(document.body).direction`); dir != "rtl" {
					t.Errorf("%s: the body's direction is %q, want rtl", p, dir)
				}
				checkReflow(t, tb, p)
				checkAxe(t, tb, p)
				outside := evalIn[[]string](tb, `[...document.querySelectorAll('.languages a, .languages span')]
					.filter(a => { const r = a.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > innerWidth + 1); })
					.map(a => a.textContent)`)
				if len(outside) > 0 {
					t.Errorf("%s: language links outside the window: %q", p, outside)
				}
			}
		})
	}
}

// TestContactInArabic sends the contact form from the Arabic page, with JavaScript off and on: first empty,
// and wants the errors in Arabic; then filled in, and wants the confirmation page in Arabic, the message stored
// with its language and the presidio's mail saying which language the person wrote in.
func TestContactInArabic(t *testing.T) {
	s := getSuite(t)
	for _, js := range []bool{false, true} {
		t.Run(settings(narrow, js), func(t *testing.T) {
			tb := newTab(t, narrow, js)
			tb.open(s.URL + arabicContact)
			loaded := time.Now()
			before := storeSnapshot(t, s.DataDir)
			clickSubmit(tb, contactForm)
			tb.waitFor(`document.body.innerText.includes(`+jsq(arabicProblem)+`)`, submitTimeout, "the error summary in Arabic")
			tb.waitFor(`document.body.innerText.includes(`+jsq(arabicNoName)+`)`, submitTimeout, "the name's error in Arabic")
			if got := evalIn[string](tb, "document.documentElement.lang"); got != "ar" {
				t.Errorf("the page with the errors has lang %q, want ar", got)
			}
			if title := evalIn[string](tb, "document.title"); !strings.HasPrefix(title, "خطأ:") {
				t.Errorf("the page with the errors has the title %q, want it to start with خطأ:", title)
			}
			if italian := evalIn[bool](tb, `document.querySelector('main').innerText.includes("C'è un problema")`); italian {
				t.Error("the error summary is in Italian")
			}
			checkAxe(t, tb, "the Arabic form with errors")
			checkReflow(t, tb, "the Arabic form with errors")
			fillWithJS(tb, contactForm, tenant.with("town", "codogno", "topic", "payments",
				"message", "لا أستطيع دفع الإيجار هذا الشهر."))
			time.Sleep(time.Until(loaded.Add(humanDelay)))
			clickSubmit(tb, contactForm)
			st := waitStored(t, s.DataDir, before, "ticket", submitTimeout)
			tb.waitFor(`document.body.innerText.includes(`+jsq(st.Ref)+`)`, submitTimeout, "the receipt "+st.Ref)
			if got := evalIn[string](tb, "document.documentElement.lang"); got != "ar" {
				t.Errorf("the confirmation page has lang %q, want ar", got)
			}
			checkAxe(t, tb, "the Arabic confirmation page")
			var rec struct{ Lang string }
			if b, err := os.ReadFile(st.Record); err != nil || json.Unmarshal(b, &rec) != nil || rec.Lang != "ar" {
				t.Errorf("store: record %s has lang %q, want ar", filepath.Base(st.Record), rec.Lang)
			}
			checkLanguageMail(t, s.DataDir, before, st.Ref, "pagina in arabo (ar): forse serve un interprete")
		})
	}
}

// checkLanguageMail waits for the presidio's mail about ref and wants it to hold note.
func checkLanguageMail(t testing.TB, dir string, before map[string]bool, ref, note string) {
	t.Helper()
	deadline := time.Now().Add(mailTimeout)
	for {
		for p := range storeSnapshot(t, dir) {
			if before[p] || !strings.HasSuffix(p, ".eml") {
				continue
			}
			raw, err := os.ReadFile(p)
			if err != nil || !bytes.Contains(raw, []byte(ref)) {
				continue
			}
			_, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
			text, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
			if bytes.Contains(text, []byte(note)) {
				t.Logf("the mail %s notes the language", filepath.Base(p))
				return
			}
		}
		if time.Now().After(deadline) {
			t.Errorf("no mail about %s says %q within %v", ref, note, mailTimeout)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
