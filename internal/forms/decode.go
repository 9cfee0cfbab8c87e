package forms

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"quartieri/internal/formdef"
)

// Size limits of a request.
const (
	maxCV          = 4 << 20  // the CV, 4 MiB
	maxFields      = 64 << 10 // all text fields together
	maxAppBody     = maxCV + maxFields
	maxContactBody = maxFields // a contact form carries no file
	maxFileName    = 100       // characters of a CV's file name kept for "Hai caricato: ..."
	maxParts       = 100       // parts of a multipart body; the forms have under 20
)

// decoded is what a request carried: the first value of each text field and the CV, if any.
type decoded struct {
	values map[string]string
	cv     *upload
}

// upload is the CV part of a request.
type upload struct {
	name string // sanitised file name, for the re-shown form
	data []byte
}

var (
	errNotMultipart = &requestError{http.StatusBadRequest, "", "Il modulo non è arrivato nel formato giusto: apri la pagina del modulo e invialo di nuovo da lì"}
	errNotForm      = &requestError{http.StatusBadRequest, "", "Il modulo non è arrivato nel formato giusto: apri la pagina del modulo e invialo di nuovo da lì"}
	errTruncated    = &requestError{http.StatusBadRequest, "", "Il modulo non è arrivato completo: invialo di nuovo"}
	errCVTruncated  = &requestError{http.StatusBadRequest, "cv", "Non è stato possibile caricare il file: riprova"}
	errCVTooLarge   = &requestError{http.StatusRequestEntityTooLarge, "cv", "Il file selezionato deve essere più piccolo di 4 MB"}
)

// The 413s that are not about one field (toolarge.go has those that are).
var (
	errFieldsLarge = &requestError{http.StatusRequestEntityTooLarge, "",
		"Il modulo contiene più testo di quanto possiamo ricevere: accorcia i testi più lunghi e invia di nuovo"}
	errTooManyParts = &requestError{http.StatusRequestEntityTooLarge, "",
		"Il modulo contiene troppi campi: apri la pagina del modulo e invialo di nuovo da lì"}
	errAttachment = &requestError{http.StatusRequestEntityTooLarge, "",
		"Puoi allegare un solo file, il CV in PDF: togli gli altri file e invia di nuovo"}
	errContactAttachment = &requestError{http.StatusRequestEntityTooLarge, "",
		"Al messaggio non si possono allegare file: togli il file e invia di nuovo solo il testo"}
)

// partRules say how readParts treats the parts of one form.
type partRules struct {
	fileField  string        // the one file part taken ("cv"), or "" when the form has none
	fileLarge  *requestError // that file over its limit
	attachment *requestError // another file part that took the body over its limit
	form       *formdef.Form // the form, to tell which field is too long
}

var (
	applicationParts = partRules{fileField: "cv", fileLarge: errCVTooLarge, attachment: errAttachment, form: formApplications}
	contactParts     = partRules{attachment: errContactAttachment, form: formContact}
)

// decodeApplication reads a multipart/form-data application, streaming, never beyond maxAppBody. On an error,
// the fields read so far are returned too, so the form can be re-shown with them.
func decodeApplication(w http.ResponseWriter, r *http.Request) (*decoded, *requestError) {
	d := &decoded{values: map[string]string{}}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return d, errNotMultipart
	}
	body := http.MaxBytesReader(w, r.Body, maxAppBody)
	return d, readParts(multipart.NewReader(body, params["boundary"]), d, applicationParts)
}

// decodeContact reads a contact message, url-encoded or multipart, never beyond maxContactBody.
func decodeContact(w http.ResponseWriter, r *http.Request) (*decoded, *requestError) {
	d := &decoded{values: map[string]string{}}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body := http.MaxBytesReader(w, r.Body, maxContactBody)
	switch {
	case err == nil && mt == "application/x-www-form-urlencoded":
		data, err := io.ReadAll(body)
		if err != nil {
			return d, readError(err, tooLongQuery(data, formContact), errTruncated)
		}
		q, err := url.ParseQuery(string(data))
		if err != nil {
			return d, errNotForm
		}
		for k, v := range q {
			if len(v) > 0 {
				d.values[k] = v[0]
			}
		}
		return d, nil
	case err == nil && mt == "multipart/form-data" && params["boundary"] != "":
		return d, readParts(multipart.NewReader(body, params["boundary"]), d, contactParts)
	default:
		return d, errNotForm
	}
}

// readParts reads every part: text fields into d.values (first value wins, maxFields in all) and the part named
// rules.fileField into d.cv (at most maxCV bytes). Other file parts are read and dropped, so that a body over
// the limit is blamed on them.
func readParts(mr *multipart.Reader, d *decoded, rules partRules) *requestError {
	used, parts := 0, 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF { // exactly io.EOF: a wrapped EOF is a missing boundary
			return nil
		}
		if err != nil {
			return readError(err, errFieldsLarge, errTruncated)
		}
		name := part.FormName()
		if parts++; parts > maxParts {
			return errTooManyParts
		}
		switch {
		case rules.fileField != "" && name == rules.fileField:
			data, err := io.ReadAll(io.LimitReader(part, maxCV+1))
			if err != nil {
				return readError(err, rules.fileLarge, errCVTruncated)
			}
			if len(data) > maxCV {
				return rules.fileLarge
			}
			if d.cv == nil && (len(data) > 0 || part.FileName() != "") {
				d.cv = &upload{name: cleanFileName(part.FileName()), data: data}
			}
		case part.FileName() != "":
			// A file where none is expected: dropped (it still counts against the body limit).
			if _, err := io.Copy(io.Discard, part); err != nil {
				return readError(err, rules.attachment, errTruncated)
			}
		default:
			data, err := io.ReadAll(io.LimitReader(part, int64(maxFields-used+1)))
			if err != nil {
				return readError(err, tooLong(name, string(data), rules.form), errTruncated)
			}
			if used += len(name) + len(data); used > maxFields {
				return tooLong(name, string(data), rules.form)
			}
			if _, seen := d.values[name]; !seen && name != "" {
				d.values[name] = string(data)
			}
		}
	}
}

// readError tells a body over the limit from a broken one.
func readError(err error, tooLarge, broken *requestError) *requestError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge
	}
	return broken
}

// cleanFileName keeps a file name fit to show: valid UTF-8, no control or invisible characters (IsInvisible: a
// right-to-left override would show "cv\u202Efdp.exe" as "cvexe.pdf"), at most maxFileName
// characters, "cv.pdf" when there is none.
func cleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || IsInvisible(r) || r == '/' || r == '\\' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > maxFileName {
		name = string([]rune(name)[:maxFileName])
	}
	if name == "" {
		return "cv.pdf"
	}
	return name
}
