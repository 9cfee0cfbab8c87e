// Package formdef is the one definition of the site's two forms: each form's name, theme layout, page titles and
// default page, and its fields in page order with their name, the words messages use for them, their length
// limit and the options of a radios field.
//
// The form backend (internal/forms) validates, sorts errors and words its 413 answers from it; the theme
// (internal/theme) links the error summary to its visible fields and gives it to the templates, which take each
// field's limit and options from it ({{$f.Field "message"}}). Adding a field to a form is adding it here, then
// to the form's layout; tests fail while a layout shows a field that is not here, or not with the limit written
// here. Field names are part of the HTTP API (ARCHITECTURE.md, "Field names are part of the API").
//
// It is a leaf: it imports nothing of the project, so that both the backend and the theme can import it.
package formdef

// Form is one of the site's forms.
type Form struct {
	// Name is the form's route under the API base and the theme's form name: "applications" or "contact".
	Name string
	// Layout is the theme layout of the form page, and the layout the form's content page uses.
	Layout string
	// Title is the form page's title; DoneTitle the confirmation page's.
	Title, DoneTitle string
	// DefaultURL is the form page's address when no call names another.
	DefaultURL string
	// Fields are the fields the form sends, in page order: errors are shown in this order.
	Fields []Field
}

// Field is one field of a form.
type Field struct {
	// Name is the field's name in the request and its id on the page.
	Name string
	// What is how messages name the field, as the subject of a sentence: "Il nome".
	What string
	// Max is the most characters the field takes; 0 when only the body limit bounds it.
	Max int
	// Hidden is true for a field the page sends without showing it: errors about it get no link.
	Hidden bool
	// Options are the values a radios field takes, with the words the page and staff read.
	Options []Option
}

// Option is one value of a radios field.
type Option struct {
	Value, Label string
}

// Text limits, in characters.
const (
	maxName      = 100
	maxEmail     = 254
	maxEducation = 2000
	maxMessage   = 3000
)

// Application is the application form of a call.
var Application = &Form{
	Name: "applications", Layout: "application", DefaultURL: "/lavora-con-noi/candidatura/",
	Title: "Candidatura per operatore di quartiere", DoneTitle: "Candidatura inviata",
	Fields: []Field{
		{Name: "call", Hidden: true},
		{Name: "given_name", What: "Il nome", Max: maxName},
		{Name: "family_name", What: "Il cognome", Max: maxName},
		{Name: "tax_code", What: "Il codice fiscale"},
		{Name: "email", What: "L'indirizzo email", Max: maxEmail},
		{Name: "phone", What: "Il numero di telefono"},
		{Name: "cv"},
		{Name: "education", What: "Il titolo di studio", Max: maxEducation},
		{Name: "message", What: "Il messaggio", Max: maxMessage},
		{Name: "declaration"},
		{Name: "privacy"},
	},
}

// Contact is the form tenants write to their neighbourhood's community manager with.
var Contact = &Form{
	Name: "contact", Layout: "contact", DefaultURL: "/contatti/",
	Title: "Scrivi all'operatore di quartiere", DoneTitle: "Messaggio inviato",
	Fields: []Field{
		{Name: "name", What: "Il nome", Max: maxName},
		{Name: "town"},
		{Name: "topic", Options: []Option{
			{"social", "Problemi sociali o familiari"},
			{"administrative", "Pratiche e documenti"},
			{"technical", "Guasti e problemi della casa"},
			{"payments", "Non riesco a pagare affitto o bollette"},
		}},
		{Name: "message", What: "Il messaggio", Max: maxMessage},
		{Name: "email", What: "L'indirizzo email", Max: maxEmail},
		{Name: "phone", What: "Il numero di telefono"},
		{Name: "privacy"},
	},
}

// Forms are the site's forms.
var Forms = []*Form{Application, Contact}

// ByName returns the form named name ("applications" or "contact"), or nil.
func ByName(name string) *Form {
	for _, f := range Forms {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// ByLayout returns the form whose page uses layout, or nil.
func ByLayout(layout string) *Form {
	for _, f := range Forms {
		if f.Layout == layout {
			return f
		}
	}
	return nil
}

// Field returns the form's field named name, or nil. A nil form has no fields.
func (f *Form) Field(name string) *Field {
	if f == nil {
		return nil
	}
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			return &f.Fields[i]
		}
	}
	return nil
}

// Names returns the names of the form's fields, in page order.
func (f *Form) Names() []string {
	out := make([]string, len(f.Fields))
	for i, fd := range f.Fields {
		out[i] = fd.Name
	}
	return out
}

// Label returns the words of a radios field's value, and whether the value is one of its options.
func (fd *Field) Label(value string) (string, bool) {
	for _, o := range fd.Options {
		if o.Value == value {
			return o.Label, true
		}
	}
	return "", false
}
