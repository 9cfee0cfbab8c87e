package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCSV reads an export as Excel would: it must start with a BOM, use ";" and end lines with CRLF.
func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o600 {
		t.Errorf("%s mode %v, want 0600", name, info.Mode().Perm())
	}
	body, ok := bytes.CutPrefix(data, []byte("\uFEFF"))
	if !ok {
		t.Errorf("%s has no UTF-8 BOM", name)
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Count(body, []byte("\r\n")) < 2 {
		t.Errorf("%s lines do not end with CRLF", name)
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// column returns the row's cells by header.
func byHeader(rows [][]string) []map[string]string {
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestExportApplications(t *testing.T) {
	p, _, opts := localPeople(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "candidature.csv")
	cvDir := filepath.Join(dir, "cv")
	stdout, _, err := staff(t, nil, append(opts, "esporta", "candidature", "-out", out, "-cv", cvDir)...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "3 persone") {
		t.Errorf("output: %s", stdout)
	}
	rows := byHeader(readCSV(t, out))
	if len(rows) != 3 {
		t.Fatalf("%d rows, want one per person (3)", len(rows))
	}
	got := map[string]map[string]string{}
	for _, r := range rows {
		got[r["Ricevuta"]] = r
	}
	if _, ok := got[p.p1a]; ok {
		t.Errorf("the superseded %s has a row", p.p1a)
	}
	tests := []struct{ receipt, col, want string }{
		{p.p1b, "Cognome", "Dell'Acqua"},
		{p.p1b, "Nome", "Niccolò"},
		{p.p1b, "Messaggio del candidato", `'=HYPERLINK("http://evil.example/","clic")`},
		{p.p1b, "Titolo di studio", "'+1+1"},
		{p.p1b, "Candidature precedenti", "1"},
		{p.p1b, "Ricevute precedenti", p.p1a},
		{p.p1b, "Stato", "valida"},
		{p.p1b, "Inviata il", "20/04/2025 12:00"},
		{p.p1b, "Codice fiscale", p.cf1},
		{p.p1b, "CV salvato come", p.p1b + "-Dell_Acqua-Niccolò.pdf"},
		{p.p2, "Cognome", "D’Amico"},
		{p.p2, "Telefono", "'-2"},
		{p.p2, "Messaggio del candidato", "Riga uno;\nriga \"due\"."},
		{p.p2, "Candidature precedenti", "0"},
		{p.p3, "Cognome", "'@SUM(A1:A2)"},
		{p.p3, "Stato", "da verificare"},
		{p.p3, "Segnalata da", "honeypot"},
	}
	for _, tt := range tests {
		if g := got[tt.receipt][tt.col]; g != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.receipt, tt.col, g, tt.want)
		}
	}
	if info, err := os.Stat(cvDir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("cv folder: %v", err)
	}
	for _, r := range []string{p.p1b, p.p2, p.p3} {
		name := filepath.Join(cvDir, got[r]["CV salvato come"])
		body, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(body, p.cv[r]) {
			t.Errorf("CV of %s: %q, %v", r, body, err)
		}
		if info, _ := os.Stat(name); info == nil || info.Mode().Perm() != 0o600 {
			t.Errorf("CV of %s not 0600", r)
		}
	}
	if entries, _ := os.ReadDir(cvDir); len(entries) != 3 {
		t.Errorf("%d CVs saved, want 3 (only those that count)", len(entries))
	}
	// Never over an existing file.
	if _, _, err := staff(t, nil, append(opts, "esporta", "candidature", "-out", out)...); err == nil || !strings.Contains(err.Error(), "esiste già") {
		t.Errorf("export over an existing file = %v", err)
	}
	// Without -out: the Downloads folder.
	home := t.TempDir()
	os.Mkdir(filepath.Join(home, "Downloads"), 0o700)
	cwd := t.TempDir()
	t.Chdir(cwd)
	if _, _, err := staff(t, map[string]string{"HOME": home}, append(opts, "esporta", "candidature", "-bando", callID)...); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(home, "Downloads", "candidature-*.csv")); len(m) != 1 {
		t.Errorf("no export in Downloads: %v", m)
	}
	if e, _ := os.ReadDir(cwd); len(e) != 0 {
		t.Errorf("the export wrote in the current folder")
	}
}

func TestExportMessages(t *testing.T) {
	p, _, opts := localPeople(t)
	out := filepath.Join(t.TempDir(), "m.csv")
	if _, _, err := staff(t, nil, append(opts, "esporta", "messaggi", "-out", out)...); err != nil {
		t.Fatal(err)
	}
	rows := byHeader(readCSV(t, out))
	if len(rows) != 2 || rows[0]["Numero"] != p.m1 {
		t.Fatalf("rows %v, want the urgent %s first", rows, p.m1)
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{0, "Messaggio", "Prima riga\nseconda riga; \"citata\"\nterza"},
		{0, "Nome", "Zoë D’Amico"},
		{0, "Urgente", "sì"},
		{0, "Presidio", "Codogno"},
		{0, "Mail al presidio", "inviata"},
		{1, "Nome", "'=cmd|' /C calc'!A0"},
		{1, "Telefono", "'+39 333 1234567"},
		{1, "Messaggio", "'-2 euro"},
	}
	for _, tt := range tests {
		if g := rows[tt.row][tt.col]; g != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, g, tt.want)
		}
	}
	filters := []struct {
		args []string
		want []string
	}{
		{[]string{"-presidio", "codogno"}, []string{p.m1}},
		{[]string{"-dal", "2025-04-21"}, []string{p.m2}},
		{[]string{"-al", "2025-04-20"}, []string{p.m1}},
		{[]string{"-dal", "2025-04-20 12:00", "-al", "2025-04-23"}, []string{p.m1, p.m2}},
	}
	for i, f := range filters {
		name := filepath.Join(t.TempDir(), "f.csv")
		if _, _, err := staff(t, nil, append(append(opts, "esporta", "messaggi", "-out", name), f.args...)...); err != nil {
			t.Fatalf("filter %d: %v", i, err)
		}
		var got []string
		for _, r := range byHeader(readCSV(t, name)) {
			got = append(got, r["Numero"])
		}
		if strings.Join(got, ",") != strings.Join(f.want, ",") {
			t.Errorf("esporta messaggi %v = %v, want %v", f.args, got, f.want)
		}
	}
	if _, _, err := staff(t, nil, append(opts, "esporta", "messaggi", "-cv", t.TempDir())...); err == nil || !strings.Contains(err.Error(), "-cv vale solo") {
		t.Errorf("esporta messaggi -cv = %v", err)
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dell'Acqua", "Dell_Acqua"},
		{"D’Amico", "D_Amico"},
		{"Zoë  Anne", "Zoë_Anne"},
		{"../../etc/passwd", "etc_passwd"},
		{"a\u202Eb\x00c", "a_b_c"},
		{"...", "_"},
		{strings.Repeat("x", 60), strings.Repeat("x", 40)},
	}
	for _, tt := range tests {
		if got := fileName(tt.in); got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
