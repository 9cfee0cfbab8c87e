package forms

import (
	"time"

	"quartieri/internal/formdef"
)

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// retentionDays is how many days the records of form f are kept (site.yaml's retention).
func (s *server) retentionDays(f *formdef.Form) int {
	if f == formContact {
		return s.site.Retention.ContactDays
	}
	return s.site.Retention.ApplicationsDays
}

// retainUntil is when a record received now is past its retention of days: on the real clock, never the `-now`
// instant, so a record made in a preview is kept as long as any other (and the purge, which runs on the real
// clock, does not delete it at once).
func (s *server) retainUntil(days int) time.Time { return s.wall().AddDate(0, 0, days) }
