// Command corpus writes a benchmark site of N Italian pages, with the repository's theme, into a folder:
//
//	go run ./generator/internal/corpus/cmd/corpus -n 10000 -dir /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"

	"quartieri/generator/internal/corpus"
	"quartieri/themes"
)

func main() {
	dir := flag.String("dir", "", "folder to write the site into (required)")
	n := flag.Int("n", 1000, "number of regular pages")
	themesDir := flag.String("themes", "", "themes folder to copy (default: the theme built into this program)")
	flag.Parse()
	if err := run(*dir, *n, *themesDir); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func run(dir string, n int, themesDir string) error {
	if dir == "" {
		return fmt.Errorf("-dir is required")
	}
	var src fs.FS = themes.FS
	if themesDir != "" {
		src = os.DirFS(themesDir)
	}
	if err := corpus.Write(dir, n); err != nil {
		return err
	}
	return corpus.CopyThemes(dir, src)
}
