package site

import (
	"testing"

	"quartieri/internal/siteconfig"
)

// TestMayHavePlaceholderNeverHidesOne: the byte scan may say yes wrongly, never no wrongly.
func TestMayHavePlaceholderNeverHidesOne(t *testing.T) {
	for _, s := range []string{
		"DA COMPLETARE", "da.completare", "Scrivi a x@example.invalid.", "https://A.EXAMPLE.INVALID/",
		"nessun segnaposto", "completare", "non.valido", ".invalid",
	} {
		if siteconfig.IsPlaceholder(s) && !mayHavePlaceholder([]byte(s)) {
			t.Errorf("mayHavePlaceholder(%q) = false, but it is a placeholder", s)
		}
	}
}
