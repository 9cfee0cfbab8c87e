package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"quartieri/internal/siteconfig"
)

// erasure is the command "cancella" (GDPR article 17).
type erasure struct {
	confirm bool
	request string
}

func (c *erasure) flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.confirm, "conferma", false, "cancella davvero (senza, mostra solo cosa cancellerebbe)")
	fs.StringVar(&c.request, "richiesta", "", "il numero di protocollo della richiesta, per il registro (senza dati personali)")
}

func (c *erasure) run(ctx context.Context, s *session, args []string) error {
	p, err := parseSubject(args[0])
	if err != nil {
		return err
	}
	h, ok := s.arc.(holder)
	if !ok {
		return fmt.Errorf("questo archivio non permette di cancellare")
	}
	f, err := s.find(ctx, h, p)
	if err != nil {
		return err
	}
	refs := f.refs()
	if p.ref != "" && !slices.Contains(refs, p.ref) {
		refs = append(refs, p.ref) // an expired record is still stored until the purge or the TTL
	}
	items, err := h.holdings(ctx, refs)
	if err != nil {
		return fmt.Errorf("non riesco a cercare tutti i dati: %w", err)
	}
	if p.taxCode != "" {
		fmt.Fprintln(s.out, "Nota: il codice fiscale trova solo le candidature; i messaggi degli inquilini si cercano\ncon l'email.")
	}
	if len(items) == 0 {
		fmt.Fprintf(s.out, "Non c'è niente da cancellare per %s.\n", p.what())
		return nil
	}
	slices.SortFunc(items, func(a, b held) int {
		return cmp.Or(cmp.Compare(a.ref, b.ref), cmp.Compare(kindOrder(a.kind), kindOrder(b.kind)), cmp.Compare(a.where, b.where))
	})
	if !c.confirm {
		fmt.Fprintf(s.out, "Prova: NON ho cancellato niente. Ecco cosa cancellerei (%d voci):\n\n", len(items))
	} else {
		fmt.Fprintf(s.out, "Cancello %d voci:\n\n", len(items))
	}
	// Each item whole (a path or an S3 version is never cut), its place on the line below.
	for _, it := range items {
		fmt.Fprintf(s.out, "%s  %s\n%s%s\n", it.ref, kindName(it.kind), noteIndent, oneLine(it.where))
	}
	if !c.confirm {
		fmt.Fprintln(s.out, "\nPer cancellare davvero, ripeti il comando con -conferma\n(e con -richiesta PROTOCOLLO, il numero di protocollo della richiesta).")
		return nil
	}
	id := c.request
	if id == "" {
		var b [3]byte
		rand.Read(b[:])
		id = "CANC-" + time.Now().In(siteconfig.Rome).Format("20060102") + "-" + hex.EncodeToString(b[:])
	}
	counts := map[string]int{}
	for _, it := range items {
		counts[kindName(it.kind)]++
	}
	eraseErr := h.erase(ctx, items)
	now := time.Now().UTC()
	entry, _ := json.Marshal(struct {
		Time     string         `json:"time"`
		Request  string         `json:"request"`
		Records  int            `json:"records"`
		Erased   map[string]int `json:"erased"`
		Complete bool           `json:"complete"`
	}{now.Format(time.RFC3339), id, len(refs), counts, eraseErr == nil})
	logErr := h.logErasure(ctx, id+"-"+now.Format("20060102T150405Z"), now, string(entry))
	if eraseErr != nil {
		return fmt.Errorf("la cancellazione NON è finita: %v\nRipeti lo stesso comando con -conferma: cancella quello che è rimasto", eraseErr)
	}
	fmt.Fprintf(s.out, "\nFatto: ho cancellato %d voci. Richiesta %s.\n", len(items), id)
	if logErr != nil {
		return fmt.Errorf("ho cancellato tutto, ma non riesco a scrivere il registro delle cancellazioni (%v): annota a mano "+
			"la richiesta %s, la data e i tipi di dati cancellati", logErr, id)
	}
	fmt.Fprintf(s.out, "L'ho annotato nel registro delle cancellazioni: tipi di dati, data e richiesta, nessun dato personale.\n(Il registro: %s.)\n", h.logPlace())
	if slices.ContainsFunc(items, func(it held) bool { return it.kind == "mail-notes" || it.kind == "application" }) {
		fmt.Fprintln(s.out, "Le mail già consegnate restano nelle caselle di chi le ha ricevute (anche quella del personale):\ncancellale lì a mano.")
	}
	return nil
}

// printTable writes rows (the first is the header) fitted to the terminal's 100 columns.
func printTable(w io.Writer, rows [][]string, fixed ...int) {
	for _, l := range fitRows(rows, tableWidth, fixed...) {
		fmt.Fprintln(w, l)
	}
}
