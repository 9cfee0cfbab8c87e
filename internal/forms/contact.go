package forms

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// postContact handles POST {apiBase}/contact.
func (s *server) postContact(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Now()
	f := formContact
	if !s.guard(w, r, f) {
		return
	}
	d, rerr := decodeContact(w, r)
	st := formState{values: typed(d.values, f.Names()), idem: validIdem(d.values["_idem"]), lang: s.formLang(d.values)}
	if rerr != nil {
		s.log.Info("message refused", "status", rerr.status)
		s.failWith(w, r, f, rerr, st)
		return
	}
	c := checkContact(s.site, d.values)
	if len(c.errs) > 0 {
		st.errs = c.errs
		s.log.Info("message refused", "status", http.StatusUnprocessableEntity, "errors", len(c.errs))
		s.fail(w, r, f, http.StatusUnprocessableEntity, st)
		return
	}
	v := c.values
	days := s.retentionDays(f)
	m := &Message{Ticket: s.newReceipt(), Name: v["name"], Town: v["town"], Topic: v["topic"], Email: v["email"],
		Phone: v["phone"], Message: v["message"], Privacy: true, Urgent: v["topic"] == "payments",
		SubmittedAt: now, Suspect: s.signals(f, d.values), ExpiresAt: s.retainUntil(days), Lang: st.lang}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeTimeout)
	defer cancel()
	key := m.idempotencyKey(d.values["_idem"])
	status, err := s.storeMessage(ctx, key, s.claimExpires(d.values["_idem"], s.retentionDays(f)),
		latest(m.ExpiresAt, s.wall().AddDate(0, 0, s.retentionDays(f))), m)
	if err != nil {
		s.failWith(w, r, f, errContactStore, st)
		return
	}
	if status == http.StatusCreated && len(m.Suspect) == 0 {
		p, _ := s.site.Presidio(m.Town)
		s.mailContact(ctx, m, p)
	}
	s.succeed(w, r, f, status, m.Ticket, "", st.lang)
}

// storeMessage claims the key and stores m; 201 if stored now, 200 if it was stored before.
// claimEnds is when the key's claim ends, keepUntil when the ticket's reservation does once the message is
// stored (not before the record).
func (s *server) storeMessage(ctx context.Context, key string, claimEnds, keepUntil time.Time, m *Message) (int, error) {
	t, err := s.reserveReceipt(ctx, key)
	if err != nil {
		return s.storeFailed("reserve", "", err)
	}
	m.Ticket = t
	bound, _, err := s.cfg.Records.Claim(ctx, key, m.Ticket, claimEnds)
	if err != nil {
		return s.storeFailed("claim", m.Ticket, err)
	}
	m.Ticket = bound
	if err := s.bindReceipt(ctx, key, m.Ticket, keepUntil); err != nil {
		return s.storeFailed("bind", m.Ticket, err)
	}
	err = s.cfg.Records.PutMessage(ctx, m)
	if errors.Is(err, ErrExists) { // the ticket is reserved for this key: a concurrent twin stored it
		s.log.Info("message repeated", "ticket", m.Ticket)
		return http.StatusOK, nil
	}
	if err != nil {
		return s.storeFailed("record", m.Ticket, err)
	}
	s.log.Info("message stored", "ticket", m.Ticket, "urgent", m.Urgent, "suspect", len(m.Suspect) > 0)
	return http.StatusCreated, nil
}
