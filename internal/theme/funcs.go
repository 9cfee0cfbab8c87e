package theme

import (
	"errors"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"quartieri/internal/formdef"
	"quartieri/internal/siteconfig"
)

var weekdays = [...]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
	"settembre", "ottobre", "novembre", "dicembre"}

// funcs are the template functions every layout may use:
//
//	date T               "28 aprile 2025" (in Europe/Rome)
//	datetime T           "lunedì 28 aprile 2025, ore 23:59": every deadline and opening is written with its weekday
//	isodate T            "2025-04-28"
//	isotime T            "2025-04-28T23:59:00+02:00" (RFC 3339, Europe/Rome), for datetime= and data- attributes
//	callOpen CALL NOW    true while the call takes applications
//	callStatus CALL NOW  "open", "closed" or "upcoming" ("" without a call)
//	callStatusText CALL NOW
//	                     "Aperto fino a lunedì 28 aprile 2025, ore 23:59", "Chiuso: la scadenza era lunedì 28 aprile
//	                     2025, ore 23:59" or "Apre martedì 1 aprile 2025, ore 09:00"
//	callClosedText CALL  "Chiuso: la scadenza era lunedì 28 aprile 2025, ore 23:59" (what a script shows once the deadline passes)
//	callPhases CALL NOW  the call's phases: "upcoming", "open", "open closing" (its last days) or "closed"
//	number N             small numbers in words ("due"), others in digits
//	simulatedNow NOW     true when NOW is not the wall clock (a build or server run with -now): scripts then
//	                     keep time from NOW instead of the visitor's clock
//	calls SITE           the site's calls as pointers, for range
//	dict K V ...         a map for passing named parameters to a partial
//	list V ...           a slice
//	option VALUE LABEL   one choice of a radios partial
//	presidiOptions SITE  the presidi as choices (value = id, label = town)
//	towns SITE           the presidi's towns as Italian prose: "Sant'Angelo Lodigiano, Codogno e Casalpusterlengo"
//	describedBy ID ...   the non-empty ids joined by spaces, for aria-describedby
//	placeholder S        true when S is a "DA COMPLETARE" placeholder of site.yaml
//	tel PHONE            a tel: link target for a phone number ("0371 123456" -> "tel:0371123456")
//	absURL BASE PATH     PATH resolved against the site's base URL, for canonical links and JSON-LD
//	content HTML         the page body made ready for the theme (see content)
//	en S                 S escaped, with English terms marked lang="en" (see markEnglish)
//	orgLD SITE           schema.org GovernmentOrganization JSON-LD for the site
//	jobPostingLD SITE PAGE
//	                     schema.org JobPosting JSON-LD for a call page
//
// and more, bound to the theme by Load:
//
//	asset NAME           the address of a file of the theme's static/ folder: asset "css/site.css" is
//	                     "/css/site.3f2a9c1b.css" in the built site (Theme.Fingerprint), "/css/site.css"
//	                     elsewhere; a file the theme does not have is an error
//	T KEY ARGS...        the theme's text KEY in the page's language (i18n/LANG.yaml, falling back to
//	                     i18n/it.yaml), formatted with ARGS when there are any (see i18n.go)
//	TJSON KEY...         those texts as a JSON object, for a script
//	TOptions PREFIX OPTS the options of a radios field with each label the text PREFIX+value
var funcs = template.FuncMap{
	"date":     dateIT,
	"datetime": DeadlineIT,
	"isodate":  func(t time.Time) string { return t.In(siteconfig.Rome).Format("2006-01-02") },
	"isotime":  func(t time.Time) string { return t.In(siteconfig.Rome).Format(time.RFC3339) },
	"callOpen": func(c *siteconfig.Call, now time.Time) bool {
		return c != nil && c.StatusAt(now) == siteconfig.Open
	},
	"callStatus":     callStatus,
	"callStatusText": callStatusText,
	"callClosedText": func(c *siteconfig.Call) string { return "Chiuso: la scadenza era " + DeadlineIT(c.Closes) },
	"callPhases":     func(c *siteconfig.Call, now time.Time) string { return strings.Join(CallPhases(c, now), " ") },
	"number":         number,
	"simulatedNow":   simulatedNow,
	"dict":           dict,
	"calls": func(s *siteconfig.Site) []*siteconfig.Call {
		var out []*siteconfig.Call
		for i := range s.Calls {
			out = append(out, &s.Calls[i])
		}
		return out
	},
	"presidiOptions": presidiOptions,
	"describedBy":    describedBy,
	"towns":          towns,
	"placeholder":    siteconfig.IsPlaceholder,
	"absURL":         absURL,
	"tel":            telURL,
	"content":        content,
	"en":             func(s string) template.HTML { return markEnglish(template.HTMLEscapeString(s)) },
	"orgLD":          organizationLD,
	"jobPostingLD":   jobPostingLD,
}

// dateIT formats a date the Italian way: "28 aprile 2025".
func dateIT(t time.Time) string {
	t = t.In(siteconfig.Rome)
	return itoa(t.Day()) + " " + months[t.Month()-1] + " " + itoa(t.Year())
}

// DateTimeIT formats a date and time the Italian way: "28 aprile 2025, ore 23:59".
func DateTimeIT(t time.Time) string {
	return dateIT(t) + ", ore " + t.In(siteconfig.Rome).Format("15:04")
}

// DeadlineIT formats a deadline with its weekday, so that nobody has to look up a calendar: "lunedì 28 aprile
// 2025, ore 23:59".
func DeadlineIT(t time.Time) string {
	return weekdays[t.In(siteconfig.Rome).Weekday()] + " " + DateTimeIT(t)
}

func itoa(n int) string { return strconv.Itoa(n) }

// callStatus names the call's status at now for CSS classes and scripts: "open", "closed" or "upcoming"; "" when
// c is nil.
func callStatus(c *siteconfig.Call, now time.Time) string {
	if c == nil {
		return ""
	}
	switch c.StatusAt(now) {
	case siteconfig.NotYetOpen:
		return "upcoming"
	case siteconfig.Open:
		return "open"
	}
	return "closed"
}

// callStatusText says the call's status at now in a sentence a candidate reads: "Aperto fino a lunedì 28 aprile
// 2025, ore 23:59", "Chiuso: la scadenza era lunedì 28 aprile 2025, ore 23:59" or "Apre martedì 1 aprile 2025, ore 09:00".
func callStatusText(c *siteconfig.Call, now time.Time) string {
	switch callStatus(c, now) {
	case "upcoming":
		return "Apre " + DeadlineIT(*c.Opens)
	case "open":
		return "Aperto fino a " + DeadlineIT(c.Closes)
	case "closed":
		return "Chiuso: la scadenza era " + DeadlineIT(c.Closes)
	}
	return ""
}

// simulatedNow reports whether now is more than five minutes away from the wall clock, that is whether the site
// is built or served "as at" another instant with -now. Pages then tell their scripts that instant, so that a
// preview of the open call does not close itself because the real date is later.
func simulatedNow(now time.Time) bool {
	d := time.Since(now)
	return d > 5*time.Minute || d < -5*time.Minute
}

// dict builds a map from alternating keys and values, to pass several named parameters to a partial:
// {{template "field-input" dict "Form" .Form "Name" "email" "Label" "Email"}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: serve un numero pari di argomenti (chiave, valore)")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, errors.New("dict: le chiavi devono essere stringhe")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// presidiOptions lists the presidi as choices of the contact form's town field, in the order of site.yaml.
func presidiOptions(s *siteconfig.Site) []formdef.Option {
	if s == nil {
		return nil
	}
	out := make([]formdef.Option, 0, len(s.Presidi))
	for _, p := range s.Presidi {
		out = append(out, formdef.Option{Value: p.ID, Label: p.Town})
	}
	return out
}

func describedBy(ids ...string) string {
	var out []string
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return strings.Join(out, " ")
}

// absURL resolves p against the site's base URL ("https://example.org/" + "/presidi/" ->
// "https://example.org/presidi/"). It returns p unchanged when either cannot be parsed.
func absURL(base, p string) string {
	b, err := url.Parse(base)
	if err != nil || base == "" {
		return p
	}
	r, err := url.Parse(p)
	if err != nil {
		return p
	}
	return b.ResolveReference(r).String()
}

// telURL turns a phone number as written for people into a tel: link target, keeping only digits and a leading
// plus sign.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// towns lists the presidi's towns the Italian way: "A", "A e B", "A, B e C".
func towns(s *siteconfig.Site) string {
	if s == nil || len(s.Presidi) == 0 {
		return ""
	}
	names := make([]string, len(s.Presidi))
	for i, p := range s.Presidi {
		names[i] = p.Town
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " e " + names[len(names)-1]
}
