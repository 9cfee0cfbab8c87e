package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"quartieri/internal/forms"
	"quartieri/internal/siteconfig"
)

// access is the command "accesso" (GDPR article 15): a folder with everything held about a person.
type access struct{ out string }

func (c *access) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "out", "", "la cartella da creare con i dati della persona")
}

func (c *access) run(ctx context.Context, s *session, args []string) error {
	p, err := parseSubject(args[0])
	if err != nil {
		return err
	}
	h, ok := s.arc.(holder)
	if !ok {
		return fmt.Errorf("questo archivio non permette di estrarre i dati")
	}
	f, err := s.find(ctx, h, p)
	if err != nil {
		return err
	}
	if len(f.apps)+len(f.msgs) == 0 {
		fmt.Fprintf(s.out, "Non conserviamo niente per %s: rispondi alla persona che non abbiamo suoi dati.\n", p.what())
		return nil
	}
	items, err := h.holdings(ctx, f.refs())
	if err != nil {
		return fmt.Errorf("non riesco a cercare tutti i dati: %w", err)
	}
	dir := c.out
	if dir == "" {
		base, err := s.personalDir()
		if err != nil {
			return err
		}
		dir = filepath.Join(base, "accesso-"+time.Now().In(siteconfig.Rome).Format("2006-01-02-150405"))
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("la cartella %s non è vuota: scegline una nuova con -out DIR, così non mescoli i dati di due persone", dir)
	}
	if err := mkdirPrivate(dir); err != nil {
		return fmt.Errorf("non riesco a creare la cartella %s: %w", dir, err)
	}
	notes, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	var readme strings.Builder
	org := "l'ente"
	if s.site != nil && s.site.Organization.Name != "" {
		org = s.site.Organization.Name
	}
	fmt.Fprintf(&readme, "Dati personali che %s conserva su di te\n", org)
	fmt.Fprintf(&readme, "Estratti il %s, su tua richiesta di accesso (art. 15 del Regolamento UE 2016/679).\n\n", longDate(time.Now()))
	write := func(name string, body []byte) error {
		if err := writeNew(filepath.Join(dir, name), body); err != nil {
			return fmt.Errorf("non riesco a scrivere %s: %w", name, err)
		}
		return nil
	}
	for _, a := range f.apps {
		name := "candidatura-" + a.Receipt
		fmt.Fprintf(&readme, "Candidatura %s al bando %s, inviata il %s.\n", a.Receipt, s.callTitle(a.Call), longDate(a.SubmittedAt))
		fmt.Fprintf(&readme, "  Perché: per la selezione del bando. Conservata fino al %s, poi cancellata.\n", longDate(a.ExpiresAt))
		fmt.Fprintf(&readme, "  I dati: %s.txt. Il CV: %s-cv.pdf.\n", name, name)
		if err := write(name+".txt", []byte(applicationText(s, &a, notes[a.Receipt]))); err != nil {
			return err
		}
		if body, err := s.arc.Get(ctx, a.CVKey); err == nil {
			if err := write(name+"-cv.pdf", body); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(&readme, "  (Il CV non c'è più nell'archivio dei file.)\n")
		}
	}
	for _, m := range f.msgs {
		name := "messaggio-" + m.Ticket
		fmt.Fprintf(&readme, "Messaggio %s al presidio di %s, inviato il %s.\n", m.Ticket, s.townName(m.Town), longDate(m.SubmittedAt))
		fmt.Fprintf(&readme, "  Perché: per risponderti. Conservato fino al %s, poi cancellato.\n", longDate(m.ExpiresAt))
		fmt.Fprintf(&readme, "  I dati: %s.txt.\n", name)
		if err := write(name+".txt", []byte(messageText(s, &m, notes[m.Ticket]))); err != nil {
			return err
		}
	}
	readme.WriteString("\nDati tecnici collegati, che non contengono i tuoi dati in chiaro:\n")
	mails := 0
	slices.SortFunc(items, func(a, b held) int { return cmp.Compare(kindOrder(a.kind), kindOrder(b.kind)) })
	for _, it := range items {
		switch it.kind {
		case "claim", "latest":
			until := "finché serve"
			if !it.expires.IsZero() {
				until = "fino al " + longDate(it.expires)
			}
			fmt.Fprintf(&readme, "  - %s (%s), %s.\n", kindName(it.kind), it.ref, until)
		case "pending-cv":
			fmt.Fprintf(&readme, "  - una copia del CV tenuta mentre correggevi il modulo (%s): si cancella dopo un giorno.\n", it.ref)
		case "outbox":
			body, err := os.ReadFile(filepath.Join(s.dataDir, filepath.FromSlash(it.where)))
			if err == nil {
				mails++
				if err := write(fmt.Sprintf("mail-%d-%s.eml", mails, it.ref), body); err != nil {
					return err
				}
			}
		}
	}
	if mails > 0 {
		fmt.Fprintf(&readme, "\nLe mail che ti abbiamo scritto, o che parlano della tua richiesta: mail-*.eml (%d).\n", mails)
	} else {
		readme.WriteString("\nLe mail inviate non sono conservate: nei file .txt trovi quali sono partite e quando.\n")
	}
	readme.WriteString("\nTutti i dati anche in un formato leggibile da un programma: dati.json.\n")
	readme.WriteString("Puoi chiedere di correggerli o di cancellarli rispondendo alla mail con cui ti mandiamo questi file.\n")
	all, _ := json.MarshalIndent(struct {
		Applications []forms.Application `json:"candidature"`
		Messages     []forms.Message     `json:"messaggi"`
	}{f.apps, f.msgs}, "", "  ")
	if err := write("dati.json", all); err != nil {
		return err
	}
	if err := write("LEGGIMI.txt", []byte(readme.String())); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Ho messo i dati della persona in %s\n%d candidature, %d messaggi, %d mail.\n", dir, len(f.apps), len(f.msgs), mails)
	if p.taxCode != "" {
		fmt.Fprintln(s.out, "Nota: il codice fiscale trova solo le candidature; i messaggi degli inquilini si cercano\ncon l'email.")
	}
	fmt.Fprintln(s.out, "Leggi LEGGIMI.txt, poi mandali alla persona in modo sicuro (non in chiaro a un altro indirizzo)\ne cancella la cartella.")
	return nil
}

// applicationText is an application in plain Italian, every field whole.
func applicationText(s *session, a *forms.Application, notes []forms.MailNote) string {
	var b strings.Builder
	for _, f := range [][2]string{
		{"Numero di ricevuta", a.Receipt}, {"Bando", s.callTitle(a.Call)}, {"Inviata il", longDate(a.SubmittedAt)},
		{"Cognome", a.FamilyName}, {"Nome", a.GivenName}, {"Codice fiscale", a.TaxCode}, {"Email", a.Email},
		{"Telefono", a.Phone}, {"Titolo di studio", orDash(a.Education)}, {"Dichiarazione (DPR 445/2000)", yesNo(a.Declaration)},
		{"Informativa privacy letta", yesNo(a.Privacy)}, {"CV", a.CVName + ", " + size(a.CVSize)},
		{"Impronta SHA-256 del CV", a.CVSHA256}, {"Sostituisce la candidatura", orDash(a.Supersedes)},
		{"Segnalata dai controlli contro lo spam", orDash(strings.Join(a.Suspect, ", "))},
		{"Conservata fino al", longDate(a.ExpiresAt)},
	} {
		fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
	}
	b.WriteString("\nMessaggio:\n" + orDash(a.Message) + "\n")
	writeNotes(&b, notes)
	return b.String()
}

// messageText is a message in plain Italian, every field whole.
func messageText(s *session, m *forms.Message, notes []forms.MailNote) string {
	var b strings.Builder
	for _, f := range [][2]string{
		{"Numero del messaggio", m.Ticket}, {"Inviato il", longDate(m.SubmittedAt)}, {"Presidio", s.townName(m.Town)},
		{"Argomento", topicName(m.Topic)}, {"Nome", m.Name}, {"Email", orDash(m.Email)}, {"Telefono", orDash(m.Phone)},
		{"Informativa privacy letta", yesNo(m.Privacy)}, {"Conservato fino al", longDate(m.ExpiresAt)},
	} {
		fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
	}
	b.WriteString("\nMessaggio:\n" + m.Message + "\n")
	writeNotes(&b, notes)
	return b.String()
}

func writeNotes(b *strings.Builder, notes []forms.MailNote) {
	b.WriteString("\nMail:\n")
	if len(notes) == 0 {
		b.WriteString("nessuna registrata\n")
	}
	for _, n := range notes {
		fmt.Fprintf(b, "%s  %s: %s\n", shortDate(n.Time), mailKind(n.Kind), mailStatus(n.Status))
	}
}
