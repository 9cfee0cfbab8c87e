package site

import (
	"sort"

	"github.com/yuin/goldmark/ast"
)

// lines maps byte offsets of a page body to lines of its file.
type lines struct {
	starts []int // offset of each line's first byte
	first  int   // file line of the body's first line
}

func newLines(src []byte, first int) lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lines{starts: starts, first: first}
}

// at returns the file line of offset off.
func (l lines) at(off int) int {
	return l.first + sort.SearchInts(l.starts, off+1) - 1
}

// of returns the file line where node n starts, or the body's first line when it has no position.
func (l lines) of(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock {
			if ls := c.Lines(); ls != nil && ls.Len() > 0 {
				return l.at(ls.At(0).Start)
			}
		}
		if r, ok := c.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
			return l.at(r.Segments.At(0).Start)
		}
	}
	return l.first
}
