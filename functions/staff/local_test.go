package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quartieri/internal/forms"
	"quartieri/internal/localstore"
)

// localFixture fills a local data folder through the form handler and returns the options that read it.
func localFixture(t *testing.T) (*fixture, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := localstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := fill(t, st, st, st)
	return f, []string{"-data", dir, "-source", f.source, "-now", "2025-06-01T10:00:00+02:00"}
}

func TestApplicationsListLatestPerPerson(t *testing.T) {
	f, opts := localFixture(t)
	out, errOut, err := staff(t, nil, append(opts, "candidature")...)
	if err != nil {
		t.Fatalf("candidature: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Candidature al bando Bando per due operatori di quartiere (community-manager-2025)") {
		t.Errorf("heading without the call's title:\n%s", out)
	}
	if !order(out, f.rossi1, f.bianchi, f.rossi2, f.verdi) {
		t.Errorf("want the applications oldest first (%s %s %s %s):\n%s", f.rossi1, f.bianchi, f.rossi2, f.verdi, out)
	}
	tests := []struct{ receipt, want string }{
		{f.rossi1, "sostituita da " + f.rossi2},
		{f.rossi2, "valida"},
		{f.bianchi, "valida"},
		{f.verdi, "da verificare"},
	}
	for _, tt := range tests {
		if l := lineOf(t, out, tt.receipt); !strings.Contains(l, tt.want) {
			t.Errorf("candidature: line of %s = %q, want %q", tt.receipt, l, tt.want)
		}
	}
	if l := lineOf(t, out, f.rossi2); !order(l, "22/04/2025 12:00", "Rossi", "Maria", "maria@example.it", "valida", "inviata") {
		t.Errorf("row of %s = %q, want date (Rome), family name, given name, email, state, mail", f.rossi2, l)
	}
	for _, l := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(l) > 100 {
			t.Errorf("line wider than 100 columns: %q", l)
		}
	}
	if l := lineOf(t, out, f.bianchi); !strings.HasSuffix(strings.TrimSpace(l), "NON INVIATA") {
		t.Errorf("row of %s = %q: the candidate's confirmation failed", f.bianchi, l)
	}
	for _, want := range []string{"Candidature valide: 2 ", "Sostituite da una candidatura più recente della stessa persona: 1.", "Da verificare: 1 "} {
		if !strings.Contains(out, want) {
			t.Errorf("candidature: want %q in:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "Leggo la cartella dei dati") || strings.Contains(errOut, "Rossi") {
		t.Errorf("stderr = %q: want where it reads, and no personal data", errOut)
	}

	out, _, err = staff(t, nil, append(opts, "candidature", "-bando", "altro")...)
	if err == nil || !strings.Contains(err.Error(), "community-manager-2025") {
		t.Errorf("candidature -bando altro = %v, %q: want an error naming the calls", err, out)
	}
}

func TestApplicationShowsEverything(t *testing.T) {
	f, opts := localFixture(t)
	lower := strings.ToLower(strings.ReplaceAll(f.rossi1, "-", "")) // as a person might type it
	out, _, err := staff(t, nil, append(opts, "candidatura", lower)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Candidatura " + f.rossi1, "sostituita da " + f.rossi2, "RSSMRA85T10A562S",
		"20 aprile 2025, ore 10:00", "  Riga uno\n  Riga due", "curriculum.pdf", "conferma al candidato:", "avviso al personale:",
		"Dichiarazione (DPR 445/2000):"} {
		if !strings.Contains(out, want) {
			t.Errorf("candidatura %s: want %q in:\n%s", lower, want, out)
		}
	}
	out, _, _ = staff(t, nil, append(opts, "candidatura", f.verdi)...)
	if !strings.Contains(out, "DA VERIFICARE, segnalata da: honeypot") {
		t.Errorf("candidatura %s (honeypot filled): want the signal named:\n%s", f.verdi, out)
	}
	out, _, _ = staff(t, nil, append(opts, "candidatura", f.bianchi)...)
	if !strings.Contains(out, "NON INVIATA (mailbox unavailable)") {
		t.Errorf("candidatura %s: want the failed mail with its reason:\n%s", f.bianchi, out)
	}
	if _, _, err := staff(t, nil, append(opts, "candidatura", "ZZZZ-ZZZZ")...); err == nil || !strings.Contains(err.Error(), "non trovo la candidatura ZZZZ-ZZZZ") {
		t.Errorf("candidatura ZZZZ-ZZZZ = %v", err)
	}
}

func TestCVWritesTheExactBytesOnce(t *testing.T) {
	f, opts := localFixture(t)
	dest := filepath.Join(t.TempDir(), "cv.pdf")
	out, _, err := staff(t, nil, append(opts, "cv", f.rossi2, "-o", dest)...)
	if err != nil {
		t.Fatalf("cv: %v", err)
	}
	got, err := os.ReadFile(dest)
	if !bytes.Equal(got, f.cv2) {
		t.Errorf("cv wrote %q (%v), want %q", got, err, f.cv2)
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("cv file mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}
	if !strings.Contains(out, dest) {
		t.Errorf("cv output %q does not say where the file is", out)
	}

	os.WriteFile(dest, []byte("keep me"), 0o600)
	if _, _, err := staff(t, nil, append(opts, "cv", f.rossi2, "-o", dest)...); err == nil || !strings.Contains(err.Error(), "esiste già") {
		t.Errorf("cv over an existing file = %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(dest); string(got) != "keep me" {
		t.Errorf("cv overwrote the existing file: %q", got)
	}

	// Without -o: the Downloads folder, never the current folder (the repository).
	cwd, home := t.TempDir(), t.TempDir()
	t.Chdir(cwd)
	os.Mkdir(filepath.Join(home, "Downloads"), 0o700)
	if _, _, err := staff(t, map[string]string{"HOME": home}, append(opts, "cv", f.rossi1)...); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(home, "Downloads", f.rossi1+".pdf")); err != nil || !strings.Contains(string(got), "rossi 1") {
		t.Errorf("cv without -o: Downloads/%s.pdf = %q, %v", f.rossi1, got, err)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Errorf("cv without -o wrote in the current folder: %v", entries)
	}
	if _, _, err := staff(t, map[string]string{}, append(opts, "cv", f.rossi2)...); err == nil || !strings.Contains(err.Error(), "HOME") {
		t.Errorf("cv without -o and without HOME = %v, want a refusal", err)
	}
}

func TestMessagesUrgentFirstThenNewest(t *testing.T) {
	f, opts := localFixture(t)
	out, _, err := staff(t, nil, append(opts, "messaggi")...)
	if err != nil {
		t.Fatal(err)
	}
	if !order(out, f.payments, f.spam, f.technical, f.social) {
		t.Errorf("messaggi: want %s (urgent), %s (newest), %s, %s:\n%s", f.payments, f.spam, f.technical, f.social, out)
	}
	if l := lineOf(t, out, f.spam); !strings.Contains(l, "da verificare") || strings.Contains(l, "URGENTE") {
		t.Errorf("row of the suspect message = %q, want \"da verificare\"", l)
	}
	l := lineOf(t, out, f.payments) + lineAfter(t, out, f.payments)
	if !order(l, "01/05/2025 09:00", "Casalpusterlengo", "Giuseppe Neri", "0377 123456", "URGENTE", "Non riesco a pagare affitto o bollette: ") {
		t.Errorf("row of the payments message = %q", l)
	}
	l = lineAfter(t, out, f.technical)
	full := "L'ascensore è fermo da una settimana e mia madre non riesce a scendere: abita al quinto piano e ha novant'anni."
	if !strings.HasPrefix(strings.TrimSpace(l), "Guasti e problemi della casa: "+string([]rune(full)[:40])) ||
		!strings.HasSuffix(l, "…") || strings.Contains(l, "novant'anni") || utf8.RuneCountInString(l) != 100 {
		t.Errorf("row of the long message = %q: want its topic and start on the line under it, 100 columns", l)
	}
	if !strings.Contains(out, "Messaggi: 4, urgenti: 1.") {
		t.Errorf("messaggi: no count:\n%s", out)
	}

	out, _, _ = staff(t, nil, append(opts, "messaggi", "-paese", "codogno")...)
	if !strings.Contains(out, f.technical) || strings.Contains(out, f.payments) || strings.Contains(out, f.social) {
		t.Errorf("messaggi -paese codogno:\n%s", out)
	}
	if o2, _, _ := staff(t, nil, append(opts, "messaggi", "-presidio", "codogno")...); o2 != out {
		t.Errorf("messaggi -presidio codogno differs from -paese codogno:\n%s", o2)
	}
	if _, _, err := staff(t, nil, append(opts, "messaggi", "-paese", "lodi")...); err == nil || !strings.Contains(err.Error(), "casalpusterlengo") {
		t.Errorf("messaggi -paese lodi = %v, want an error naming the presidi", err)
	}

	out, _, err = staff(t, nil, append(opts, "messaggio", f.technical)...)
	if err != nil || !strings.Contains(out, "  L'ascensore è fermo da una settimana\n  e mia madre") ||
		!mailLine.MatchString(out) {
		t.Errorf("messaggio %s = %v:\n%s", f.technical, err, out)
	}
}

// mailLine is the indented line of a failed presidio mail in "messaggio".
var mailLine = regexp.MustCompile(`\n  \d\d/\d\d/\d{4} \d\d:\d\d +messaggio al presidio: +NON INVIATA \(mailbox unavailable\)\n`)

func TestFailedMail(t *testing.T) {
	f, opts := localFixture(t)
	out, _, err := staff(t, nil, append(opts, "posta")...)
	if err != nil {
		t.Fatal(err)
	}
	if !order(out, f.technical, f.bianchi) {
		t.Errorf("posta: want the presidio mail of %s, then the confirmation of %s, newest first:\n%s", f.technical, f.bianchi, out)
	}
	if l := lineOf(t, out, f.bianchi) + lineAfter(t, out, f.bianchi); !order(l, "conferma al candidato", "Bianchi Luca", "luca@fail.example.it", "conferma la ricevuta", "mailbox unavailable") {
		t.Errorf("posta: row of %s = %q", f.bianchi, l)
	}
	if l := lineOf(t, out, f.technical) + lineAfter(t, out, f.technical); !order(l, "messaggio al presidio", "Paolo Riva", "paolo@example.it", "messaggio "+f.technical) {
		t.Errorf("posta: row of %s = %q", f.technical, l)
	}
	if strings.Contains(out, f.rossi2) || !strings.Contains(out, "Mail non inviate: 2.") {
		t.Errorf("posta: only the two failed mails:\n%s", out)
	}
}

func TestExpiredRecordsAreNotShown(t *testing.T) {
	f, opts := localFixture(t)
	// contactDays 365, applicationsDays 730, counted on the real clock (the fixture's -now instants are in 2025):
	// 400 days from today only the applications are left.
	opts[len(opts)-1] = time.Now().AddDate(0, 0, 400).Format(time.RFC3339)
	out, _, err := staff(t, nil, append(opts, "messaggi")...)
	if err != nil || !strings.Contains(out, "Nessun messaggio.") {
		t.Errorf("messaggi after retention = %v:\n%s", err, out)
	}
	if _, _, err := staff(t, nil, append(opts, "messaggio", f.payments)...); err == nil {
		t.Errorf("messaggio %s after retention: shown", f.payments)
	}
	out, _, _ = staff(t, nil, append(opts, "posta")...)
	if strings.Contains(out, f.technical) || !strings.Contains(out, f.bianchi) {
		t.Errorf("posta after the messages' retention:\n%s", out)
	}
	out, _, _ = staff(t, nil, append(opts, "candidature")...)
	if !strings.Contains(out, f.rossi2) {
		t.Errorf("candidature before their retention:\n%s", out)
	}
}

func TestCommandLine(t *testing.T) {
	_, opts := localFixture(t)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "manca il comando"},
		{[]string{"elenca"}, `non conosco il comando "elenca"`},
		{[]string{"candidatura"}, "vuole un NUMERO"},
		{[]string{"posta", "x"}, "non vuole argomenti"},
		{[]string{"candidature", "-foo"}, "opzione sconosciuta -foo"},
		{[]string{"-aws", "-data", "x", "posta"}, "scegli -data oppure -aws"},
	}
	for _, tt := range tests {
		_, errOut, err := staff(t, nil, tt.args...)
		if !errors.Is(err, errUsage) || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "Uso:") {
			t.Errorf("staff %q = %v, stderr %q: want usage error %q", tt.args, err, errOut, tt.want)
		}
	}
	for _, args := range [][]string{{"aiuto"}, {"-h"}, {"candidature", "-h"}} {
		if out, _, err := staff(t, nil, args...); err != nil || !strings.Contains(out, "candidature [-bando ID]") {
			t.Errorf("staff %v = %v, %q: want the usage", args, err, out)
		}
	}
	if _, _, err := staff(t, nil, "-data", filepath.Join(t.TempDir(), "none"), "posta"); err == nil || !strings.Contains(err.Error(), "non esiste") {
		t.Errorf("a missing data folder = %v", err)
	}
	if _, _, err := staff(t, nil, "-data", t.TempDir(), "posta"); err == nil || !strings.Contains(err.Error(), "non sembra una cartella dei dati") {
		t.Errorf("a folder that is not a data folder = %v", err)
	}
	if _, errOut, err := staff(t, nil, append(opts, "-now", "domani", "posta")...); !errors.Is(err, errUsage) || !strings.Contains(errOut, "-now: \"domani\" non è una data valida") {
		t.Errorf("-now domani = %v, %q", err, errOut)
	}
	// The generator's format, in Europe/Rome, is read too.
	if out, _, err := staff(t, nil, append(opts[:4], "-now", "2025-06-01 10:00", "candidature")...); err != nil || !strings.Contains(out, "Candidature") {
		t.Errorf("-now 2025-06-01 10:00 = %v, %q", err, out)
	}
	// The options may come after the command; AWS variables do not win over an explicit -data.
	env := map[string]string{"APPLICATIONS_TABLE": "t"}
	if _, errOut, err := staff(t, env, append([]string{"posta"}, opts...)...); err != nil || !strings.Contains(errOut, "cartella dei dati") {
		t.Errorf("posta -data with APPLICATIONS_TABLE set = %v, %q: want the local folder", err, errOut)
	}
}

// A record written by something other than the form (which refuses control characters) cannot drive the
// staff member's terminal.
func TestNoTerminalEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	st, err := localstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	evil := "\x1b]0;titolo\x07\x1b[2J"
	m := &forms.Message{Ticket: "AAAA-BBBB", Name: "Nome" + evil, Town: "codogno" + evil, Topic: "social",
		Email: "a@example.it" + evil, Message: "Testo" + evil + "\nfine", SubmittedAt: time.Now()}
	if err := st.PutMessage(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"messaggi"}, {"messaggio", "AAAA-BBBB"}} {
		out, errOut, err := staff(t, nil, append([]string{"-data", dir, "-source", t.TempDir()}, args...)...)
		if err != nil || strings.ContainsAny(out+errOut, "\x1b\x07") || !strings.Contains(out, "Testo") {
			t.Errorf("staff %v = %v, output %q: want the text without control characters", args, err, out)
		}
	}
}
