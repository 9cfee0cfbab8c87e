package forms

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
)

var (
	errCVMissing = &requestError{http.StatusUnprocessableEntity, "cv", "Seleziona il tuo CV"}
	errCVGone    = &requestError{http.StatusUnprocessableEntity, "cv", "Il CV che avevi caricato non è più disponibile: selezionalo di nuovo"}
)

// resolveCV returns the CV of the request: a new upload wins, else the one kept from an earlier attempt
// (cv_ref). It returns errStore when the file store fails.
func (s *server) resolveCV(ctx context.Context, d *decoded, st *formState) (*upload, *requestError) {
	if d.cv != nil {
		if e := checkCVBytes(d.cv.data); e != nil {
			return nil, e
		}
		return d.cv, nil
	}
	ref := d.values["cv_ref"]
	if ref == "" {
		return nil, errCVMissing
	}
	c, ok := s.decodeCVRef(ref, s.wall())
	if !ok {
		return nil, errCVGone
	}
	data, err := s.cfg.Files.Get(ctx, c.Key)
	if errors.Is(err, ErrNotFound) {
		return nil, errCVGone
	}
	if err != nil {
		s.log.Error("store failed", "step", "get-kept-cv", "err", oneLine(err.Error(), 200))
		return nil, errStore
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != c.SHA256 || checkCVBytes(data) != nil {
		return nil, errCVGone
	}
	st.uploaded, st.uploadedRef = c.Name, ref
	return &upload{name: c.Name, data: data}, nil
}

// keepCV stores a valid CV under pending/ so the corrected form need not carry it again (WCAG 3.3.7).
func (s *server) keepCV(ctx context.Context, cv *upload, st *formState) {
	var b [16]byte
	rand.Read(b[:])
	key := "pending/" + hex.EncodeToString(b[:]) + ".pdf"
	if err := s.cfg.Files.Put(ctx, key, "application/pdf", cv.data); err != nil {
		s.log.Warn("cv not kept", "err", oneLine(err.Error(), 200))
		return
	}
	sum := sha256.Sum256(cv.data)
	st.uploaded = cv.name
	st.uploadedRef = s.encodeCVRef(cvRef{Key: key, Name: cv.name, Size: len(cv.data),
		SHA256: hex.EncodeToString(sum[:]), Issued: s.wall().Unix()})
}

// pdfMagic starts every PDF file.
var pdfMagic = []byte("%PDF-")

// checkCVBytes returns the message for a CV that is not acceptable, or nil.
func checkCVBytes(data []byte) *requestError {
	switch {
	case len(data) == 0:
		return &requestError{http.StatusUnprocessableEntity, "cv", "Il file selezionato è vuoto"}
	case len(data) > maxCV:
		return errCVTooLarge
	case !bytes.HasPrefix(data, pdfMagic):
		return &requestError{http.StatusUnprocessableEntity, "cv", "Il file selezionato deve essere un PDF"}
	}
	return checkPDF(data)
}
