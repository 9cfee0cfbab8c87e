package site

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"quartieri/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the builder's output")

// TestSites builds every testdata/*.txtar site. The archive's comment sets options ("now: RFC3339",
// "drafts: true"); files named want/PATH are the expected output files, "want-files" lists every output file and
// "want-diagnostics" every diagnostic. Run with -update to rewrite the want sections.
func TestSites(t *testing.T) {
	names, _ := filepath.Glob("testdata/*.txtar")
	if len(names) == 0 {
		t.Fatal("no testdata/*.txtar sites")
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) { testSite1(t, name) })
	}
}

func testSite1(t *testing.T, name string) {
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)}
	for _, l := range strings.Split(string(ar.Comment), "\n") {
		k, v, _ := strings.Cut(l, ":")
		switch strings.TrimSpace(k) {
		case "now":
			if opts.Now, err = time.Parse(time.RFC3339, strings.TrimSpace(v)); err != nil {
				t.Fatal(err)
			}
		case "drafts":
			opts.Drafts = strings.TrimSpace(v) == "true"
		}
	}
	fsys := fstest.MapFS{}
	want := map[string][]byte{}
	var wantFiles, wantDiags string
	for _, f := range ar.Files {
		switch {
		case f.Name == "want-files":
			wantFiles = string(f.Data)
		case f.Name == "want-diagnostics":
			wantDiags = string(f.Data)
		case strings.HasPrefix(f.Name, "want/"):
			want[strings.TrimPrefix(f.Name, "want/")] = f.Data
		default:
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	res, err := Build(fsys, opts)
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("Build error is %T, want diag.List: %v", err, err)
	}
	if err != nil && len(list) != len(res.Diagnostics.Errors()) {
		t.Errorf("Build error has %d diagnostics, Result has %d errors", len(list), len(res.Diagnostics.Errors()))
	}
	var files []string
	for f := range res.Files {
		files = append(files, f)
	}
	sort.Strings(files)
	gotFiles := strings.Join(files, "\n") + "\n"
	var gotDiags strings.Builder
	for _, d := range res.Diagnostics {
		gotDiags.WriteString(d.String() + "\n")
	}
	if *update {
		rewrite(t, name, ar, res.Files, gotFiles, gotDiags.String())
		return
	}
	if gotFiles != wantFiles {
		t.Errorf("output files:\n%s\nwant:\n%s", gotFiles, wantFiles)
	}
	if gotDiags.String() != wantDiags {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", gotDiags.String(), wantDiags)
	}
	for path, w := range want {
		if g := res.Files[path]; !bytes.Equal(g, w) {
			t.Errorf("%s:\n%s\nwant:\n%s", path, g, w)
		}
	}
	// Same input, byte-identical output.
	again, _ := Build(fsys, opts)
	for path, data := range res.Files {
		if !bytes.Equal(again.Files[path], data) {
			t.Errorf("second build differs in %s", path)
		}
	}
}

// golden reports whether an output file is kept in the archive: generated text, not copied files.
func golden(path string) bool {
	return strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".xml") || path == "robots.txt"
}

func rewrite(t *testing.T, name string, ar *txtar.Archive, files map[string][]byte, gotFiles, gotDiags string) {
	var keep []txtar.File
	for _, f := range ar.Files {
		if f.Name != "want-files" && f.Name != "want-diagnostics" && !strings.HasPrefix(f.Name, "want/") {
			keep = append(keep, f)
		}
	}
	keep = append(keep, txtar.File{Name: "want-files", Data: []byte(gotFiles)},
		txtar.File{Name: "want-diagnostics", Data: []byte(gotDiags)})
	var paths []string
	for p := range files {
		if golden(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		keep = append(keep, txtar.File{Name: "want/" + p, Data: files[p]})
	}
	ar.Files = keep
	if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
