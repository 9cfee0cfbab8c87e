package site

import (
	"bytes"
	"regexp"
	"strings"
)

var (
	mdLink        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdFootnote    = regexp.MustCompile(`\[\^[^\]]*\]`)
	mdRefLink     = regexp.MustCompile(`\[([^\]]*)\]\[[^\]]*\]`)
	mdEmphasis    = strings.NewReplacer("**", "", "__", "", "~~", "", "`", "", "*", "", "\\", "")
	refDefinition = regexp.MustCompile(`^\[[^\]]+\]:`)
	mdAttribute   = regexp.MustCompile(`\s*\{[#.][^}]*\}\s*$`)
)

// firstParagraph returns the text of the first paragraph of a Markdown body, without Markdown syntax: the
// summary of a page that has no summary key. Headings, lists, tables, quotes, code and lines with only an image
// are not paragraphs. It reads the source rather than the parsed page so that every page's summary is known
// before any page is rendered.
func firstParagraph(body []byte) string {
	var para []string
	fence := false
	for rest := body; len(rest) > 0; { // line by line, without copying the rest of the page
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		l := string(line)
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) == 0 && !startsParagraph(l, t) {
			continue
		}
		if len(para) > 0 && (strings.HasPrefix(t, ":") || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|")) {
			if strings.HasPrefix(t, ":") {
				return "" // a definition list, not a paragraph
			}
			break
		}
		para = append(para, t)
	}
	s := strings.Join(para, " ")
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
			if strings.HasPrefix(m, "!") {
				return ""
			}
			return mdLink.FindStringSubmatch(m)[1]
		})
	}
	if strings.Contains(s, "[") {
		s = mdRefLink.ReplaceAllString(mdFootnote.ReplaceAllString(s, ""), "$1")
	}
	if strings.Contains(s, "{") {
		s = mdAttribute.ReplaceAllString(s, "")
	}
	s = mdEmphasis.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// startsParagraph reports whether a line can open a paragraph.
func startsParagraph(raw, t string) bool {
	if strings.HasPrefix(raw, "    ") || strings.HasPrefix(raw, "\t") {
		return false // indented code
	}
	switch t[0] {
	case '#', '|', '>', '<':
		return false
	case '-', '*', '+':
		return len(t) > 1 && t[1] != ' ' && t[1] != '-' && t[1] != '\t' // a list item or a rule otherwise
	case '[':
		return !refDefinition.MatchString(t)
	case '!':
		return !mdLink.MatchString(t) || mdLink.ReplaceAllString(t, "") != ""
	}
	if i := strings.IndexAny(t, ".)"); i > 0 && i < 10 && strings.Trim(t[:i], "0123456789") == "" {
		return false // ordered list
	}
	return true
}
