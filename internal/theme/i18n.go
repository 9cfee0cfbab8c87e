package theme

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"quartieri/internal/formdef"
)

// DefaultLang is the language of the theme's own words: a string missing in another language is shown in it.
const DefaultLang = "it"

// Theme strings. A theme may hold i18n/LANG.yaml files, one per language, each a flat list of key: text
// (i18n/it.yaml: `skip_link: "Vai al contenuto principale"`). Layouts write {{T "skip_link"}}; with more
// arguments the text is a fmt format ({{T "footer_funding" .Site.Organization.Name}}). {{TJSON "a" "b"}} is a
// JSON object of texts, for the forms' script (data-texts on a translated page's form). A page is rendered with
// the strings of its language (PageData.Lang); a key its language's file lacks is shown from i18n/it.yaml and
// listed in Warnings; a key i18n/it.yaml lacks stops the page with an error that names it.

// strings holds every language's texts, by key.
type stringTable map[string]map[string]string

// loadStrings reads the theme's i18n files and prepares, for each language, a set of the layouts with T bound to
// its texts (t.byLang). A set is cloned from t.layouts the first time a page in its language is rendered: most
// sites render only some of the languages, and html/template cannot clone a template once it has been executed,
// so t.layouts themselves are never executed.
func (t *Theme) loadStrings(fsys fs.FS, dir string) error {
	files, _ := fs.Glob(fsys, path.Join(dir, "i18n", "*.yaml"))
	t.strings = stringTable{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := yaml.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: i testi del tema non sono scritti bene (%s): ogni riga è chiave: \"testo\"",
				f, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		t.strings[strings.TrimSuffix(path.Base(f), ".yaml")] = m
	}
	t.warnings = t.strings.missing(path.Join(dir, "i18n"))
	t.byLang = map[string]func() (map[string]*template.Template, error){}
	langs := t.strings.langs()
	if !slices.Contains(langs, DefaultLang) {
		langs = append(langs, DefaultLang)
	}
	for _, lang := range langs {
		t.byLang[lang] = sync.OnceValues(func() (map[string]*template.Template, error) {
			funcs := template.FuncMap{"T": t.translator(lang), "TJSON": t.jsonTexts(lang), "TOptions": t.optionsIn(lang)}
			set := map[string]*template.Template{}
			for name, l := range t.layouts {
				c, err := l.Clone()
				if err != nil {
					return nil, err
				}
				set[name] = c.Funcs(funcs)
			}
			return set, nil
		})
	}
	return nil
}

// missing lists, for every language, the keys of the default language it lacks and the keys it has that the
// default language does not, as warnings naming the file.
func (s stringTable) missing(dir string) []string {
	var out []string
	base := s[DefaultLang]
	for _, lang := range s.langs() {
		if lang == DefaultLang {
			continue
		}
		for _, k := range sortedKeys(base) {
			if _, ok := s[lang][k]; !ok {
				out = append(out, fmt.Sprintf("%s/%s.yaml: manca il testo %q: le pagine in %s lo mostrano in italiano (%s/%s.yaml)",
					dir, lang, k, lang, dir, DefaultLang))
			}
		}
		for _, k := range sortedKeys(s[lang]) {
			if _, ok := base[k]; !ok {
				out = append(out, fmt.Sprintf("%s/%s.yaml: il testo %q non esiste in %s/%s.yaml e nessuna pagina lo usa: "+
					"controlla il nome", dir, lang, k, dir, DefaultLang))
			}
		}
	}
	return out
}

func (s stringTable) langs() []string { return sortedKeys(s) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// translator returns the T function of a language.
func (t *Theme) translator(lang string) func(key string, args ...any) (string, error) {
	return func(key string, args ...any) (string, error) { return t.Text(lang, key, args...) }
}

// Text returns the theme's text for key in lang (see T), formatted with args when there are any: what a form
// function needs to answer in the language of the page that posted.
func (t *Theme) Text(lang, key string, args ...any) (string, error) {
	s, ok := t.strings[lang][key]
	if !ok {
		if s, ok = t.strings[DefaultLang][key]; !ok {
			return "", fmt.Errorf("il testo %q non esiste nei testi del tema (i18n/%s.yaml)", key, DefaultLang)
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...), nil
	}
	return s, nil
}

// HasStrings reports whether the theme has its own texts in lang (i18n/LANG.yaml).
func (t *Theme) HasStrings(lang string) bool { _, ok := t.strings[lang]; return ok }

// Warnings lists the texts a language of the theme lacks (shown in Italian) or has in excess.
func (t *Theme) Warnings() []string { return t.warnings }

// layoutsFor returns the layouts that write the texts of lang: the default language's when the theme has none
// of its own in lang.
func (t *Theme) layoutsFor(lang string) (map[string]*template.Template, error) {
	set, ok := t.byLang[lang]
	if !ok {
		set = t.byLang[DefaultLang]
	}
	return set()
}

// placeholderT stands for T (and placeholderTJSON for TJSON) while layouts are parsed; loadStrings binds each
// layout's own.
func placeholderT(key string, _ ...any) (string, error) {
	return "", fmt.Errorf("funzione T %q: testi del tema non caricati", key)
}

func placeholderTJSON(keys ...string) (string, error) {
	return "", fmt.Errorf("TJSON %q: testi del tema non caricati", keys)
}

// jsonTexts returns the TJSON function of a language: {{TJSON "key" ...}} is a JSON object of those texts, for
// a script (a form's data-texts).
func (t *Theme) jsonTexts(lang string) func(keys ...string) (string, error) {
	return func(keys ...string) (string, error) {
		m := make(map[string]string, len(keys))
		for _, k := range keys {
			v, err := t.Text(lang, k)
			if err != nil {
				return "", err
			}
			m[k] = v
		}
		b, err := json.Marshal(m)
		return string(b), err
	}
}

// Texts returns a copy of the theme's texts in lang (only those its own file has).
func (t *Theme) Texts(lang string) map[string]string {
	out := make(map[string]string, len(t.strings[lang]))
	for k, v := range t.strings[lang] {
		out[k] = v
	}
	return out
}

func placeholderTOptions(prefix string, _ []formdef.Option) ([]formdef.Option, error) {
	return nil, fmt.Errorf("TOptions %q: testi del tema non caricati", prefix)
}

// optionsIn returns the TOptions function of a language: {{TOptions "topic_" OPTIONS}} gives the options of a
// radios field (internal/formdef) with each label in the page's language, the text "topic_VALUE".
func (t *Theme) optionsIn(lang string) func(prefix string, opts []formdef.Option) ([]formdef.Option, error) {
	return func(prefix string, opts []formdef.Option) ([]formdef.Option, error) {
		out := make([]formdef.Option, len(opts))
		for i, o := range opts {
			label, err := t.Text(lang, prefix+o.Value)
			if err != nil {
				return nil, err
			}
			out[i] = formdef.Option{Value: o.Value, Label: label}
		}
		return out, nil
	}
}
