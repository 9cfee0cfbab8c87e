package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes document.activeElement.
type focused struct {
	Tag     string `json:"tag"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	ID      string `json:"id"`
	Value   string `json:"value"`
	Text    string `json:"text"`
	Checked bool   `json:"checked"`
	// InForm is true when the element belongs to the form being filled.
	InForm bool `json:"inForm"`
	// Indicator is true when the element shows a focus indicator: a visible outline or a box shadow.
	Indicator bool `json:"indicator"`
}

func (f focused) String() string {
	return fmt.Sprintf("<%s type=%q name=%q id=%q>", f.Tag, f.Type, f.Name, f.ID)
}

// activeElement describes the focused element; formSel picks the form being filled.
func activeElement(tb *tab, formSel string) focused {
	tb.t.Helper()
	return evalIn[focused](tb, `(() => {
		const e = document.activeElement || document.body;
		const f = document.querySelector(`+jsq(formSel)+`);
		return {tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(), name: e.name || '', id: e.id || '',
			value: typeof e.value === 'string' ? e.value : '', text: (e.innerText || e.value || '').trim().slice(0, 80),
			checked: !!e.checked, inForm: !!f && f.contains(e), indicator: `+hasIndicatorJS+`(e)};
	})()`)
}

// press sends keys as key events to whatever has the focus, as a keyboard user does.
func (tb *tab) press(keys string) { tb.t.Helper(); tb.do(chromedp.KeyEvent(keys)) }

// keyboardAnswers are the answers the keyboard user gives: text by field name, checkboxes as "yes", radios as
// the value to pick, and the file input as the path of the file to attach.
type keyboardAnswers map[string]string

// maxTabs bounds the walk through a page with the Tab key.
const maxTabs = 150

// fillWithKeyboard walks the form of formSel with Tab from the top of the page: it uses the skip link, types
// each answer, ticks checkboxes with Space, picks radios with the arrow keys, attaches the file (the one step
// that is no key press: a file chooser cannot be typed into, so the test sets it with DOM.setFileInputFiles),
// and presses Enter on the submit button.
func fillWithKeyboard(t testing.TB, tb *tab, formSel string, answers keyboardAnswers) {
	t.Helper()
	tb.press(kb.Tab)
	if first := activeElement(tb, formSel); first.Tag != "a" || !strings.Contains(first.Text, "Vai al contenuto") {
		t.Errorf("keyboard: the first Tab reaches %s %q, want the skip link \"Vai al contenuto principale\"", first, first.Text)
	} else {
		if !first.Indicator {
			t.Errorf("keyboard: the skip link has the focus but no visible focus indicator; WCAG 2.4.7")
		}
		tb.press(kb.Enter)
	}
	var filled []string
	done := map[string]bool{}
	for i := 0; i < maxTabs; i++ {
		tb.press(kb.Tab)
		f := activeElement(tb, formSel)
		if !f.Indicator && f.Tag != "body" {
			t.Errorf("keyboard: %s %q has the focus but no visible focus indicator (outline or box-shadow); WCAG 2.4.7", f, f.Text)
		}
		if !f.InForm {
			continue
		}
		want, ok := answers[f.Name]
		switch {
		case f.Type == "submit" || (f.Tag == "button" && f.Type == ""):
			for name := range answers {
				if !done[name] {
					t.Fatalf("keyboard: reached the submit button %s before field %q", f, name)
				}
			}
			tb.press(kb.Enter)
			return
		case !ok || done[f.Name]:
			continue
		case f.Type == "checkbox":
			tb.press(" ")
			if !activeElement(tb, formSel).Checked {
				t.Fatalf("keyboard: Space did not tick the checkbox %s", f)
			}
		case f.Type == "radio":
			pickRadio(t, tb, formSel, f, want)
		case f.Type == "file":
			if f.ID == "" {
				t.Fatalf("keyboard: the file input %s has no id", f)
			}
			tb.do(chromedp.SetUploadFiles(chromedp.ID(f.ID), []string{want}))
		default:
			tb.press(want)
			if got := activeElement(tb, formSel).Value; got != want {
				t.Fatalf("keyboard: typed %q into %s, the field holds %q", want, f, got)
			}
		}
		done[f.Name] = true
		filled = append(filled, f.Name)
	}
	t.Fatalf("keyboard: no submit button within %d presses of Tab; filled %v", maxTabs, filled)
}

// pickRadio checks the radio of value want in the group whose first radio has the focus, with the arrow keys
// (Space when it is the first one).
func pickRadio(t testing.TB, tb *tab, formSel string, f focused, want string) {
	t.Helper()
	for range 12 {
		if f.Value == want {
			if !f.Checked {
				tb.press(" ")
			}
			if !activeElement(tb, formSel).Checked {
				t.Fatalf("keyboard: could not check radio %s value %q", f, want)
			}
			return
		}
		tb.press(kb.ArrowDown)
		f = activeElement(tb, formSel)
		if f.Type != "radio" {
			break
		}
	}
	t.Fatalf("keyboard: no radio with value %q in group %q", want, f.Name)
}

// waitNavigation waits until the tab shows a page other than from and has loaded it.
func (tb *tab) waitNavigation(from string, timeout time.Duration) {
	tb.t.Helper()
	tb.waitFor(`location.href !== `+jsq(from)+` && document.readyState === 'complete'`, timeout,
		"the page after submitting")
}

// jsq quotes s as a JavaScript string.
func jsq(s string) string { q, _ := jsonString(s); return q }
