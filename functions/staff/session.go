package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"quartieri/internal/awsstore"
	"quartieri/internal/localstore"
	"quartieri/internal/siteconfig"
)

// session is what a command works with: the archive, site.yaml (nil when it could not be read), the instant
// that decides what has expired, and where to write.
type session struct {
	arc    archive
	site   *siteconfig.Site
	now    time.Time
	out    io.Writer
	errOut io.Writer
	getenv func(string) string
	// dataDir is the local data folder ("" on AWS).
	dataDir string
	// indexWarned: the latest-application index could not be read, and the staff member was told.
	indexWarned bool
}

// openSession chooses and opens the archive by the rule of the package doc and reads site.yaml.
func openSession(ctx context.Context, o options, getenv func(string) string, stdout, stderr io.Writer) (*session, error) {
	s := &session{out: stdout, errOut: stderr, now: o.now.Or(time.Now()), getenv: getenv}
	site, err := siteconfig.Load(os.DirFS(o.source))
	switch {
	case err == nil:
		s.site = site
	case !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "attenzione: non riesco a leggere site.yaml (%v): mostro gli identificativi al posto dei nomi.\n", err)
	}

	useAWS := o.aws || (!o.dataSet && (getenv("APPLICATIONS_TABLE") != "" || getenv("CONTACT_TABLE") != ""))
	if useAWS {
		if getenv("APPLICATIONS_TABLE") == "" && getenv("CONTACT_TABLE") == "" {
			return nil, errors.New("per leggere da AWS imposta APPLICATIONS_TABLE e CONTACT_TABLE (e CV_BUCKET per i CV)")
		}
		st, err := awsstore.New(ctx, getenv)
		if err != nil {
			return nil, fmt.Errorf("non riesco a preparare l'accesso ad AWS: %w", err)
		}
		st.Records.Now = func() time.Time { return s.now }
		s.arc = awsArchive{st.Records, st.Files, st}
		fmt.Fprintf(stderr, "Leggo da AWS: tabelle %q e %q, bucket %q.\n",
			getenv("APPLICATIONS_TABLE"), getenv("CONTACT_TABLE"), getenv("CV_BUCKET"))
		return s, nil
	}
	dir, err := filepath.Abs(o.data)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("la cartella dei dati %s non esiste: indica quella giusta con -data DIR, "+
			"oppure usa -aws per leggere da AWS", dir)
	}
	// localstore.Open makes its subfolders: never in a folder that is not a data folder already.
	if !isDir(filepath.Join(dir, "applications")) && !isDir(filepath.Join(dir, "contact")) {
		return nil, fmt.Errorf("la cartella %s non sembra una cartella dei dati (non ha applications/ né contact/): "+
			"indica quella giusta con -data DIR", dir)
	}
	st, err := localstore.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("non riesco ad aprire la cartella dei dati: %w", err)
	}
	st.SetClock(func() time.Time { return s.now })
	s.arc = localArchive{st}
	s.dataDir = st.Dir()
	fmt.Fprintf(stderr, "Leggo la cartella dei dati %s.\n", dir)
	return s, nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// expired reports whether a record whose retention ends at exp is past it.
func (s *session) expired(exp time.Time) bool { return !exp.IsZero() && exp.Before(s.now) }

// callTitle names a call for headings: its title from site.yaml and its id.
func (s *session) callTitle(id string) string {
	if s.site != nil {
		if c, ok := s.site.Call(id); ok && c.Title != "" {
			return c.Title + " (" + id + ")"
		}
	}
	return id
}

// townName is the presidio's town from site.yaml, or its id.
func (s *session) townName(id string) string {
	if s.site != nil {
		if p, ok := s.site.Presidio(id); ok && p.Town != "" {
			return p.Town
		}
	}
	return id
}

// warn tells the staff member about a partial read (a damaged file) without stopping the command.
func (s *session) warn(what string, err error) {
	if err != nil {
		fmt.Fprintf(s.errOut, "attenzione: %s: %v\n", what, err)
	}
}
