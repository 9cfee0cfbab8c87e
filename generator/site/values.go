package site

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"quartieri/internal/cli"
	"quartieri/internal/yamlfix"
)

// ParseDate parses a front matter date: "2025-04-28", "2025-04-28 10:30" or RFC 3339
// ("2025-04-28T10:30:00+02:00"). Dates without a zone are in Europe/Rome. It is cli.ParseTime, the reader of
// -now, so a date reads the same everywhere.
func ParseDate(s string) (time.Time, error) { return cli.ParseTime(s) }

// decodeValue decodes the value node of key into the Go type of kind, or returns an Italian message.
func decodeValue(key string, kind fieldKind, v *yaml.Node) (any, string) {
	null := v.Kind == yaml.ScalarNode && v.Tag == "!!null"
	switch kind {
	case kString:
		if null {
			return "", ""
		}
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Sprintf("il valore di %s deve essere un testo su una riga, per esempio %s: \"Presidi\"", key, key)
		}
		return v.Value, ""
	case kBool:
		var b bool
		if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
			return nil, fmt.Sprintf("il valore di %s deve essere true (sì) oppure false (no), non %q", key, v.Value)
		}
		return b, ""
	case kInt:
		var n int
		if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil {
			return nil, fmt.Sprintf("il valore di %s deve essere un numero intero, per esempio %s: 10, non %q", key, key, v.Value)
		}
		return n, ""
	case kDate:
		if null {
			return time.Time{}, ""
		}
		t, err := ParseDate(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			return nil, fmt.Sprintf("la data %s %q non è valida: scrivila come AAAA-MM-GG, per esempio %s: 2025-04-28, "+
				"oppure con l'ora, per esempio %s: 2025-04-28T10:00:00+02:00", key, v.Value, key, key)
		}
		return t, ""
	case kList:
		return decodeList(key, v)
	}
	return nil, "tipo sconosciuto"
}

// decodeList accepts a single value or a list of values.
func decodeList(key string, v *yaml.Node) (any, string) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" || v.Value == "" {
			return []string(nil), ""
		}
		return []string{v.Value}, ""
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, fmt.Sprintf("%s deve essere un elenco di testi, per esempio %s: [\"uno\", \"due\"]", key, key)
			}
			out = append(out, c.Value)
		}
		return out, ""
	}
	return nil, fmt.Sprintf("%s deve essere un testo o un elenco di testi, per esempio %s: [\"uno\", \"due\"]", key, key)
}

// explainYAMLError turns a YAML syntax error into a line of the front matter (1-based) and a plain-Italian
// message that says how to fix it.
func explainYAMLError(err error, src []byte) (int, string) {
	return yamlfix.Explain(err, src, "l'intestazione")
}
