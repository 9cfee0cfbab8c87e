package e2e

import (
	"os"
	"testing"
)

// TestMain runs the tests, then stops the shared browser and servers, whatever the outcome.
func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	stopSuite()
	os.Exit(code)
}
