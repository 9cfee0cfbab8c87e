package forms

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// The language of a form. A page in another language than the site's (a courtesy translation, /ar/contatti/)
// sends its language in the hidden field "lang". The backend then answers in it: the error messages it knows in
// that language (the theme's i18n texts whose keys start with "err_"), the re-shown form with its labels, and the
// confirmation page (the 303 goes to ricevuta?numero=N&lingua=ar); the stored message and the staff's mail note
// the language, so that staff can arrange an interpreter. Field names and status codes do not change. A missing
// or unknown lang is the site's language.

// formLang returns the language a form was sent in: its "lang" field when it is one of the site's languages,
// else "" (the site's language).
func (s *server) formLang(values map[string]string) string {
	lang := values["lang"]
	if lang == "" || lang == s.site.Language {
		return ""
	}
	if _, ok := s.site.LanguageFor(lang); !ok {
		return ""
	}
	return lang
}

// messageRE matches an Italian message of the theme's err_* texts; a %d stands for a number.
type messageRE struct {
	key string
	re  *regexp.Regexp
}

// messageKeys lists the theme's Italian error messages as patterns, longest first, so that a more specific one
// wins.
func messageKeys(th *theme.Theme) []messageRE {
	var out []messageRE
	for k, v := range th.Texts(theme.DefaultLang) {
		if !strings.HasPrefix(k, "err_") {
			continue
		}
		pat := "^" + strings.ReplaceAll(regexp.QuoteMeta(v), "%d", `(\d+)`) + "$"
		out = append(out, messageRE{key: k, re: regexp.MustCompile(pat)})
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := len(out[i].re.String()), len(out[j].re.String()); a != b {
			return a > b
		}
		return out[i].key < out[j].key
	})
	return out
}

// localize returns errs in lang: each message the theme knows in Italian is replaced by its text in lang, with
// the same numbers; a message it does not know stays in Italian.
func (s *server) localize(lang string, errs []theme.FieldError) []theme.FieldError {
	if lang == "" {
		return errs
	}
	out := make([]theme.FieldError, len(errs))
	for i, e := range errs {
		out[i] = e
		out[i].Message = s.translate(lang, e.Message)
	}
	return out
}

// translate returns an Italian message in lang, or the message itself when the theme does not know it.
func (s *server) translate(lang, msg string) string {
	s.msgOnce.Do(func() { s.msgKeys = messageKeys(s.cfg.Theme) })
	for _, m := range s.msgKeys {
		sub := m.re.FindStringSubmatch(msg)
		if sub == nil {
			continue
		}
		var args []any
		for _, n := range sub[1:] {
			v, _ := strconv.Atoi(n)
			args = append(args, v)
		}
		if t, err := s.cfg.Theme.Text(lang, m.key, args...); err == nil {
			return t
		}
	}
	return msg
}

// text returns one of the theme's texts in lang ("" is the site's language), or def when the theme lacks it.
func (s *server) text(lang, key, def string) string {
	if lang == "" {
		lang = theme.DefaultLang
	}
	if t, err := s.cfg.Theme.Text(lang, key); err == nil {
		return t
	}
	return def
}

// siteIn returns the site as pages in lang show it: that language's title, description and menus.
func (s *server) siteIn(lang string) *siteconfig.Site {
	l, ok := s.site.LanguageFor(lang)
	if lang == "" || !ok {
		return s.site
	}
	site := *s.site
	if l.Title != "" {
		site.Title = l.Title
	}
	if l.Description != "" {
		site.Description = l.Description
	}
	if len(l.Menus) > 0 {
		site.Menus = l.Menus
	}
	return &site
}

// langPage sets a page the functions render in lang: its language, direction and address under the
// language's folder.
func (s *server) langPage(lang string, p *theme.Page) {
	if lang == "" {
		return
	}
	p.Lang = lang
	if l, ok := s.site.LanguageFor(lang); ok {
		p.Dir = l.Direction
	}
	if strings.HasPrefix(p.URL, "/") && !strings.HasPrefix(p.URL, s.base+"/") {
		p.URL = "/" + lang + p.URL
	}
}

// receiptQuery adds the language to the confirmation page's query.
func receiptQuery(q url.Values, lang string) {
	if lang != "" {
		q.Set("lingua", lang)
	}
}

// languageNote is the line of the staff's mail that names the language of the page a message came from.
func (s *server) languageNote(lang string) string {
	if lang == "" {
		return ""
	}
	return fmt.Sprintf("Lingua: la persona ha scritto dalla pagina in %s (%s): forse serve un interprete.\n",
		siteconfig.ItalianName(lang), lang)
}

// home is the address of a language's home page: "/" or "/ar/".
func (s *server) home(lang string) string {
	if lang == "" {
		return "/"
	}
	return "/" + lang + "/"
}
