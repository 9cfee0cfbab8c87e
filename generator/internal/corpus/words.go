package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The vocabulary of the generated prose: short, plain sentences of the kind the real site uses.
var (
	subjects = []string{"L'operatore di quartiere", "Il presidio", "Lo sportello", "La Caritas", "Il Comune",
		"Aler Pavia-Lodi", "Chi abita nelle case popolari", "Ogni inquilino", "La famiglia", "Il volontario",
		"L'assistente sociale", "Il custode", "La biblioteca", "L'associazione sportiva", "Il gruppo di vicini"}
	verbs = []string{"ascolta", "aiuta", "accompagna", "informa", "riceve", "sostiene", "orienta", "chiama",
		"incontra", "segue", "consiglia", "visita"}
	objects = []string{"gli inquilini", "le famiglie", "chi è in difficoltà", "le persone anziane",
		"i giovani del quartiere", "chi vive da solo", "i nuovi arrivati", "chi non riesce a pagare l'affitto",
		"chi ha bollette arretrate", "i genitori", "chi cerca lavoro", "i vicini di casa"}
	complements = []string{"ogni settimana", "nel presidio di Codogno", "a Casalpusterlengo",
		"a Sant'Angelo Lodigiano", "con pazienza", "senza costi", "entro pochi giorni", "il martedì mattina",
		"anche al telefono", "in un ufficio tranquillo", "con un interprete", "dopo un primo colloquio", ""}
	extras = []string{"Il servizio è gratuito.", "Non serve un appuntamento.", "Porta un documento.",
		"Puoi venire con un familiare.", "Il colloquio è riservato.", "Ti rispondiamo presto.",
		"Puoi chiedere più volte.", "Nessuno ti giudica.", "Parliamo con calma.", "Puoi scrivere o telefonare."}
	topics = []string{"servizi", "casa", "bollette", "quartiere", "lavoro", "salute", "scuola", "trasporti",
		"ambiente", "cultura", "sport", "anziani", "famiglie", "giovani", "volontariato", "sicurezza"}
	things = []string{"Aiuto per le bollette", "Sostegno per l'affitto", "Corsi di italiano", "Doposcuola",
		"Spesa solidale", "Riparazioni in casa", "Feste di cortile", "Orto condiviso", "Sportello lavoro",
		"Compagnia per gli anziani", "Pulizia delle scale", "Cambio di alloggio", "Mediazione tra vicini"}
	towns     = []string{"Codogno", "Casalpusterlengo", "Sant'Angelo Lodigiano"}
	townSlugs = []string{"codogno", "casalpusterlengo", "sant-angelo-lodigiano"}
	// h2s are the optional section headings; with h3s, their ids are plain ASCII, so links to them are sure.
	h2s = []string{"Chi ti aiuta", "Dove andare", "Quando andare", "Quanto costa", "Cosa succede dopo",
		"Le regole", "Per sapere altro", "Chi lo organizza", "Come funziona"}
	h3s       = []string{"Per le famiglie", "Per le persone anziane", "Per i giovani", "Per chi lavora", "Per chi vive solo"}
	listItems = []string{"un documento di identità", "il codice fiscale", "l'ultima bolletta",
		"il contratto di affitto", "un numero di telefono", "la lettera di Aler", "il permesso di soggiorno",
		"una ricevuta di pagamento", "il modulo firmato"}
	externals = []struct{ text, url string }{
		{"il sito di Regione Lombardia", "https://www.regione.lombardia.it/"},
		{"il portale dei servizi sociali", "https://www.example.org/servizi-sociali/"},
		{"la pagina del Fondo sociale europeo", "https://www.example.eu/fse/"},
	}
)

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// sentence returns one short sentence: subject, verb, object and sometimes a complement.
func sentence(r *rand.Rand) string {
	if r.IntN(5) == 0 {
		return pick(r, extras)
	}
	s := pick(r, subjects) + " " + pick(r, verbs) + " " + pick(r, objects)
	if c := pick(r, complements); c != "" {
		s += " " + c
	}
	return s + "."
}

// paragraph returns 3 to 6 sentences and adds their words to *words.
func paragraph(r *rand.Rand, words *int) string {
	var b strings.Builder
	for i := range 3 + r.IntN(4) {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := sentence(r)
		*words += len(strings.Fields(s))
		b.WriteString(s)
	}
	return b.String()
}

// table returns a GFM table of opening days, with its header row.
func table(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("| Comune | Giorno | Orario |\n| --- | --- | --- |\n")
	days := []string{"lunedì", "martedì", "mercoledì", "giovedì", "venerdì"}
	for _, t := range towns {
		h := 8 + r.IntN(6)
		fmt.Fprintf(&b, "| %s | %s | dalle %d alle %d |\n", t, pick(r, days), h, h+3)
	}
	return b.String()
}
