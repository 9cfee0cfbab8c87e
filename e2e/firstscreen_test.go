package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// emblemBox is where the EU emblem and its statement sit on a page, and the tallest other logo.
type emblemBox struct {
	Found     bool    `json:"found"`
	Statement string  `json:"statement"`
	Width     float64 `json:"width"`
	Height    float64 `json:"height"`
	Bottom    float64 `json:"bottom"`
	TextEnd   float64 `json:"textBottom"`
	Logo      float64 `json:"logo"`
}

const emblemJS = `(() => {
	const svg = document.querySelector('.funding__emblem'), text = document.querySelector('.funding__text');
	if (!svg || !text) return {found: false};
	const b = svg.getBoundingClientRect(), tb = text.getBoundingClientRect();
	let logo = 0;
	for (const img of document.querySelectorAll('.funding img')) logo = Math.max(logo, img.getBoundingClientRect().height);
	return {found: b.width > 0 && getComputedStyle(svg).visibility !== 'hidden', statement: text.innerText.trim(),
		width: b.width, height: b.height, bottom: b.bottom + scrollY, textBottom: tb.bottom + scrollY, logo};
})()`

// TestEUEmblem wants on every page the EU emblem (3:2) with the statement "Cofinanziato dall'Unione europea",
// no logo taller than the emblem, and on the home page both within the first screen of a 360×800 phone
// (Regulation (EU) 2021/1060, art. 47, 50 and Annex IX).
func TestEUEmblem(t *testing.T) {
	s := getSuite(t)
	for _, vp := range []viewport{phone, wide} {
		tb := newTab(t, vp, false)
		for _, p := range s.Pages {
			tb.open(s.URL + p)
			e := evalIn[emblemBox](tb, emblemJS)
			switch {
			case !e.Found:
				t.Errorf("%s (%s): no visible EU emblem with its statement", p, tb)
				continue
			case e.Statement != "Cofinanziato dall'Unione europea":
				t.Errorf("%s (%s): the emblem's statement reads %q", p, tb, e.Statement)
			case e.Height < 24 || e.Width/e.Height < 1.49 || e.Width/e.Height > 1.51:
				t.Errorf("%s (%s): the emblem is %.0f×%.0f px, want 3:2 and at least 24 px high", p, tb, e.Width, e.Height)
			case e.Logo > e.Height+0.5:
				t.Errorf("%s (%s): a logo is %.0f px high, taller than the EU emblem (%.0f px)", p, tb, e.Logo, e.Height)
			}
			if p == "/" && vp == phone && (e.Bottom > float64(vp.Height) || e.TextEnd > float64(vp.Height)) {
				t.Errorf("home page (%s): the emblem ends at %.0f px and its statement at %.0f px, below the first screen (%d px)",
					tb, e.Bottom, e.TextEnd, vp.Height)
			}
		}
	}
}

// homeTasks are the three things residents come for (issue 11): help from the community manager, help with
// rent and bills, writing a message.
var homeTasks = []string{"/operatori-di-quartiere/", "/aiuto-affitto-e-bollette/", "/contatti/"}

// TestHomeFirstScreen wants, on a 360×800 phone with JavaScript on and off, the home page to say what the site is
// for and to show the three tasks as large links (at least 44 px high, as wide as the text column) within the first
// 800 px, with the menu collapsed into one row.
func TestHomeFirstScreen(t *testing.T) {
	s := getSuite(t)
	want, _ := jsonString(homeTasks)
	for _, js := range []bool{false, true} {
		tb := newTab(t, phone, js)
		tb.open(s.URL + "/")
		got := evalIn[[]string](tb, `(() => {
			const out = [], main = document.querySelector('main').getBoundingClientRect();
			for (const u of `+want+`) {
				const a = [...document.querySelectorAll('main a')].find(a => a.getAttribute('href') === u);
				if (!a) { out.push(u + ': no link in main'); continue; }
				const b = a.getBoundingClientRect();
				if (b.bottom + scrollY > 800) out.push(u + ': ends at ' + Math.round(b.bottom + scrollY) + ' px');
				if (b.height < 44 || b.width < main.width - 1) out.push(u + ': ' + Math.round(b.width) + '×' + Math.round(b.height) + ' px, not a large link');
			}
			const lead = document.querySelector('main h1 + p');
			if (!lead || lead.getBoundingClientRect().bottom + scrollY > 800) out.push('no sentence under the h1 in the first screen');
			const nav = document.querySelector('nav[aria-label="Menu principale"]');
			if (nav && nav.getBoundingClientRect().height > 60) out.push('the menu takes ' + Math.round(nav.getBoundingClientRect().height) + ' px');
			return out;
		})()`)
		for _, g := range got {
			t.Errorf("home page (%s): %s", tb, g)
		}
	}
}

// TestFavicon wants every page to link an icon that the server serves as an image.
func TestFavicon(t *testing.T) {
	s := getSuite(t)
	tb := newTab(t, wide, false)
	for _, p := range s.Pages {
		tb.open(s.URL + p)
		href := evalIn[string](tb, `(document.querySelector('link[rel~="icon"]') || {}).href || ''`)
		if href == "" {
			t.Errorf("%s: no <link rel=icon>", p)
			continue
		}
		resp, err := http.Get(href)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "image/") {
			t.Errorf("%s: icon %s answers %d %s", p, href, resp.StatusCode, ct)
		}
	}
}
