package main

import (
	"cmp"
	"context"
	"slices"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
)

// Which application counts. The form core decides it when it stores an application: it reads the person's entry
// of the latest-application index, writes it as the new application's Supersedes, and then points the entry at
// the new one. So the staff command decides from what the backend wrote, never from submitted_at (records made
// under `serve -now` share one time, and two Lambda instances' clocks may differ):
//
//  1. the index entry of the person (call and codicefiscale.Person of the code; or, for entries written before
//     keys were normalised, the code as typed), if it names one of the person's live applications;
//  2. otherwise the one application of the person that no other names in Supersedes (the end of the chain);
//  3. only if the chain is broken too (several ends: an expired link, a race), the latest of those ends by
//     submitted_at, then receipt.
//
// Every other application of the person is "sostituita da X", X being the application whose Supersedes names it
// (or, if none does, the one that counts).

// personKey groups the applications of one person to one call.
func personKey(a *forms.Application) string { return a.Call + "\x00" + codicefiscale.Person(a.TaxCode) }

// verdict is what the staff command knows about the applications it read.
type verdict struct {
	state   map[string]string   // receipt: "valida", "da verificare" or "sostituita da X"
	counted map[string]string   // personKey: the receipt that counts
	chain   map[string][]string // personKey: the person's receipts, oldest in the chain first, the counted one last
}

// judge decides which application of each person counts; an index that cannot be read is a warning, and the
// chain decides alone.
func (s *session) judge(ctx context.Context, apps []forms.Application) verdict {
	people := map[string][]*forms.Application{}
	for i := range apps {
		k := personKey(&apps[i])
		people[k] = append(people[k], &apps[i])
	}
	v := verdict{state: map[string]string{}, counted: map[string]string{}, chain: map[string][]string{}}
	for k, list := range people {
		indexed := s.indexed(ctx, list[0])
		c := decide(list, indexed)
		v.counted[k] = c.Receipt
		v.chain[k] = chainOf(list, c)
		by := map[string]string{}
		for _, a := range list {
			if a.Supersedes != "" {
				by[a.Supersedes] = a.Receipt
			}
		}
		if c.Supersedes != "" {
			by[c.Supersedes] = c.Receipt // two named the same one (a race): the one that counts wins
		}
		for _, a := range list {
			switch {
			case a == c && len(a.Suspect) > 0:
				v.state[a.Receipt] = "da verificare"
			case a == c:
				v.state[a.Receipt] = "valida"
			case by[a.Receipt] != "":
				v.state[a.Receipt] = "sostituita da " + by[a.Receipt]
			default:
				v.state[a.Receipt] = "sostituita da " + c.Receipt
			}
		}
	}
	return v
}

// indexed is the receipt the latest-application index names for a's person, "" if none or unreadable.
func (s *session) indexed(ctx context.Context, a *forms.Application) string {
	person := codicefiscale.Person(a.TaxCode)
	r, err := s.arc.Latest(ctx, a.Call, person)
	if err == nil && r == "" && person != a.TaxCode {
		r, err = s.arc.Latest(ctx, a.Call, a.TaxCode)
	}
	if err != nil && !s.indexWarned {
		s.indexWarned = true
		s.warn("l'indice delle ultime candidature non si legge, decido dalla catena delle sostituzioni", err)
	}
	return r
}

// decide picks the application that counts among one person's, by the rule above.
func decide(list []*forms.Application, indexed string) *forms.Application {
	named := map[string]bool{}
	for _, a := range list {
		if a.Receipt == indexed {
			return a
		}
		if a.Supersedes != "" && a.Supersedes != a.Receipt {
			named[a.Supersedes] = true
		}
	}
	var ends []*forms.Application
	for _, a := range list {
		if !named[a.Receipt] {
			ends = append(ends, a)
		}
	}
	if len(ends) == 0 { // a loop: only a hand-edited archive has one
		ends = list
	}
	return slices.MaxFunc(ends, func(a, b *forms.Application) int {
		return cmp.Or(a.SubmittedAt.Compare(b.SubmittedAt), cmp.Compare(a.Receipt, b.Receipt))
	})
}

// chainOf lists the person's receipts: those off the chain that ends in c (by date), then the chain, c last.
func chainOf(list []*forms.Application, c *forms.Application) []string {
	byReceipt := map[string]*forms.Application{}
	for _, a := range list {
		byReceipt[a.Receipt] = a
	}
	var chain []string
	seen := map[string]bool{}
	for a := c; a != nil && !seen[a.Receipt]; a = byReceipt[a.Supersedes] {
		seen[a.Receipt] = true
		chain = append(chain, a.Receipt)
	}
	slices.Reverse(chain)
	var off []*forms.Application
	for _, a := range list {
		if !seen[a.Receipt] {
			off = append(off, a)
		}
	}
	slices.SortFunc(off, func(a, b *forms.Application) int {
		return cmp.Or(a.SubmittedAt.Compare(b.SubmittedAt), cmp.Compare(a.Receipt, b.Receipt))
	})
	out := make([]string, 0, len(list))
	for _, a := range off {
		out = append(out, a.Receipt)
	}
	return append(out, chain...)
}
