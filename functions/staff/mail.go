package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"quartieri/internal/forms"
	"slices"
)

// todo says what staff do when a mail did not leave.
func todo(n forms.MailNote) string {
	switch n.Kind {
	case "candidate":
		return "conferma la ricevuta al candidato"
	case "staff":
		return "niente: la candidatura è qui (candidatura " + n.Ref + ")"
	case "presidio":
		return "il presidio non l'ha ricevuto: leggilo con messaggio " + n.Ref
	case "tenant":
		return "di' all'inquilino che il messaggio è arrivato"
	case "superseded":
		return "avvisa la persona che una nuova candidatura col suo codice fiscale ha sostituito questa"
	}
	return "-"
}

// failedMail is the command "posta".
type failedMail struct{}

func (*failedMail) flags(*flag.FlagSet) {}

func (*failedMail) run(ctx context.Context, s *session, _ []string) error {
	byRef, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	apps, err := s.applications(ctx)
	if err != nil {
		return err
	}
	msgs, err := s.messages(ctx)
	if err != nil {
		return err
	}
	type person struct{ name, contact string }
	people := map[string]person{}
	for _, a := range apps {
		people[a.Receipt] = person{a.FamilyName + " " + a.GivenName, a.Email + " / " + a.Phone}
	}
	for i := range msgs {
		people[msgs[i].Ticket] = person{msgs[i].Name, contact(&msgs[i])}
	}

	// The last outcome of each mail counts: a failure followed by a success (a retry) is not shown.
	var bad []forms.MailNote
	gone := 0
	for ref, notes := range byRef {
		last := map[string]forms.MailNote{}
		for _, n := range notes {
			last[n.Kind] = n
		}
		for _, n := range last {
			if _, f := failed(n.Status); !f {
				continue
			}
			if _, ok := people[ref]; !ok {
				gone++ // the record has expired: nobody left to contact
				continue
			}
			bad = append(bad, n)
		}
	}
	if len(bad) == 0 {
		fmt.Fprintln(s.out, "Nessuna mail non inviata.")
		return nil
	}
	slices.SortFunc(bad, func(a, b forms.MailNote) int {
		return cmp.Or(b.Time.Compare(a.Time), cmp.Compare(a.Ref, b.Ref), cmp.Compare(a.Kind, b.Kind))
	})
	fmt.Fprintf(s.out, "Mail che non sono partite, dalla più recente: contatta queste persone a mano\n\n")
	tw := &table{fixed: []int{0, 1, 2}}
	tw.add("Numero", "Data", "Mail", "Nome", "Contatto")
	for _, n := range bad {
		reason, _ := failed(n.Status)
		p := people[n.Ref]
		tw.add(n.Ref, shortDate(n.Time), mailKind(n.Kind), p.name, p.contact)
		tw.note("Cosa fare: " + todo(n) + ". Motivo: " + cut(orDash(reason), 60))
	}
	tw.print(s.out)
	fmt.Fprintf(s.out, "\nMail non inviate: %d.\n", len(bad))
	if gone > 0 {
		fmt.Fprintf(s.out, "Altre %d riguardano dati già cancellati (periodo di conservazione finito).\n", gone)
	}
	return nil
}
