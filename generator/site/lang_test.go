package site

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// txtarSite returns the source files of a testdata archive.
func txtarSite(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name != "want-files" && f.Name != "want-diagnostics" && !bytes.HasPrefix([]byte(f.Name), []byte("want/")) {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

func TestSplitLang(t *testing.T) {
	for _, tt := range []struct{ rel, orig, lang string }{
		{"presidi.md", "presidi.md", ""},
		{"presidi.en.md", "presidi.md", "en"},
		{"presidi/_index.ar.md", "presidi/_index.md", "ar"},
		{"_index.ckb.md", "_index.md", "ckb"},
		{"verbale.2025.md", "verbale.2025.md", ""},
		{"note.EN.md", "note.EN.md", ""},
		{"note.xx.md", "note.xx.md", ""},
		{"una.cartella/pagina.md", "una.cartella/pagina.md", ""},
		{"foto.en.jpg", "foto.en.jpg", ""},
	} {
		orig, lang := splitLang(tt.rel)
		if orig != tt.orig || lang != tt.lang {
			t.Errorf("splitLang(%q) = %q, %q, want %q, %q", tt.rel, orig, lang, tt.orig, tt.lang)
		}
	}
}

func TestTranslationReport(t *testing.T) {
	res, err := Build(txtarSite(t, "languages.txtar"), Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files := func(ts []TranslationReport) string {
		var out []string
		for _, t := range ts {
			out = append(out, t.File)
		}
		return strings.Join(out, " ")
	}
	if got, want := files(res.Report.Translations), "content/_index.ar.md content/_index.en.md content/presidi/_index.en.md content/presidi/codogno.en.md"; got != want {
		t.Errorf("Report.Translations = %s, want %s", got, want)
	}
	// Unreviewed: translationReviewed false or missing.
	if got, want := files(res.Report.Unreviewed()), "content/_index.ar.md content/presidi/_index.en.md content/presidi/codogno.en.md"; got != want {
		t.Errorf("Unreviewed() = %s, want %s", got, want)
	}
	// Outdated: ar is older than the Italian home, the English presidi section has no date to compare; the
	// Italian Codogno page has none either, so its translation is not listed.
	if got, want := files(res.Report.Outdated()), "content/_index.ar.md content/presidi/_index.en.md"; got != want {
		t.Errorf("Outdated() = %s, want %s", got, want)
	}
	for _, p := range res.Report.Pages {
		if p.Translation != (p.Lang != "it") {
			t.Errorf("%s: Translation = %v with Lang %q", p.File, p.Translation, p.Lang)
		}
		if p.Translation && (p.Readability.Words != 0 || p.Hard()) {
			t.Errorf("%s: a translation has a Gulpease readability: %+v", p.File, p.Readability)
		}
		if !p.Translation && p.Readability.Words == 0 {
			t.Errorf("%s: an Italian page has no readability", p.File)
		}
	}
}

func TestDraftOriginalLeavesTranslationOut(t *testing.T) {
	fsys := txtarSite(t, "languages-fallback.txtar")
	res, err := Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "content/bozza.fr.md (" + skipOriginal + ")"; !slices.Contains(res.Skipped, want) {
		t.Errorf("Skipped = %q, want it to hold %q", res.Skipped, want)
	}
	res, err = Build(fsys, Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files["fr/bozza/index.html"] == nil {
		t.Error("with drafts, fr/bozza/index.html is missing")
	}
}

// TestBuilderLanguages checks that a reused Builder notices what changes the other languages' versions of a
// page: a translation added or removed, a language's menu, a language's home page.
func TestBuilderLanguages(t *testing.T) {
	fsys := txtarSite(t, "languages.txtar")
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	set := setter(fsys)
	yaml := string(fsys["site.yaml"].Data)
	checkSteps(t, fsys, []step{
		{"first build", func() {}, now},
		{"translation added", set("content/presidi/casale.ar.md", "---\ntitle: كازال\ndescription: س\n---\nنص.\n"), now},
		{"menu of a language", set("site.yaml", strings.Replace(yaml, "Listening points, url", "Where we are, url", 1)), now},
		{"theme text", set("themes/t/i18n/en.yaml", "skip: Go to the content\nmenu: Main menu\n"), now},
		{"language home removed", func() { delete(fsys, "content/_index.ar.md") }, now},
		{"menu key of a translation", set("content/presidi/codogno.en.md", strings.Replace(string(fsys["content/presidi/codogno.en.md"].Data), "title:", "menu: main\ntitle:", 1)), now},
		{"translation removed", func() { delete(fsys, "content/presidi/codogno.en.md") }, now},
		{"translation without its page breaks", set("content/orari.en.md", "---\ntitle: Hours\ndescription: x\n---\nText.\n"), now},
	})
}
