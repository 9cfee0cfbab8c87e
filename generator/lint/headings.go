package lint

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// heading checks that the body never uses h1 (the title is the page's h1) and never skips a level going down.
// Going back up any number of levels is fine: "####" then "##" closes two sections.
func (c *checker) heading(h *ast.Heading) {
	prev := c.prevLevel
	c.prevLevel = h.Level
	if h.Level != 1 && h.Level <= prev+1 {
		return
	}
	text := strings.TrimSpace(plainText(h, c.in.Source, true, false))
	switch {
	case h.Level == 1 && c.in.Title != "" && normalize(text) == normalize(c.in.Title):
		c.errorf(h, fmt.Sprintf("il titolo «%s» ripete il titolo della pagina (title nel front matter), che il sito "+
			"mostra già in cima: togli questa riga", text))
	case h.Level == 1:
		c.errorf(h, fmt.Sprintf("il titolo «%s» è di primo livello (#), ma il primo livello è già il titolo della pagina "+
			"(title nel front matter): usa ## per le sezioni della pagina", text))
	case h.Level > prev+1:
		c.errorf(h, fmt.Sprintf("il titolo «%s» salta dal livello %d al livello %d: usa %s (livello %d) oppure "+
			"aggiungi prima un titolo di livello %d, così chi usa un lettore di schermo non perde la struttura",
			text, prev, h.Level, strings.Repeat("#", prev+1), prev+1, prev+1))
	}
}
