package theme_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"quartieri/internal/formdef"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

var (
	controlRE = regexp.MustCompile(`<(?:input|textarea|select)\b[^>]*>`)
	attrRE    = regexp.MustCompile(`\b(name|type|value)="([^"]*)"`)
	maxRE     = regexp.MustCompile(`data-field="([^"]*)"[^>]*data-maxlength="([^"]*)"`)
)

// notFields are the names a form page sends that are not fields of the form: the signed token, the idempotency
// key, the reference of a CV already received, and the honeypot robots fill in.
var notFields = map[string]bool{"_token": true, "_idem": true, "cv_ref": true, "fax": true}

// TestFormsMatchDefinition renders each form page with the theme and checks it against internal/formdef: the
// page shows every visible field of the form and no other, sends its hidden fields hidden, offers the options
// of its radios in order, and tells the limits of the definition.
func TestFormsMatchDefinition(t *testing.T) {
	site, err := siteconfig.Parse([]byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range formdef.Forms {
		t.Run(f.Name, func(t *testing.T) {
			page := &theme.Page{Kind: "page", Layout: f.Layout, Title: f.Title, URL: f.DefaultURL}
			out, err := th.Render(&theme.PageData{Site: site, Page: page, Now: before, Menu: menu()})
			if err != nil {
				t.Fatal(err)
			}
			html := string(out)
			visible, hidden := map[string]bool{}, map[string]bool{}
			radios := map[string][]string{}
			for _, c := range controlRE.FindAllString(html, -1) {
				a := map[string]string{}
				for _, m := range attrRE.FindAllStringSubmatch(c, -1) {
					a[m[1]] = m[2]
				}
				switch name := a["name"]; {
				case name == "" || notFields[name]:
				case a["type"] == "hidden":
					hidden[name] = true
				default:
					visible[name] = true
					if a["type"] == "radio" {
						radios[name] = append(radios[name], a["value"])
					}
				}
			}
			for _, fd := range f.Fields {
				if got := visible[fd.Name] || hidden[fd.Name]; !got {
					t.Errorf("field %s is not on the page", fd.Name)
				}
				if hidden[fd.Name] != fd.Hidden {
					t.Errorf("field %s: hidden on the page %v, in the definition %v", fd.Name, hidden[fd.Name], fd.Hidden)
				}
				if fd.Options != nil {
					var want []string
					for _, o := range fd.Options {
						want = append(want, o.Value)
						if !strings.Contains(html, ">"+o.Label+"<") {
							t.Errorf("field %s: option label %q is not on the page", fd.Name, o.Label)
						}
					}
					if got := radios[fd.Name]; !slices.Equal(got, want) {
						t.Errorf("field %s: options %v, want %v", fd.Name, got, want)
					}
				}
			}
			for name := range visible {
				if f.Field(name) == nil {
					t.Errorf("the page shows field %s, which is not in the definition of form %s", name, f.Name)
				}
			}
			for name := range hidden {
				if f.Field(name) == nil {
					t.Errorf("the page sends hidden field %s, which is not in the definition of form %s", name, f.Name)
				}
			}
			for _, m := range maxRE.FindAllStringSubmatch(html, -1) {
				fd := f.Field(m[1])
				if fd == nil {
					continue // reported above
				}
				if got, want := m[2], strconv.Itoa(fd.Max); got != want {
					t.Errorf("field %s: the page tells a limit of %s characters, the definition %s", m[1], got, want)
				}
			}
			if strings.Count(html, `<textarea`) != len(maxRE.FindAllString(html, -1)) {
				t.Errorf("a textarea does not tell its limit (data-maxlength)")
			}
		})
	}
}
