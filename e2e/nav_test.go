package e2e

import (
	"os"
	"testing"

	"quartieri/internal/siteconfig"
)

// TestNavigationNarrow wants every entry of site.yaml's main menu reachable on a 320 px screen from every
// page, with JavaScript on and off: visible at once, or once the menu button (a <details>' summary) is pressed;
// at 1280 px visible at once.
func TestNavigationNarrow(t *testing.T) {
	s := getSuite(t)
	cfg, err := siteconfig.Load(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	// Each language's main menu, by code: a translated page shows its language's (site.yaml, languages).
	menus := map[string][]string{}
	for _, m := range cfg.Menus["main"] {
		menus[cfg.Language] = append(menus[cfg.Language], m.URL)
	}
	if len(menus[cfg.Language]) == 0 {
		t.Fatal("site.yaml has no main menu")
	}
	for _, l := range cfg.Languages {
		for _, m := range l.Menus["main"] {
			menus[l.Code] = append(menus[l.Code], m.URL)
		}
	}
	want, _ := jsonString(menus)
	// hidden lists the menu URLs of the page's language with no visible link inside a <nav> on the page.
	hidden := `(() => {
		const menus = ` + want + `, lang = document.documentElement.lang;
		const visible = a => { const r = a.getBoundingClientRect(), s = getComputedStyle(a);
			return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.left >= 0 && r.right <= innerWidth + 1; };
		const links = [...document.querySelectorAll('nav a')];
		return (menus[lang] || menus[` + jsq(cfg.Language) + `]).filter(u => !links.some(a => a.getAttribute('href') === u && visible(a)));
	})()`
	t.Run(settings(wide, false)+", menu open at once", func(t *testing.T) {
		tb := newTab(t, wide, false)
		for _, p := range s.Pages {
			tb.open(s.URL + p)
			if missing := evalIn[[]string](tb, hidden); len(missing) > 0 {
				t.Errorf("%s (%s): main menu entries not visible at once: %v", p, tb, missing)
			}
		}
	})
	for _, js := range []bool{false, true} {
		t.Run(settings(narrow, js), func(t *testing.T) {
			tb := newTab(t, narrow, js)
			for _, p := range s.Pages {
				tb.open(s.URL + p)
				missing := evalIn[[]string](tb, hidden)
				if len(missing) > 0 {
					// The menu collapses on small screens: open it as a visitor does (a <details> needs no script).
					opened := evalIn[bool](tb, `(() => { const b = document.querySelector('nav details:not([open]) > summary, nav button[aria-expanded="false"]');
						if (!b) return false; b.click(); return true; })()`)
					if opened {
						missing = evalIn[[]string](tb, hidden)
					}
				}
				if len(missing) > 0 {
					t.Errorf("%s (%s): main menu entries not visible in a <nav>: %v", p, tb, missing)
				}
			}
		})
	}
}
