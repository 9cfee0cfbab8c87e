package lint

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// lineIndex maps byte offsets of Source to lines of File.
type lineIndex struct {
	starts []int // byte offset at which each line of Source starts
	first  int   // line of File of Source's first line
}

func newLineIndex(src []byte, first int) lineIndex {
	if first < 1 {
		first = 1
	}
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return lineIndex{starts: starts, first: first}
}

// line returns the line of File that holds byte offset off of Source.
func (x lineIndex) line(off int) int {
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return x.first + i
}

// of returns the line of File on which n starts. Inline nodes carry their position since goldmark 1.7.9; when a
// node has none, the first text inside it or the nearest enclosing block with lines gives it.
func (x lineIndex) of(n ast.Node) int {
	if off, ok := offset(n); ok {
		return x.line(off)
	}
	return x.first
}

func offset(n ast.Node) (int, bool) {
	if p := n.Pos(); p >= 0 {
		return p, true
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start, true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			if l := p.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start, true
			}
		}
	}
	return 0, false
}
