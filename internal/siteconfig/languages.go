package siteconfig

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Language is one language of the site, as listed under `languages:` in site.yaml:
//
//	language: it                    # the site's language: pages without a language suffix are in it
//	languages:
//	  - { code: it, name: "Italiano" }
//	  - { code: en, name: "English", title: "Community managers in the Aler homes of the Lodi area" }
//	  - { code: ar, name: "العربية" }   # direction: rtl is found from the code
//
// Code is a language subtag of BCP 47 in its shortest form: the ISO 639-1 code of two letters where there is
// one ("ar", not "ara"), else the ISO 639-2/3 code ("ckb"). Any code of the IANA language subtag registry is
// accepted, as golang.org/x/text/language knows it; region and script subtags ("pt-BR") are not, because the
// code is also the folder of the language's pages (/en/presidi/). Name is the language's name written in that
// language, as the language switcher shows it. Direction is "ltr" or "rtl"; when it is left out it comes from the
// script the language is usually written in (Arabic, Hebrew, Thaana, Syriac, N'Ko and the other right-to-left
// scripts give "rtl"). Title and Description replace the site's in that language's pages (left out, the
// Italian ones are shown); Menus are that language's menus (a menu left out falls back to the site's).
//
// When languages is left out the site has one language, language:. When it is written, it must list the site's
// language too. Mistakes are errors that name their line of site.yaml.
type Language struct {
	Code        string            `yaml:"code"`
	Name        string            `yaml:"name"`
	Direction   string            `yaml:"direction"`
	Title       string            `yaml:"title"`
	Description string            `yaml:"description"`
	Menus       map[string][]Menu `yaml:"menus"`
	// Line is the line of site.yaml the language starts on.
	Line int `yaml:"-"`
}

// Directions of writing.
const (
	LeftToRight = "ltr"
	RightToLeft = "rtl"
)

// rtlScripts are the ISO 15924 codes of the scripts written right to left that the registry's languages are
// usually written in (Unicode's CLDR likely subtags give the script of a language).
var rtlScripts = map[string]bool{
	"Adlm": true, "Arab": true, "Hebr": true, "Mand": true, "Nkoo": true, "Rohg": true, "Samr": true,
	"Syrc": true, "Thaa": true, "Yezi": true,
}

// LanguageFor returns the site's language with the given code.
func (s *Site) LanguageFor(code string) (*Language, bool) {
	for i := range s.Languages {
		if s.Languages[i].Code == code {
			return &s.Languages[i], true
		}
	}
	return nil, false
}

// Multilingual reports whether the site has languages besides its own.
func (s *Site) Multilingual() bool { return len(s.Languages) > 1 }

// DirectionOf returns the direction a language code is usually written in: "rtl" for Arabic, Hebrew and the
// other right-to-left scripts, else "ltr".
func DirectionOf(code string) string {
	if sc, conf := language.Make(code).Script(); conf != language.No && rtlScripts[sc.String()] {
		return RightToLeft
	}
	return LeftToRight
}

// checkCode returns "" when code is a language subtag in its shortest form, or what is wrong with it.
func checkCode(code string) string {
	b, err := language.ParseBase(code)
	switch {
	case code == "":
		return "manca il codice della lingua: scrivi per esempio en (inglese), fr (francese) o ar (arabo)"
	case err != nil || b.String() == "und":
		return fmt.Sprintf("il codice di lingua %q non esiste: scrivi il codice di due lettere della norma ISO 639-1, "+
			"per esempio en (inglese), fr (francese), ar (arabo), ro (rumeno), sq (albanese), uk (ucraino)", code)
	case b.String() != code:
		return fmt.Sprintf("il codice di lingua %q va scritto %q", code, b.String())
	}
	return ""
}

// validateLanguages checks language and languages, fills in each direction, and returns the mistakes.
func (s *Site) validateLanguages() []error {
	var errs []error
	errorf := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("site.yaml:%d: %s", line, fmt.Sprintf(format, args...)))
	}
	if msg := checkCode(s.Language); msg != "" {
		errorf(s.languageLine, "language: %s", msg)
	}
	seen := map[string]int{}
	for i := range s.Languages {
		l := &s.Languages[i]
		if msg := checkCode(l.Code); msg != "" {
			errorf(l.Line, "%s", msg)
			continue
		}
		if prev, dup := seen[l.Code]; dup {
			errorf(l.Line, "la lingua %s è già scritta alla riga %d: tienine una sola", l.Code, prev)
			continue
		}
		seen[l.Code] = l.Line
		if strings.TrimSpace(l.Name) == "" {
			errorf(l.Line, "la lingua %s non ha il nome (name): scrivi il nome della lingua nella lingua stessa, "+
				"per esempio name: \"English\" oppure name: \"Français\"", l.Code)
		}
		for _, m := range l.Menus {
			sort.SliceStable(m, func(i, j int) bool { return m[i].Weight < m[j].Weight })
		}
		switch l.Direction {
		case "":
			l.Direction = DirectionOf(l.Code)
		case LeftToRight, RightToLeft:
		default:
			errorf(l.Line, "la direzione (direction) della lingua %s è %q: scrivi ltr (da sinistra a destra) oppure "+
				"rtl (da destra a sinistra), oppure toglila", l.Code, l.Direction)
		}
	}
	if len(s.Languages) > 0 && seen[s.Language] == 0 && checkCode(s.Language) == "" {
		errorf(s.languagesLine, "languages deve elencare anche la lingua del sito (%s), per esempio "+
			"- { code: %s, name: \"Italiano\" }", s.Language, s.Language)
	}
	return errs
}

// findLanguageLines sets the lines of language:, languages: and of each language from the YAML tree.
func (s *Site) findLanguageLines(data []byte) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "language":
			s.languageLine = k.Line
		case "languages":
			s.languagesLine = k.Line
			for j, item := range v.Content {
				if j < len(s.Languages) {
					s.Languages[j].Line = item.Line
				}
			}
		}
	}
}

// IsLanguageCode reports whether s is a language code as Language.Code must be written: "en", "ar", "ckb".
func IsLanguageCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return checkCode(s) == ""
}

// italianNames are the Italian names of the languages staff are most likely to meet, for what staff read.
var italianNames = map[string]string{
	"it": "italiano", "en": "inglese", "fr": "francese", "ar": "arabo", "ro": "rumeno", "sq": "albanese",
	"uk": "ucraino", "es": "spagnolo", "de": "tedesco", "pt": "portoghese", "ru": "russo", "zh": "cinese",
	"ur": "urdu", "hi": "hindi", "bn": "bengalese", "pa": "punjabi", "tl": "tagalog", "wo": "wolof",
	"pl": "polacco", "tr": "turco", "fa": "persiano", "ti": "tigrino", "so": "somalo", "am": "amarico",
}

// ItalianName returns the Italian name of a language ("arabo" for "ar"), or its code when it is not listed.
func ItalianName(code string) string {
	if n, ok := italianNames[code]; ok {
		return n
	}
	return code
}
