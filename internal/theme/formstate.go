package theme

import (
	"strings"

	"quartieri/internal/formdef"
	"quartieri/internal/siteconfig"
)

// FormState returns the page's form, never nil: on a built page without one it is an empty form whose name,
// action and call come from the page (layout "application" posts to APIBase/applications, "contact" to
// APIBase/contact).
func (d *PageData) FormState() *Form {
	f := Form{}
	if d.Form != nil {
		f = *d.Form
	}
	if f.Name == "" {
		f.Name = d.formName()
	}
	if f.Action == "" && f.Name != "" && d.Site != nil {
		f.Action = FormAction(d.Site, f.Name)
	}
	if f.Call == nil && f.Name == "applications" {
		f.Call = d.call()
	}
	if f.Lang == "" {
		f.Lang = d.formLang()
	}
	return &f
}

// HasErrors reports whether the page shows a form with errors (its title then starts with "Errore: ").
func (d *PageData) HasErrors() bool { return d.Form != nil && len(d.Form.Errors) > 0 }

func (d *PageData) formName() string {
	if d.Page == nil {
		return ""
	}
	if f := formdef.ByLayout(d.Page.Layout); f != nil {
		return f.Name
	}
	if d.Page.Call != nil {
		return formdef.Application.Name
	}
	return ""
}

// call finds the call an application page is for: the page's own, else the call whose applyPage is this page,
// else the only call of the site.
func (d *PageData) call() *siteconfig.Call {
	if d.Page != nil && d.Page.Call != nil {
		return d.Page.Call
	}
	if d.Site == nil {
		return nil
	}
	for i := range d.Site.Calls {
		if d.Page != nil && d.Site.Calls[i].ApplyPage == d.Page.URL {
			return &d.Site.Calls[i]
		}
	}
	if len(d.Site.Calls) == 1 {
		return &d.Site.Calls[0]
	}
	return nil
}

// Anchor returns "#field" when field is a visible field of the form (internal/formdef), the target of its link
// in the error summary; "" otherwise. An error about any other field (a missing token, a closed call) is shown
// in the error summary without a link.
func (f *Form) Anchor(field string) string {
	if d := f.Field(field); d != nil && !d.Hidden {
		return "#" + field
	}
	return ""
}

// Field returns the definition of the form's field named name: its limit ({{($f.Field "message").Max}}) and
// options; nil when the form has no such field.
func (f *Form) Field(name string) *formdef.Field {
	if f == nil {
		return nil
	}
	return formdef.ByName(f.Name).Field(name)
}

// Checked reports whether value was chosen in a radios or checkbox field.
func (f *Form) Checked(field, value string) bool { return f != nil && f.Values[field] == value }

// FormAction is the address form name ("applications" or "contact") posts to: apiBase/name.
func FormAction(s *siteconfig.Site, name string) string { return s.APIBase + "/" + name }

// Menu returns the menu entries as links, with the entries for url marked current: the page itself and the
// sections it is in (the home entry only on the home page). Pages and the forms' own pages use it alike.
func Menu(entries []siteconfig.Menu, url string) []Link { return MenuAt(entries, "/", url) }

// MenuAt is Menu on a page whose language's home page is home ("/ar/" for Arabic): that entry, like "/", is
// current only on the home page itself.
func MenuAt(entries []siteconfig.Menu, home, url string) []Link {
	out := make([]Link, len(entries))
	for i, e := range entries {
		cur := e.URL == url || (e.URL != "/" && e.URL != home && strings.HasSuffix(e.URL, "/") && strings.HasPrefix(url, e.URL))
		out[i] = Link{Name: e.Name, URL: e.URL, Current: cur}
	}
	return out
}
