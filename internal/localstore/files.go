package localstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"quartieri/internal/forms"
)

// Put stores body under key, which must be a clean slash-separated path under cv/ or pending/. The content type
// is not kept: CVs are PDFs.
func (s *Store) Put(ctx context.Context, key, contentType string, body []byte) error {
	path, err := s.filePath(key)
	if err != nil {
		return err
	}
	return writeAtomic(path, body)
}

// Get returns what is stored under key, or forms.ErrNotFound.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	path, err := s.filePath(key)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, forms.ErrNotFound
	}
	return data, err
}

func (s *Store) filePath(key string) (string, error) {
	if !fs.ValidPath(key) || strings.ContainsAny(key, `\:`) ||
		!(strings.HasPrefix(key, "cv/") || strings.HasPrefix(key, "pending/")) {
		return "", fmt.Errorf("localstore: bad file key %q", key)
	}
	for _, part := range strings.Split(key, "/") {
		if strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("localstore: bad file key %q", key)
		}
	}
	return filepath.Join(s.dir, filepath.FromSlash(key)), nil
}
