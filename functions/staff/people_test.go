package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// people is a small archive of several persons, written straight to the stores (so names and texts the form
// would refuse, such as formulas, can be tested), for the export, access and erasure tests.
type people struct {
	source string // folder with site.yaml
	// p1a is superseded by p1b (same time, the receipts sort the wrong way); p2 has one application and a
	// message; p3's application is suspect; m2 is another tenant's message.
	p1a, p1b, p2, p3, m1, m2 string
	cf1, cf2, email2         string
	cv                       map[string][]byte // receipt: CV
}

// seed writes the people; apps and msgs may be the same store. A non-nil mailer also gets one mail per record.
func seed(t *testing.T, apps, msgs forms.Records, files forms.Files, mailer forms.Mailer) *people {
	t.Helper()
	ctx := context.Background()
	p := &people{source: t.TempDir(), p1a: "ZZZZ-0001", p1b: "AAAA-0002", p2: "BBBB-0003", p3: "CCCC-0004",
		m1: "MMMM-0001", m2: "MMMM-0002", cf1: withCheck("DLLNCC80A01F205"), cf2: withCheck("DMCZNN90B41F205"), email2: "Zoe.Damico@example.it",
		cv: map[string][]byte{}}
	if err := os.WriteFile(filepath.Join(p.source, "site.yaml"), []byte(siteYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	keep := time.Now().AddDate(1, 0, 0)
	list := []forms.Application{
		{Receipt: p.p1a, FamilyName: "Dell'Acqua", GivenName: "Niccolò", TaxCode: p.cf1, Email: "niccolo@example.it",
			Phone: "0371 000000", Message: "Prima versione."},
		{Receipt: p.p1b, FamilyName: "Dell'Acqua", GivenName: "Niccolò", TaxCode: p.cf1, Email: "niccolo@example.it",
			Phone: "0371 000000", Education: "+1+1", Message: `=HYPERLINK("http://evil.example/","clic")`, Supersedes: p.p1a},
		{Receipt: p.p2, FamilyName: "D’Amico", GivenName: "Zoë Anne", TaxCode: p.cf2, Email: p.email2, Phone: "-2",
			Message: "Riga uno;\nriga \"due\"."},
		{Receipt: p.p3, FamilyName: "@SUM(A1:A2)", GivenName: "Test", TaxCode: withCheck("SMMTST70C03F205"), Email: "p3@example.it",
			Phone: "333", Suspect: []string{"honeypot"}},
	}
	for i := range list {
		a := &list[i]
		a.Call, a.SubmittedAt, a.ExpiresAt, a.Declaration, a.Privacy = callID, at, keep, true, true
		a.CVKey, a.CVName = "cv/"+callID+"/"+a.Receipt+".pdf", "cv.pdf"
		p.cv[a.Receipt] = []byte("%PDF-1.4 cv of " + a.Receipt)
		sum := sha256.Sum256(p.cv[a.Receipt])
		a.CVSHA256 = hex.EncodeToString(sum[:])
		if err := files.Put(ctx, a.CVKey, "application/pdf", p.cv[a.Receipt]); err != nil {
			t.Fatal(err)
		}
		if err := apps.PutApplication(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := apps.SetLatest(ctx, a.Call, a.TaxCode, a.Receipt); err != nil {
			t.Fatal(err)
		}
		apps.Claim(ctx, "idem-"+a.Receipt, a.Receipt, keep)
		apps.Claim(ctx, "receipt:"+a.Receipt, "key:"+a.Receipt, keep)
		apps.NoteMail(ctx, a.Receipt, "candidate", "sent")
	}
	// A CV kept from p2's form with an error, and another person's.
	files.Put(ctx, "pending/aaaa.pdf", "application/pdf", p.cv[p.p2])
	files.Put(ctx, "pending/bbbb.pdf", "application/pdf", []byte("%PDF-1.4 someone else"))
	for _, m := range []forms.Message{
		{Ticket: p.m1, Name: "Zoë D’Amico", Town: "codogno", Topic: "payments", Urgent: true, Email: "zoe.damico@example.it",
			Message: "Prima riga\nseconda riga; \"citata\"\r\nterza", SubmittedAt: at.Add(time.Hour)},
		{Ticket: p.m2, Name: "=cmd|' /C calc'!A0", Town: "casalpusterlengo", Topic: "social", Phone: "+39 333 1234567",
			Message: "-2 euro", SubmittedAt: at.AddDate(0, 0, 3)},
	} {
		m.Privacy, m.ExpiresAt = true, keep
		if err := msgs.PutMessage(ctx, &m); err != nil {
			t.Fatal(err)
		}
		msgs.NoteMail(ctx, m.Ticket, "presidio", "sent")
	}
	if mailer != nil {
		for _, r := range []string{p.p1a, p.p1b, p.p2, p.p3, p.m1, p.m2} {
			if err := mailer.Send(ctx, &forms.Mail{From: "sito@example.it", To: []string{"x@example.it"}, Subject: "s", Text: "t", Ref: r}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p
}

// localPeople seeds a local data folder and returns the people and the options that read it.
func localPeople(t *testing.T) (*people, *localstore.Store, []string) {
	dir := filepath.Join(t.TempDir(), "data")
	st, err := localstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := seed(t, st, st, st, st)
	return p, st, []string{"-data", dir, "-source", p.source}
}

// timeAgo is hours before now.
func timeAgo(hours int) time.Time { return time.Now().Add(-time.Duration(hours) * time.Hour) }

// withCheck completes the first 15 characters of a codice fiscale with its check character.
func withCheck(first15 string) string { return first15 + string(codicefiscale.CheckChar(first15)) }
