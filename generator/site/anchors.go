package site

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// anchors are the ids of a page's headings and footnotes. Every page's anchors live until the links to them
// from other pages are checked, at the end of the build, so they are kept small: a 64-bit hash of each id, eight
// bytes each in one string, rather than the ids (or a map, several times as large again). The ids themselves are
// needed only to suggest the right one after a mistake, and then they are read again from the page (anchorList).
type anchors string

// anchorSeed seeds the hashes; anchors never leave the process.
var anchorSeed = maphash.MakeSeed()

// anchorSet collects ids while a page's body is read.
type anchorSet struct{ b []byte }

func (s *anchorSet) add(id []byte) {
	s.b = binary.LittleEndian.AppendUint64(s.b, maphash.Bytes(anchorSeed, id))
}

func (s *anchorSet) done() anchors { return anchors(s.b) } // a copy, without spare capacity

// anchorHash returns the hash an anchors string holds for id.
func anchorHash(id string) uint64 { return maphash.String(anchorSeed, id) }

// has reports whether id is one of the anchors.
func (a anchors) has(id string) bool { return id != "" && a.hasHash(anchorHash(id)) }

// hasHash reports whether one of the anchors has hash h (see anchorHash).
func (a anchors) hasHash(h uint64) bool {
	for i := 0; i+8 <= len(a); i += 8 {
		if binary.LittleEndian.Uint64([]byte(a[i:i+8])) == h {
			return true
		}
	}
	return false
}

// nodeIDs gives add the ids a node puts in the page: its id attribute (headings), and a footnote's two.
func nodeIDs(n ast.Node, add func(id []byte)) {
	if id, ok := n.AttributeString("id"); ok {
		if v, ok := id.([]byte); ok {
			add(v)
		}
	}
	if f, ok := n.(*east.Footnote); ok {
		add(fmt.Appendf(nil, "fn:%d", f.Index))
		add(fmt.Appendf(nil, "fnref:%d", f.Index))
	}
}

// anchorList reads page p's body again and returns its ids, in page order, or nil when it cannot be read.
func (b *builder) anchorList(p *page) []string {
	var ids []string
	b.bodyAgain(p, func(body []byte, _ int) {
		_ = ast.Walk(parseMarkdown(body), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				nodeIDs(n, func(id []byte) { ids = append(ids, string(id)) })
			}
			return ast.WalkContinue, nil
		})
	})
	return ids
}
