package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"quartieri/internal/cli"
)

// errUsage is returned after the usage has been printed for a wrong command line (exit status 2).
var errUsage = errors.New("uso sbagliato")

// options are the flags every command takes, before or after its name.
type options struct {
	data    string
	dataSet bool
	aws     bool
	source  string
	now     cli.Now
}

func (o *options) register(fs *flag.FlagSet) {
	fs.StringVar(&o.data, "data", o.data, "cartella dei dati locali")
	fs.BoolVar(&o.aws, "aws", o.aws, "legge da AWS (DynamoDB e S3)")
	fs.StringVar(&o.source, "source", o.source, "cartella di site.yaml")
	fs.Var(&o.now, "now", "legge l'archivio come in quell'istante (2025-04-28 10:30, ora di Roma, o RFC 3339)")
}

// command is one of the staff commands.
type command interface {
	// flags registers the command's own flags.
	flags(fs *flag.FlagSet)
	// run runs the command with its positional arguments.
	run(ctx context.Context, s *session, args []string) error
}

type commandInfo struct {
	name  string
	nargs int // positional arguments required
	make  func() command
	arg   string // what the argument is, for the error when it is missing
}

var commands = []commandInfo{
	{"candidature", 0, func() command { return &listApplications{} }, ""},
	{"candidatura", 1, func() command { return &showApplication{} }, ""},
	{"cv", 1, func() command { return &saveCV{} }, ""},
	{"messaggi", 0, func() command { return &listMessages{} }, ""},
	{"messaggio", 1, func() command { return &showMessage{} }, ""},
	{"posta", 0, func() command { return &failedMail{} }, ""},
	{"esporta", 1, func() command { return &export{} }, "candidature oppure messaggi"},
	{"accesso", 1, func() command { return &access{} }, "un codice fiscale, un'email o un numero"},
	{"cancella", 1, func() command { return &erasure{} }, "un numero, un codice fiscale o un'email"},
	{"pulisci", 0, func() command { return &purge{} }, ""},
}

const usage = `Uso: go run ./functions/staff [opzioni] COMANDO [argomenti]

Lavora su quello che è arrivato dai moduli del sito: candidature, CV, messaggi degli inquilini,
mail non partite; esporta per la commissione; accesso e cancellazione dei dati di una persona.
Mostra dati personali: usalo solo sul tuo computer e non copiare quello che scrive in mail o chat.

Comandi per leggere:
  candidature [-bando ID]   le candidature, dalla più vecchia, e quali valgono
  candidatura NUMERO        tutti i dati di una candidatura e l'esito delle sue mail
  cv NUMERO [-o FILE]       salva il CV in FILE (di solito NUMERO.pdf nella tua cartella Download)
  messaggi [-presidio ID]   i messaggi degli inquilini: prima gli urgenti, poi i più recenti
  messaggio NUMERO          un messaggio per intero
  posta                     le mail che non sono partite, per contattare le persone a mano

Comandi che scrivono file (dove dici tu, altrimenti nella cartella Download):
  esporta candidature [-bando ID] [-out FILE.csv] [-cv CARTELLA]
                            per la commissione: una riga per persona, la candidatura che vale;
                            con -cv salva anche i loro CV
  esporta messaggi [-presidio ID] [-dal DATA] [-al DATA] [-out FILE.csv]
  accesso CODICEFISCALE|EMAIL|NUMERO [-out CARTELLA]
                            tutti i dati di una persona, da mandarle (diritto di accesso)

Comandi che cancellano:
  cancella NUMERO|CODICEFISCALE|EMAIL [-conferma] [-richiesta PROTOCOLLO]
                            diritto alla cancellazione: senza -conferma mostra solo cosa toglie
  pulisci                   cancella quello che ha superato il periodo di conservazione

  aiuto                     questo testo

Dove legge:
  -data DIR     la cartella dei dati locali (di solito .data, quella di "go run ./generator serve")
  -aws          le tabelle DynamoDB e il bucket S3 su AWS, con le variabili APPLICATIONS_TABLE,
                CONTACT_TABLE, CV_BUCKET, AWS_REGION e le credenziali AWS
  Senza -data e senza -aws legge da AWS se APPLICATIONS_TABLE o CONTACT_TABLE è impostata,
  altrimenti dalla cartella .data.

Altre opzioni:
  -source DIR   la cartella di site.yaml, per i nomi dei bandi e dei paesi
                (di solito quella in cui sei)
  -now TIME     legge l'archivio come in quell'istante, per esempio "2027-05-01 09:00" (ora di Roma)
                o 2027-05-01T09:00:00+02:00

Il NUMERO è quello della ricevuta o del messaggio, per esempio K7M4-PX2Q (va bene anche k7m4px2q).
Le DATE sono come 2025-05-01 (o 2025-05-01 09:00).
`

// invocation is a parsed command line.
type invocation struct {
	opts options
	cmd  command // nil: nothing to run (the usage was asked for)
	args []string
}

// parseArgs reads the options, the command name, and the command's flags and arguments in any order.
func parseArgs(args []string, stdout, stderr io.Writer) (*invocation, error) {
	inv := &invocation{opts: options{data: ".data", source: "."}}
	top := flag.NewFlagSet("staff", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	inv.opts.register(top)
	bad := func(format string, a ...any) (*invocation, error) {
		fmt.Fprintf(stderr, "staff: "+format+"\n\n%s", append(a, usage)...)
		return nil, errUsage
	}
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return inv, nil
		}
		return bad("%s", italianFlagError(err))
	}
	top.Visit(func(f *flag.Flag) { inv.opts.dataSet = inv.opts.dataSet || f.Name == "data" })
	if top.NArg() == 0 {
		return bad("manca il comando.")
	}
	name := top.Arg(0)
	if name == "aiuto" || name == "help" {
		fmt.Fprint(stdout, usage)
		return inv, nil
	}
	var info *commandInfo
	for i := range commands {
		if commands[i].name == name {
			info = &commands[i]
		}
	}
	if info == nil {
		return bad("non conosco il comando %q.", name)
	}
	inv.cmd = info.make()
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	inv.opts.register(fs)
	inv.cmd.flags(fs)
	rest := top.Args()[1:]
	for len(rest) > 0 { // flags may follow the positional arguments: parse, take one argument, go on
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return &invocation{}, nil
			}
			return bad("%s", italianFlagError(err))
		}
		if fs.NArg() == 0 {
			break
		}
		inv.args = append(inv.args, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	fs.Visit(func(f *flag.Flag) { inv.opts.dataSet = inv.opts.dataSet || f.Name == "data" })
	if len(inv.args) != info.nargs {
		if info.nargs == 0 {
			return bad("il comando %s non vuole argomenti (hai scritto %q).", name, strings.Join(inv.args, " "))
		}
		return bad("il comando %s vuole %s.", name, cmp.Or(info.arg, "un NUMERO"))
	}
	if inv.opts.aws && inv.opts.dataSet {
		return bad("scegli -data oppure -aws, non tutti e due.")
	}
	return inv, nil
}

// italianFlagError translates the flag package's messages (the same words as the generator's).
func italianFlagError(err error) string { return cli.FlagError(err) + "." }
