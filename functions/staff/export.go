package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"quartieri/internal/cli"
	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
)

// export is the command "esporta candidature|messaggi".
type export struct {
	call, town, out, cvDir string
	from, to               cli.Now
	fs                     *flag.FlagSet
}

func (c *export) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.call, "bando", "", "solo le candidature a questo bando")
	fs.StringVar(&c.cvDir, "cv", "", "salva anche i CV che contano in questa cartella")
	fs.StringVar(&c.town, "presidio", "", "solo i messaggi a questo presidio")
	fs.Var(&c.from, "dal", "solo i messaggi arrivati da questo giorno")
	fs.Var(&c.to, "al", "solo i messaggi arrivati fino a questo giorno (compreso)")
	fs.StringVar(&c.out, "out", "", "il file CSV da scrivere")
	c.fs = fs
}

// onlyFor maps each flag that belongs to one export to it.
var onlyFor = map[string]string{"bando": "candidature", "cv": "candidature", "presidio": "messaggi", "dal": "messaggi", "al": "messaggi"}

func (c *export) run(ctx context.Context, s *session, args []string) error {
	what := args[0]
	if what != "candidature" && what != "messaggi" {
		return fmt.Errorf("esporta %q: scrivi esporta candidature oppure esporta messaggi", what)
	}
	var wrong error
	c.fs.Visit(func(f *flag.Flag) {
		if w, ok := onlyFor[f.Name]; ok && w != what && wrong == nil {
			wrong = fmt.Errorf("l'opzione -%s vale solo per esporta %s", f.Name, w)
		}
	})
	if wrong != nil {
		return wrong
	}
	name := c.out
	if name == "" {
		dir, err := s.personalDir()
		if err != nil {
			return err
		}
		name = filepath.Join(dir, what+"-"+time.Now().In(siteconfig.Rome).Format("2006-01-02-150405")+".csv")
	}
	if what == "candidature" {
		return c.applications(ctx, s, name)
	}
	return c.messages(ctx, s, name)
}

var applicationHeader = []string{"Ricevuta", "Bando", "Inviata il", "Cognome", "Nome", "Codice fiscale", "Email",
	"Telefono", "Titolo di studio", "Messaggio del candidato", "Dichiarazione (DPR 445/2000)", "Informativa privacy",
	"Stato", "Segnalata da", "Candidature precedenti", "Ricevute precedenti", "CV", "Impronta SHA-256 del CV",
	"CV salvato come"}

// applications writes one row per person and call: the application that counts, and how many came before it.
func (c *export) applications(ctx context.Context, s *session, name string) error {
	apps, err := s.applicationsOf(ctx, c.call)
	if err != nil {
		return err
	}
	v := s.judge(ctx, apps)
	byReceipt := map[string]*forms.Application{}
	for i := range apps {
		byReceipt[apps[i].Receipt] = &apps[i]
	}
	var counted []*forms.Application
	for _, r := range v.counted {
		counted = append(counted, byReceipt[r])
	}
	slices.SortFunc(counted, func(a, b *forms.Application) int {
		return cmp.Or(cmp.Compare(a.Call, b.Call), cmp.Compare(strings.ToLower(a.FamilyName), strings.ToLower(b.FamilyName)),
			cmp.Compare(strings.ToLower(a.GivenName), strings.ToLower(b.GivenName)), cmp.Compare(a.Receipt, b.Receipt))
	})
	if c.cvDir != "" {
		if err := mkdirPrivate(c.cvDir); err != nil {
			return fmt.Errorf("non riesco a creare la cartella dei CV %s: %w", c.cvDir, err)
		}
	}
	rows := make([][]string, 0, len(counted))
	check, saved := 0, 0
	for _, a := range counted {
		chain := v.chain[personKey(a)]
		earlier := chain[:len(chain)-1]
		state := v.state[a.Receipt]
		if state == "da verificare" {
			check++
		}
		file := ""
		if c.cvDir != "" {
			if file, err = c.saveCV(ctx, s, a); err != nil {
				return err
			}
			saved++
		}
		rows = append(rows, []string{a.Receipt, a.Call, shortDate(a.SubmittedAt), a.FamilyName, a.GivenName,
			a.TaxCode, a.Email, a.Phone, a.Education, a.Message, yesNo(a.Declaration), yesNo(a.Privacy), state,
			strings.Join(a.Suspect, ", "), fmt.Sprint(len(earlier)), strings.Join(earlier, ", "), a.CVName,
			a.CVSHA256, file})
	}
	if err := writeCSV(name, applicationHeader, rows); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Ho scritto %s\n%d persone (una riga ciascuna, con la candidatura che conta), %d da verificare.\n",
		name, len(rows), check)
	if c.cvDir != "" {
		fmt.Fprintf(s.out, "Ho salvato %d CV in %s.\n", saved, c.cvDir)
	}
	fmt.Fprintln(s.out, "Contiene dati personali: tienilo solo dove serve e cancellalo quando la selezione è finita.")
	return nil
}

// saveCV writes a's CV into the -cv folder as RECEIPT-Cognome-Nome.pdf (0600) and returns the file's name. A
// file already there with the same bytes (an earlier export) is kept; one with other bytes is an error.
func (c *export) saveCV(ctx context.Context, s *session, a *forms.Application) (string, error) {
	base := a.Receipt + "-" + fileName(a.FamilyName) + "-" + fileName(a.GivenName) + ".pdf"
	body, err := s.arc.Get(ctx, a.CVKey)
	if err != nil {
		return "", fmt.Errorf("non riesco a leggere il CV della candidatura %s: %w", a.Receipt, err)
	}
	path := filepath.Join(c.cvDir, base)
	err = writeNew(path, body)
	if errors.Is(err, fs.ErrExist) {
		if old, rerr := os.ReadFile(path); rerr == nil && bytes.Equal(old, body) {
			return base, nil
		}
		return "", fmt.Errorf("nella cartella dei CV c'è già un file %s diverso: non lo sovrascrivo; usa una cartella vuota", base)
	}
	if err != nil {
		return "", fmt.Errorf("non riesco a scrivere %s: %w", path, err)
	}
	return base, nil
}

// fileName makes a name safe as part of a file name on any system: letters (accents included) and digits stay,
// anything else (spaces, apostrophes, slashes, dots, invisible characters) becomes "_"; at most 40 characters.
func fileName(s string) string {
	var b strings.Builder
	under := false
	n := 0
	for _, r := range s {
		if n == 40 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			under = false
			n++
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
			n++
		}
	}
	out := strings.TrimSuffix(b.String(), "_")
	if out == "" {
		return "_"
	}
	return out
}

var messageHeader = []string{"Numero", "Inviato il", "Presidio", "Argomento", "Urgente", "Nome", "Email", "Telefono",
	"Messaggio", "Da verificare", "Mail al presidio", "Conferma all'inquilino"}

// messages writes the tenants' messages, urgent first, then newest first.
func (c *export) messages(ctx context.Context, s *session, name string) error {
	msgs, err := s.messages(ctx)
	if err != nil {
		return err
	}
	if c.town != "" && s.site != nil {
		if _, ok := s.site.Presidio(c.town); !ok {
			return fmt.Errorf("il presidio %q non è in site.yaml: %s", c.town, s.townIDs())
		}
	}
	to := c.to.T
	if !to.IsZero() && to.Equal(dayStart(to)) {
		to = to.AddDate(0, 0, 1) // a day without a time: the whole day
	}
	msgs = slices.DeleteFunc(msgs, func(m forms.Message) bool {
		return (c.town != "" && m.Town != c.town) || (!c.from.T.IsZero() && m.SubmittedAt.Before(c.from.T)) ||
			(!to.IsZero() && !m.SubmittedAt.Before(to))
	})
	notes, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	slices.SortFunc(msgs, urgentFirst)
	rows := make([][]string, 0, len(msgs))
	for i := range msgs {
		m := &msgs[i]
		rows = append(rows, []string{m.Ticket, shortDate(m.SubmittedAt), s.townName(m.Town), topicName(m.Topic),
			yesNo(m.Urgent), m.Name, m.Email, m.Phone, m.Message, yesNo(len(m.Suspect) > 0),
			lastMail(notes[m.Ticket], "presidio"), lastMail(notes[m.Ticket], "tenant")})
	}
	if err := writeCSV(name, messageHeader, rows); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Ho scritto %s\n%d messaggi.\n", name, len(rows))
	fmt.Fprintln(s.out, "Contiene dati personali: tienilo solo dove serve e cancellalo quando non serve più.")
	return nil
}

// dayStart is midnight in Europe/Rome of t's day.
func dayStart(t time.Time) time.Time {
	y, m, d := t.In(siteconfig.Rome).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, siteconfig.Rome)
}
