package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"quartieri/internal/awsstore"
)

type receiptJSON struct {
	Receipt string `json:"receipt"`
	Errors  []struct {
		Field, Message string
	} `json:"errors"`
}

func decodeReceipt(t *testing.T, b []byte) receiptJSON {
	t.Helper()
	var r receiptJSON
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, b)
	}
	return r
}

// TestLambdaApplications runs the real applications bootstrap under the emulator with base64 multipart events.
func TestLambdaApplications(t *testing.T) {
	s := need(t)
	cv := samplePDF()
	body, ct := multipartBody(t, applicationFields("lambda-app-closed-0001"), cv)

	t.Run("closed call is 403 and stores nothing", func(t *testing.T) {
		r := startRIE(t, s, bootstrapDir(t, s, "applications", realSite(t, s)))
		s.clearMails(t)
		objects := objectCount(t, s)
		resp, first := r.invoke(t, apiEvent("/api/applications", ct, body, true))
		cold := time.Since(r.started)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d, want 403: %s", resp.StatusCode, responseBody(t, resp))
		}
		got := decodeReceipt(t, responseBody(t, resp))
		if got.Receipt != "" || len(got.Errors) == 0 || !strings.Contains(got.Errors[0].Message, "2025") {
			t.Errorf("403 body = %+v: want an error giving the dates", got)
		}
		_, second := r.invoke(t, apiEvent("/api/applications", ct, body, true))
		t.Logf("cold start (applications): emulator start to first response %v; first invoke %v; second %v",
			cold.Round(time.Millisecond), first.Round(time.Millisecond), second.Round(time.Millisecond))
		if n := objectCount(t, s); n != objects {
			t.Errorf("a late application stored a CV: %d objects, were %d", n, objects)
		}
		if m := s.mails(t); len(m) != 0 {
			t.Errorf("a late application sent %d mails", len(m))
		}
	})

	t.Run("open call is 201 with receipt, record, CV and two mails", func(t *testing.T) {
		r := startRIE(t, s, bootstrapDir(t, s, "applications", openSite(t, s)))
		s.clearMails(t)
		body, ct := multipartBody(t, applicationFields("lambda-app-open-0001"), cv)
		resp, first := r.invoke(t, apiEvent("/api/applications", ct, body, true))
		cold := time.Since(r.started)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("status %d, want 201: %s", resp.StatusCode, responseBody(t, resp))
		}
		receipt := decodeReceipt(t, responseBody(t, resp)).Receipt
		if receipt == "" {
			t.Fatalf("no receipt in %s", responseBody(t, resp))
		}
		checkApplication(t, s, receipt, cv, "RSSMRA85T10A562S")
		// No waiting: Lambda freezes the function once it has answered, so the mails must be out by then.
		// (An application of the same person from an earlier test of this package is superseded: its address gets
		// a notice too, which is not one of the two.)
		mails := slices.DeleteFunc(s.mails(t), func(m sesMail) bool { return strings.Contains(m.Subject, "è stata sostituita") })
		sent := len(s.mails(t))
		if len(mailTo(mails, "maria.dangelo@example.org")) != 1 || len(mailTo(mails, "da-completare.personale@example.invalid")) != 1 {
			t.Errorf("want one mail to the candidate and one to staff, got %+v", mails)
		}
		for _, m := range mails {
			if !strings.Contains(m.Subject+m.Body.Text, receipt) {
				t.Errorf("mail %q does not give the receipt", m.Subject)
			}
			if strings.Contains(m.Body.Text, "%PDF") {
				t.Errorf("mail %q carries the CV bytes", m.Subject)
			}
		}
		notes, err := (&awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable}).Mails(context.Background(), receipt)
		if err != nil || len(notes) != 2 || !strings.Contains(strings.Join(notes, "|"), "candidate: sent") || !strings.Contains(strings.Join(notes, "|"), "staff: sent") {
			t.Errorf("mail notes of %s = %q, %v; want candidate and staff sent", receipt, notes, err)
		}
		// The same submission again (a client retry): the same receipt, nothing new.
		objects := objectCount(t, s)
		again, second := r.invoke(t, apiEvent("/api/applications", ct, body, true))
		t.Logf("cold start (applications, stored): emulator start to first response %v; first invoke %v; retry %v",
			cold.Round(time.Millisecond), first.Round(time.Millisecond), second.Round(time.Millisecond))
		if again.StatusCode != http.StatusOK || decodeReceipt(t, responseBody(t, again)).Receipt != receipt {
			t.Errorf("retry: status %d body %s; want 200 with receipt %s", again.StatusCode, responseBody(t, again), receipt)
		}
		if n := objectCount(t, s); n != objects {
			t.Errorf("retry stored a CV again")
		}
		if m := s.mails(t); len(m) != sent {
			t.Errorf("retry sent mails again: %d in all, %d before", len(m), sent)
		}
	})
}

// TestLambdaContact runs the real contact bootstrap with an urlencoded event.
func TestLambdaContact(t *testing.T) {
	s := need(t)
	r := startRIE(t, s, bootstrapDir(t, s, "contact", realSite(t, s)))
	s.clearMails(t)
	resp, first := r.invoke(t, apiEvent("/api/contact", "application/x-www-form-urlencoded", contactForm("lambda-contact-0001"), false))
	cold := time.Since(r.started)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201: %s", resp.StatusCode, responseBody(t, resp))
	}
	ticket := decodeReceipt(t, responseBody(t, resp)).Receipt
	if ticket == "" {
		t.Fatalf("no ticket in %s", responseBody(t, resp))
	}
	if rawItem(t, s, contactTable, "MSG#"+ticket) == nil {
		t.Errorf("message %s not in DynamoDB", ticket)
	}
	mails := s.mails(t) // no waiting: see TestLambdaApplications
	presidio := mailTo(mails, "da-completare.presidio-codogno@example.invalid")
	if len(presidio) != 1 {
		t.Fatalf("want one mail to the Codogno presidio, got %+v", mails)
	}
	if got := presidio[0]; len(got.ReplyTo) != 1 || got.ReplyTo[0] != "giuseppe@example.org" ||
		!strings.Contains(got.Subject, "URGENTE") || !strings.Contains(got.Subject+got.Body.Text, ticket) {
		t.Errorf("presidio mail = %+v", got)
	}
	if len(mailTo(mails, "giuseppe@example.org")) != 1 {
		t.Errorf("no acknowledgement to the tenant: %+v", mails)
	}
	// Another message, base64-encoded as API Gateway may send it: a new ticket.
	resp2, second := r.invoke(t, apiEvent("/api/contact", "application/x-www-form-urlencoded", contactForm("lambda-contact-0002"), true))
	if t2 := decodeReceipt(t, responseBody(t, resp2)).Receipt; resp2.StatusCode != http.StatusCreated || t2 == "" || t2 == ticket {
		t.Errorf("second message: status %d ticket %q (first %q)", resp2.StatusCode, t2, ticket)
	}
	// A browser without JavaScript and a wrong form: the theme's error page, from the themes embedded in bootstrap.
	bad := apiEvent("/api/contact", "application/x-www-form-urlencoded", []byte("name=Anna&town=codogno&topic=social&privacy=yes&_idem=lambda-contact-0003"), false)
	delete(bad.Headers, "accept")
	page, _ := r.invoke(t, bad)
	html := string(responseBody(t, page))
	if page.StatusCode != http.StatusUnprocessableEntity || page.IsBase64Encoded || !strings.HasPrefix(page.Headers["Content-Type"], "text/html") ||
		!strings.Contains(html, "problema") || !strings.Contains(html, `value="Anna"`) {
		t.Errorf("error page: status %d, type %q, base64 %v:\n%.600s", page.StatusCode, page.Headers["Content-Type"], page.IsBase64Encoded, html)
	}
	t.Logf("cold start (contact): emulator start to first response %v; first invoke %v; second %v",
		cold.Round(time.Millisecond), first.Round(time.Millisecond), second.Round(time.Millisecond))
}
