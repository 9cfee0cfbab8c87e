package theme

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// englishTerms are the English words the site uses; screen readers must read them with English pronunciation
// (WCAG 3.1.2), so they are wrapped in <span lang="en">. Loan words in Italian dictionaries (welfare, privacy)
// are Italian and left alone.
var englishTerms = regexp.MustCompile(`(?i)\b(?:community manager|stakeholders?)\b`)

// mayHaveEnglish reports whether s may hold one of the englishTerms: a byte scan, many times faster than the
// case-insensitive regexp, which then runs only where it can match.
func mayHaveEnglish(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 'c':
			if len(s)-i >= len("community") && strings.EqualFold(s[i:i+len("community")], "community") {
				return true
			}
		case 's':
			if len(s)-i >= len("stakeholder") && strings.EqualFold(s[i:i+len("stakeholder")], "stakeholder") {
				return true
			}
		}
	}
	return false
}

// Content makes a page body rendered by the generator ready for the theme: English terms are marked
// lang="en" and every table is put in a keyboard-scrollable region, so that a wide table scrolls on its own on a
// 320 px screen instead of making the whole page scroll sideways (WCAG 1.4.10).
func Content(h template.HTML) template.HTML {
	return wrapTables(MarkEnglish(string(h)))
}

// MarkEnglish wraps the English terms found in the text of an HTML fragment in <span lang="en">. Tags, attribute
// values, code and terms already inside an element with lang="en" are left as they are.
func MarkEnglish(h string) template.HTML {
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
		if skip == "" && mayHaveEnglish(text) {
			text = englishTerms.ReplaceAllString(text, `<span lang="en">$0</span>`)
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

var headingRE = regexp.MustCompile(`(?s)<h[2-6][^>]*>(.*?)</h[2-6]>`)
var tagRE = regexp.MustCompile(`<[^>]*>`)

// wrapTables puts each <table> in a focusable scroll region labelled by the heading before it, and gives each
// data cell its column's header as data-label, so that on a narrow screen the stylesheet can show the table as
// one block per row with the header before each value.
func wrapTables(h template.HTML) template.HTML {
	s := string(h)
	if !strings.Contains(s, "<table") {
		return h
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "<table")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "</table>")
		if j < 0 {
			break
		}
		j += i + len("</table>")
		label := "Tabella"
		done := b.String() + s[:i]
		if m := headingRE.FindAllStringSubmatch(done, -1); len(m) > 0 {
			label = "Tabella: " + strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[len(m)-1][1], "")))
		}
		b.WriteString(s[:i])
		b.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + `">`)
		b.WriteString(labelCells(s[i:j]))
		b.WriteString(`</div>`)
		s = s[j:]
	}
	b.WriteString(s)
	return template.HTML(b.String())
}

var thRE = regexp.MustCompile(`(?s)<th(?:\s[^>]*)?>(.*?)</th>`)

// labelCells adds data-label="HEADER" to every <td> of a table whose first row is a header row.
func labelCells(table string) string {
	end := strings.Index(table, "</thead>")
	if end < 0 {
		return table
	}
	var labels []string
	for _, m := range thRE.FindAllStringSubmatch(table[:end], -1) {
		labels = append(labels, strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))))
	}
	var b strings.Builder
	b.WriteString(table[:end])
	rest := table[end:]
	col := 0
	for {
		tr, td := strings.Index(rest, "<tr"), strings.Index(rest, "<td")
		if td < 0 {
			break
		}
		if tr >= 0 && tr < td {
			col = 0
			b.WriteString(rest[:tr+3])
			rest = rest[tr+3:]
			continue
		}
		b.WriteString(rest[:td+3])
		if col < len(labels) && labels[col] != "" {
			b.WriteString(` data-label="` + html.EscapeString(labels[col]) + `"`)
		}
		col++
		rest = rest[td+3:]
	}
	b.WriteString(rest)
	return b.String()
}
