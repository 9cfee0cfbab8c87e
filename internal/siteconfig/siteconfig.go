// Package siteconfig reads site.yaml, the one file that holds everything a staff member may change. The generator
// (pages) and the form functions (validation, deadlines, mail) read the same file; the Lambda package ships it
// beside bootstrap.
//
// # Keys
//
// Each key, what it means, and its value when left out (set by setDefaults, here and nowhere else):
//
//	title                  the site's name, in the header and in every page title (required)
//	description            one sentence about the site, for search engines and the home page
//	baseURL                the public address, https://.../ (links in sitemap, feed, mails; the Origin check)
//	language               the site's language (default it)
//	theme                  the folder under themes/ (default quartiere)
//	apiBase                where the form API is: a path of the site or a full URL (default /api)
//	organization           name, url, address of the body that runs the service; funder: who pays for it
//	mail.from              the sender of every mail, an address verified in Amazon SES
//	mail.staff             the staff mailbox: notices of new applications, Reply-To of supersede notices
//	calls[]                the calls for applications:
//	  id                     the call's identifier, posted by the form as "call"
//	  title, page, applyPage the call's name, its page and the page with its form
//	  opens, closes          the window (RFC 3339 with the offset); without opens the call is open until closes,
//	                         inclusive to the minute
//	  lastDays               how many days before closes count as the last days (default 7)
//	  positions              how many people are hired
//	  fullTextURL            the full call text on the publisher's site
//	  results                what happens after closing (the results, when known)
//	presidi[]              the listening points: id (posted as "town"), town, page, address, hours, phone, email
//	                       (the mailbox that gets that town's messages)
//	menus.main[]           the main menu: name, url, weight (sorted by weight)
//	limits                 requests per window for each client address (default 60 per 10m)
//	retention              days records are kept: applicationsDays (default 730), contactDays (default 365)
//	privacy                controller, contact, dpo: named in the privacy notice
//	accessibility          statementURL (the statement on AgID's form service), feedback (the address for
//	                       accessibility problems), ombudsmanURL (the Difensore civico digitale's page)
//
// An unknown key, a wrong type or a bad date is an error that names site.yaml's line, in Italian, with the
// nearest known key.
//
// # Placeholders
//
// Values the press release does not give (addresses, opening hours, mailboxes, phone numbers) are placeholders:
// any string containing "DA COMPLETARE" (any case, with a space, dot, dash or underscore between the words), or
// an address under the reserved .invalid domain (da-completare@example.invalid). Placeholders lists them so that
// `generator check` can report them and `generator deploy` can refuse to publish them.
package siteconfig

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Site is the decoded site.yaml.
type Site struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"baseURL"`
	Language    string `yaml:"language"`
	// Languages lists the site's languages when pages are translated (see Language).
	Languages    []Language        `yaml:"languages"`
	Theme        string            `yaml:"theme"`
	APIBase      string            `yaml:"apiBase"`
	Organization Organization      `yaml:"organization"`
	Mail         Mail              `yaml:"mail"`
	Calls        []Call            `yaml:"calls"`
	Presidi      []Presidio        `yaml:"presidi"`
	Menus        map[string][]Menu `yaml:"menus"`
	Limits       Limits            `yaml:"limits"`
	Retention    Retention         `yaml:"retention"`
	Privacy      Privacy           `yaml:"privacy"`
	// Accessibility holds the links the footer needs by law (Legge 4/2004, AgID guidelines).
	Accessibility Accessibility `yaml:"accessibility"`
	// Logos are the logos shown beside the EU emblem (Regulation (EU) 2021/1060, Annex IX), in this order.
	Logos []Logo `yaml:"logos"`

	languageLine, languagesLine int // where language: and languages: are written, for errors
}

// Logo is the logo of a body that runs or funds the project. Its image comes from its owner: until staff put
// the file in the theme's static folder, File is a placeholder and the theme shows no image for it.
type Logo struct {
	// File is the image's path on the site, e.g. /img/loghi/regione-lombardia.svg
	// (themes/quartiere/static/img/loghi/regione-lombardia.svg).
	File string `yaml:"file"`
	// Alt names the body, as the image's text alternative.
	Alt string `yaml:"alt"`
}

// Organization is the body that runs the service; it feeds the schema.org GovernmentOrganization data.
type Organization struct {
	Name    string `yaml:"name"`
	URL     string `yaml:"url"`
	Funder  string `yaml:"funder"`
	Address string `yaml:"address"`
}

// Mail holds the sender and the staff mailbox that gets notices of new applications.
type Mail struct {
	From  string `yaml:"from"`
	Staff string `yaml:"staff"`
}

// Call is a public call for applications with its window.
type Call struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Page is the URL of the page that describes the call, e.g. /lavora-con-noi/bando-community-manager/.
	Page string `yaml:"page"`
	// ApplyPage is the URL of the page with the application form.
	ApplyPage string `yaml:"applyPage"`
	// Opens is optional: without it the call is open from the start until Closes.
	Opens *time.Time `yaml:"opens"`
	// Closes is the last minute in which an application is in time, inclusive: 23:59 means until 23:59:59.999.
	Closes    time.Time `yaml:"closes"`
	Positions int       `yaml:"positions"`
	// LastDays is how many days before the deadline the call is in its last days (default 7): pages may then say
	// that little time is left.
	LastDays int `yaml:"lastDays"`
	// FullTextURL is the address of the call's full text on the organization's site.
	FullTextURL string `yaml:"fullTextURL"`
	// Results says what happens after the deadline (selection, where and when the results are published); pages
	// show it once the call is closed.
	Results string `yaml:"results"`
}

// Presidio is a local listening point with the mailbox that gets the tenants' messages for its town.
type Presidio struct {
	ID      string `yaml:"id"`
	Town    string `yaml:"town"`
	Address string `yaml:"address"`
	Hours   string `yaml:"hours"`
	Phone   string `yaml:"phone"`
	Email   string `yaml:"email"`
	Page    string `yaml:"page"`
}

// Menu is one entry of a navigation menu.
type Menu struct {
	Name   string `yaml:"name"`
	URL    string `yaml:"url"`
	Weight int    `yaml:"weight"`
}

// Limits sets the per-address rate limit of the form API. It is generous on purpose: a Caritas office or a
// library may send many tenants' messages from one address.
type Limits struct {
	Requests int           `yaml:"requests"`
	Window   time.Duration `yaml:"window"`
}

// Retention says how long data is kept, as stated in the privacy notice and enforced by TTL.
type Retention struct {
	ApplicationsDays int `yaml:"applicationsDays"`
	ContactDays      int `yaml:"contactDays"`
}

// Privacy holds the data controller's details for the GDPR art. 13 notice.
type Privacy struct {
	Controller string `yaml:"controller"`
	Contact    string `yaml:"contact"`
	DPO        string `yaml:"dpo"`
}

// Accessibility holds the AgID accessibility statement link, the feedback address and the page of AgID that
// explains how to turn to the Difensore civico per il digitale when the feedback gets no satisfactory answer.
type Accessibility struct {
	StatementURL string `yaml:"statementURL"`
	Feedback     string `yaml:"feedback"`
	OmbudsmanURL string `yaml:"ombudsmanURL"`
}

// Rome is the time zone of every deadline.
var Rome = mustRome()

func mustRome() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic(err) // time/tzdata is embedded by the commands that use this package
	}
	return loc
}

// Load reads and checks site.yaml from fsys. Errors name the file and line.
func Load(fsys fs.FS) (*Site, error) {
	data, err := fs.ReadFile(fsys, "site.yaml")
	if err != nil {
		return nil, fmt.Errorf("site.yaml: impossibile leggere il file: %w", err)
	}
	return Parse(data)
}

// Parse decodes site.yaml bytes. Unknown keys are errors. Mistakes are explained in plain Italian, one per
// line, each as "site.yaml:LINE: message" with the nearest known key for a misspelt one (see explain).
func Parse(data []byte) (*Site, error) {
	var s Site
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, explain(data, err)
	}
	s.setDefaults()
	s.findLanguageLines(data)
	if err := s.validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// setDefaults gives every key left out of site.yaml its value, here and nowhere else: the package doc lists them.
func (s *Site) setDefaults() {
	s.Theme = cmp.Or(s.Theme, "quartiere")
	s.APIBase = strings.TrimSuffix(cmp.Or(s.APIBase, "/api"), "/")
	s.Language = cmp.Or(s.Language, "it")
	s.Limits.Requests = cmp.Or(s.Limits.Requests, 60)
	s.Limits.Window = cmp.Or(s.Limits.Window, 10*time.Minute)
	s.Retention.ApplicationsDays = cmp.Or(s.Retention.ApplicationsDays, 730)
	s.Retention.ContactDays = cmp.Or(s.Retention.ContactDays, 365)
	for i := range s.Calls {
		s.Calls[i].LastDays = cmp.Or(s.Calls[i].LastDays, 7)
	}
	for _, m := range s.Menus {
		sort.SliceStable(m, func(i, j int) bool { return m[i].Weight < m[j].Weight })
	}
}

func (s *Site) validate() error {
	var errs []error
	if s.Title == "" {
		errs = append(errs, errors.New("site.yaml: manca il titolo del sito (title)"))
	}
	if !validAPIBase(s.APIBase) {
		errs = append(errs, fmt.Errorf("site.yaml: apiBase %q non è valido: scrivi un percorso del sito, per esempio "+
			"/api, oppure un indirizzo completo, per esempio https://api.esempio.it/api", s.APIBase))
	}
	errs = append(errs, s.validateLanguages()...)
	seen := map[string]bool{}
	for i, c := range s.Calls {
		if c.ID == "" {
			errs = append(errs, fmt.Errorf("site.yaml: il bando numero %d non ha un id", i+1))
		}
		if seen[c.ID] {
			errs = append(errs, fmt.Errorf("site.yaml: due bandi hanno lo stesso id %q", c.ID))
		}
		seen[c.ID] = true
		if c.Closes.IsZero() {
			errs = append(errs, fmt.Errorf("site.yaml: il bando %q non ha la data di chiusura (closes), per esempio 2025-04-28T23:59:00+02:00", c.ID))
		}
		if c.Opens != nil && !c.Closes.IsZero() && !c.Opens.Before(c.Closes) {
			errs = append(errs, fmt.Errorf("site.yaml: il bando %q apre (opens) dopo la chiusura (closes)", c.ID))
		}
	}
	for i, l := range s.Logos {
		if l.Alt == "" {
			errs = append(errs, fmt.Errorf("site.yaml: il logo numero %d non ha il testo alternativo (alt), per esempio \"Regione Lombardia\"", i+1))
		}
		if l.File != "" && !IsPlaceholder(l.File) && !strings.HasPrefix(l.File, "/") {
			errs = append(errs, fmt.Errorf("site.yaml: il file del logo %q deve essere un percorso del sito, per esempio /img/loghi/logo.svg", l.Alt))
		}
	}
	for i, p := range s.Presidi {
		if p.ID == "" || p.Town == "" {
			errs = append(errs, fmt.Errorf("site.yaml: il presidio numero %d deve avere id e town", i+1))
		}
	}
	return errors.Join(errs...)
}

// validAPIBase accepts a path of the site ("/api": CloudFront sends /api/* to API Gateway, as ARCHITECTURE.md plans) or
// an absolute http(s) URL, each with a clean path and no query.
func validAPIBase(v string) bool {
	u, err := url.Parse(v)
	if err != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && path.Clean(u.Path) != u.Path) {
		return false
	}
	if u.Scheme == "" && u.Host == "" {
		return strings.HasPrefix(u.Path, "/")
	}
	return (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// Call returns the call with the given id.
func (s *Site) Call(id string) (*Call, bool) {
	for i := range s.Calls {
		if s.Calls[i].ID == id {
			return &s.Calls[i], true
		}
	}
	return nil, false
}

// Presidio returns the presidio with the given id (the contact form's `town` value).
func (s *Site) Presidio(id string) (*Presidio, bool) {
	for i := range s.Presidi {
		if s.Presidi[i].ID == id {
			return &s.Presidi[i], true
		}
	}
	return nil, false
}

// Deadline is the first instant that is late: the minute after Closes.
func (c *Call) Deadline() time.Time {
	return c.Closes.Truncate(time.Minute).Add(time.Minute)
}

// ClosingFrom is the first instant of the call's last days: LastDays days before Deadline.
func (c *Call) ClosingFrom() time.Time { return c.Deadline().AddDate(0, 0, -c.LastDays) }

// Status of a call at an instant.
type Status int

// The statuses a call goes through.
const (
	NotYetOpen Status = iota
	Open
	Closed
)

// StatusAt tells whether the call takes applications at now.
func (c *Call) StatusAt(now time.Time) Status {
	switch {
	case c.Opens != nil && now.Before(*c.Opens):
		return NotYetOpen
	case now.Before(c.Deadline()):
		return Open
	default:
		return Closed
	}
}

// placeholderRE matches a "DA COMPLETARE" mark, and a host name under .invalid, the top-level domain reserved
// for names that never resolve (RFC 6761): da-completare@example.invalid, https://x.example.invalid/.
var placeholderRE = regexp.MustCompile(`(?i)da[ ._-]completare|[a-z0-9-]\.invalid\b`)

// IsPlaceholder reports whether s is a marked placeholder: "DA COMPLETARE", or an address under .invalid.
func IsPlaceholder(s string) bool { return placeholderRE.MatchString(s) }

// Placeholders returns the site.yaml values that are still placeholders, as "site.yaml:LINE: key: value", in the order of the file.
func Placeholders(data []byte) []string {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil {
		return nil
	}
	var out []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], strings.TrimPrefix(path+"."+n.Content[i].Value, "."))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.ScalarNode:
			if IsPlaceholder(n.Value) {
				out = append(out, fmt.Sprintf("site.yaml:%d: %s: %s", n.Line, path, n.Value))
			}
		}
	}
	walk(&root, "")
	return out
}
