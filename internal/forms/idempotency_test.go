package forms

import "testing"

// TestIdempotencyKeyPinned pins the bytes of the keys: stored claims are bound to them, so a change would let a
// repeat made before it through as a new submission. Update the wanted keys only on purpose.
func TestIdempotencyKeyPinned(t *testing.T) {
	app := &Application{Call: "community-manager-2025", GivenName: "Maria", FamilyName: "Rossi",
		TaxCode: "RSSMRA85T10A562S", Email: "maria@example.org", Phone: "333 1234567", Education: "Diploma",
		Message: "Ciao", CVSHA256: "0f1e"}
	suspectApp := *app
	suspectApp.Education, suspectApp.Message, suspectApp.Suspect = "", "", []string{"honeypot"}
	msg := &Message{Name: "Maria Rossi", Town: "codogno", Topic: "payments", Phone: "0371 123456",
		Message: "Non riesco a pagare"}
	suspectMsg := &Message{Name: "Maria Rossi", Town: "codogno", Topic: "payments", Email: "m@example.org",
		Message: "Testo", Suspect: []string{"token"}}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"application", app.idempotencyKey("abcdefghijklmnop1234"),
			"applications:community-manager-2025:abcdefghijklmnop1234:f56672c27737426ce0b9d58e607ad09b3acc48163237e93a93355724bde1a409"},
		{"suspect application, bad idem", suspectApp.idempotencyKey("short"),
			"applications:community-manager-2025:-:62570b773d83f4c23b81be845aaa2d5d216f4ce01f6167dfd5928cfd5a407ced:suspect"},
		{"message", msg.idempotencyKey("abcdefghijklmnop1234"),
			"contact::abcdefghijklmnop1234:422136f049c9684042bde6be205d54f228457e6bbd38d64b88961ee3f0391b83"},
		{"suspect message, no idem", suspectMsg.idempotencyKey(""),
			"contact::-:d210e1afbe5aff560fbd96ac724ca08933186067a2b4b7f4eacb8a32a5f3668c:suspect"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: key %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
