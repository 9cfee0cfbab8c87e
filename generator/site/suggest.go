package site

import "quartieri/internal/yamlfix"

// Nearest returns the candidate closest to s by edit distance (see yamlfix.Nearest).
func Nearest(s string, candidates []string) (string, bool) { return yamlfix.Nearest(s, candidates) }

// Levenshtein returns the edit distance between a and b (see yamlfix.Levenshtein).
func Levenshtein(a, b string) int { return yamlfix.Levenshtein(a, b) }
