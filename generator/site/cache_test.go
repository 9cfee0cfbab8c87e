package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// step is one edit of a site, and the instant the site is then built as. The build after a step whose name
// contains "broke" or "break" must fail, any other must succeed.
type step struct {
	name string
	edit func()
	now  time.Time
}

// basicSite returns the source files of testdata/basic.txtar.
func basicSite(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/basic.txtar")
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

// setter returns an edit that writes data to the file name of fsys.
func setter(fsys fstest.MapFS) func(name, data string) func() {
	return func(name, data string) func() {
		return func() { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	}
}

// TestBuilderMatchesBuild edits a site step by step and checks that a reused Builder gives, after every edit,
// exactly the files and diagnostics of a fresh Build.
func TestBuilderMatchesBuild(t *testing.T) {
	fsys := basicSite(t)
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	set := setter(fsys)
	checkSteps(t, fsys, []step{
		{"first build", func() {}, now},
		{"nothing changed", func() {}, now.Add(10 * time.Second)},
		{"body edit", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\ndate: 2025-01-05\n---\nTesto nuovo.\n"), now},
		{"title edit shows in the section", set("content/servizi/candidatura.md", "---\ntitle: Come candidarsi\ndescription: Il modulo\nweight: 1\nlayout: application\ncall: cm\n---\n## Chi può candidarsi\n\nChi ha un diploma.\n"), now},
		{"broken link", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\nVedi [gli orari](/servizi/presidi/#orari).\n"), now},
		{"fixed", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\nVedi [gli orari](/servizi/presidi/#orari-di-apertura).\n"), now},
		{"heading renamed breaks the link", set("content/servizi/presidi.md", "---\ntitle: Presidi\ndescription: Dove siamo\n---\n## Quando siamo aperti\n\nSempre.\n"), now},
		{"link follows the new heading", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\nVedi [gli orari](/servizi/presidi/#quando-siamo-aperti).\n"), now},
		// The page's body is reused from here on; what its links lead to changes elsewhere.
		{"link to a missing image breaks", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\n![Il presidio](/servizi/foto.png)\n"), now},
		{"image added elsewhere", set("content/servizi/foto.png", "png"), now},
		{"image removed elsewhere breaks the link", func() { delete(fsys, "content/servizi/foto.png") }, now},
		{"a page where the image was breaks the link", set("content/servizi/foto.png.md", "---\ntitle: Foto\ndescription: Una foto\n---\nTesto.\n"), now},
		{"the page gone, the image back", func() {
			delete(fsys, "content/servizi/foto.png.md")
			fsys["content/servizi/foto.png"] = &fstest.MapFile{Data: []byte("png")}
		}, now},
		{"layout edit", set("themes/t/layouts/page.html", `{{define "main"}}<div class="nuovo">{{.Page.Content}}</div>{{end}}`), now},
		{"next minute", func() {}, now.Add(time.Minute)},
		{"page removed", func() { delete(fsys, "content/notizie/vecchia.md") }, now},
	})
}

// checkSteps applies the steps to fsys one by one and checks that two reused Builders, one on fsys and one on a
// real folder kept equal to it, give after every step exactly the files and diagnostics of a fresh Build.
func checkSteps(t *testing.T, fsys fstest.MapFS, steps []step) {
	t.Helper()
	bl, diskBuilder := NewBuilder(), NewBuilder()
	dir := t.TempDir()
	disk := os.DirFS(dir)
	mtime := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, s := range steps {
		s.edit()
		syncDir(t, dir, fsys, mtime.Add(time.Duration(i)*time.Second))
		want, wantErr := Build(fsys, Options{Now: s.now})
		if fails := strings.Contains(s.name, "broke") || strings.Contains(s.name, "break"); fails != (wantErr != nil) {
			t.Fatalf("%s: Build error %v, want an error: %v", s.name, wantErr, fails)
		}
		for _, b := range []struct {
			name string
			bl   *Builder
			fsys fs.FS
		}{
			{"Builder", bl, fsys},
			// On a real folder files are told unchanged by size and time, without reading them.
			{"Builder on a folder", diskBuilder, disk},
		} {
			got, gotErr := b.bl.Build(b.fsys, Options{Now: s.now})
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%s: %s error %v, Build error %v", s.name, b.name, gotErr, wantErr)
			}
			if g, w := got.Diagnostics.Error(), want.Diagnostics.Error(); g != w {
				t.Errorf("%s: %s diagnostics\n%s\nwant\n%s", s.name, b.name, g, w)
			}
			if len(got.Files) != len(want.Files) {
				t.Errorf("%s: %s wrote %d files, Build %d", s.name, b.name, len(got.Files), len(want.Files))
			}
			for name, w := range want.Files {
				if !bytes.Equal(got.Files[name], w) {
					t.Errorf("%s: %s's %s =\n%s\nwant\n%s", s.name, b.name, name, got.Files[name], w)
				}
			}
		}
	}
}

// syncDir makes dir hold the files of fsys, writing only those that changed. Each file written gets the
// modification time mtime: a clock tick can be longer than a step, and a Builder tells files apart by size and time.
func syncDir(t *testing.T, dir string, fsys fstest.MapFS, mtime time.Time) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err == nil && !d.IsDir() && fsys[filepath.ToSlash(rel)] == nil {
			os.Remove(p)
		}
		return nil
	})
	for name, f := range fsys {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}
