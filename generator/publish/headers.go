package publish

import (
	"bytes"
	"net/http"
	"path"
	"strings"

	"quartieri/internal/theme"
)

// The Cache-Control values, by kind of file.
const (
	// CachePage is for HTML: a browser or CDN may keep a copy but must ask the bucket whether it changed
	// before using it, so an edit shows at once.
	CachePage = "no-cache"
	// CacheImmutable is for fingerprinted CSS and JavaScript: their name changes with their content, so a copy
	// is never stale.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheDefault is for everything else (images, PDFs, fonts, the plain-named CSS and JavaScript the form
	// pages link, sitemap, feed, robots.txt): an hour, so a replaced file reaches browsers within the hour; the
	// CDN gets it at once through the invalidation.
	CacheDefault = "public, max-age=3600"
)

// contentTypes maps extensions to Content-Type. A fixed table, not mime.TypeByExtension, whose answers depend on the
// machine's mime.types.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".map":         "application/json",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp3":         "audio/mpeg",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".zip":         "application/zip",
	".doc":         "application/msword",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":         "application/vnd.ms-excel",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".odt":         "application/vnd.oasis.opendocument.text",
	".ods":         "application/vnd.oasis.opendocument.spreadsheet",
	".webmanifest": "application/manifest+json",
}

// ContentType returns the Content-Type of a site file: by extension, "application/rss+xml" for an RSS feed,
// and for an unknown extension what the content looks like (net/http's sniffing).
func ContentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".xml" && isRSS(data) {
		return "application/rss+xml; charset=utf-8"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return http.DetectContentType(data)
}

// isRSS reports whether an XML file is an RSS feed: its root element, within the first bytes, is <rss.
func isRSS(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 512)], []byte("<rss"))
}

// CacheControl returns the Cache-Control of a site file (see the constants).
func CacheControl(name string, data []byte) string {
	switch {
	case strings.HasSuffix(name, ".html"):
		return CachePage
	case theme.IsFingerprinted(name, data):
		return CacheImmutable
	}
	return CacheDefault
}
