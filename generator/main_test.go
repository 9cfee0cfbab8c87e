package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the program as the command "generator".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"generator": func() {
			os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr), os.Stderr))
		},
	})
}

// TestScripts runs the command-line scripts in testdata/script: each builds, checks or creates pages in a
// tiny site and checks the output and the exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
