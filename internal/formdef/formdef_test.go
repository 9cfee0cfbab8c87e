package formdef

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestDefinitionIsConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Forms {
		for _, key := range []string{"name " + f.Name, "layout " + f.Layout} {
			if seen[key] {
				t.Errorf("two forms have %s", key)
			}
			seen[key] = true
		}
		if ByName(f.Name) != f || ByLayout(f.Layout) != f {
			t.Errorf("form %s: ByName or ByLayout finds another form", f.Name)
		}
		names := map[string]bool{}
		for _, fd := range f.Fields {
			if names[fd.Name] {
				t.Errorf("form %s: field %s twice", f.Name, fd.Name)
			}
			names[fd.Name] = true
			if fd.Max > 0 && fd.What == "" {
				t.Errorf("form %s: field %s has a limit but no words for its message", f.Name, fd.Name)
			}
		}
	}
	if got := ByName("nope"); got != nil {
		t.Errorf("ByName(nope) = %v, want nil", got)
	}
	if got := ByName("nope").Field("message"); got != nil {
		t.Errorf("a missing form has field %v", got)
	}
}

func TestLabel(t *testing.T) {
	topic := Contact.Field("topic")
	for _, tc := range []struct {
		value, want string
		ok          bool
	}{
		{"payments", "Non riesco a pagare affitto o bollette", true},
		{"social", "Problemi sociali o familiari", true},
		{"Payments", "", false},
		{"", "", false},
	} {
		got, ok := topic.Label(tc.value)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Label(%q) = %q, %v; want %q, %v", tc.value, got, ok, tc.want, tc.ok)
		}
	}
}

// translation matches the file of a courtesy translation (contatti.ar.md).
var translation = regexp.MustCompile(`\.[a-z]{2,3}\.md$`)

// TestContentPagesTitles checks that the content pages of the forms carry the titles the form backend gives
// the pages it re-renders after an error: the same page must not change its title when it shows errors.
func TestContentPagesTitles(t *testing.T) {
	pages := map[string]int{}
	root := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		if translation.MatchString(path) {
			return nil // a courtesy translation: internal/theme's TestTranslatedFormPages checks its title
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		parts := bytes.SplitN(src, []byte("---\n"), 3)
		if len(parts) != 3 || len(parts[0]) != 0 {
			return nil
		}
		var fm struct{ Title, Layout string }
		if err := yaml.Unmarshal(parts[1], &fm); err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		f := ByLayout(fm.Layout)
		if f == nil {
			return nil
		}
		pages[f.Name]++
		if fm.Title != f.Title {
			t.Errorf("%s: title %q, want %q (internal/formdef, form %s)", path, fm.Title, f.Title, f.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Forms {
		if pages[f.Name] == 0 {
			t.Errorf("no content page has layout %q (form %s)", f.Layout, f.Name)
		}
	}
}
