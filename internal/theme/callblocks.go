package theme

import (
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"

	"quartieri/internal/siteconfig"
)

// The phases of a call, as codes in HTML attributes and in the generator's call blocks (package
// quartieri/generator/callstatus). A call is in exactly one of upcoming, open, closed; in its last days it is
// both open and closing.
const (
	PhaseUpcoming = "upcoming"
	PhaseOpen     = "open"
	PhaseClosing  = "closing"
	PhaseClosed   = "closed"
)

// CallPhases returns the phases of c at now: [upcoming], [open], [open closing] or [closed]; nil without a call.
func CallPhases(c *siteconfig.Call, now time.Time) []string {
	if c == nil {
		return nil
	}
	switch c.StatusAt(now) {
	case siteconfig.NotYetOpen:
		return []string{PhaseUpcoming}
	case siteconfig.Closed:
		return []string{PhaseClosed}
	}
	if !now.Before(c.ClosingFrom()) {
		return []string{PhaseOpen, PhaseClosing}
	}
	return []string{PhaseOpen}
}

// CallBlockOpen is the opening tag the generator writes for a call block; a "</div>\n" closes it. CallBlocks
// reads it back.
func CallBlockOpen(phases []string, call string) string {
	s := `<div class="call-when" data-call-when="` + strings.Join(phases, " ") + `"`
	if call != "" {
		s += ` data-call="` + html.EscapeString(call) + `"`
	}
	return s + ">\n"
}

var callBlockRE = regexp.MustCompile(`(?s)<div class="call-when" data-call-when="([a-z ]*)"(?: data-call="([^"]*)")?>\n(.*?)</div>\n`)

// CallBlocks makes a page body's call blocks and values true at now. A block whose phases include the call's
// phase at now is shown; one that only a later phase shows stays in the page with the hidden attribute; one that
// no later phase shows is left out. Every block kept carries its phases (data-call-when) and the call's instants
// (data-opens when there is one, data-closing-from, data-closes: the first instant of each phase, RFC 3339), so
// that the page's script can show and hide blocks when a phase begins, without a rebuild; and data-now when at
// is not the wall clock (see simulatedNow). A block is about the call
// it names, else page's call, else the site's first call. Then each value ({scadenza}...; see Values) is
// replaced, from the same call.
func CallBlocks(body template.HTML, s *siteconfig.Site, page *siteconfig.Call, at time.Time) template.HTML {
	h := string(body)
	if !strings.Contains(h, "{") && !strings.Contains(h, `class="call-when"`) {
		return body
	}
	def := page
	if def == nil && s != nil && len(s.Calls) > 0 {
		def = &s.Calls[0]
	}
	h = callBlockRE.ReplaceAllStringFunc(h, func(m string) string {
		sub := callBlockRE.FindStringSubmatch(m)
		c := def
		if sub[2] != "" && s != nil {
			c, _ = s.Call(html.UnescapeString(sub[2]))
		}
		if c == nil {
			return ""
		}
		want := strings.Fields(sub[1])
		now := CallPhases(c, at)
		if slices.ContainsFunc(want, func(p string) bool { return slices.Contains(now, p) }) {
			return blockTag(want, c, at, false) + sub[3] + "</div>\n"
		}
		if laterPhase(now, want) {
			return blockTag(want, c, at, true) + sub[3] + "</div>\n"
		}
		return ""
	})
	return template.HTML(fillValues(h, s, def))
}

// laterPhase reports whether one of want comes after the phases now.
func laterPhase(now, want []string) bool {
	order := map[string]int{PhaseUpcoming: 0, PhaseOpen: 1, PhaseClosing: 2, PhaseClosed: 3}
	cur := order[now[len(now)-1]]
	for _, w := range want {
		if order[w] > cur {
			return true
		}
	}
	return false
}

func blockTag(phases []string, c *siteconfig.Call, at time.Time, hidden bool) string {
	s := `<div class="call-when" data-call-when="` + strings.Join(phases, " ") + `"`
	if c.Opens != nil {
		s += ` data-opens="` + isoRome(*c.Opens) + `"`
	}
	s += ` data-closing-from="` + isoRome(c.ClosingFrom()) + `" data-closes="` + isoRome(c.Deadline()) + `"`
	if simulatedNow(at) { // as call-status does: a preview with -now keeps its own clock
		s += ` data-now="` + isoRome(at) + `"`
	}
	if hidden {
		s += ` hidden`
	}
	return s + ">\n"
}

func isoRome(t time.Time) string { return t.In(siteconfig.Rome).Format(time.RFC3339) }

// Values are the names staff may write between braces in a page's text; the theme replaces each with a value
// from site.yaml. Those about a call take the page's call (front matter `call`), or the site's first call.
var Values = []string{"scadenza", "apertura", "posti", "esito", "testo-del-bando", "email-accessibilita",
	"dichiarazione-accessibilita", "difensore-civico"}

var valueRE = regexp.MustCompile(`\{([a-z-]+)\}`)

// fillValues replaces each known {name} of h.
func fillValues(h string, s *siteconfig.Site, c *siteconfig.Call) string {
	if !strings.Contains(h, "{") || s == nil {
		return h
	}
	return valueRE.ReplaceAllStringFunc(h, func(m string) string {
		if v, ok := value(m[1:len(m)-1], s, c); ok {
			return v
		}
		return m
	})
}

// value returns the HTML of one value.
func value(name string, s *siteconfig.Site, c *siteconfig.Call) (string, bool) {
	esc := html.EscapeString
	switch name {
	case "email-accessibilita":
		return mailLink(s.Accessibility.Feedback), true
	case "dichiarazione-accessibilita":
		return extLink(s.Accessibility.StatementURL, "dichiarazione di accessibilità pubblicata sul sito dell'AgID"), true
	case "difensore-civico":
		return extLink(s.Accessibility.OmbudsmanURL, "come rivolgersi al Difensore civico per il digitale"), true
	}
	if c == nil {
		return "", false
	}
	switch name {
	case "scadenza":
		return esc(DeadlineIT(c.Closes)), true
	case "apertura":
		if c.Opens == nil {
			return "", true
		}
		return esc(DeadlineIT(*c.Opens)), true
	case "posti":
		return esc(number(c.Positions)), true
	case "esito":
		return esc(c.Results), true
	case "testo-del-bando":
		return extLink(c.FullTextURL, "testo completo del bando"), true
	}
	return "", false
}

// mailLink is a mailto: link showing the address (a placeholder address too: it is still an address), or the
// text as it is when it is not an address.
func mailLink(addr string) string {
	if !strings.Contains(addr, "@") || strings.ContainsAny(addr, " \t<>\"") {
		return html.EscapeString(addr)
	}
	a := html.EscapeString(addr)
	return `<a href="mailto:` + a + `">` + a + `</a>`
}

// extLink is a link to another site marked as the generator marks external links, or the text followed by the
// placeholder while the address is one.
func extLink(url, text string) string {
	if url == "" || siteconfig.IsPlaceholder(url) {
		return html.EscapeString(text + " (" + url + ")")
	}
	return `<a href="` + html.EscapeString(url) + `" class="external" rel="external noopener">` + html.EscapeString(text) +
		`<span class="visually-hidden"> (sito esterno)</span></a>`
}

var numberWords = [...]string{"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci"}

// number writes small numbers in words, as plain Italian does ("due"), and larger ones in digits.
func number(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return itoa(n)
}
