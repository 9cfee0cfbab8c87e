package siteconfig

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"quartieri/internal/yamlfix"
)

// explain turns a failed decoding of site.yaml into plain-Italian errors, one per mistake, each as
// "site.yaml:LINE: message", as page front matter errors read: YAML syntax, unknown keys (with the nearest known
// key at that place) and values of the wrong kind.
func explain(data []byte, decodeErr error) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlfix.Explain(err, data, "il file")
		return fmt.Errorf("site.yaml:%d: %s", line, msg)
	}
	var errs []error
	paths := map[int]string{}
	walkKeys(&root, reflect.TypeFor[Site](), "", paths, &errs)
	var te *yaml.TypeError
	if errors.As(decodeErr, &te) {
		for _, e := range te.Errors {
			if m := typeErrRE.FindStringSubmatch(e); m != nil {
				var line int
				fmt.Sscan(m[1], &line)
				errs = append(errs, fmt.Errorf("site.yaml:%d: il valore di %s (%s) non va bene: serve %s", line,
					orValue(paths[line], "questa riga"), m[3], want(m[4])))
			}
		}
	}
	var pe *time.ParseError
	if errors.As(decodeErr, &pe) { // a date yaml could not read: find its line
		line := lineOf(&root, pe.Value)
		errs = append(errs, fmt.Errorf("site.yaml:%d: il valore di %s (%s) non va bene: serve %s", line,
			orValue(paths[line], "questa riga"), pe.Value, want("time.Time")))
	}
	if len(errs) == 0 {
		return fmt.Errorf("site.yaml: %s", strings.TrimPrefix(decodeErr.Error(), "yaml: "))
	}
	return errors.Join(errs...)
}

var typeErrRE = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) `(.*)` into (.+)$")

// lineOf returns the line of the first scalar whose value is v, or 0.
func lineOf(n *yaml.Node, v string) int {
	if n.Kind == yaml.ScalarNode && n.Value == v {
		return n.Line
	}
	for _, c := range n.Content {
		if l := lineOf(c, v); l > 0 {
			return l
		}
	}
	return 0
}

func orValue(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// want says in Italian what a Go type expects.
func want(goType string) string {
	switch {
	case goType == "time.Time" || goType == "*time.Time":
		return "una data con ora e fuso orario, per esempio 2025-04-28T23:59:00+02:00"
	case goType == "time.Duration":
		return "una durata, per esempio 10m (10 minuti) o 1h (un'ora)"
	case strings.HasPrefix(goType, "int"):
		return "un numero intero, per esempio 2"
	case goType == "bool":
		return "true (sì) oppure false (no)"
	case goType == "string":
		return "un testo su una riga, tra virgolette"
	case strings.HasPrefix(goType, "[]"):
		return "un elenco, una voce per riga che comincia con un trattino (-)"
	}
	return "un gruppo di chiavi e valori, una per riga, rientrate di due spazi"
}

var timeType = reflect.TypeFor[time.Time]()

// walkKeys reports the keys of n that type t does not have, and records the path of every key by line.
func walkKeys(n *yaml.Node, t reflect.Type, path string, paths map[int]string, errs *[]error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.DocumentNode:
		for _, c := range n.Content {
			walkKeys(c, t, path, paths, errs)
		}
	case t == timeType:
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" { // not a key of site.yaml (Language.Line, the lines of language:)
				continue
			}
			fields[name] = t.Field(i).Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := strings.TrimPrefix(path+"."+k.Value, ".")
			paths[k.Line], paths[v.Line] = p, p
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, fmt.Errorf("site.yaml:%d: %s", k.Line, unknownKey(k.Value, path, names)))
				continue
			}
			walkKeys(v, ft, p, paths, errs)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			walkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), paths, errs)
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := path + "." + n.Content[i].Value
			paths[n.Content[i].Line] = p
			walkKeys(n.Content[i+1], t.Elem(), p, paths, errs)
		}
	}
}

func unknownKey(key, path string, names []string) string {
	where := ""
	if path != "" {
		where = " dentro " + path
	}
	slices.Sort(names)
	if best, ok := yamlfix.Nearest(key, names); ok {
		return fmt.Sprintf("chiave sconosciuta %q%s: forse intendevi %q?", key, where, best)
	}
	return fmt.Sprintf("chiave sconosciuta %q%s: le chiavi possibili sono %s", key, where, strings.Join(names, ", "))
}
