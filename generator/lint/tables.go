package lint

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

func isTable(n ast.Node) bool { return n.Kind() == east.KindTable }

// table checks that a GFM table has a header row that names its columns. GFM always parses the first row as the
// header, so a table "without header" is one whose first row is all empty cells: screen readers then read every
// value with no column name.
// The error is on the header row's line: a table's own position is that of the paragraph it was cut from.
func (c *checker) table(t ast.Node) {
	at := t
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if r.Kind() != east.KindTableHeader {
			continue
		}
		at = r
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if strings.TrimSpace(plainText(cell, c.in.Source, true, false)) != "" {
				return
			}
		}
	}
	c.errorf(at, "la tabella non ha una riga di intestazione: scrivi nella prima riga il nome di ogni colonna, "+
		"per esempio | Comune | Presidio |, poi la riga | --- | --- |, poi i dati")
}
