package main

import (
	"context"
	"flag"
	"fmt"
	"time"
)

// purge is the command "pulisci": retention, on the real clock.
type purge struct{}

func (*purge) flags(*flag.FlagSet) {}

// purgeKinds names the kinds of the stores' purge counts, in the order they are shown.
var purgeKinds = []struct{ local, aws, name string }{
	{"applications", "APP", "candidature"},
	{"cv", "", "CV delle candidature"},
	{"contact", "MSG", "messaggi degli inquilini"},
	{"claims", "CLAIM", "chiavi contro i doppi invii"},
	{"latest", "LATEST", "voci dell'indice delle ultime candidature"},
	{"pending", "", "CV tenuti in attesa della correzione del modulo (pending/)"},
	{"outbox", "", "mail nella cartella outbox"},
	{"", "MAIL", "esiti delle mail"},
}

func (*purge) run(ctx context.Context, s *session, _ []string) error {
	now := time.Now() // never -now: retention runs on the real clock
	switch a := s.arc.(type) {
	case localArchive:
		counts, err := a.Store.PurgeCounts(ctx, now)
		rows := [][]string{{"Cosa", "Cancellati"}}
		total := 0
		for _, k := range purgeKinds {
			if k.local != "" {
				rows = append(rows, []string{k.name, fmt.Sprint(counts[k.local])})
				total += counts[k.local]
			}
		}
		fmt.Fprintf(s.out, "Ho cancellato dalla cartella dei dati quello che ha superato il periodo di conservazione: %d file.\n\n", total)
		printTable(s.out, rows, 1)
		if err != nil {
			return fmt.Errorf("alcuni file non si cancellano: %w", err)
		}
	case awsArchive:
		counts, err := a.st.Records.Expired(ctx, now)
		if err != nil {
			return fmt.Errorf("non riesco a contare gli elementi scaduti: %w", err)
		}
		fmt.Fprintln(s.out, "Su AWS non cancello niente: ci pensa AWS da sé.")
		fmt.Fprintln(s.out, "- DynamoDB cancella gli elementi scaduti (TTL su expires_at), di solito entro due giorni;")
		fmt.Fprintln(s.out, "  intanto questo comando e le funzioni li trattano come già cancellati.")
		fmt.Fprintln(s.out, "- Il ciclo di vita del bucket dei CV cancella i CV in pending/ dopo un giorno e quelli delle")
		fmt.Fprintln(s.out, "  candidature dopo il periodo di conservazione.")
		fmt.Fprintln(s.out, "\nScaduti adesso, in attesa che DynamoDB li cancelli:")
		rows := [][]string{{"Cosa", "Scaduti"}}
		for _, k := range purgeKinds {
			if k.aws != "" {
				rows = append(rows, []string{k.name, fmt.Sprint(counts[k.aws])})
			}
		}
		printTable(s.out, rows, 1)
	}
	return nil
}
