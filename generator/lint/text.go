package lint

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// plainText returns the text a reader sees inside n: text, emphasis, link texts, autolink labels and, when
// withAlt, image alternative texts (a link around an image is named by the image's alt). Line breaks become
// spaces; code spans and raw HTML are kept out when prose is true.
func plainText(n ast.Node, src []byte, withAlt, prose bool) string {
	var b strings.Builder
	appendText(&b, n, src, withAlt, prose)
	return b.String()
}

func appendText(b *strings.Builder, n ast.Node, src []byte, withAlt, prose bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			if !prose {
				b.Write(c.Label(src))
			}
		case *ast.CodeSpan:
			if !prose {
				appendText(b, c, src, withAlt, prose)
			}
		case *ast.RawHTML:
		case *ast.Image:
			if withAlt {
				appendText(b, c, src, withAlt, prose)
			}
		default:
			appendText(b, c, src, withAlt, prose)
		}
	}
}
