package forms

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"quartieri/internal/codicefiscale"
	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
)

// storeTimeout bounds the storing and mailing of one submission, which go on even if the client goes away.
const storeTimeout = 25 * time.Second

// postApplication handles POST {apiBase}/applications (see the package doc for every step).
func (s *server) postApplication(w http.ResponseWriter, r *http.Request) {
	arrived, now := s.wall(), s.cfg.Now()
	f := formApplications
	if !s.guard(w, r, f) {
		return
	}
	d, rerr := decodeApplication(w, r)
	// The call's id is normalised once, here: the window check, the validation and the record all see this value.
	callID := strings.TrimSpace(d.values["call"])
	if _, ok := d.values["call"]; ok {
		d.values["call"] = callID
	}
	st := formState{values: typed(d.values, f.Names()), idem: validIdem(d.values["_idem"]), callID: callID}
	if rerr != nil {
		s.log.Info("application refused", "status", rerr.status)
		s.failWith(w, r, f, rerr, st)
		return
	}
	known, open := s.callOpen(callID, now)
	if known != nil && !open {
		s.log.Info("application refused", "status", http.StatusForbidden, "reason", "call not open")
		s.failWith(w, r, f, callClosed(known, now), st)
		return
	}
	c := checkApplication(s.site, d.values)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeTimeout)
	defer cancel()
	cv, cvErr := s.resolveCV(ctx, d, &st)
	if cvErr == errStore {
		s.failWith(w, r, f, errStore, st)
		return
	}
	if cvErr != nil {
		c.errs = append(c.errs, theme.FieldError{Field: "cv", Message: cvErr.message})
	}
	checkApplicationBoxes(c)
	if len(c.errs) > 0 {
		if cv != nil && st.uploadedRef == "" && known != nil {
			s.keepCV(ctx, cv, &st)
		}
		st.errs = c.errs
		s.log.Info("application refused", "status", http.StatusUnprocessableEntity, "errors", len(c.errs))
		s.fail(w, r, f, http.StatusUnprocessableEntity, st)
		return
	}
	// The window is checked again on the value that will be stored, at the time of storing: the instant of
	// arrival (simulated under -now) plus the real time the upload took. No path reaches the store without it.
	storing := now.Add(s.wall().Sub(arrived))
	call, open := s.callOpen(c.values["call"], storing)
	if call == nil || !open || call.ID != callID {
		s.log.Info("application refused", "status", http.StatusForbidden, "reason", "call not open at storing")
		e := &requestError{http.StatusUnprocessableEntity, "call", msgUnknownCall}
		if call != nil {
			e = callClosed(call, storing)
		}
		s.failWith(w, r, f, e, st)
		return
	}
	a := s.newApplication(c.values, cv, now, s.signals(f, d.values))
	key := a.idempotencyKey(d.values["_idem"])
	status, err := s.storeApplication(ctx, key, s.claimExpires(d.values["_idem"], s.retentionDays(f)),
		latest(a.ExpiresAt, s.wall().AddDate(0, 0, s.retentionDays(f))), a, cv.data)
	if err != nil {
		s.failWith(w, r, f, errStore, st)
		return
	}
	if status == http.StatusCreated {
		s.mailApplication(ctx, a, call)
	}
	s.succeed(w, r, f, status, a.Receipt, call.ID, "")
}

// storeApplication runs the durable steps and returns 201 (stored now) or 200 (stored before).
// claimEnds is when the key's claim ends, keepUntil when the receipt's reservation does once the record is
// stored (not before the record).
func (s *server) storeApplication(ctx context.Context, key string, claimEnds, keepUntil time.Time, a *Application, cv []byte) (int, error) {
	r, err := s.reserveReceipt(ctx, key)
	if err != nil {
		return s.storeFailed("reserve", "", err)
	}
	a.Receipt = r
	bound, fresh, err := s.cfg.Records.Claim(ctx, key, a.Receipt, claimEnds)
	if err != nil {
		return s.storeFailed("claim", a.Receipt, err)
	}
	if !fresh {
		prior, ok, err := s.cfg.Records.GetApplication(ctx, bound)
		if err != nil {
			return s.storeFailed("get", bound, err)
		}
		if ok {
			s.healLatest(ctx, prior)
			s.log.Info("application repeated", "receipt", bound)
			*a = *prior
			return http.StatusOK, nil
		}
		a.Receipt = bound // an earlier attempt failed halfway: finish its job
	}
	a.CVKey = "cv/" + a.Call + "/" + a.Receipt + ".pdf"
	if err := s.cfg.Files.Put(ctx, a.CVKey, "application/pdf", cv); err != nil {
		return s.storeFailed("cv", a.Receipt, err)
	}
	prev, err := s.latestOf(ctx, a.Call, a.TaxCode)
	if err != nil {
		return s.storeFailed("latest", a.Receipt, err)
	}
	if prev != a.Receipt {
		a.Supersedes = prev
	}
	if err := s.bindReceipt(ctx, key, a.Receipt, keepUntil); err != nil {
		return s.storeFailed("bind", a.Receipt, err)
	}
	if err := s.cfg.Records.PutApplication(ctx, a); errors.Is(err, ErrExists) {
		// The receipt is reserved for this key: the record is a concurrent twin's. Check it all the same: never
		// show a candidate another person's receipt.
		prior, ok, err := s.cfg.Records.GetApplication(ctx, a.Receipt)
		if err != nil {
			return s.storeFailed("get", a.Receipt, err)
		}
		if !ok || prior.Call != a.Call || prior.TaxCode != a.TaxCode || prior.CVSHA256 != a.CVSHA256 {
			return s.storeFailed("record", a.Receipt, errors.New("the receipt holds another application"))
		}
		s.log.Info("application repeated", "receipt", a.Receipt)
		*a = *prior
		return http.StatusOK, nil
	} else if err != nil {
		return s.storeFailed("record", a.Receipt, err)
	}
	replaced, err := s.cfg.Records.SetLatest(ctx, a.Call, codicefiscale.Person(a.TaxCode), a.Receipt)
	if err != nil {
		return s.storeFailed("set-latest", a.Receipt, err)
	}
	if replaced != "" && replaced != prev && replaced != a.Receipt {
		s.log.Warn("latest application raced", "receipt", a.Receipt, "replaced", replaced, "supersedes", prev)
	}
	s.log.Info("application stored", "receipt", a.Receipt, "supersedes", a.Supersedes, "suspect", len(a.Suspect) > 0)
	return http.StatusCreated, nil
}

func (s *server) storeFailed(step, ref string, err error) (int, error) {
	s.log.Error("store failed", "step", step, "ref", ref, "err", oneLine(err.Error(), 200))
	return http.StatusServiceUnavailable, err
}

// healLatest makes a stored application the latest of its codice fiscale if an earlier attempt failed after
// storing it and no later one has taken its place.
func (s *server) healLatest(ctx context.Context, a *Application) {
	cur, err := s.latestOf(ctx, a.Call, a.TaxCode)
	if err != nil || cur == a.Receipt {
		return
	}
	if cur != "" {
		if other, ok, err := s.cfg.Records.GetApplication(ctx, cur); err != nil || (ok && !other.SubmittedAt.Before(a.SubmittedAt)) {
			return
		}
	}
	if _, err := s.cfg.Records.SetLatest(ctx, a.Call, codicefiscale.Person(a.TaxCode), a.Receipt); err == nil {
		s.log.Info("latest repaired", "receipt", a.Receipt)
	}
}

func (s *server) newApplication(v map[string]string, cv *upload, now time.Time, suspect []string) *Application {
	sum := sha256.Sum256(cv.data)
	days := s.retentionDays(formApplications)
	return &Application{
		Receipt: s.newReceipt(), Call: v["call"], GivenName: v["given_name"], FamilyName: v["family_name"],
		TaxCode: v["tax_code"], Email: v["email"], Phone: v["phone"], Education: v["education"],
		Message: v["message"], Declaration: true, Privacy: true, CVName: cv.name, CVSize: int64(len(cv.data)),
		CVSHA256: hex.EncodeToString(sum[:]), SubmittedAt: now, Suspect: suspect,
		ExpiresAt: s.retainUntil(days),
	}
}

// callOpen returns the call with that id (nil if there is none) and whether it takes applications at now.
func (s *server) callOpen(id string, now time.Time) (*siteconfig.Call, bool) {
	call, ok := s.site.Call(id)
	if !ok || call == nil {
		return nil, false
	}
	return call, call.StatusAt(now) == siteconfig.Open
}

// callClosed is the 403 message with the call's dates.
func callClosed(c *siteconfig.Call, now time.Time) *requestError {
	msg := "Il bando è chiuso. La scadenza era " + theme.DeadlineIT(c.Closes) + ": non è più possibile inviare la candidatura"
	if c.StatusAt(now) == siteconfig.NotYetOpen {
		msg = "Il bando non è ancora aperto: puoi inviare la candidatura da " + theme.DeadlineIT(*c.Opens) +
			" a " + theme.DeadlineIT(c.Closes)
	}
	return &requestError{http.StatusForbidden, "call", msg}
}
