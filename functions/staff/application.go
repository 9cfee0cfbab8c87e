package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"quartieri/internal/forms"
)

// application reads one live application by the number as typed.
func (s *session) application(ctx context.Context, number string) (*forms.Application, error) {
	ref := normalizeRef(number)
	a, ok, err := s.arc.GetApplication(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("non riesco a leggere la candidatura %s: %w", ref, err)
	}
	if !ok || s.expired(a.ExpiresAt) {
		return nil, fmt.Errorf("non trovo la candidatura %s: controlla il numero (l'elenco: candidature); "+
			"una candidatura più vecchia del periodo di conservazione è cancellata", ref)
	}
	return a, nil
}

// showApplication is the command "candidatura".
type showApplication struct{}

func (*showApplication) flags(*flag.FlagSet) {}

func (*showApplication) run(ctx context.Context, s *session, args []string) error {
	a, err := s.application(ctx, args[0])
	if err != nil {
		return err
	}
	apps, err := s.applications(ctx)
	if err != nil {
		return err
	}
	notes, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	v := s.judge(ctx, apps)
	state := v.state[a.Receipt]
	fmt.Fprintf(s.out, "Candidatura %s\n\n", a.Receipt)
	tw := newTable(s.out)
	row(tw, "Stato:", orDash(state))
	if len(a.Suspect) > 0 {
		row(tw, "Controlli contro lo spam:", "DA VERIFICARE, segnalata da: "+strings.Join(a.Suspect, ", "))
	}
	if a.Supersedes != "" {
		row(tw, "Sostituisce:", a.Supersedes+" (la candidatura precedente della stessa persona)")
	}
	if chain := v.chain[personKey(a)]; len(chain) > 1 {
		row(tw, "Candidature della persona:", strings.Join(chain, " → ")+" (conta "+v.counted[personKey(a)]+")")
	}
	row(tw, "Bando:", s.callTitle(a.Call))
	row(tw, "Inviata il:", longDate(a.SubmittedAt))
	row(tw, "Cognome:", a.FamilyName)
	row(tw, "Nome:", a.GivenName)
	row(tw, "Codice fiscale:", a.TaxCode)
	row(tw, "Email:", a.Email)
	row(tw, "Telefono:", a.Phone)
	row(tw, "Titolo di studio:", orDash(a.Education))
	row(tw, "Dichiarazione (DPR 445/2000):", yesNo(a.Declaration))
	row(tw, "Informativa privacy letta:", yesNo(a.Privacy))
	row(tw, "CV:", fmt.Sprintf("%s, %s (salvalo con: cv %s)", orDash(a.CVName), size(a.CVSize), a.Receipt))
	row(tw, "Impronta SHA-256 del CV:", orDash(a.CVSHA256))
	row(tw, "Conservata fino al:", longDate(a.ExpiresAt))
	tw.Flush()
	fmt.Fprintln(s.out, "\nMessaggio del candidato:")
	printText(s, a.Message)
	printMails(s, notes[a.Receipt])
	return nil
}

// printText writes a free text indented, or says there is none.
func printText(s *session, t string) {
	t = strings.TrimSpace(text(t))
	if t == "" {
		fmt.Fprintln(s.out, "  (nessuno)")
		return
	}
	for _, line := range strings.Split(t, "\n") {
		fmt.Fprintln(s.out, "  "+line)
	}
}

// printMails lists the outcome of a record's mails, oldest first.
func printMails(s *session, notes []forms.MailNote) {
	fmt.Fprintln(s.out, "\nMail:")
	if len(notes) == 0 {
		fmt.Fprintln(s.out, "  nessuna notizia (nessuna mail registrata)")
		return
	}
	tw := newTable(s.out)
	for _, n := range notes {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", shortDate(n.Time), oneLine(mailKind(n.Kind)+":"), oneLine(mailStatus(n.Status)))
	}
	tw.Flush()
}

// size is a file size in words.
func size(n int64) string {
	switch {
	case n <= 0:
		return "dimensione sconosciuta"
	case n < 1024:
		return fmt.Sprintf("%d byte", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}
