package lint

import (
	"github.com/yuin/goldmark/ast"
)

// plainText returns the text a reader sees inside n, as appendText collects it.
func plainText(n ast.Node, src []byte, withAlt, prose bool) string {
	return string(appendText(nil, n, src, withAlt, prose))
}

// appendText appends to dst the text a reader sees inside n: text, emphasis, link texts, autolink labels and,
// when withAlt, image alternative texts (a link around an image is named by the image's alt). Line breaks become
// spaces; code spans, autolinks and raw HTML are kept out when prose is true.
func appendText(dst []byte, n ast.Node, src []byte, withAlt, prose bool) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			dst = append(dst, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.AutoLink:
			if !prose {
				dst = append(dst, c.Label(src)...)
			}
		case *ast.CodeSpan:
			if !prose {
				dst = appendText(dst, c, src, withAlt, prose)
			}
		case *ast.RawHTML:
		case *ast.Image:
			if withAlt {
				dst = appendText(dst, c, src, withAlt, prose)
			}
		default:
			dst = appendText(dst, c, src, withAlt, prose)
		}
	}
	return dst
}
