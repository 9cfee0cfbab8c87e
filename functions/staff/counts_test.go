package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// The application that counts is the one the backend made the latest (the index, then the supersedes chain),
// whatever submitted_at and the receipts' alphabetical order say.
func TestWhichApplicationCounts(t *testing.T) {
	same := time.Date(2025, 4, 20, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name          string
		first, second time.Time // submitted_at of the first and of the second (which supersedes it)
		index         bool      // the index entry is there
		omocodic      bool      // the second spells the code with omocodia
	}{
		{"identical times (serve -now)", same, same, true, false},
		{"identical times, no index", same, same, false, false},
		{"skewed clocks: the second looks older", same, same.Add(-time.Minute), true, false},
		{"skewed clocks, no index", same, same.Add(-time.Minute), false, false},
		{"omocodic spelling", same, same.Add(-time.Minute), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			st, err := localstore.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			cf := "RSSMRA85T10A562S"
			// The first receipt sorts after the second: a tie broken by receipt would pick the wrong one.
			first := &forms.Application{Receipt: "ZZZZ-ZZZ2", Call: callID, TaxCode: cf, FamilyName: "Rossi",
				GivenName: "Maria", Email: "maria@example.it", SubmittedAt: tt.first, ExpiresAt: time.Now().AddDate(1, 0, 0)}
			second := *first
			second.Receipt, second.SubmittedAt, second.Supersedes = "AAAA-AAA2", tt.second, first.Receipt
			if tt.omocodic {
				b := []byte(cf)
				b[14] = 'N'
				b[15] = codicefiscale.CheckChar(string(b[:15]))
				second.TaxCode = string(b)
			}
			for _, a := range []*forms.Application{first, &second} {
				if err := st.PutApplication(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			if tt.index {
				st.SetLatest(ctx, callID, codicefiscale.Person(cf), second.Receipt)
			}
			args := []string{"-data", dir, "-source", t.TempDir()}
			out, _, err := staff(t, nil, append(args, "candidature")...)
			if err != nil {
				t.Fatal(err)
			}
			if got := lineOf(t, out, second.Receipt); !strings.Contains(got, "valida") {
				t.Errorf("the second: %q, want valida\n%s", got, out)
			}
			if got := lineOf(t, out, first.Receipt); !strings.Contains(got, "sostituita da "+second.Receipt) {
				t.Errorf("the first: %q, want sostituita da %s", got, second.Receipt)
			}
			out, _, _ = staff(t, nil, append(args, "candidatura", second.Receipt)...)
			if strings.Contains(out, "sostituita da") || !strings.Contains(out, "Sostituisce:") ||
				!strings.Contains(out, first.Receipt+" → "+second.Receipt+" (conta "+second.Receipt+")") {
				t.Errorf("candidatura %s:\n%s", second.Receipt, out)
			}
		})
	}
}

// The index wins over the chain: two applications that both name the first (a race) are decided by it.
func TestIndexDecidesARace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	st, _ := localstore.Open(dir)
	ctx := context.Background()
	now := time.Now()
	base := forms.Application{Call: callID, TaxCode: "RSSMRA85T10A562S", SubmittedAt: now, ExpiresAt: now.AddDate(1, 0, 0)}
	a, b, c := base, base, base
	a.Receipt, b.Receipt, c.Receipt = "AAAA-0001", "ZZZZ-0002", "BBBB-0003"
	b.Supersedes, c.Supersedes = a.Receipt, a.Receipt
	for _, x := range []*forms.Application{&a, &b, &c} {
		st.PutApplication(ctx, x)
	}
	st.SetLatest(ctx, callID, base.TaxCode, c.Receipt)
	out, _, err := staff(t, nil, "-data", dir, "-source", t.TempDir(), "candidature")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(lineOf(t, out, c.Receipt), "valida") || !strings.Contains(lineOf(t, out, b.Receipt), "sostituita da "+c.Receipt) ||
		!strings.Contains(lineOf(t, out, a.Receipt), "sostituita da "+c.Receipt) {
		t.Errorf("want %s valid, the others replaced by it:\n%s", c.Receipt, out)
	}
}
