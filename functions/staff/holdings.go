package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"quartieri/internal/awsstore"
	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// Access (accesso) and erasure (cancella) work on a person: every record whose receipt or ticket, codice fiscale
// (any omocodic spelling) or email (any case) is the one given. A codice fiscale finds applications only (the
// contact form does not ask for it): the commands say so, and the email finds the messages.

// held is one thing stored about a record, in the words of either store.
type held struct {
	kind    string // the stores' kind: application, message, cv, pending-cv, claim, latest, mail-notes, outbox
	ref     string
	where   string    // where it is, for the list: a path, a DynamoDB key, an S3 key and version
	expires time.Time // zero when it has no expiry of its own
	local   localstore.Item
	aws     awsstore.Item
}

// holder finds and erases what a store holds about records.
type holder interface {
	holdings(ctx context.Context, refs []string) ([]held, error)
	erase(ctx context.Context, items []held) error
	logErasure(ctx context.Context, id string, at time.Time, entry string) error
	// logPlace says where the erasure log is.
	logPlace() string
	// stored lists every application and message still stored, expired or not.
	stored(ctx context.Context) ([]forms.Application, []forms.Message, error)
}

func (l localArchive) stored(ctx context.Context) ([]forms.Application, []forms.Message, error) {
	return l.Store.ListStored(ctx)
}

func (a awsArchive) stored(ctx context.Context) ([]forms.Application, []forms.Message, error) {
	return a.st.Records.ListStored(ctx)
}

func (l localArchive) holdings(ctx context.Context, refs []string) ([]held, error) {
	items, err := l.Store.Holdings(ctx, refs)
	out := make([]held, len(items))
	for i, it := range items {
		out[i] = held{kind: it.Kind, ref: it.Ref, where: it.Path, expires: it.Expires, local: it}
	}
	return out, err
}

func (l localArchive) erase(ctx context.Context, items []held) error {
	list := make([]localstore.Item, len(items))
	for i, h := range items {
		list[i] = h.local
	}
	return l.Store.Erase(ctx, list)
}

func (l localArchive) logErasure(_ context.Context, _ string, _ time.Time, entry string) error {
	return l.Store.LogErasure([]byte(entry))
}

func (l localArchive) logPlace() string { return l.Store.Dir() + "/erasure-log.jsonl" }

func (a awsArchive) holdings(ctx context.Context, refs []string) ([]held, error) {
	items, err := a.st.Holdings(ctx, refs)
	out := make([]held, len(items))
	for i, it := range items {
		where := it.Table + " " + it.PK
		if it.Key != "" {
			where = "s3://" + a.st.Files.Bucket + "/" + it.Key + " (versione " + it.VersionID + ")"
		}
		out[i] = held{kind: it.Kind, ref: it.Ref, where: where, expires: it.Expires, aws: it}
	}
	return out, err
}

func (a awsArchive) erase(ctx context.Context, items []held) error {
	list := make([]awsstore.Item, len(items))
	for i, h := range items {
		list[i] = h.aws
	}
	return a.st.Erase(ctx, list)
}

func (a awsArchive) logErasure(ctx context.Context, id string, at time.Time, entry string) error {
	return a.st.LogErasure(ctx, id, at, entry)
}

func (a awsArchive) logPlace() string {
	return "la tabella " + a.st.Records.Applications + ", voci ERASURE#"
}

// kindNames are the stores' kinds in words, in the order the lists show them.
var kindNames = []struct{ kind, name string }{
	{"application", "candidatura"},
	{"message", "messaggio"},
	{"cv", "CV (ogni versione conservata)"},
	{"pending-cv", "CV tenuto in attesa della correzione del modulo (pending/)"},
	{"claim", "chiave contro i doppi invii (senza dati in chiaro)"},
	{"latest", "indice dell'ultima candidatura (senza dati in chiaro)"},
	{"mail-notes", "esito delle mail"},
	{"outbox", "copia di una mail inviata (.eml)"},
}

func kindName(k string) string {
	for _, n := range kindNames {
		if n.kind == k {
			return n.name
		}
	}
	return k
}

func kindOrder(k string) int {
	return slices.IndexFunc(kindNames, func(n struct{ kind, name string }) bool { return n.kind == k })
}

// subject is what the staff member typed to name a person.
type subject struct {
	ref, taxCode, email string
}

// parseSubject reads a receipt or ticket, a codice fiscale or an email.
func parseSubject(s string) (subject, error) {
	s = strings.TrimSpace(s)
	ref := normalizeRef(s)
	switch {
	case strings.Contains(s, "@"):
		return subject{email: strings.ToLower(s)}, nil
	case len(ref) == 9 && refRE.MatchString(ref[:4]+ref[5:]):
		return subject{ref: ref}, nil
	case codicefiscale.Validate(s) == nil:
		return subject{taxCode: codicefiscale.Person(s)}, nil
	}
	return subject{}, fmt.Errorf("%q non è un numero di ricevuta o di messaggio (K7M4-PX2Q), né un codice fiscale "+
		"valido, né un indirizzo email: controlla quello che hai scritto", s)
}

// what says the subject in words without repeating it (errors and logs carry no personal data).
func (p subject) what() string {
	switch {
	case p.ref != "":
		return "il numero " + p.ref
	case p.taxCode != "":
		return "quel codice fiscale"
	}
	return "quell'email"
}

// found is what the archive holds about a subject.
type found struct {
	apps []forms.Application
	msgs []forms.Message
}

func (f found) refs() []string {
	var out []string
	for _, a := range f.apps {
		out = append(out, a.Receipt)
	}
	for _, m := range f.msgs {
		out = append(out, m.Ticket)
	}
	return out
}

// find reads the records of the subject: those still stored, expired or not (until the purge or DynamoDB's TTL
// deletes it, an expired record is still held). A record that cannot be read stops it: it could be the person's.
func (s *session) find(ctx context.Context, h holder, p subject) (found, error) {
	var f found
	apps, msgs, err := h.stored(ctx)
	if err != nil {
		return f, fmt.Errorf("alcuni dati non si leggono, e potrei non trovare tutto: %w", err)
	}
	for _, a := range apps {
		if a.Receipt == p.ref || (p.taxCode != "" && codicefiscale.Person(a.TaxCode) == p.taxCode) ||
			(p.email != "" && strings.EqualFold(strings.TrimSpace(a.Email), p.email)) {
			f.apps = append(f.apps, a)
		}
	}
	for _, m := range msgs {
		if m.Ticket == p.ref || (p.email != "" && strings.EqualFold(strings.TrimSpace(m.Email), p.email)) {
			f.msgs = append(f.msgs, m)
		}
	}
	return f, nil
}
