package theme

import "testing"

// TestMayHaveEnglishNeverHidesATerm: the byte scan may say yes wrongly, never no wrongly.
func TestMayHaveEnglishNeverHidesATerm(t *testing.T) {
	for _, s := range []string{
		"Il Community Manager ascolta", "gli STAKEHOLDERS", "uno stakeholder.", "community manager",
		"<p>i <em>community manager</em></p>", "Comunità", "stake", "commun", "",
	} {
		want := englishTerms.MatchString(s)
		if got := mayHaveEnglish(s); want && !got {
			t.Errorf("mayHaveEnglish(%q) = false, but the terms match", s)
		}
	}
	if mayHaveEnglish("Gli operatori di quartiere ascoltano gli inquilini.") {
		t.Error(`mayHaveEnglish("Gli operatori di quartiere...") = true, want false`)
	}
}
