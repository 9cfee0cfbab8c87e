package lint

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"quartieri/generator/callstatus"
	"quartieri/generator/diag"
	"quartieri/internal/theme"
)

// callBlock reports a call block whose opening line is wrong or that is never closed.
func (c *checker) callBlock(b *callstatus.Block) {
	switch {
	case b.Problem != "":
		c.errorAt(b.Offset, b.Problem)
	case !b.Closed:
		c.errorAt(b.Offset, `il blocco ":::" che comincia qui non è chiuso: aggiungi una riga ":::" dopo il suo testo`)
	}
}

var valueRE = regexp.MustCompile(`\{([a-zàèéìòù-]+)\}`)

// textLines reports, in the lines of a block of text, a ":::" line the call blocks did not take and unknown
// {values}.
func (c *checker) textLines(p ast.Node) {
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := bytes.TrimSpace(seg.Value(c.in.Source))
		if bytes.HasPrefix(l, []byte(":::")) {
			c.errorAt(seg.Start, `questa riga ":::" non apre e non chiude nessun blocco (i blocchi non vanno uno dentro l'altro): `+callstatus.Usage)
		}
		for _, m := range valueRE.FindAllSubmatch(l, -1) {
			if !slices.Contains(theme.Values, string(m[1])) {
				c.errorAt(seg.Start, "valore sconosciuto {"+string(m[1])+"}: puoi scrivere {"+strings.Join(theme.Values, "}, {")+"}")
			}
		}
	}
}

// errorAt reports msg at byte offset off of the source.
func (c *checker) errorAt(off int, msg string) {
	if c.lines == nil {
		x := newLineIndex(c.in.Source, c.in.FirstLine)
		c.lines = &x
	}
	c.out = append(c.out, diag.Diagnostic{File: c.in.File, Line: c.lines.line(off), Severity: diag.Error, Message: msg})
}
