package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"quartieri/internal/forms"
)

func byDate(a, b forms.Application) int {
	return cmp.Or(a.SubmittedAt.Compare(b.SubmittedAt), cmp.Compare(a.Receipt, b.Receipt))
}

// applications reads the live applications; a partial read is a warning, a failed one an error.
func (s *session) applications(ctx context.Context) ([]forms.Application, error) {
	apps, err := s.arc.ListApplications(ctx)
	if err != nil && len(apps) == 0 {
		return nil, fmt.Errorf("non riesco a leggere le candidature: %w", err)
	}
	s.warn("alcune candidature non si leggono", err)
	return slices.DeleteFunc(apps, func(a forms.Application) bool { return s.expired(a.ExpiresAt) }), nil
}

// mailNotes reads the mail notes grouped by record, oldest first.
func (s *session) mailNotes(ctx context.Context) (map[string][]forms.MailNote, error) {
	notes, err := s.arc.ListMailNotes(ctx)
	if err != nil && len(notes) == 0 {
		return nil, fmt.Errorf("non riesco a leggere l'esito delle mail: %w", err)
	}
	s.warn("l'esito di alcune mail non si legge", err)
	slices.SortStableFunc(notes, func(a, b forms.MailNote) int { return a.Time.Compare(b.Time) })
	out := map[string][]forms.MailNote{}
	for _, n := range notes {
		out[n.Ref] = append(out[n.Ref], n)
	}
	return out, nil
}

// lastMail is the status of the last mail of that kind in notes, in words, or "-" when there is none.
func lastMail(notes []forms.MailNote, kind string) string {
	for i := len(notes) - 1; i >= 0; i-- {
		if notes[i].Kind == kind {
			if _, bad := failed(notes[i].Status); bad {
				return "NON INVIATA"
			}
			return "inviata"
		}
	}
	return "-"
}

// listApplications is the command "candidature".
type listApplications struct{ call string }

func (c *listApplications) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.call, "bando", "", "solo le candidature a questo bando")
}

func (c *listApplications) run(ctx context.Context, s *session, _ []string) error {
	apps, err := s.applicationsOf(ctx, c.call)
	if err != nil {
		return err
	}
	notes, err := s.mailNotes(ctx)
	if err != nil {
		return err
	}
	if len(apps) == 0 {
		fmt.Fprintln(s.out, "Nessuna candidatura.")
		return nil
	}
	state := s.judge(ctx, apps).state
	slices.SortFunc(apps, func(a, b forms.Application) int { return cmp.Or(cmp.Compare(a.Call, b.Call), byDate(a, b)) })
	for i := 0; i < len(apps); {
		j := i
		for j < len(apps) && apps[j].Call == apps[i].Call {
			j++
		}
		if i > 0 {
			fmt.Fprintln(s.out)
		}
		c.printCall(s, apps[i:j], state, notes)
		i = j
	}
	fmt.Fprintln(s.out, "\nPer vedere tutti i dati: candidatura NUMERO. Per il CV: cv NUMERO.")
	return nil
}

func (c *listApplications) printCall(s *session, apps []forms.Application, state map[string]string, notes map[string][]forms.MailNote) {
	fmt.Fprintf(s.out, "Candidature al bando %s\n\n", s.callTitle(apps[0].Call))
	tw := &table{fixed: []int{0, 1, 5, 6}}
	tw.add("Ricevuta", "Inviata il", "Cognome", "Nome", "Email", "Stato", "Conferma")
	valid, check, replaced := 0, 0, 0
	for _, a := range apps {
		st := state[a.Receipt]
		switch {
		case st == "valida":
			valid++
		case st == "da verificare":
			check++
		default:
			replaced++
		}
		tw.add(a.Receipt, shortDate(a.SubmittedAt), a.FamilyName, a.GivenName, a.Email, st,
			lastMail(notes[a.Receipt], "candidate"))
	}
	tw.print(s.out)
	fmt.Fprintf(s.out, "\nCandidature valide: %d (conta solo l'ultima di ogni persona).\n", valid)
	if replaced > 0 {
		fmt.Fprintf(s.out, "Sostituite da una candidatura più recente della stessa persona: %d.\n", replaced)
	}
	if check > 0 {
		fmt.Fprintf(s.out, "Da verificare: %d (l'ultima di una persona, ma segnalata dai controlli contro lo spam:\n"+
			"guardala con candidatura NUMERO e decidi tu se vale).\n", check)
	}
}

func (s *session) callIDs() string {
	var ids []string
	for _, c := range s.site.Calls {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ", ")
}

// applicationsOf returns the live applications to call (every call when call is ""); an unknown call with none is
// an error that lists the calls of site.yaml.
func (s *session) applicationsOf(ctx context.Context, call string) ([]forms.Application, error) {
	apps, err := s.applications(ctx)
	if err != nil || call == "" {
		return apps, err
	}
	apps = slices.DeleteFunc(apps, func(a forms.Application) bool { return a.Call != call })
	if len(apps) == 0 && s.site != nil {
		if _, ok := s.site.Call(call); !ok {
			return nil, fmt.Errorf("il bando %q non è in site.yaml; i bandi sono: %s", call, s.callIDs())
		}
	}
	return apps, nil
}
