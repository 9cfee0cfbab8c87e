package forms

import (
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"quartieri/internal/formdef"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

// Config is what the handlers need. Site, Theme, Records, Files (applications only) and Mailer are required;
// the rest has defaults.
type Config struct {
	Site *siteconfig.Site
	// Theme renders the HTML error and confirmation pages; if nil, the site's theme embedded in package themes.
	Theme   *theme.Theme
	Records Records
	Files   Files
	Mailer  Mailer
	// Now is the clock (default time.Now); `generator serve -now` fixes it.
	Now func() time.Time
	// Secret is the HMAC key of time tokens and kept-CV references; if nil a random one is made (see the
	// package doc for what that costs on Lambda).
	Secret []byte
	// Logger gets JSON logs without personal data (default: JSON to stderr).
	Logger *slog.Logger
	// TrustedProxies is how many proxies in front append to X-Forwarded-For (0: use RemoteAddr).
	TrustedProxies int
}

// server holds what the routes share.
type server struct {
	cfg       Config
	site      *siteconfig.Site
	base      string // apiBase as written: form actions and redirects
	route     string // its path: the prefix of the routes
	log       *slog.Logger
	secret    []byte
	ephemeral bool // secret was made here: bad signatures are not proof of forgery
	limits    *limiter
	// wall is the real clock, for time tokens, kept CVs and rate limits: `-now` moves deadlines, not these.
	wall func() time.Time
	// retryDelay is the pause before a failed mail is tried again.
	retryDelay time.Duration
	spam       *spamCounter
	// newReceipt draws a receipt or ticket number (tests replace it to force collisions).
	newReceipt func() string

	msgOnce sync.Once   // msgKeys is made on first use (see lang.go)
	msgKeys []messageRE // the theme's Italian error messages, to answer in a page's language
}

func newServer(cfg Config) *server {
	s := &server{cfg: cfg, site: cfg.Site, secret: cfg.Secret, log: cfg.Logger, wall: time.Now,
		retryDelay: 200 * time.Millisecond, newReceipt: newReceipt}
	if s.cfg.Theme == nil {
		th, err := theme.Load(themes.FS, cfg.Site.Theme)
		if err != nil {
			panic("forms: no theme: " + err.Error())
		}
		s.cfg.Theme = th
	}
	if s.cfg.Now == nil {
		s.cfg.Now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		rand.Read(s.secret)
		s.ephemeral = true
	}
	s.base = cfg.Site.APIBase
	s.route = s.base // apiBase may be a full URL (https://api.example.it/api): routes match its path
	if u, err := url.Parse(s.base); err == nil && u.Host != "" {
		s.route = u.Path
	}
	s.limits = newLimiter(cfg.Site.Limits.Requests, cfg.Site.Limits.Window, 10000)
	s.spam = &spamCounter{}
	return s
}

// NewApplications returns the handler of POST {apiBase}/applications and its GET sub-routes.
func NewApplications(cfg Config) http.Handler {
	mux := http.NewServeMux()
	newServer(cfg).mountApplications(mux)
	return mux
}

// NewContact returns the handler of POST {apiBase}/contact and its GET sub-routes.
func NewContact(cfg Config) http.Handler {
	mux := http.NewServeMux()
	newServer(cfg).mountContact(mux)
	return mux
}

// NewAPI returns one handler for both forms, under the site's apiBase, with one rate limiter for both.
func NewAPI(cfg Config) http.Handler {
	mux := http.NewServeMux()
	s := newServer(cfg)
	s.mountApplications(mux)
	s.mountContact(mux)
	return mux
}

func (s *server) mountApplications(mux *http.ServeMux) {
	mux.HandleFunc("POST "+s.route+"/applications", s.postApplication)
	mux.HandleFunc("GET "+s.route+"/applications/token", s.getToken)
	mux.HandleFunc("GET "+s.route+"/applications/ricevuta", s.getReceipt(formApplications))
	s.mountOthers(mux, formApplications)
}

func (s *server) mountContact(mux *http.ServeMux) {
	mux.HandleFunc("POST "+s.route+"/contact", s.postContact)
	mux.HandleFunc("GET "+s.route+"/contact/token", s.getToken)
	mux.HandleFunc("GET "+s.route+"/contact/ricevuta", s.getReceipt(formContact))
	s.mountOthers(mux, formContact)
}

func (s *server) getToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"token": s.newToken(s.wall())})
}

// The two forms, as defined in internal/formdef.
var (
	formApplications = formdef.Application
	formContact      = formdef.Contact
)
