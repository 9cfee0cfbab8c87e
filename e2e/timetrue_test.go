package e2e

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quartieri/generator/site"
)

// opensAt is the opening the time-true test adds to the call (site.yaml gives none), so that the site has a
// "before opening" too.
var opensAt = time.Date(2025, 4, 1, 9, 0, 0, 0, rome)

// instants are the six moments of issue 11 at which every page must agree with the call's phase.
var instants = []struct {
	name  string
	now   time.Time
	phase string // upcoming, open, closing (the last days, also open), closed
}{
	{"before opening", time.Date(2025, 3, 15, 10, 0, 0, 0, rome), "upcoming"},
	{"open", time.Date(2025, 4, 10, 10, 0, 0, 0, rome), "open"},
	{"last day", time.Date(2025, 4, 28, 10, 0, 0, 0, rome), "closing"},
	{"23:59 on the closing day", time.Date(2025, 4, 28, 23, 59, 0, 0, rome), "closing"},
	{"00:00 after", time.Date(2025, 4, 29, 0, 0, 0, 0, rome), "closed"},
	{"months later", time.Date(2025, 11, 28, 10, 0, 0, 0, rome), "closed"},
}

// invitations are what a page must not say once the call is closed: an invitation to apply, or the recruitment
// in the present tense. They are this test's own list, written from the issue, not the generator's rules.
var invitations = regexp.MustCompile(`(?i)\b(candidati ora|candidati entro|puoi candidarti|come candidarti|prima di candidarti|` +
	`manda la tua candidatura|invia la candidatura online|puoi mandare|si può mandare|compila il modulo|cerchiamo|` +
	`cerca due|assume due|aperto fino|la scadenza è)\b`)

// closedWords are what a page must not say while the call is open or yet to open.
var closedWords = regexp.MustCompile(`(?i)\b(chiuso|si è chiuso|non puoi più|non si possono più|scadenza era)\b`)

// dateWithoutWeekday finds a date written with its hour (a deadline or an opening) and the word before it.
var deadlineRE = regexp.MustCompile(`(\p{L}+) (\d{1,2}) (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}, ore \d\d:\d\d`)

var weekdayNames = map[string]bool{"lunedì": true, "martedì": true, "mercoledì": true, "giovedì": true, "venerdì": true, "sabato": true, "domenica": true}

// callPages are the pages about the call; each must say the call's phase in words.
var callPages = []string{"/", "/lavora-con-noi/", callPage, applyPage}

// TestTimeTrueContent builds the site at six instants around the call (with an opening added to site.yaml) and
// reads the visible text of every page in Chromium (JavaScript off: what the built HTML says): once closed, no
// page invites to apply or speaks of the recruitment in the present tense, and the call's pages say it is
// closed; while open or before, no page says it is closed; before opening the call's pages give the opening;
// in the last days the call's page says so; every deadline and opening is written with its weekday.
func TestTimeTrueContent(t *testing.T) {
	needBrowser(t)
	fsys := withOpening(t)
	tb := newTab(t, wide, false)
	for _, in := range instants {
		t.Run(in.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := site.Build(fsys, site.Options{Now: in.now, Dest: dir}); err != nil {
				t.Fatalf("build as at %s: %v", in.now, err)
			}
			srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
			defer srv.Close()
			pages := builtPages(t, dir)
			texts := map[string]string{}
			for _, p := range pages {
				tb.open(srv.URL + p)
				texts[p] = evalIn[string](tb, `document.body.innerText`)
			}
			for _, p := range pages {
				text := texts[p]
				switch in.phase {
				case "closed":
					for _, m := range invitations.FindAllString(text, -1) {
						t.Errorf("%s (%s): the call is closed, but the page says %q", p, in.name, m)
					}
				default:
					for _, m := range closedWords.FindAllString(text, -1) {
						t.Errorf("%s (%s): the call is %s, but the page says %q", p, in.name, in.phase, m)
					}
				}
				for _, m := range deadlineRE.FindAllStringSubmatch(text, -1) {
					if !weekdayNames[strings.ToLower(m[1])] {
						t.Errorf("%s (%s): %q has no weekday", p, in.name, m[0])
					}
				}
			}
			for _, p := range callPages {
				text := texts[p]
				var want string
				switch in.phase {
				case "closed":
					want = "chiuso"
				case "upcoming":
					want = "apre martedì 1 aprile 2025, ore 09:00"
				default:
					want = "fino a lunedì 28 aprile 2025, ore 23:59"
				}
				if !strings.Contains(strings.ToLower(text), want) {
					t.Errorf("%s (%s): the page does not say %q:\n%s", p, in.name, want, clip(text, 1500))
				}
			}
			if in.phase == "closing" && !strings.Contains(texts[callPage], "Mancano pochi giorni") {
				t.Errorf("%s (%s): the call's page does not say that few days are left", callPage, in.name)
			}
			hasForm := strings.Contains(texts[applyPage], "Invia la candidatura")
			if open := in.phase == "open" || in.phase == "closing"; hasForm != open {
				t.Errorf("%s (%s): application form shown = %v, want %v", applyPage, in.name, hasForm, open)
			}
		})
	}
}

// withOpening returns the repository with an opening instant added to the call in site.yaml.
func withOpening(t *testing.T) fs.FS {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	closes := []byte("    closes: 2025-04-28T23:59:00+02:00\n")
	if !bytes.Contains(data, closes) {
		t.Fatalf("site.yaml has no line %q to add the opening beside", closes)
	}
	data = bytes.Replace(data, closes, append([]byte("    opens: "+opensAt.Format(time.RFC3339)+"\n"), closes...), 1)
	return overlayFS{os.DirFS(repoRoot), fstest.MapFS{"site.yaml": {Data: data}}}
}

// overlayFS serves the files of top instead of those of base.
type overlayFS struct {
	base fs.FS
	top  fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}

// builtPages lists the URL paths of the HTML pages under dir (aliases' redirect pages left out).
func builtPages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil || metaRefresh.Match(b) {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, pagePath(filepath.ToSlash(rel)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
