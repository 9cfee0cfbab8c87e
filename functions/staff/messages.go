package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
)

// messages reads the live messages; a partial read is a warning, a failed one an error.
func (s *session) messages(ctx context.Context) ([]forms.Message, error) {
	msgs, err := s.arc.ListMessages(ctx)
	if err != nil && len(msgs) == 0 {
		return nil, fmt.Errorf("non riesco a leggere i messaggi: %w", err)
	}
	s.warn("alcuni messaggi non si leggono", err)
	return slices.DeleteFunc(msgs, func(m forms.Message) bool { return s.expired(m.ExpiresAt) }), nil
}

// urgentFirst orders messages: urgent ones first, then newest first.
func urgentFirst(a, b forms.Message) int {
	if a.Urgent != b.Urgent {
		if a.Urgent {
			return -1
		}
		return 1
	}
	return cmp.Or(b.SubmittedAt.Compare(a.SubmittedAt), cmp.Compare(a.Ticket, b.Ticket))
}

// contact is how to reach the tenant: email, phone or both.
func contact(m *forms.Message) string {
	var c []string
	for _, v := range []string{m.Email, m.Phone} {
		if v != "" {
			c = append(c, v)
		}
	}
	return orDash(strings.Join(c, " / "))
}

// notes are the marks staff must not miss.
func messageNotes(m *forms.Message) string {
	var n []string
	if m.Urgent {
		n = append(n, "URGENTE")
	}
	if len(m.Suspect) > 0 {
		n = append(n, "da verificare")
	}
	return orDash(strings.Join(n, ", "))
}

// listMessages is the command "messaggi".
type listMessages struct{ town string }

func (c *listMessages) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.town, "paese", "", "solo i messaggi a questo presidio (sant-angelo-lodigiano, codogno, casalpusterlengo)")
	fs.StringVar(&c.town, "presidio", "", "come -paese (il nome che usa esporta messaggi)")
}

func (c *listMessages) run(ctx context.Context, s *session, _ []string) error {
	msgs, err := s.messages(ctx)
	if err != nil {
		return err
	}
	if c.town != "" {
		msgs = slices.DeleteFunc(msgs, func(m forms.Message) bool { return m.Town != c.town })
		if len(msgs) == 0 && s.site != nil {
			if _, ok := s.site.Presidio(c.town); !ok {
				return fmt.Errorf("il paese %q non è tra i presidi di site.yaml: %s", c.town, s.townIDs())
			}
		}
	}
	if len(msgs) == 0 {
		fmt.Fprintln(s.out, "Nessun messaggio.")
		return nil
	}
	slices.SortFunc(msgs, urgentFirst)
	heading := "Messaggi degli inquilini"
	if c.town != "" {
		heading += " al presidio di " + s.townName(c.town)
	}
	fmt.Fprintf(s.out, "%s: prima gli urgenti, poi i più recenti\n\n", heading)
	tw := &table{fixed: []int{0, 1, 5}}
	tw.add("Numero", "Inviato il", "Presidio", "Nome", "Contatto", "Note")
	urgent := 0
	for i := range msgs {
		m := &msgs[i]
		if m.Urgent {
			urgent++
		}
		tw.add(m.Ticket, shortDate(m.SubmittedAt), s.townName(m.Town), m.Name, contact(m), messageNotes(m))
		tw.note(topicName(m.Topic) + ": " + oneLine(m.Message)) // as much as fits the line
	}
	tw.print(s.out)
	fmt.Fprintf(s.out, "\nMessaggi: %d, urgenti: %d. Per leggerne uno per intero: messaggio NUMERO.\n", len(msgs), urgent)
	return nil
}

func (s *session) townIDs() string {
	var ids []string
	for _, p := range s.site.Presidi {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

// showMessage is the command "messaggio".
type showMessage struct{}

func (*showMessage) flags(*flag.FlagSet) {}

func (*showMessage) run(ctx context.Context, s *session, args []string) error {
	ref := normalizeRef(args[0])
	m, ok, err := s.arc.GetMessage(ctx, ref)
	if err != nil {
		return fmt.Errorf("non riesco a leggere il messaggio %s: %w", ref, err)
	}
	if !ok || s.expired(m.ExpiresAt) {
		return fmt.Errorf("non trovo il messaggio %s: controlla il numero (l'elenco: messaggi); "+
			"un messaggio più vecchio del periodo di conservazione è cancellato", ref)
	}
	notes, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Messaggio %s\n\n", m.Ticket)
	tw := newTable(s.out)
	if m.Urgent {
		row(tw, "URGENTE:", "la persona dice di non riuscire a pagare affitto o bollette")
	}
	if len(m.Suspect) > 0 {
		row(tw, "Controlli contro lo spam:", "DA VERIFICARE, segnalato da: "+strings.Join(m.Suspect, ", "))
	}
	row(tw, "Inviato il:", longDate(m.SubmittedAt))
	row(tw, "Presidio:", s.townName(m.Town))
	row(tw, "Argomento:", topicName(m.Topic))
	if m.Lang != "" {
		row(tw, "Lingua:", "scritto dalla pagina in "+siteconfig.ItalianName(m.Lang)+": forse serve un interprete")
	}
	row(tw, "Nome:", m.Name)
	row(tw, "Email:", orDash(m.Email))
	row(tw, "Telefono:", orDash(m.Phone))
	row(tw, "Informativa privacy letta:", yesNo(m.Privacy))
	row(tw, "Conservato fino al:", longDate(m.ExpiresAt))
	tw.Flush()
	fmt.Fprintln(s.out, "\nMessaggio:")
	printText(s, m.Message)
	printMails(s, notes[m.Ticket])
	return nil
}
