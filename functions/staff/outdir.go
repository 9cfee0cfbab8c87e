package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Where personal data goes. A command that writes names, codici fiscali or CVs to disk (cv, esporta, accesso)
// writes where the staff member says (-o, -out, -cv), or else in their Downloads folder, never in the current
// folder: that is usually the repository, and `git add -A` would commit a candidate's CV.

// personalDir is the folder for files the staff member did not name: Downloads in the home folder (HOME, or
// USERPROFILE on Windows) when it exists, otherwise the home folder itself.
func (s *session) personalDir() (string, error) {
	home := s.getenv("HOME")
	if home == "" {
		home = s.getenv("USERPROFILE")
	}
	if home == "" || !filepath.IsAbs(home) {
		return "", errors.New("non so dove salvare il file: la tua cartella personale (HOME) non è impostata; " +
			"indica tu il file o la cartella con -o o -out, fuori dalla cartella del sito")
	}
	if d := filepath.Join(home, "Downloads"); isDir(d) {
		return d, nil
	}
	if !isDir(home) {
		return "", fmt.Errorf("la tua cartella personale %s non esiste: indica tu dove salvare con -o o -out", home)
	}
	return home, nil
}

// mkdirPrivate makes dir (and its parents) readable by its owner only; an existing dir is made 0700.
func mkdirPrivate(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}
