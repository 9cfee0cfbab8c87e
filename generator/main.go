// Command generator builds, previews and checks the site, and creates new pages.
//
//	generator build [-source DIR] [-dest DIR] [-drafts] [-now TIME]
//	generator serve [-source DIR] [-addr 127.0.0.1:1313] [-now TIME] [-data DIR] [-drafts=false]
//	generator check [-source DIR] [-now TIME]
//	generator new [-source DIR] PATH.md
//	generator deploy -bucket NAME [-source DIR] [-distribution ID] [-prefix P] [-dry-run] [-force]
//	                 [-max-deletes N] [-allow-placeholders]
//
// DIR defaults to the current folder; build writes to DIR/public unless -dest says otherwise, and serve keeps
// the form API's data in DIR/.data. TIME is RFC 3339 (2025-04-28T23:59:59+02:00): the site is built, or served,
// as at that instant (publish and expiry dates, call status, deadlines of the local form API).
//
// On content errors build and check print "file:line: message" lines on standard error and exit with status 1.
// deploy builds like build, refuses a site with "DA COMPLETARE" placeholders (unless -allow-placeholders), and
// publishes it to S3 and CloudFront as package quartieri/generator/publish describes, with the AWS SDK's
// standard configuration (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_CLOUDFRONT...).
// The package documentation of quartieri/generator/site describes pages, front matter and output.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // deadlines are in Europe/Rome, also where the system has no zone database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// errReported means the problem was already printed (diagnostics, usage).
var errReported = errors.New("errore già segnalato")

// errUsage means the command line was wrong; the usage text was printed.
var errUsage = errors.New("uso non corretto")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintln(stderr, "errore:", err)
	return 1
}

const usage = `Uso: generator COMANDO [opzioni]

Comandi:
  build   costruisce il sito nella cartella public
            -source CARTELLA  dove sono site.yaml, content e themes (predefinita: la cartella corrente)
            -dest CARTELLA    dove scrivere il sito (predefinita: public dentro la cartella -source)
            -drafts           include bozze e pagine non ancora pubblicate o scadute
            -now DATA         costruisce il sito come in quel momento, per esempio 2025-04-28T23:59:59+02:00
  serve   anteprima dal vivo su http://127.0.0.1:1313, con i moduli funzionanti
            -source, -now come sopra
            -drafts=false     nasconde le bozze (di solito l'anteprima le mostra, con la scritta
                              "BOZZA – non pubblicata"; build le lascia sempre fuori)
            -addr INDIRIZZO   dove ascoltare (predefinito 127.0.0.1:1313)
            -data CARTELLA    dove salvare candidature e messaggi (predefinita: .data dentro -source)
  check   controlla il contenuto: collegamenti, accessibilità, leggibilità, segnaposto
            -source, -now come sopra
  new     crea una pagina nuova, per esempio: generator new notizie/incontro-inquilini.md
            -source come sopra
  deploy  costruisce il sito con tutti i controlli e lo pubblica su AWS (S3 e CloudFront)
            -bucket NOME      il bucket del sito (obbligatorio)
            -source come sopra
            -distribution ID  la distribuzione CloudFront a cui far dimenticare le pagine cambiate
            -prefix CARTELLA  pubblica sotto questa cartella del bucket
            -dry-run          dice cosa farebbe, senza scrivere niente
            -force            carica tutti i file, anche quelli non cambiati
            -max-deletes N    elimina al massimo N file (predefinito 256); se sono di più non fa niente
            -allow-placeholders  pubblica anche con segnaposto DA COMPLETARE (solo per un bucket di prova)

Esempi:
  go run ./generator serve
  go run ./generator build -now 2025-04-29T00:00:00+02:00
  go run ./generator deploy -bucket quartieri-sito -distribution E2ABCDEF123456 -dry-run
`

// run is the whole program: it parses args (without the program name) and runs one command.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, getenv, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "deploy":
		return runDeploy(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "comando sconosciuto %q\n\n%s", cmd, usage)
	return errUsage
}
