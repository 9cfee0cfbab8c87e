package forms

import (
	"sync"

	"quartieri/internal/formdef"
)

// spamCounter counts the anti-spam signals since start, for the logs.
type spamCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *spamCounter) add(signal string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[signal]++
	return c.counts[signal]
}

// signals returns the suspect signals of a submission and counts every signal in the log. Only a filled
// honeypot and a token with a bad signature (when the secret is configured) make a submission suspect. A missing
// token, or one under 3 seconds or over 24 hours old, is only counted: a person who corrects the form after an
// error page and sends it at once, or who left the page open overnight, must not have the message dropped.
func (s *server) signals(f *formdef.Form, in map[string]string) []string {
	var suspect []string
	if in["fax"] != "" {
		suspect = append(suspect, "honeypot")
	}
	switch tok := s.checkToken(in["_token"], s.wall()); tok {
	case tokenOK:
	case tokenForged:
		if s.ephemeral {
			s.log.Info("spam signal", "form", f.Name, "signal", tok, "count", s.spam.add(tok), "note", "random secret")
			break
		}
		suspect = append(suspect, tok)
	default: // missing, too fast, too old: weak signals
		s.log.Info("spam signal", "form", f.Name, "signal", tok, "count", s.spam.add(tok))
	}
	for _, sig := range suspect {
		s.log.Warn("spam signal", "form", f.Name, "signal", sig, "count", s.spam.add(sig))
	}
	return suspect
}
