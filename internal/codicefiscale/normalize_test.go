package codicefiscale

import "testing"

func TestPerson(t *testing.T) {
	tests := []struct{ in, want string }{
		{"RSSMRA85T10A562S", "RSSMRA85T10A562S"},
		{" rssmra85t10a562s ", "RSSMRA85T10A562S"},
		{"12345678903", "12345678903"},
		{"short", "SHORT"},
	}
	// Every omocodic variant of the code (each digit position replaced, check character recomputed) is the same person.
	base := "RSSMRA85T10A562S"
	for _, pos := range digitPositions {
		b := []byte(base)
		b[pos] = omocodia[b[pos]-'0']
		b[15] = CheckChar(string(b[:15]))
		if err := Validate(string(b)); err != nil {
			t.Fatalf("variant %s invalid: %v", b, err)
		}
		tests = append(tests, struct{ in, want string }{string(b), base})
	}
	all := []byte(base)
	for _, pos := range digitPositions {
		all[pos] = omocodia[all[pos]-'0']
	}
	all[15] = CheckChar(string(all[:15]))
	tests = append(tests, struct{ in, want string }{string(all), base})
	for _, tt := range tests {
		if got := Person(tt.in); got != tt.want {
			t.Errorf("Person(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if Person("RSSMRA85T10A562S") == Person("RSSMRA85T10A563S") {
		t.Error("two people share a key")
	}
}
