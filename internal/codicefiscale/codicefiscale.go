// Package codicefiscale checks Italian tax codes (codice fiscale) as a candidate types them in a form.
//
// Two shapes are accepted:
//
//   - The 16-character personal code of DM 23 dicembre 1976: 6 letters (surname, name), 2 digits (year), the
//     month letter (one of ABCDEHLMPRST), 2 digits (day of birth, 01–31, plus 40 for women: 41–71; the day must
//     exist in its month: no 30 February or 31 April, and 29 February only when the two-digit year is divisible
//     by 4, since the code does not say the century), the 4 characters of the Belfiore place code (a letter A–M
//     for an Italian comune or Z for a foreign country, then 3 digits), and the check letter computed over the first
//     15 characters with the odd/even tables of the decree. Omocodia is accepted: the digits at positions 7, 8,
//     10, 11, 13, 14 and 15 (counted from 1) may be written as the letters LMNPQRSTUV (for 0–9); the check letter
//     is computed on the code as written.
//   - The 11-digit numeric provisional code (codice fiscale provvisorio) that the Agenzia delle Entrate gives to
//     some people, foreigners among them, before the personal one. It has the shape of a partita IVA and the same
//     check digit: over the first 10 digits, digits in odd positions count as they are, digits in even positions
//     are doubled (minus 9 when the double is over 9); the 11th digit is (10 − sum mod 10) mod 10. Eleven zeros
//     have a right check digit but are never issued: they are refused.
//
// Lower case and spaces are accepted and removed by Normalize. A right check character only catches typing
// mistakes: it does not prove that the code belongs to the person.
//
// Validate returns nil or an *Error whose message is plain Italian that says how to fix the code, ready to show
// next to the form field.
package codicefiscale

import (
	"strings"
)

// Error is a problem with a codice fiscale; its message is for the person who typed it.
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

// The errors Validate returns, one per kind of mistake.
var (
	ErrEmpty     = &Error{"Inserisci il codice fiscale"}
	ErrLength    = &Error{"Il codice fiscale deve avere 16 caratteri, per esempio RSSMRA85T10A562S, oppure 11 cifre se è un codice provvisorio"}
	ErrCharacter = &Error{"Il codice fiscale può contenere solo lettere e numeri"}
	ErrFormat    = &Error{"Il codice fiscale non ha la forma giusta: controlla lettere e numeri, per esempio RSSMRA85T10A562S"}
	ErrMonth     = &Error{"Il codice fiscale non ha la forma giusta: il nono carattere indica il mese di nascita e deve essere una di queste lettere: A B C D E H L M P R S T"}
	ErrDay       = &Error{"Il codice fiscale non ha la forma giusta: il decimo e l'undicesimo carattere indicano il giorno di nascita e devono essere tra 01 e 31, oppure tra 41 e 71"}
	ErrDate      = &Error{"Il codice fiscale non ha la forma giusta: il giorno di nascita (decimo e undicesimo carattere) non esiste nel mese indicato dal nono carattere"}
	ErrPlace     = &Error{"Il codice fiscale non ha la forma giusta: il dodicesimo carattere indica il luogo di nascita e deve essere una lettera tra A e M, oppure Z per chi è nato all'estero"}
	ErrZeros     = &Error{"Il codice fiscale provvisorio non può essere fatto solo di zeri: copialo dal documento dell'Agenzia delle Entrate"}
	ErrCheck     = &Error{"L'ultima lettera del codice fiscale non corrisponde agli altri caratteri: controlla di averlo scritto bene"}
	ErrNumeric   = &Error{"L'ultima cifra del codice fiscale provvisorio non corrisponde alle altre: controlla di averlo scritto bene"}
)

// months are the month letters, January to December.
const months = "ABCDEHLMPRST"

// omocodia are the letters that stand for the digits 0–9 in an omocodic code.
const omocodia = "LMNPQRSTUV"

// digitPositions are the 0-based indexes that hold digits, or their omocodia letters.
var digitPositions = [...]int{6, 7, 9, 10, 12, 13, 14}

// oddValues are the values of 0–9 then A–Z at odd positions (1st, 3rd, ...), from the decree's table.
var oddValues = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // A-J
	2, 4, 18, 20, 11, 3, 6, 8, 12, 14, // K-T
	16, 10, 22, 25, 24, 23, // U-Z
}

// Normalize removes spaces and turns letters to upper case.
func Normalize(code string) string {
	return strings.ToUpper(strings.Join(strings.Fields(code), ""))
}

// Validate checks code (see the package doc) and returns nil or an *Error.
func Validate(code string) error {
	c := Normalize(code)
	if c == "" {
		return ErrEmpty
	}
	for i := 0; i < len(c); i++ {
		if !isDigit(c[i]) && !isUpper(c[i]) {
			return ErrCharacter
		}
	}
	switch len(c) {
	case 11:
		return validateNumeric(c)
	case 16:
		return validatePersonal(c)
	default:
		return ErrLength
	}
}

func validatePersonal(c string) error {
	for i := 0; i < 6; i++ {
		if !isUpper(c[i]) {
			return ErrFormat
		}
	}
	if !isUpper(c[11]) || !isUpper(c[15]) {
		return ErrFormat
	}
	for _, i := range digitPositions {
		if !isDigit(c[i]) && !strings.ContainsRune(omocodia, rune(c[i])) {
			return ErrFormat
		}
	}
	month := strings.IndexByte(months, c[8]) + 1
	if month == 0 {
		return ErrMonth
	}
	day := digitValue(c[9])*10 + digitValue(c[10])
	if day < 1 || day > 71 || (day > 31 && day < 41) {
		return ErrDay
	}
	if day > 40 {
		day -= 40
	}
	if day > daysIn(month, digitValue(c[6])*10+digitValue(c[7])) {
		return ErrDate
	}
	if (c[11] < 'A' || c[11] > 'M') && c[11] != 'Z' {
		return ErrPlace
	}
	if CheckChar(c[:15]) != c[15] {
		return ErrCheck
	}
	return nil
}

// daysIn returns the days of month (1–12) in the year whose last two digits are yy: February has 29 when yy is
// divisible by 4 (the century is unknown, and 2000 was a leap year).
func daysIn(month, yy int) int {
	switch month {
	case 2:
		if yy%4 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// digitValue reads a digit or its omocodia letter.
func digitValue(b byte) int {
	if isDigit(b) {
		return int(b - '0')
	}
	return strings.IndexByte(omocodia, b)
}

// CheckChar returns the check letter of the first 15 characters of a personal code (upper-case letters and
// digits only; it panics on anything else, so check the shape first).
func CheckChar(first15 string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		b := first15[i]
		idx := int(b - '0')
		if isUpper(b) {
			idx = int(b-'A') + 10
		}
		if i%2 == 0 { // position i+1 is odd
			sum += oddValues[idx]
		} else if isUpper(b) {
			sum += int(b - 'A')
		} else {
			sum += int(b - '0')
		}
	}
	return byte('A' + sum%26)
}

func validateNumeric(c string) error {
	for i := 0; i < 11; i++ {
		if !isDigit(c[i]) {
			return ErrFormat
		}
	}
	if c == "00000000000" {
		return ErrZeros
	}
	if NumericCheckDigit(c[:10]) != c[10] {
		return ErrNumeric
	}
	return nil
}

// NumericCheckDigit returns the check digit of the first 10 digits of a numeric code (partita IVA algorithm).
func NumericCheckDigit(first10 string) byte {
	sum := 0
	for i := 0; i < 10; i++ {
		d := int(first10[i] - '0')
		if i%2 == 1 { // even position, counted from 1
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
