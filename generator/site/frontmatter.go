package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"quartieri/generator/diag"
	"quartieri/internal/siteconfig"
)

// FrontMatter is the typed front matter of a page. The package documentation lists every key.
type FrontMatter struct {
	Title       string
	Description string
	Date        time.Time
	Lastmod     time.Time
	Draft       bool
	PublishDate time.Time
	ExpiryDate  time.Time
	Weight      int
	Aliases     []string
	Layout      string
	// Menu names the menus the page is added to, e.g. "footer".
	Menu     []string
	Summary  string
	Call     string
	Presidio string
	// Audience is "residenti" (the default), "candidati" or "staff".
	Audience string

	// TranslationReviewed is set on a translation once a qualified translator has checked it against the
	// Italian page; until then `check` lists it (see lang.go).
	TranslationReviewed bool
}

// Audiences are the values of the audience key; Gulpease warnings apply to AudienceResidents pages.
const (
	AudienceResidents  = "residenti"
	AudienceCandidates = "candidati"
	AudienceStaff      = "staff"
)

type fieldKind int

const (
	kString fieldKind = iota
	kBool
	kInt
	kDate
	kList
)

type field struct {
	kind fieldKind
	set  func(fm *FrontMatter, v any)
}

// fields maps each known key to its type and setter.
var fields = map[string]field{
	"title":       {kString, func(fm *FrontMatter, v any) { fm.Title = v.(string) }},
	"description": {kString, func(fm *FrontMatter, v any) { fm.Description = v.(string) }},
	"date":        {kDate, func(fm *FrontMatter, v any) { fm.Date = v.(time.Time) }},
	"lastmod":     {kDate, func(fm *FrontMatter, v any) { fm.Lastmod = v.(time.Time) }},
	"draft":       {kBool, func(fm *FrontMatter, v any) { fm.Draft = v.(bool) }},
	"publishDate": {kDate, func(fm *FrontMatter, v any) { fm.PublishDate = v.(time.Time) }},
	"expiryDate":  {kDate, func(fm *FrontMatter, v any) { fm.ExpiryDate = v.(time.Time) }},
	"weight":      {kInt, func(fm *FrontMatter, v any) { fm.Weight = v.(int) }},
	"aliases":     {kList, func(fm *FrontMatter, v any) { fm.Aliases = v.([]string) }},
	"layout":      {kString, func(fm *FrontMatter, v any) { fm.Layout = v.(string) }},
	"menu":        {kList, func(fm *FrontMatter, v any) { fm.Menu = v.([]string) }},
	"summary":     {kString, func(fm *FrontMatter, v any) { fm.Summary = v.(string) }},
	"call":        {kString, func(fm *FrontMatter, v any) { fm.Call = v.(string) }},
	"presidio":    {kString, func(fm *FrontMatter, v any) { fm.Presidio = v.(string) }},
	"audience":    {kString, func(fm *FrontMatter, v any) { fm.Audience = v.(string) }},
}

// KnownKeys lists the front matter keys in a stable order.
func KnownKeys() []string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// italianKeys maps the Italian words a staff member may write to the key they mean.
var italianKeys = map[string]string{
	"titolo": "title", "descrizione": "description", "data": "date", "bozza": "draft", "peso": "weight",
	"ordine": "weight", "sommario": "summary", "riassunto": "summary", "bando": "call", "pubblico": "audience",
	"modificato": "lastmod", "pubblicazione": "publishDate", "scadenza": "expiryDate", "alias": "aliases",
	"modello": "layout", "menù": "menu",
}

// ParseFrontMatter decodes the YAML front matter of file, whose first line is firstLine of the file, into a
// FrontMatter. It reports every mistake it finds, each with its line of the file. site, if not nil, is used to
// check the call and presidio keys.
func ParseFrontMatter(file string, src []byte, firstLine int, site *siteconfig.Site) (FrontMatter, diag.List) {
	var fm FrontMatter
	var errs diag.List
	errorf := func(line int, format string, args ...any) {
		errs = append(errs, diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: fmt.Sprintf(format, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, msg := explainYAMLError(err, src)
		errorf(firstLine+line-1, "%s", msg)
		return fm, errs
	}
	top := firstLine - 1 // the opening --- line
	var m *yaml.Node
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		m = root.Content[0]
	}
	if m != nil && m.Kind != yaml.MappingNode && !(m.Kind == yaml.ScalarNode && m.Tag == "!!null") {
		errorf(firstLine+m.Line-1, "l'intestazione deve essere un elenco di chiavi e valori, una per riga, "+
			"per esempio title: \"Presidi\"")
		return fm, errs
	}
	seen := map[string]int{}
	invalid := map[string]bool{}
	if m != nil && m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			line := firstLine + k.Line - 1
			if prev, dup := seen[k.Value]; dup {
				errorf(line, "la chiave %s è già scritta alla riga %d: tienine una sola", k.Value, prev)
				continue
			}
			seen[k.Value] = line
			f, ok := fields[k.Value]
			if !ok {
				errorf(line, "%s", unknownKeyMessage(k.Value))
				continue
			}
			val, msg := decodeValue(k.Value, f.kind, v)
			if msg != "" {
				errorf(firstLine+v.Line-1, "%s", msg)
				invalid[k.Value] = true
				continue
			}
			f.set(&fm, val)
		}
	}
	if strings.TrimSpace(fm.Title) == "" && !invalid["title"] {
		errorf(lineOr(seen, "title", top), "manca il titolo: aggiungi nell'intestazione una riga come title: \"Presidi\"")
	}
	if strings.TrimSpace(fm.Description) == "" && !invalid["description"] {
		errorf(lineOr(seen, "description", top), "manca la descrizione: aggiungi nell'intestazione una riga come "+
			"description: \"Dove trovare gli operatori di quartiere\" (una frase che dice di cosa parla la pagina)")
	}
	checkValues(&fm, seen, top, site, errorf)
	return fm, errs
}

func lineOr(seen map[string]int, key string, def int) int {
	if l, ok := seen[key]; ok {
		return l
	}
	return def
}

// checkValues checks the values that must be one of a set.
func checkValues(fm *FrontMatter, seen map[string]int, top int, site *siteconfig.Site, errorf func(int, string, ...any)) {
	for _, a := range fm.Aliases {
		// An alias becomes a file name: ".." or a backslash could write outside the site, even over its sources.
		if a == "" || strings.Contains(a, `\`) || slices.Contains(strings.Split(a, "/"), "..") {
			errorf(lineOr(seen, "aliases", top), "l'indirizzo %q in aliases non è valido: scrivi un indirizzo del sito "+
				"senza .. e senza \\, per esempio /vecchio-indirizzo/", a)
		}
	}
	switch fm.Audience {
	case "":
		fm.Audience = AudienceResidents
	case AudienceResidents, AudienceCandidates, AudienceStaff:
	default:
		errorf(lineOr(seen, "audience", top), "audience %q non è valido: scrivi residenti, candidati oppure staff%s",
			fm.Audience, suggestion(fm.Audience, []string{AudienceResidents, AudienceCandidates, AudienceStaff}))
	}
	if site == nil {
		return
	}
	if fm.Call != "" {
		if _, ok := site.Call(fm.Call); !ok {
			var ids []string
			for _, c := range site.Calls {
				ids = append(ids, c.ID)
			}
			errorf(lineOr(seen, "call", top), "il bando %q non esiste in site.yaml (calls)%s", fm.Call, suggestion(fm.Call, ids))
		}
	}
	if fm.Presidio != "" {
		if _, ok := site.Presidio(fm.Presidio); !ok {
			var ids []string
			for _, p := range site.Presidi {
				ids = append(ids, p.ID)
			}
			errorf(lineOr(seen, "presidio", top), "il presidio %q non esiste in site.yaml (presidi)%s", fm.Presidio, suggestion(fm.Presidio, ids))
		}
	}
}

// suggestion returns ": forse intendevi X?" for the nearest of candidates, or the list of candidates.
func suggestion(got string, candidates []string) string {
	if len(candidates) == 0 {
		return ""
	}
	if best, ok := Nearest(got, candidates); ok {
		return fmt.Sprintf(": forse intendevi %q?", best)
	}
	return ": i valori possibili sono " + strings.Join(candidates, ", ")
}

func unknownKeyMessage(key string) string {
	if k, ok := italianKeys[strings.ToLower(key)]; ok {
		return fmt.Sprintf("chiave sconosciuta %q: le chiavi si scrivono in inglese, scrivi %s", key, k)
	}
	if best, ok := Nearest(key, KnownKeys()); ok {
		return fmt.Sprintf("chiave sconosciuta %q: forse intendevi %q?", key, best)
	}
	return fmt.Sprintf("chiave sconosciuta %q: le chiavi possibili sono %s", key, strings.Join(KnownKeys(), ", "))
}
