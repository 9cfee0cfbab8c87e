package theme

import (
	"html/template"
	"regexp"
	"strings"
)

// englishTerms are the English words the site uses; screen readers must read them with English pronunciation
// (WCAG 3.1.2), so they are wrapped in <span lang="en">. Loan words in Italian dictionaries (welfare, privacy)
// are Italian and left alone.
var englishTerms = regexp.MustCompile(`(?i)\b(?:community\s+manager|stakeholders?)\b`)

// mayHaveEnglish reports whether s may hold one of the englishTerms: a byte scan, many times faster than the
// case-insensitive regexp, which then runs only where it can match.
func mayHaveEnglish[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 'c':
			if len(s)-i >= len("community") && strings.EqualFold(string(s[i:i+len("community")]), "community") {
				return true
			}
		case 's':
			if len(s)-i >= len("stakeholder") && strings.EqualFold(string(s[i:i+len("stakeholder")]), "stakeholder") {
				return true
			}
		}
	}
	return false
}

// MayHaveEnglish is mayHaveEnglish for the generator's Markdown renderer, which marks the English terms of page
// bodies as it renders them.
func MayHaveEnglish(text []byte) bool { return mayHaveEnglish(text) }

// MarkEnglishText wraps the English terms of a run of escaped HTML text without tags in <span lang="en">.
func MarkEnglishText(text string) string {
	if !mayHaveEnglish(text) {
		return text
	}
	return englishTerms.ReplaceAllString(text, `<span lang="en">$0</span>`)
}

// content returns a page body as it is: the generator's Markdown renderer has already marked its English terms
// and put its tables in scrollable regions with labelled cells (generator/site, themeRenderer), and the form
// functions' own bodies have neither. Layouts call it as {{content .Page.Content}}.
func content(h template.HTML) template.HTML { return h }

// markEnglish wraps the English terms found in the text of an HTML fragment in <span lang="en">. Tags, attribute
// values, code and terms already inside an element with lang="en" are left as they are.
func markEnglish(h string) template.HTML {
	if !mayHaveEnglish(h) { // most pages: one cheap scan, no copy
		return template.HTML(h)
	}
	var b strings.Builder
	skip := "" // closing tag that ends a region to leave alone
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		text := h[:lt]
		if skip == "" {
			text = MarkEnglishText(text)
		}
		b.WriteString(text)
		h = h[lt:]
		if h == "" {
			break
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			b.WriteString(h)
			break
		}
		tag := h[:gt+1]
		b.WriteString(tag)
		h = h[gt+1:]
		name := tagName(tag)
		switch {
		case skip != "" && name == skip:
			skip = ""
		case skip == "" && (name == "code" || name == "pre" || name == "script" || name == "style"):
			skip = "/" + name
		case skip == "" && strings.Contains(tag, `lang="en"`) && !strings.HasSuffix(tag, "/>"):
			skip = "/" + name
		}
	}
	return template.HTML(b.String())
}

// tagName returns "p" for <p class="x"> and "/p" for </p>.
func tagName(tag string) string {
	t := strings.TrimPrefix(tag, "<")
	end := strings.IndexAny(t, " \t\n/>")
	if strings.HasPrefix(t, "/") {
		end = strings.IndexAny(t[1:], " \t\n>") + 1
	}
	if end <= 0 {
		return ""
	}
	return strings.ToLower(t[:end])
}
