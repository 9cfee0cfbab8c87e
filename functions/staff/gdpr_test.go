package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// snapshot lists what the store holds about refs, as "kind ref path" lines.
func snapshot(t *testing.T, st *localstore.Store, refs ...string) []string {
	t.Helper()
	items, err := st.Holdings(context.Background(), refs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Kind+" "+it.Ref+" "+it.Path)
	}
	slices.Sort(out)
	return out
}

func TestAccessOfOnePerson(t *testing.T) {
	p, _, opts := localPeople(t)
	dir := filepath.Join(t.TempDir(), "accesso")
	out, _, err := staff(t, nil, append(opts, "accesso", "  ZOE.DAMICO@example.it ", "-out", dir)...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 candidature, 1 messaggi, 2 mail") {
		t.Errorf("output: %s", out)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v", err)
	}
	want := []string{"LEGGIMI.txt", "candidatura-" + p.p2 + "-cv.pdf", "candidatura-" + p.p2 + ".txt", "dati.json",
		"mail-1-" + p.p2 + ".eml", "mail-2-" + p.m1 + ".eml", "messaggio-" + p.m1 + ".txt"}
	entries, _ := os.ReadDir(dir)
	var got []string
	var all bytes.Buffer
	for _, e := range entries {
		got = append(got, e.Name())
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", e.Name(), info.Mode().Perm())
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		all.Write(b)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if cv, _ := os.ReadFile(filepath.Join(dir, "candidatura-"+p.p2+"-cv.pdf")); !bytes.Equal(cv, p.cv[p.p2]) {
		t.Errorf("CV = %q", cv)
	}
	for _, w := range []string{"D’Amico", p.cf2, "Conservata fino al", "Conservato fino al", "Prima riga\nseconda riga"} {
		if !strings.Contains(all.String(), w) {
			t.Errorf("the folder lacks %q", w)
		}
	}
	for _, other := range []string{"Niccolò", p.cf1, p.p1b, "@SUM", p.m2} {
		if strings.Contains(all.String(), other) {
			t.Errorf("the folder holds another person's %q", other)
		}
	}
	var data struct {
		Apps []struct{ Receipt string } `json:"candidature"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "dati.json"))
	if json.Unmarshal(b, &data) != nil || len(data.Apps) != 1 || data.Apps[0].Receipt != p.p2 {
		t.Errorf("dati.json = %s", b)
	}
	// By codice fiscale: both applications of that person, and a folder that is not empty is refused.
	dir2 := filepath.Join(t.TempDir(), "a")
	if out, _, err := staff(t, nil, append(opts, "accesso", strings.ToLower(p.cf1), "-out", dir2)...); err != nil || !strings.Contains(out, "2 candidature, 0 messaggi") {
		t.Errorf("accesso by codice fiscale = %v, %s", err, out)
	}
	if _, _, err := staff(t, nil, append(opts, "accesso", p.cf1, "-out", dir2)...); err == nil || !strings.Contains(err.Error(), "non è vuota") {
		t.Errorf("accesso into a full folder = %v", err)
	}
	if out, _, err := staff(t, nil, append(opts, "accesso", "nessuno@example.it", "-out", t.TempDir())...); err != nil || !strings.Contains(out, "Non conserviamo niente") {
		t.Errorf("accesso of nobody = %v, %s", err, out)
	}
}

func TestErasureOfOnePerson(t *testing.T) {
	p, st, opts := localPeople(t)
	others := []string{p.p1a, p.p1b, p.p3, p.m2}
	before := snapshot(t, st, others...)
	mine := snapshot(t, st, p.p2, p.m1)
	for _, kind := range []string{"application", "message", "cv", "pending-cv", "claim", "latest", "mail-notes", "outbox"} {
		if !slices.ContainsFunc(mine, func(s string) bool { return strings.HasPrefix(s, kind+" ") }) {
			t.Errorf("the fixture has no %s of the person: %v", kind, mine)
		}
	}
	// A dry run lists every item and erases nothing.
	out, _, err := staff(t, nil, append(opts, "cancella", p.email2)...)
	if err != nil || !strings.Contains(out, "NON ho cancellato") || !slices.Equal(snapshot(t, st, p.p2, p.m1), mine) {
		t.Fatalf("dry run = %v:\n%s", err, out)
	}
	for _, s := range mine {
		f := strings.Fields(s)
		if !strings.Contains(out, f[2]) {
			t.Errorf("the dry run does not list %s", s)
		}
	}
	// A failure midway (a file that cannot be removed) keeps the records, and a second run finishes.
	stuck := filepath.Join(st.Dir(), "outbox", "20250101T000000.000Z-"+strings.ReplaceAll(p.m1, "-", "-")+"-99.eml")
	os.MkdirAll(filepath.Join(stuck, "x"), 0o700)
	if _, _, err := staff(t, nil, append(opts, "cancella", p.email2, "-conferma")...); err == nil || !strings.Contains(err.Error(), "NON è finita") {
		t.Errorf("erasure with a stuck file = %v", err)
	}
	left := snapshot(t, st, p.p2, p.m1)
	if !slices.ContainsFunc(left, func(s string) bool { return strings.HasPrefix(s, "application ") }) ||
		!slices.ContainsFunc(left, func(s string) bool { return strings.HasPrefix(s, "message ") }) {
		t.Errorf("after a failure the records are gone: %v", left)
	}
	os.RemoveAll(stuck)
	out, _, err = staff(t, nil, append(opts, "cancella", p.email2, "-conferma", "-richiesta", "PROT-2025-17")...)
	if err != nil || !strings.Contains(out, "PROT-2025-17") {
		t.Fatalf("erasure = %v:\n%s", err, out)
	}
	if got := snapshot(t, st, p.p2, p.m1); len(got) != 0 {
		t.Errorf("left after erasure: %v", got)
	}
	if after := snapshot(t, st, others...); !slices.Equal(after, before) {
		t.Errorf("the others' data changed:\nbefore %v\nafter  %v", before, after)
	}
	if _, err := os.Stat(filepath.Join(st.Dir(), "pending", "bbbb.pdf")); err != nil {
		t.Errorf("another person's kept CV was erased")
	}
	out, _, err = staff(t, nil, append(opts, "candidature")...)
	if err != nil || strings.Contains(out, p.p2) || !strings.Contains(out, p.p1b) {
		t.Errorf("candidature after erasure:\n%s", out)
	}
	log, _ := os.ReadFile(filepath.Join(st.Dir(), "erasure-log.jsonl"))
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"complete":false`) || !strings.Contains(lines[1], `"request":"PROT-2025-17"`) ||
		!strings.Contains(lines[1], `"complete":true`) || !strings.Contains(lines[1], `"candidatura":1`) {
		t.Errorf("erasure log:\n%s", log)
	}
	for _, personal := range []string{"zoe", "Zoe", "Zoë", "Amico", p.cf2, p.p2, p.m1} {
		if strings.Contains(string(log), personal) {
			t.Errorf("the erasure log holds %q", personal)
		}
	}
	// Idempotent: nothing left, nothing to do.
	if out, _, err := staff(t, nil, append(opts, "cancella", p.email2, "-conferma")...); err != nil || !strings.Contains(out, "Non c'è niente da cancellare") {
		t.Errorf("second erasure = %v, %s", err, out)
	}
	// One application by its receipt.
	if _, _, err := staff(t, nil, append(opts, "cancella", strings.ToLower(strings.ReplaceAll(p.p1a, "-", "")), "-conferma")...); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, st, p.p1a); len(got) != 0 {
		t.Errorf("left of %s: %v", p.p1a, got)
	}
	if got := snapshot(t, st, p.p1b); len(got) == 0 {
		t.Errorf("erasing %s erased %s", p.p1a, p.p1b)
	}
	if _, _, err := staff(t, nil, append(opts, "cancella", "boh")...); err == nil {
		t.Error("cancella boh: accepted")
	}
}

func TestPurge(t *testing.T) {
	_, st, opts := localPeople(t)
	os.WriteFile(filepath.Join(st.Dir(), "pending", "old.pdf"), []byte("%PDF"), 0o600)
	old := filepath.Join(st.Dir(), "pending", "old.pdf")
	os.Chtimes(old, timeAgo(48), timeAgo(48))
	out, _, err := staff(t, nil, append(opts, "pulisci")...)
	if err != nil || !strings.Contains(out, "1 file") || !strings.Contains(lineOf(t, out, "CV tenuti in attesa"), "1") {
		t.Errorf("pulisci = %v:\n%s", err, out)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("the old kept CV is still there")
	}
}

func TestParseSubject(t *testing.T) {
	cf := withCheck("RSSMRA85T10A562")
	omocodic := []byte(cf)
	omocodic[14] = 'N'
	omocodic[15] = codicefiscale.CheckChar(string(omocodic[:15]))
	tests := []struct {
		in   string
		want subject
	}{
		{" k7m4px2q ", subject{ref: "K7M4-PX2Q"}},
		{"K7M4-PX2Q", subject{ref: "K7M4-PX2Q"}},
		{" Maria.Rossi@Example.it", subject{email: "maria.rossi@example.it"}},
		{strings.ToLower(cf), subject{taxCode: cf}},
		{string(omocodic), subject{taxCode: cf}},
	}
	for _, tt := range tests {
		if got, err := parseSubject(tt.in); err != nil || got != tt.want {
			t.Errorf("parseSubject(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "boh", "RSSMRA85T10A562X", "K7M4-PX2"} {
		if _, err := parseSubject(bad); err == nil {
			t.Errorf("parseSubject(%q) accepted", bad)
		}
	}
}

// An expired record is still held until the purge: access and erasure find it.
func TestErasureFindsExpiredRecords(t *testing.T) {
	p, st, opts := localPeople(t)
	old := forms.Application{Receipt: "OLDD-0001", Call: callID, TaxCode: p.cf2, Email: p.email2,
		SubmittedAt: timeAgo(24 * 800), ExpiresAt: timeAgo(24 * 70)}
	if err := st.PutApplication(context.Background(), &old); err != nil {
		t.Fatal(err)
	}
	out, _, err := staff(t, nil, append(opts, "cancella", p.cf2)...)
	if err != nil || !strings.Contains(out, old.Receipt) || !strings.Contains(out, p.p2) {
		t.Errorf("cancella of a person with an expired record = %v:\n%s", err, out)
	}
}
