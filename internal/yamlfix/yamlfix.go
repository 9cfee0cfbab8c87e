// Package yamlfix explains YAML mistakes in plain Italian, with the line and the nearest right word, for the
// two YAML files staff write: pages' front matter (generator/site) and site.yaml (internal/siteconfig).
package yamlfix

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	yamlLineRE  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	colonValue  = regexp.MustCompile(`^(\s*[\w-]+):\s+([^"'\s\[{|>&*!#].*:(\s.*|$))`)
	quotedEarly = regexp.MustCompile(`^(\s*[\w-]+):\s+(["'])(.*?)(["'])(\s*[^\s#].*)$`)
)

// Explain turns a YAML syntax error into a line of src (1-based) and a plain-Italian message that says how to
// fix it. what names the YAML for the reader: "l'intestazione" (a page's front matter) or "il file site.yaml".
func Explain(err error, src []byte, what string) (int, string) {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := strings.Split(string(src), "\n")
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		for i, l := range lines {
			if m := colonValue.FindStringSubmatch(strings.TrimRight(l, "\r")); m != nil {
				fix := m[1] + ": \"" + strings.ReplaceAll(strings.TrimSpace(m[2]), `"`, `\"`) + "\""
				return i + 1, "il valore contiene i due punti e " + what + " non si capisce più: metti il testo tra " +
					"virgolette, per esempio " + strings.TrimSpace(fix)
			}
		}
		return line, "i due punti o il rientro di questa riga non vanno bene: ogni riga è chiave: valore, senza " +
			"spazi all'inizio; se il valore contiene i due punti, metti il testo tra virgolette"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected"):
		for i, l := range lines {
			if m := quotedEarly.FindStringSubmatch(strings.TrimRight(l, "\r")); m != nil && m[2] == m[4] {
				v := m[2] + m[3] + m[4] + m[5]
				v = strings.TrimSpace(v)
				if len(v) >= 2 && v[len(v)-1] == v[0] {
					v = v[1 : len(v)-1]
				}
				return i + 1, "le virgolette si chiudono prima della fine del testo: se il testo contiene un apostrofo " +
					"usa le virgolette doppie, per esempio " + strings.TrimSpace(m[1]) + ": \"" +
					strings.ReplaceAll(v, `"`, `\"`) + "\""
			}
		}
	case strings.Contains(msg, "tab character"):
		return line, "questa riga comincia con un carattere di tabulazione: usa gli spazi, oppure nessun rientro"
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "found unexpected end"):
		return line, "una virgoletta o una parentesi aperta non è chiusa: controlla che ogni \" e ogni [ abbia la sua chiusura"
	}
	return line, "c'è un errore di scrittura (" + msg + "): ogni riga è chiave: valore; metti il testo tra " +
		"virgolette se contiene i due punti, un apostrofo o un cancelletto"
}

// Nearest returns the candidate closest to s by edit distance (ignoring case), if it is close enough to be what
// was meant: at most a third of the longer word's letters, and at least two, differ.
func Nearest(s string, candidates []string) (string, bool) {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := Levenshtein(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return "", false
	}
	n := max(utf8.RuneCountInString(s), utf8.RuneCountInString(best))
	return best, bestD <= max(2, n/3)
}

// Levenshtein returns the number of single-letter insertions, deletions and substitutions that turn a into b.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
