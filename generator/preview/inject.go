package preview

import (
	"bytes"
	_ "embed"
)

// Paths the preview serves besides the site.
const (
	scriptPath = "/_preview/reload.js"
	eventsPath = "/_preview/events"
)

// scriptTag is what the server adds to every HTML response, never to the build output.
const scriptTag = `<script src="` + scriptPath + `" defer></script>`

//go:embed reload.js
var reloadJS []byte

// inject returns a copy of an HTML page with scriptTag just before its last </body>, or at the end when the page
// has none. The page itself is left untouched: it belongs to the build.
func inject(page []byte) []byte {
	at := lastIndexFold(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(scriptTag))
	out = append(out, page[:at]...)
	out = append(out, scriptTag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case, without copying s.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
