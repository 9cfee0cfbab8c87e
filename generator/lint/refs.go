package lint

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Ref is one link or image destination in a page.
type Ref struct {
	// Dest is the destination as written (for autolinks, the full URL, with http:// added to www. addresses).
	Dest string
	// Text is the link's visible text or the image's alternative text.
	Text string
	// Line is the line of File on which the link or image starts.
	Line int
	// Image is true for images.
	Image bool
}

// Refs returns every link, autolink and image of the page in document order. Email autolinks are returned with a
// mailto: destination.
func Refs(in Input) []Ref {
	if in.Doc == nil {
		return nil
	}
	lines := newLineIndex(in.Source, in.FirstLine)
	var out []Ref
	_ = ast.Walk(in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, Ref{Dest: string(n.Destination), Text: strings.TrimSpace(plainText(n, in.Source, true, false)), Line: lines.of(n)})
		case *ast.Image:
			out = append(out, Ref{Dest: string(n.Destination), Text: strings.TrimSpace(plainText(n, in.Source, true, false)), Line: lines.of(n), Image: true})
		case *ast.AutoLink:
			dest := string(n.URL(in.Source))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			out = append(out, Ref{Dest: dest, Text: string(n.Label(in.Source)), Line: lines.of(n)})
		}
		return ast.WalkContinue, nil
	})
	return out
}
