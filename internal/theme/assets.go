package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Asset is a theme's CSS or JavaScript file, fingerprinted: published under a name that holds a hash of its
// content, so that a browser or CDN may keep it for a year and still never use an old copy.
type Asset struct {
	// Name is the file's path under static/, as written in the templates ("css/site.css").
	Name string
	// Fingerprinted is the name with the hash before the extension ("css/site.3f2a9c1b.css").
	Fingerprinted string
	// Data is the content the hash was made from: the build writes these very bytes.
	Data []byte
}

// hashLen is the number of hex digits of the SHA-256 sum put in a fingerprinted name: 32 bits tell two versions
// of one file apart with a chance of a mix-up of one in four billion.
const hashLen = 8

// Fingerprints reports whether a static file is fingerprinted: CSS and JavaScript, which every page links.
func Fingerprints(name string) bool {
	ext := path.Ext(name)
	return ext == ".css" || ext == ".js"
}

// FingerprintedName returns name with the hash of data before its extension: css/site.css -> css/site.3f2a9c1b.css.
func FingerprintedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:hashLen] + ext
}

// IsFingerprinted reports whether name is a fingerprinted name of data, that is, whether the hash in the name
// is data's: a file that only looks fingerprinted (content/x.12345678.css) is not.
func IsFingerprinted(name string, data []byte) bool {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	dot := strings.LastIndexByte(base, '.')
	return Fingerprints(name) && dot >= 0 && len(base)-dot-1 == hashLen &&
		FingerprintedName(base[:dot]+ext, data) == name
}

// loadAssets reads the fingerprinted files of the static folder.
func loadAssets(static fs.FS) (map[string]Asset, error) {
	assets := map[string]Asset{}
	if static == nil {
		return assets, nil
	}
	err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !Fingerprints(p) || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		assets[p] = Asset{Name: p, Fingerprinted: FingerprintedName(p, data), Data: data}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return assets, nil
}

// asset is the template function: the address of a static file, fingerprinted when t.Fingerprint is set.
func (t *Theme) asset(name string) (string, error) {
	name = strings.TrimPrefix(name, "/")
	if a, ok := t.assets[name]; ok {
		if t.Fingerprint {
			return "/" + a.Fingerprinted, nil
		}
		return "/" + name, nil
	}
	if t.Static != nil {
		if _, err := fs.Stat(t.Static, name); err == nil {
			return "/" + name, nil
		}
	}
	return "", fmt.Errorf("il tema non ha il file static/%s", name)
}

// Assets returns the theme's fingerprinted files, sorted by name.
func (t *Theme) Assets() []Asset {
	out := make([]Asset, 0, len(t.assets))
	for _, a := range t.assets {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
