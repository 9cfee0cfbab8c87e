package e2e

import (
	"testing"
)

// englishTerms are English words the site uses that a screen reader must read in English (issue 3: English
// terms such as "community manager" are marked lang="en").
var englishTerms = []string{"community manager"}

// TestEnglishTermsMarked wants every occurrence of an English term in the text of every page inside an element
// with lang="en" (the <title> excepted: it cannot hold markup).
func TestEnglishTermsMarked(t *testing.T) {
	s := getSuite(t)
	terms, _ := jsonString(englishTerms)
	tb := newTab(t, wide, false)
	marked := 0
	for _, p := range s.Pages {
		tb.open(s.URL + p)
		res := evalIn[struct {
			Marked   int      `json:"marked"`
			Unmarked []string `json:"unmarked"`
		}](tb, `(() => {
			const out = [], terms = `+terms+`;
			let marked = 0;
			const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				const parent = n.parentElement;
				if (!parent || parent.closest('script, style, noscript')) continue;
				const text = n.textContent.toLowerCase();
				if (!terms.some(term => text.includes(term))) continue;
				const lang = (parent.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
				if (!lang.toLowerCase().startsWith('en')) out.push(n.textContent.trim().slice(0, 80));
				else marked++;
			}
			return {marked, unmarked: out};
		})()`)
		marked += res.Marked
		for _, u := range res.Unmarked {
			t.Errorf("%s: English term not marked lang=\"en\" in %q", p, u)
		}
	}
	t.Logf("%d occurrences of %v marked lang=\"en\" on %d pages", marked, englishTerms, len(s.Pages))
}
