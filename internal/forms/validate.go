package forms

import (
	"sort"
	"strings"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// Messages of the checkboxes both forms share, and of a call that does not exist.
const (
	msgUnknownCall = "Il bando indicato non esiste: apri la pagina del bando e invia la candidatura da lì"
	msgPrivacy     = "Seleziona la casella per confermare di aver letto l'informativa sulla privacy"
	msgDeclaration = "Seleziona la casella per dichiarare che quello che hai scritto nel modulo e nel CV è vero"
)

// checkApplication validates every field but the CV and returns the normalised values and the errors.
func checkApplication(site *siteconfig.Site, in map[string]string) *checker {
	c := newChecker(formApplications, in)
	c.oneOf("call", msgUnknownCall,
		func(id string) bool { _, ok := site.Call(id); return ok })
	c.name("given_name", "Inserisci il nome")
	c.name("family_name", "Inserisci il cognome")
	c.taxCode("tax_code")
	c.email("email", true)
	c.phone("phone", true)
	c.longText("education", "")
	c.longText("message", "")
	return c
}

// checkApplicationBoxes validates the checkboxes that come after the CV on the page.
func checkApplicationBoxes(c *checker) {
	c.yes("declaration", msgDeclaration)
	c.yes("privacy", msgPrivacy)
}

// checkContact validates a tenant's message.
func checkContact(site *siteconfig.Site, in map[string]string) *checker {
	c := newChecker(formContact, in)
	c.name("name", "Inserisci il tuo nome e cognome")
	c.oneOf("town", "Scegli il comune in cui abiti",
		func(id string) bool { _, ok := site.Presidio(id); return ok })
	c.oneOf("topic", "Scegli di cosa vuoi parlare", func(t string) bool { _, ok := formContact.Field("topic").Label(t); return ok })
	c.longText("message", "Scrivi il tuo messaggio")
	email, phone := c.in["email"], c.in["phone"]
	if IsBlank(email) && IsBlank(phone) {
		c.fail("email", "Inserisci un indirizzo email o un numero di telefono, così possiamo risponderti")
	} else {
		c.email("email", false)
		c.phone("phone", false)
	}
	c.yes("privacy", msgPrivacy)
	return c
}

// topicLabel returns the words of a contact topic, the ones staff read in the mail; "" for an unknown topic.
func topicLabel(topic string) string {
	l, _ := formContact.Field("topic").Label(topic)
	return l
}

// typed returns what was typed in the visible fields, fit to show again (never hidden fields or the honeypot).
func typed(in map[string]string, fields []string) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		if v, ok := in[f]; ok {
			out[f] = strings.ToValidUTF8(v, "\uFFFD")
		}
	}
	return out
}

// sortErrors puts errors in the order of fields (errors about the whole request, or unknown fields, first).
func sortErrors(errs []theme.FieldError, fields []string) {
	pos := func(f string) int {
		for i, n := range fields {
			if n == f {
				return i
			}
		}
		return -1
	}
	sort.SliceStable(errs, func(i, j int) bool { return pos(errs[i].Field) < pos(errs[j].Field) })
}
