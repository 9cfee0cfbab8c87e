// Package themes embeds the site's themes, so that the form functions, which run on Lambda without the source
// tree, render their error and confirmation pages with the same layouts as the generator. The generator itself
// reads themes from the source folder, so that edits show up live in `generator serve`.
package themes

import "embed"

// FS holds every theme folder, e.g. quartiere/layouts/baseof.html.
//
//go:embed all:quartiere
var FS embed.FS
