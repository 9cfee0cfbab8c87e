package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"quartieri/internal/awsstore"
)

// filterRE is the one shape of CloudWatch Logs JSON filter pattern this test evaluates: { $.FIELD = "VALUE" }.
var filterRE = regexp.MustCompile(`^\{\s*\$\.([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"*]*)"\s*\}$`)

// filterMatches reports whether a log line matches a filter pattern of that shape, as CloudWatch Logs would: the
// line is a JSON object whose FIELD is the string VALUE.
func filterMatches(t *testing.T, pattern, line string) bool {
	t.Helper()
	m := filterRE.FindStringSubmatch(pattern)
	if m == nil {
		t.Fatalf("filter pattern %q: this test evaluates only { $.field = \"value\" }; extend it", pattern)
	}
	var obj map[string]any
	if json.Unmarshal([]byte(line), &obj) != nil {
		return false
	}
	v, ok := obj[m[1]].(string)
	return ok && v == m[2]
}

// TestMailFailedMetricFilter runs the real contact bootstrap with SES unreachable and checks that the template's
// metric filter counts exactly the mails the function recorded as failed, in the log lines the function writes.
func TestMailFailedMetricFilter(t *testing.T) {
	tp := loadTemplate(t)
	filters := tp.resourcesOf("AWS::Logs::MetricFilter")
	if len(filters) != 2 {
		t.Fatalf("metric filters %v, want one per function", filters)
	}
	var pattern string
	for _, id := range filters {
		p := get(tp.resource(t, id, "AWS::Logs::MetricFilter"), "FilterPattern").Value
		if pattern != "" && p != pattern {
			t.Fatalf("the functions' filters differ: %q, %q", pattern, p)
		}
		pattern = p
	}
	s := need(t)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	r := startRIE(t, s, bootstrapDir(t, s, "contact", realSite(t, s)), "AWS_ENDPOINT_URL_SESV2=http://127.0.0.1:"+port)
	resp, _ := r.invoke(t, apiEvent("/api/contact", "application/x-www-form-urlencoded", contactForm("mail-filter-0001"), false))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201 (a failed mail never fails the request): %s", resp.StatusCode, responseBody(t, resp))
	}
	ticket := decodeReceipt(t, responseBody(t, resp)).Receipt
	notes, err := (&awsstore.DynamoRecords{Client: s.dynamo, Applications: appsTable, Contact: contactTable}).Mails(context.Background(), ticket)
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, n := range notes {
		if strings.Contains(n, "failed") {
			failed++
		}
	}
	if failed != 2 {
		t.Fatalf("mail notes %q: want the presidio's and the tenant's mails failed", notes)
	}
	matches, jsonLines := 0, 0
	for _, line := range strings.Split(r.log.String(), "\n") {
		if strings.HasPrefix(line, "{") {
			jsonLines++
		}
		if filterMatches(t, pattern, line) {
			matches++
		}
	}
	if matches != failed {
		t.Errorf("filter %q matches %d of %d JSON log lines; %d mails failed\n%s", pattern, matches, jsonLines, failed, r.log)
	}
}
