package forms

import "net/http"

// requestError is a refused request: its status, the field it is about ("" for the request as a whole) and the
// message a person reads. decode.go, toolarge.go and guard.go have the errors of reading a request.
type requestError struct {
	status  int
	field   string
	message string
}

// The store failed: the person is told to send the form again, which will not be recorded twice.
var (
	errStore = &requestError{http.StatusServiceUnavailable, "",
		"Non siamo riusciti a salvare la candidatura per un problema tecnico: riprova tra qualche minuto. Se la invii di nuovo non verrà registrata due volte."}
	errContactStore = &requestError{http.StatusServiceUnavailable, "",
		"Non siamo riusciti a salvare il messaggio per un problema tecnico: riprova tra qualche minuto. Se lo invii di nuovo non verrà registrato due volte."}
)
