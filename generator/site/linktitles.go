package site

// titleOf returns, for page p, a function that gives the title of the published page a link destination leads
// to, or "": lint suggests it as a link text.
func (b *builder) titleOf(p *page) func(dest string) string {
	return func(dest string) string {
		t := resolve(dest, contentDir(p.file), b.baseHost)
		if !t.Internal || t.Path == "" {
			return ""
		}
		if q := b.byURL[t.Path]; q != nil && q.skip == "" && q.tp != nil { // fm is dropped after planning
			return q.tp.Title
		}
		return ""
	}
}
