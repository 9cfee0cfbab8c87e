package forms

import (
	"context"

	"quartieri/internal/codicefiscale"
)

// The latest-application index is keyed by call and person: codicefiscale.Person of the code, so the omocodic
// spellings of one person's code share one entry (Records.SetLatest is always given that spelling). An entry
// written before keys were normalised is under the code as typed; latestOf reads it when the normalised key has
// none, so a person whose first application predates the change is still superseded, and the new entry goes under
// the normalised key from then on. (For a code without omocodia letters, the two keys are the same.)

// latestOf returns the receipt of the latest application of taxCode's person to call, "" if none.
func (s *server) latestOf(ctx context.Context, call, taxCode string) (string, error) {
	person := codicefiscale.Person(taxCode)
	r, err := s.cfg.Records.Latest(ctx, call, person)
	if err != nil || r != "" || person == taxCode {
		return r, err
	}
	return s.cfg.Records.Latest(ctx, call, taxCode)
}
