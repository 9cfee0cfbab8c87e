package forms

import (
	"context"
	"strings"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// mailSuperseded tells the address of the application that a replaces (a.Supersedes) that a new application
// with the same codice fiscale arrived and now counts instead: anyone who knows a codice fiscale can send one, and
// the person must hear of it. The mail names both receipts and whom to write to; it repeats nothing of the new
// application (no name, address or code: the sender may not be the person). Its outcome is noted under the
// earlier receipt, kind "superseded".
func (s *server) mailSuperseded(ctx context.Context, a *Application, call *siteconfig.Call) {
	if a.Supersedes == "" {
		return
	}
	prev, ok, err := s.cfg.Records.GetApplication(ctx, a.Supersedes)
	if err != nil || !ok || prev.Email == "" {
		if err != nil {
			s.log.Warn("superseded application not read", "receipt", a.Supersedes)
		}
		return
	}
	var b strings.Builder
	b.WriteString("Buongiorno,\n\nè arrivata una nuova candidatura con il tuo codice fiscale per il bando:\n" + call.Title + "\n\n")
	b.WriteString("Nuova candidatura: numero " + a.Receipt + ", inviata il " + theme.DateTimeIT(a.SubmittedAt) + ".\n")
	b.WriteString("Sostituisce la tua candidatura numero " + prev.Receipt + ": adesso vale la nuova.\n\n")
	b.WriteString("Se l'hai inviata tu, non devi fare niente.\n")
	b.WriteString("Se non l'hai inviata tu, scrivici subito")
	if to := s.staffReplyTo(); to != "" {
		b.WriteString(" a " + to + " (o rispondi a questo messaggio)")
	} else {
		b.WriteString(" rispondendo a questo messaggio")
	}
	b.WriteString(", con i due numeri di ricevuta: controlliamo noi.\n\n" + s.site.Organization.Name + "\n")
	s.send(ctx, mailSuperseded, &Mail{From: s.site.Mail.From, To: []string{prev.Email}, ReplyTo: s.staffReplyTo(),
		Subject: "La tua candidatura " + prev.Receipt + " è stata sostituita", Text: b.String(), Ref: prev.Receipt})
}
