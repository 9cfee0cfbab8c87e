package e2e

import (
	"os"
	"testing"

	"quartieri/internal/siteconfig"
)

// TestStatementFromSiteYAML opens the accessibility page and the funding page (JavaScript off): the feedback
// address of site.yaml is a mailto: link, the Difensore civico link and the footer's statement link come from
// site.yaml, and the funding table has a caption.
func TestStatementFromSiteYAML(t *testing.T) {
	s := getSuite(t)
	cfg, err := siteconfig.Load(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, wide, false)
	tb.open(s.URL + "/accessibilita/")
	for _, sel := range []string{
		`main a[href="mailto:` + cfg.Accessibility.Feedback + `"]`,
		`main a[href="` + cfg.Accessibility.OmbudsmanURL + `"]`,
		`footer a[href="/accessibilita/#segnalazioni"]`,
	} {
		if !evalIn[bool](tb, `!!document.querySelector(`+jsq(sel)+`)`) {
			t.Errorf("/accessibilita/: no %s", sel)
		}
	}
	if evalIn[bool](tb, `document.querySelector('main').innerText.includes('{')`) {
		t.Errorf("/accessibilita/: a value in braces was left in the text")
	}
	tb.open(s.URL + "/finanziamento/")
	if got := evalIn[string](tb, `(document.querySelector('main table caption') || {}).textContent || ''`); got == "" {
		t.Errorf("/finanziamento/: the table has no caption")
	}
}
