package forms

import (
	"context"
	"strings"
	"time"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// Kinds of mail, as recorded with Records.NoteMail.
const (
	mailCandidate = "candidate"
	mailStaff     = "staff"
	mailPresidio  = "presidio"
	mailTenant    = "tenant"
	// mailSuperseded goes to the address of an application that a later one with the same codice fiscale replaced.
	mailSuperseded = "superseded"
)

// send delivers m, retries once, and records the outcome; it never fails the request.
func (s *server) send(ctx context.Context, kind string, m *Mail) {
	err := s.cfg.Mailer.Send(ctx, m)
	if err != nil {
		time.Sleep(s.retryDelay)
		err = s.cfg.Mailer.Send(ctx, m)
	}
	status := "sent"
	if err != nil {
		status = "failed: " + oneLine(err.Error(), 300)
		s.log.Warn("mail failed", "ref", m.Ref, "kind", kind)
	}
	if nerr := s.cfg.Records.NoteMail(ctx, m.Ref, kind, status); nerr != nil {
		s.log.Error("mail status not recorded", "ref", m.Ref, "kind", kind, "mail", status != "sent")
	}
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		s = s[:max]
	}
	return s
}

// mailApplication sends the candidate's confirmation and the staff notice. Neither carries the CV, the codice
// fiscale or anything typed in a free-text field; the staff notice carries no personal data at all.
func (s *server) mailApplication(ctx context.Context, a *Application, call *siteconfig.Call) {
	var b strings.Builder
	b.WriteString("Buongiorno,\n\nabbiamo ricevuto la tua candidatura per il bando:\n" + call.Title + "\n\n")
	b.WriteString("Numero di ricevuta: " + a.Receipt + "\n")
	b.WriteString("Inviata il: " + theme.DateTimeIT(a.SubmittedAt) + "\n\n")
	b.WriteString("Cosa succede adesso\n")
	b.WriteString("- Il bando si chiude " + theme.DeadlineIT(call.Closes) + ". Dopo la chiusura valutiamo le candidature.\n")
	b.WriteString("- Ti scriviamo a questo indirizzo email o ti chiamiamo al numero che hai indicato.\n")
	b.WriteString("- Se prima della chiusura invii un'altra candidatura, vale l'ultima che hai inviato.\n\n")
	b.WriteString("Conserva il numero di ricevuta: ti serve per chiedere informazioni sulla tua candidatura.\n")
	b.WriteString("Per domande rispondi a questo messaggio.\n\n" + s.site.Organization.Name + "\n")
	s.send(ctx, mailCandidate, &Mail{From: s.site.Mail.From, To: []string{a.Email}, ReplyTo: s.staffReplyTo(),
		Subject: "Candidatura ricevuta: numero " + a.Receipt, Text: b.String(), Ref: a.Receipt})
	s.mailSuperseded(ctx, a, call)

	if s.site.Mail.Staff == "" {
		return
	}
	subject := "Nuova candidatura " + a.Receipt
	b.Reset()
	b.WriteString("È arrivata una nuova candidatura.\n\n")
	b.WriteString("Numero di ricevuta: " + a.Receipt + "\n")
	b.WriteString("Bando: " + call.Title + " (" + call.ID + ")\n")
	b.WriteString("Inviata il: " + theme.DateTimeIT(a.SubmittedAt) + "\n")
	if a.Supersedes != "" {
		b.WriteString("Sostituisce la candidatura precedente della stessa persona: " + a.Supersedes + " (conservata).\n")
	}
	if len(a.Suspect) > 0 {
		subject += " (da verificare)"
		b.WriteString("\nDA VERIFICARE: i controlli contro lo spam hanno segnalato: " + strings.Join(a.Suspect, ", ") +
			". La candidatura è stata salvata comunque.\n")
	}
	b.WriteString("\nPer leggerla: go run ./functions/staff candidatura " + a.Receipt + "\n")
	b.WriteString("Per scaricare il CV: go run ./functions/staff cv " + a.Receipt + " (archiviato come " + a.CVKey + ")\n")
	b.WriteString("(Sul server AWS aggiungi -aws. Il CV non è allegato a questa email per proteggere i dati personali.)\n")
	s.send(ctx, mailStaff, &Mail{From: s.site.Mail.From, To: []string{s.site.Mail.Staff}, Subject: subject,
		Text: b.String(), Ref: a.Receipt})
}

func (s *server) staffReplyTo() string {
	if s.site.Mail.Staff != "" && isEmail(s.site.Mail.Staff) {
		return s.site.Mail.Staff
	}
	return ""
}

// mailContact sends the message to the presidio's mailbox and, when the tenant gave an email, an
// acknowledgement that repeats nothing the tenant typed.
func (s *server) mailContact(ctx context.Context, m *Message, p *siteconfig.Presidio) {
	subject := "Messaggio dal sito n. " + m.Ticket + ": " + topicLabel(m.Topic)
	if m.Urgent {
		subject = "[URGENTE] " + subject
	}
	var b strings.Builder
	if m.Urgent {
		b.WriteString("URGENTE: la persona dice di non riuscire a pagare affitto o bollette.\n\n")
	}
	b.WriteString("Numero del messaggio: " + m.Ticket + "\n")
	b.WriteString("Presidio: " + p.Town + "\n")
	b.WriteString("Argomento: " + topicLabel(m.Topic) + "\n")
	b.WriteString(s.languageNote(m.Lang))
	b.WriteString("Inviato il: " + theme.DateTimeIT(m.SubmittedAt) + "\n\n")
	b.WriteString("Nome: " + m.Name + "\n")
	if m.Email != "" {
		b.WriteString("Email: " + m.Email + " (rispondi a questo messaggio per scriverle)\n")
	}
	if m.Phone != "" {
		b.WriteString("Telefono: " + m.Phone + "\n")
	}
	b.WriteString("\nMessaggio:\n" + m.Message + "\n")
	s.send(ctx, mailPresidio, &Mail{From: s.site.Mail.From, To: []string{p.Email}, ReplyTo: m.Email,
		Subject: subject, Text: b.String(), Ref: m.Ticket})

	if m.Email == "" {
		return
	}
	b.Reset()
	b.WriteString("Buongiorno,\n\nabbiamo ricevuto il tuo messaggio per l'operatore di quartiere del presidio di " +
		p.Town + ".\n\n")
	b.WriteString("Numero del messaggio: " + m.Ticket + "\n\n")
	b.WriteString("L'operatore di quartiere lo legge e ti risponde all'indirizzo email o al telefono che hai indicato.\n")
	b.WriteString("Se hai bisogno di aggiungere qualcosa, rispondi a questo messaggio e scrivi il numero " + m.Ticket + ".\n\n")
	b.WriteString(s.site.Organization.Name + "\n")
	s.send(ctx, mailTenant, &Mail{From: s.site.Mail.From, To: []string{m.Email}, ReplyTo: p.Email,
		Subject: "Abbiamo ricevuto il tuo messaggio n. " + m.Ticket, Text: b.String(), Ref: m.Ticket})
}
