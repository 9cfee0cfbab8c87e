package codicefiscale

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		code string
		want error
	}{
		{"RSSMRA85T10A562S", nil},
		{"rssmra85t10a562s", nil},
		{"  RSS MRA 85T10 A562S ", nil},
		// Omocodic variants: digits replaced right to left, check letter recomputed on the code as written.
		{"RSSMRA85T10A56NH", nil},
		{"RSSMRA85T10A5SNT", nil},
		{"RSSMRAUPT1MARSNM", nil},
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{"RSSMRA85T10A562", ErrLength},
		{"RSSMRA85T10A562SX", ErrLength},
		{"RSSMRA85T10A562Ş", ErrCharacter},
		{"RSSMRA-5T10A562S", ErrCharacter},
		{"RSSMR185T10A562S", ErrFormat},
		{"RSSMRA8AT10A562S", ErrFormat},
		{"RSSMRA85T10A5W2S", ErrFormat},
		{"RSSMRA85T105562S", ErrFormat},
		{"RSSMRA85T10A5629", ErrFormat},
		{"RSSMRA85F10A562S", ErrMonth},
		{"RSSMRA85T00A562S", ErrDay},
		{"RSSMRA85T32A562S", ErrDay},
		{"RSSMRA85T40A562S", ErrDay},
		{"RSSMRA85T72A562S", ErrDay},
		{"RSSMRA85T10A562T", ErrCheck},
		{"RSSMRA85T10A56NS", ErrCheck},
		// Numeric provisional codes (partita IVA check digit).
		{"12345678903", nil},
		{"00743110157", nil},
		{"12345678901", ErrNumeric},
		{"1234567890", ErrLength},
	}
	for _, tt := range tests {
		if got := Validate(tt.code); got != tt.want {
			t.Errorf("Validate(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestWomanDayCodes(t *testing.T) {
	for _, day := range []string{"41", "55", "71"} {
		s := "RSSMRA85T" + day + "A562"
		code := s + string(CheckChar(s))
		if err := Validate(code); err != nil {
			t.Errorf("Validate(%q) = %v, want nil", code, err)
		}
	}
}

func TestEveryOmocodicVariantOfAValidCodeIsValid(t *testing.T) {
	base := "RSSMRA85T10A562"
	for mask := 0; mask < 1<<len(digitPositions); mask++ {
		b := []byte(base)
		for k, i := range digitPositions {
			if mask&(1<<k) != 0 {
				b[i] = omocodia[b[i]-'0']
			}
		}
		code := string(b) + string(CheckChar(string(b)))
		if err := Validate(code); err != nil {
			t.Errorf("Validate(%q) = %v, want nil", code, err)
		}
	}
}

func TestMessagesAreItalianAndActionable(t *testing.T) {
	for _, e := range []*Error{ErrEmpty, ErrLength, ErrCharacter, ErrFormat, ErrMonth, ErrDay, ErrCheck, ErrNumeric} {
		if !strings.Contains(strings.ToLower(e.Message), "codice fiscale") {
			t.Errorf("message %q does not name the field", e.Message)
		}
		if strings.Contains(e.Message, "valido") {
			t.Errorf("message %q uses the jargon 'valido'", e.Message)
		}
	}
}

func TestExampleCodesAreValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for n := 0; n < 5000; n++ {
		c := Example(n * 7919)
		if err := Validate(c); err != nil {
			t.Fatalf("Example(%d) = %q: %v", n*7919, c, err)
		}
		if seen[c] {
			t.Fatalf("Example(%d) = %q repeats", n*7919, c)
		}
		seen[c] = true
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"RSSMRA85T10A562S", "RSSMRAUPT1MARSNM", "12345678903", "", "rss mra 85t10 a562s", "ÀÈÌ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Validate(s)
		if err == nil {
			c := Normalize(s)
			if len(c) != 11 && len(c) != 16 {
				t.Fatalf("Validate(%q) accepted a code of length %d", s, len(c))
			}
			if Validate(c) != nil {
				t.Fatalf("Validate(Normalize(%q)) fails", s)
			}
			// Changing the last character must be caught.
			b := []byte(c)
			if b[len(b)-1] == '0' || b[len(b)-1] == 'A' {
				b[len(b)-1]++
			} else {
				b[len(b)-1]--
			}
			if Validate(string(b)) == nil {
				t.Fatalf("Validate(%q) accepted a wrong check character", b)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Message == "" {
			t.Fatalf("Validate(%q) = %v, want an *Error with a message", s, err)
		}
	})
}
