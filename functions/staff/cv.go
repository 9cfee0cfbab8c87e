package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"quartieri/internal/forms"
)

// saveCV is the command "cv".
type saveCV struct{ out string }

func (c *saveCV) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "o", "", "il file in cui salvare il CV (di solito NUMERO.pdf nella cartella Download)")
}

func (c *saveCV) run(ctx context.Context, s *session, args []string) error {
	a, err := s.application(ctx, args[0])
	if err != nil {
		return err
	}
	if a.CVKey == "" {
		return fmt.Errorf("la candidatura %s non ha un CV registrato", a.Receipt)
	}
	name := c.out
	if name == "" {
		dir, err := s.personalDir()
		if err != nil {
			return err
		}
		name = filepath.Join(dir, a.Receipt+".pdf")
	}
	if _, err := os.Lstat(name); err == nil {
		return fmt.Errorf("il file %s esiste già: non lo sovrascrivo; scegli un altro nome con -o FILE", name)
	}
	body, err := s.arc.Get(ctx, a.CVKey)
	if errors.Is(err, forms.ErrNotFound) {
		return fmt.Errorf("il CV della candidatura %s non c'è nell'archivio dei file (chiave %s)", a.Receipt, a.CVKey)
	}
	if err != nil {
		return fmt.Errorf("non riesco a leggere il CV della candidatura %s: %w", a.Receipt, err)
	}
	if err := writeNew(name, body); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("il file %s esiste già: non lo sovrascrivo; scegli un altro nome con -o FILE", name)
		}
		return fmt.Errorf("non riesco a scrivere %s: %w", name, err)
	}
	fmt.Fprintf(s.out, "Ho salvato il CV della candidatura %s in %s (%s).\n", a.Receipt, name, size(int64(len(body))))
	fmt.Fprintln(s.out, "Contiene dati personali: tienilo solo dove serve e cancellalo quando non serve più.")
	return nil
}

// writeNew creates name with mode 0600 and writes body, failing if name exists; a half-written file is removed.
func writeNew(name string, body []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
