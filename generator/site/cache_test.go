package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// TestBuilderMatchesBuild edits a site step by step and checks that a reused Builder gives, after every edit,
// exactly the files and diagnostics of a fresh Build.
func TestBuilderMatchesBuild(t *testing.T) {
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
	now := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	set := func(name, data string) func() { return func() { fsys[name] = &fstest.MapFile{Data: []byte(data)} } }
	steps := []struct {
		name string
		edit func()
		now  time.Time
	}{
		{"first build", func() {}, now},
		{"nothing changed", func() {}, now.Add(10 * time.Second)},
		{"body edit", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\ndate: 2025-01-05\n---\nTesto nuovo.\n"), now},
		{"title edit shows in the section", set("content/servizi/candidatura.md", "---\ntitle: Come candidarsi\ndescription: Il modulo\nweight: 1\nlayout: application\ncall: cm\n---\n## Chi può candidarsi\n\nChi ha un diploma.\n"), now},
		{"broken link", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\nVedi [gli orari](/servizi/presidi/#orari).\n"), now},
		{"fixed", set("content/notizie/vecchia.md", "---\ntitle: Notizia vecchia\ndescription: Prima notizia\n---\nVedi [gli orari](/servizi/presidi/#orari-di-apertura).\n"), now},
		{"heading renamed breaks the link", set("content/servizi/presidi.md", "---\ntitle: Presidi\ndescription: Dove siamo\n---\n## Quando siamo aperti\n\nSempre.\n"), now},
		{"layout edit", set("themes/t/layouts/page.html", `{{define "main"}}<div class="nuovo">{{.Page.Content}}</div>{{end}}`), now},
		{"next minute", func() {}, now.Add(time.Minute)},
		{"page removed", func() { delete(fsys, "content/notizie/vecchia.md") }, now},
	}
	bl, diskBuilder := NewBuilder(), NewBuilder()
	dir := t.TempDir()
	disk := os.DirFS(dir)
	for i, s := range steps {
		s.edit()
		syncDir(t, dir, fsys)
		got, gotErr := bl.Build(fsys, Options{Now: s.now})
		if i%2 == 1 {
			// On a real folder files are told unchanged by size and time, without reading them.
			got, gotErr = diskBuilder.Build(disk, Options{Now: s.now})
		}
		want, wantErr := Build(fsys, Options{Now: s.now})
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%s: Builder error %v, Build error %v", s.name, gotErr, wantErr)
		}
		if g, w := got.Diagnostics.Error(), want.Diagnostics.Error(); g != w {
			t.Errorf("%s: Builder diagnostics\n%s\nwant\n%s", s.name, g, w)
		}
		if len(got.Files) != len(want.Files) {
			t.Errorf("%s: Builder wrote %d files, Build %d", s.name, len(got.Files), len(want.Files))
		}
		for name, w := range want.Files {
			if !bytes.Equal(got.Files[name], w) {
				t.Errorf("%s: Builder's %s =\n%s\nwant\n%s", s.name, name, got.Files[name], w)
			}
		}
	}
}

// syncDir makes dir hold the files of fsys, writing only those that changed.
func syncDir(t *testing.T, dir string, fsys fstest.MapFS) {
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
	}
}
