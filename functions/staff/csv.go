package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// CSV files for Excel in Italian: UTF-8 with a byte order mark (so Excel reads the accents), ";" between cells
// (Excel's separator where the decimal mark is a comma), CRLF line ends, and quoting by RFC 4180 (encoding/csv:
// a cell with ";", a quote or a line break is quoted, quotes doubled). A line break inside a cell stays: Excel
// shows it inside the cell.

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// formulaStarts are the first characters that make a spreadsheet read a cell as a formula (OWASP, CSV
// injection), with their full-width forms.
const formulaStarts = "=+-@\t\r＝＋－＠"

// neutral makes a cell inert for a spreadsheet: one that starts like a formula gets a leading apostrophe, which
// Excel and LibreOffice read as "this is text" (OWASP's advice). A telephone number "+39 …" is shown as '+39 ….
func neutral(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); r != utf8.RuneError && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}

// writeCSV creates name (0600; never over an existing file) and writes header and rows, each cell neutralised.
func writeCSV(name string, header []string, rows [][]string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("il file %s esiste già: non lo sovrascrivo; scegli un altro nome con -out FILE.csv", name)
	}
	if err != nil {
		return fmt.Errorf("non riesco a creare %s: %w", name, err)
	}
	w := csv.NewWriter(f)
	w.Comma, w.UseCRLF = ';', true
	_, err = f.WriteString(bom)
	for _, r := range append([][]string{header}, rows...) {
		if err != nil {
			break
		}
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = neutral(strings.ReplaceAll(c, "\r\n", "\n"))
		}
		err = w.Write(cells)
	}
	w.Flush()
	err = errors.Join(err, w.Error(), f.Close())
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("non riesco a scrivere %s: %w", name, err)
	}
	return nil
}
