package e2e

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// axeTags are the rule sets the site must pass: WCAG 2.0, 2.1 and 2.2 at levels A and AA (target-size needs
// wcag22aa).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"}

// axeViolation is one failed axe rule with the elements that fail it.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is one element that fails a rule.
type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axeStructureRules are axe's best-practice rules for what issue 3 asks of every page beyond WCAG's letter: one
// h1, landmarks with all content inside them, one main, unique landmarks, headings in order, and a skip link
// that works.
var axeStructureRules = []string{"page-has-heading-one", "landmark-one-main", "region", "landmark-unique",
	"heading-order", "skip-link", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo"}

// axeRun injects axe-core into the tab's current page (once per document) and returns the violations of the
// WCAG 2.0, 2.1 and 2.2 A and AA rules.
func axeRun(tb *tab) []axeViolation {
	tb.t.Helper()
	tags, _ := jsonString(axeTags)
	return axeRunOnly(tb, `{type: 'tag', values: `+tags+`}`)
}

// axeRunOnly runs axe with a runOnly option (a JavaScript object literal) and returns the violations.
func axeRunOnly(tb *tab, runOnly string) []axeViolation {
	tb.t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile(axePath)
		axeSource, axeErr = string(b), err
	})
	if axeErr != nil {
		tb.t.Fatalf("reading axe-core: %v", axeErr)
	}
	if !tb.JS {
		tb.setScripts(true)
		defer tb.setScripts(false)
	}
	if !evalIn[bool](tb, "typeof window.axe === 'object'") {
		evalIn[bool](tb, axeSource+"\n;true")
	}
	res := evalIn[struct {
		URL        string         `json:"url"`
		Passes     int            `json:"passes"`
		Violations []axeViolation `json:"violations"`
	}](tb, `axe.run(document, {runOnly: `+runOnly+`, resultTypes: ['violations']}).then(r => ({
		url: r.url, passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''}))}))}))`)
	// A page where axe passes no rule at all was not checked (a blank page, an injection gone wrong).
	if res.Passes == 0 && len(res.Violations) == 0 {
		tb.t.Fatalf("axe (%s): no rule passed or failed on %s: the page was not checked", tb, res.URL)
	}
	return res.Violations
}

// formatViolations writes violations so that a developer can find and fix each failing element.
func formatViolations(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  [%s] %s (%s) %s", v.Impact, v.ID, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "\n      ... and %d more elements", len(v.Nodes)-5)
				break
			}
			fmt.Fprintf(&b, "\n    - %s\n      %s", strings.Join(n.Target, " "), clip(n.HTML, 300))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(clip(n.Summary, 400), "\n", "\n      "))
			}
		}
	}
	return b.String()
}

// checkStructure fails the test with every violation of axeStructureRules on the tab's current page.
func checkStructure(t testing.TB, tb *tab, what string) {
	t.Helper()
	rules, _ := jsonString(axeStructureRules)
	if vs := axeRunOnly(tb, `{type: 'rule', values: `+rules+`}`); len(vs) > 0 {
		t.Errorf("axe best practice: %s (%s): %d violations:%s", what, tb, len(vs), formatViolations(vs))
	}
}

// checkAxe fails the test with every violation of the tab's current page, named by what.
func checkAxe(t testing.TB, tb *tab, what string) {
	t.Helper()
	if vs := axeRun(tb); len(vs) > 0 {
		t.Errorf("axe: %s (%s): %d violations:%s", what, tb, len(vs), formatViolations(vs))
	}
}

// clip shortens s to at most n bytes, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
