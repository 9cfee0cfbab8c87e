package codicefiscale

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
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
		{withCheck("RSSMRA85B30A562"), ErrDate},  // 30 February
		{withCheck("RSSMRA85B70A562"), ErrDate},  // 30 February, a woman
		{withCheck("RSSMRA85D31A562"), ErrDate},  // 31 April
		{withCheck("RSSMRA85B29A562"), ErrDate},  // 29 February 1985
		{withCheck("RSSMRA84B29A562"), nil},      // 29 February 1984
		{withCheck("RSSMRA00B69A562"), nil},      // 29 February 2000, a woman
		{withCheck("RSSMRA85B28A562"), nil},      // 28 February
		{withCheck("RSSMRA85D30A562"), nil},      // 30 April
		{withCheck("RSSMRA85A31A562"), nil},      // 31 January
		{withCheck("RSSMRAURBPLA562"), ErrDate},  // 30 February 1985, omocodic
		{withCheck("RSSMRA85T10N562"), ErrPlace}, // N is no place letter
		{withCheck("RSSMRA85T10Y562"), ErrPlace},
		{withCheck("RSSMRA85T10M562"), nil},
		{withCheck("RSSMRA85T10Z404"), nil}, // born abroad
		{"RSSMRA85T10A562T", ErrCheck},
		{"RSSMRA85T10A56NS", ErrCheck},
		// Numeric provisional codes (partita IVA check digit).
		{"12345678903", nil},
		{"00743110157", nil},
		{"12345678901", ErrNumeric},
		{"00000000000", ErrZeros},
		{"1234567890", ErrLength},
	}
	for _, tt := range tests {
		if got := Validate(tt.code); got != tt.want {
			t.Errorf("Validate(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// withCheck appends the right check letter to the first 15 characters of a code.
func withCheck(first15 string) string { return first15 + string(CheckChar(first15)) }

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
	for _, e := range []*Error{ErrEmpty, ErrLength, ErrCharacter, ErrFormat, ErrMonth, ErrDay, ErrDate, ErrPlace, ErrZeros, ErrCheck, ErrNumeric} {
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

// checkIssuable fails when an accepted code could not have been issued, by a check written apart from Validate:
// the date goes through time.Date (years 2000–2099, where every year divisible by 4 is a leap year).
func checkIssuable(t *testing.T, c string) {
	t.Helper()
	if len(c) == 11 {
		if strings.Trim(c, "0") == "" {
			t.Fatalf("Validate(%q) accepted a code of zeros", c)
		}
		return
	}
	plain := []byte(c)
	for _, i := range digitPositions {
		if j := strings.IndexByte(omocodia, plain[i]); j >= 0 {
			plain[i] = byte('0' + j)
		}
	}
	var yy, day int
	fmt.Sscanf(string(plain[6:8]), "%d", &yy)
	fmt.Sscanf(string(plain[9:11]), "%d", &day)
	month := time.Month(strings.IndexByte("ABCDEHLMPRST", plain[8]) + 1)
	day %= 40
	if d := time.Date(2000+yy, month, day, 0, 0, 0, 0, time.UTC); d.Day() != day || d.Month() != month {
		t.Fatalf("Validate(%q) accepted a day that does not exist: %d/%d/%02d", c, day, month, yy)
	}
	if p := plain[11]; !strings.ContainsRune("ABCDEFGHIJKLMZ", rune(p)) {
		t.Fatalf("Validate(%q) accepted the place letter %c", c, p)
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"RSSMRA85T10A562S", "RSSMRAUPT1MARSNM", "12345678903", "", "rss mra 85t10 a562s", "ÀÈÌ",
		"00000000000", withCheck("RSSMRA84B29A562"), withCheck("RSSMRA85B29A562"), withCheck("RSSMRA85D31A562"),
		withCheck("RSSMRA85T10N562"), withCheck("RSSMRA85B69Z404")} {
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
			checkIssuable(t, c)
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Message == "" {
			t.Fatalf("Validate(%q) = %v, want an *Error with a message", s, err)
		}
	})
}
