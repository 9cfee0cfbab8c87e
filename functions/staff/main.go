package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	_ "time/tzdata" // dates are shown in Europe/Rome on any machine
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "staff:", err)
		os.Exit(1)
	}
}

// run parses the options and the command, opens the archive and runs the command; see the package doc.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	inv, err := parseArgs(args, stdout, stderr)
	if err != nil || inv.cmd == nil {
		return err
	}
	s, err := openSession(ctx, inv.opts, getenv, stdout, stderr)
	if err != nil {
		return err
	}
	return inv.cmd.run(ctx, s, inv.args)
}
