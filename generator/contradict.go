package main

import (
	"fmt"
	"io/fs"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"quartieri/generator/callstatus"
	"quartieri/generator/diag"
	"quartieri/generator/site"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// contradictions warns about the words of each published page that contradict its call's phase at now: an
// invitation to apply while the call is closed, "chiuso" while it is open (see callstatus.Contradictions). Text
// in call blocks of other phases is left out, as the theme leaves it out.
func contradictions(fsys fs.FS, files []string, now time.Time) diag.List {
	s, err := siteconfig.Load(fsys)
	if err != nil || len(s.Calls) == 0 {
		return nil
	}
	var out diag.List
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			continue
		}
		front, body, bodyLine, err := site.SplitFrontMatter(src)
		if err != nil {
			continue
		}
		var fm struct {
			Call        string `yaml:"call"`
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
			Summary     string `yaml:"summary"`
		}
		_ = yaml.Unmarshal(front, &fm)
		def := &s.Calls[0]
		if c, ok := s.Call(fm.Call); ok {
			def = c
		}
		phases := func(id string) []string {
			c := def
			if id != "" {
				c, _ = s.Call(id)
			}
			return theme.CallPhases(c, now)
		}
		for i, l := range strings.Split(string(front), "\n") { // front matter is seen in every phase
			key, _, _ := strings.Cut(l, ":")
			v := map[string]string{"title": fm.Title, "description": fm.Description, "summary": fm.Summary}[strings.TrimSpace(key)]
			for _, f := range callstatus.TextContradictions(v, phases("")) {
				out = append(out, diag.Diagnostic{File: file, Line: i + 2, Severity: diag.Warning,
					Message: fmt.Sprintf("«%s» in %s: %s", f.Phrase, strings.TrimSpace(key), f.Message)})
			}
		}
		for _, f := range callstatus.Contradictions(callstatus.Parse(body), body, phases) {
			line := bodyLine + strings.Count(string(body[:f.Offset]), "\n")
			out = append(out, diag.Diagnostic{File: file, Line: line, Severity: diag.Warning,
				Message: fmt.Sprintf("«%s»: %s", f.Phrase, f.Message)})
		}
	}
	return out
}
