package site

import "strings"

// anchors are the ids of a page's headings and footnotes, kept as one string ("\x00a\x00b\x00") rather than a
// map: every page's ids live until the links to anchors are checked, and a map costs several times as much
// memory, and marking time for the collector, as the ids themselves.
type anchors string

// anchorSet collects ids while a page's body is read.
type anchorSet struct{ b strings.Builder }

func (s *anchorSet) add(id string) {
	if s.b.Len() == 0 {
		s.b.WriteByte(0)
	}
	s.b.WriteString(id)
	s.b.WriteByte(0)
}

func (s *anchorSet) done() anchors { return anchors(strings.Clone(s.b.String())) } // no spare capacity

// has reports whether id is one of the anchors.
func (a anchors) has(id string) bool {
	if id == "" || strings.IndexByte(id, 0) >= 0 {
		return false
	}
	i := strings.Index(string(a), id)
	for i > 0 {
		if a[i-1] == 0 && i+len(id) < len(a) && a[i+len(id)] == 0 {
			return true
		}
		j := strings.Index(string(a[i+1:]), id)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// list returns the anchors in the order they were added.
func (a anchors) list() []string {
	s := strings.Trim(string(a), "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}
