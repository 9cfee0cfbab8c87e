package forms

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/formdef"
	"quartieri/internal/theme"
)

// checker collects the errors of a form, in field order, and the normalised values. The words messages use for
// a field and its length limit come from the form's definition.
type checker struct {
	form   *formdef.Form
	in     map[string]string
	values map[string]string
	errs   []theme.FieldError
}

func newChecker(form *formdef.Form, in map[string]string) *checker {
	return &checker{form: form, in: in, values: map[string]string{}}
}

// def is the definition of one of the form's fields.
func (c *checker) def(field string) *formdef.Field {
	if d := c.form.Field(field); d != nil {
		return d
	}
	panic("forms: field " + field + " is not in the definition of form " + c.form.Name)
}

// tooLongMessage is the message of a field over its limit, Max characters.
func tooLongMessage(d *formdef.Field) string {
	return fmt.Sprintf("%s deve avere al massimo %d caratteri", d.What, d.Max)
}

func (c *checker) fail(field, msg string) {
	c.errs = append(c.errs, theme.FieldError{Field: field, Message: msg})
}

// text returns the field's value trimmed, or ok=false (with an error added) when it is not UTF-8.
func (c *checker) text(field string) (string, bool) {
	v := c.in[field]
	if !utf8.ValidString(v) {
		c.fail(field, "Il testo contiene caratteri che non riconosciamo: scrivilo di nuovo senza copiarlo da altri programmi")
		return "", false
	}
	return strings.TrimSpace(v), true
}

// line returns a one-line field's value trimmed, or ok=false (with an error added) when it is not UTF-8 or
// holds an invisible character (IsInvisible).
func (c *checker) line(field string) (string, bool) {
	v, ok := c.text(field)
	if ok && strings.IndexFunc(v, IsInvisible) >= 0 {
		c.fail(field, c.def(field).What+" contiene un carattere invisibile, che spesso arriva copiando il testo da altri programmi: cancella tutto e scrivilo di nuovo a mano")
		return "", false
	}
	return v, ok
}

// name checks a person's name: letters, apostrophes, spaces, hyphens.
func (c *checker) name(field, missing string) {
	d := c.def(field)
	v, ok := c.line(field)
	switch {
	case !ok:
	case v == "":
		c.fail(field, missing)
	case !isName(v):
		c.fail(field, d.What+" può contenere solo lettere, spazi, apostrofi e trattini")
	case utf8.RuneCountInString(v) > d.Max:
		c.fail(field, tooLongMessage(d))
	default:
		c.values[field] = v
	}
}

func isName(v string) bool {
	letters := 0
	for _, r := range v {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.Mn, r), r == ' ', r == '\'', r == '’', r == '-':
		default:
			return false
		}
	}
	return letters > 0
}

// email checks a bare address. With required false an empty value is fine.
func (c *checker) email(field string, required bool) {
	d := c.def(field)
	v, ok := c.line(field)
	switch {
	case !ok:
	case v == "":
		if required {
			c.fail(field, "Inserisci l'indirizzo email")
		}
	case utf8.RuneCountInString(v) > d.Max:
		c.fail(field, tooLongMessage(d))
	case !isASCII(v):
		// SES v2 takes ASCII addresses only (a domain in punycode), and converting an international domain needs
		// golang.org/x/net/idna, which is not in the module graph: ask for the ASCII form.
		c.fail(field, "L'indirizzo email può contenere solo lettere senza accenti, numeri e i simboli @ . _ - +: controlla di averlo scritto bene")
	case !isEmail(v):
		c.fail(field, "Inserisci l'indirizzo email nel formato giusto, per esempio nome@esempio.it")
	default:
		c.values[field] = v
	}
}

func isASCII(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isEmail reports whether v is a bare ASCII address with a dot in the domain.
func isEmail(v string) bool {
	if !isASCII(v) {
		return false
	}
	if strings.ContainsAny(v, "\r\n<>, ") {
		return false
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Name != "" || a.Address != v {
		return false
	}
	at := strings.LastIndexByte(v, '@')
	domain := v[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// phone checks an Italian or international number. With required false an empty value is fine.
func (c *checker) phone(field string, required bool) {
	v, ok := c.line(field)
	switch {
	case !ok:
	case v == "":
		if required {
			c.fail(field, "Inserisci il numero di telefono")
		}
	case !isPhone(v):
		c.fail(field, "Inserisci il numero di telefono nel formato giusto, per esempio 0371 123456 oppure +39 333 123 4567")
	default:
		c.values[field] = v
	}
}

func isPhone(v string) bool {
	digits := 0
	for i, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '.' || r == '-' || r == '/':
			if digits == 0 && !(i == 1 && v[0] == '+') {
				return false
			}
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

// taxCode checks a codice fiscale and keeps it normalised.
func (c *checker) taxCode(field string) {
	v, ok := c.line(field)
	if !ok {
		return
	}
	if strings.ContainsAny(v, "\r\n\t") {
		c.fail(field, codicefiscale.ErrCharacter.Message)
		return
	}
	if err := codicefiscale.Validate(v); err != nil {
		c.fail(field, err.Error())
		return
	}
	c.values[field] = codicefiscale.Normalize(v)
}

// longText checks an optional or required text of several lines.
func (c *checker) longText(field, missing string) {
	d := c.def(field)
	v, ok := c.text(field)
	if !ok {
		return
	}
	v = strings.ReplaceAll(v, "\r\n", "\n")
	n := utf8.RuneCountInString(v)
	switch {
	case v == "":
		if missing != "" {
			c.fail(field, missing)
		}
	case strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0:
		c.fail(field, d.What+" contiene caratteri che non riconosciamo: scrivilo di nuovo senza copiarlo da altri programmi")
	case n > d.Max:
		c.fail(field, fmt.Sprintf("%s (ora ne ha %d)", tooLongMessage(d), n))
	default:
		c.values[field] = v
	}
}

// yes checks a checkbox that must be ticked.
func (c *checker) yes(field, msg string) {
	if c.in[field] != "yes" {
		c.fail(field, msg)
		return
	}
	c.values[field] = "yes"
}

// oneOf checks a choice among fixed values.
func (c *checker) oneOf(field, msg string, allowed func(string) bool) {
	v := strings.TrimSpace(c.in[field])
	if v == "" || !allowed(v) {
		c.fail(field, msg)
		return
	}
	c.values[field] = v
}
