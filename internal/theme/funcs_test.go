package theme

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"quartieri/internal/siteconfig"
)

func rome(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, siteconfig.Rome)
}

func TestCallStatusText(t *testing.T) {
	opens := rome(2025, 4, 1, 9, 0, 0)
	call := &siteconfig.Call{ID: "c", Closes: rome(2025, 4, 28, 23, 59, 0)}
	withOpens := &siteconfig.Call{ID: "c", Opens: &opens, Closes: call.Closes}
	tests := []struct {
		call       *siteconfig.Call
		now        time.Time
		status     string
		text       string
		closedText string
	}{
		{call, rome(2025, 4, 20, 10, 0, 0), "open", "Aperto fino a lunedì 28 aprile 2025, ore 23:59", ""},
		{call, rome(2025, 4, 28, 23, 59, 59), "open", "Aperto fino a lunedì 28 aprile 2025, ore 23:59", ""},
		{call, rome(2025, 4, 29, 0, 0, 0), "closed", "Chiuso: la scadenza era lunedì 28 aprile 2025, ore 23:59", ""},
		{call, time.Date(2025, 4, 28, 22, 0, 0, 0, time.UTC), "closed", "Chiuso: la scadenza era lunedì 28 aprile 2025, ore 23:59", ""},
		{withOpens, rome(2025, 3, 31, 12, 0, 0), "upcoming", "Apre martedì 1 aprile 2025, ore 09:00", ""},
		{nil, rome(2025, 4, 20, 10, 0, 0), "", "", ""},
	}
	for _, tt := range tests {
		if got := callStatus(tt.call, tt.now); got != tt.status {
			t.Errorf("CallStatus(at %v) = %q, want %q", tt.now, got, tt.status)
		}
		if got := callStatusText(tt.call, tt.now); got != tt.text {
			t.Errorf("CallStatusText(at %v) = %q, want %q", tt.now, got, tt.text)
		}
	}
}

func TestMarkEnglish(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Due community manager.", `Due <span lang="en">community manager</span>.`},
		{"<p>Il Community Manager e gli stakeholder</p>", `<p>Il <span lang="en">Community Manager</span> e gli <span lang="en">stakeholder</span></p>`},
		{`<a href="/community manager/" title="community manager">x</a>`, `<a href="/community manager/" title="community manager">x</a>`},
		{`<img alt="un community manager al lavoro">`, `<img alt="un community manager al lavoro">`},
		{"<code>community manager</code> community manager", `<code>community manager</code> <span lang="en">community manager</span>`},
		{`<span lang="en">community manager</span>`, `<span lang="en">community manager</span>`},
		{"communitymanager", "communitymanager"},
	}
	for _, tt := range tests {
		if got := string(markEnglish(tt.in)); got != tt.want {
			t.Errorf("MarkEnglish(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHelpers(t *testing.T) {
	if _, err := dict("a"); err == nil {
		t.Error("Dict with an odd number of arguments: no error")
	}
	if _, err := dict(1, 2); err == nil {
		t.Error("Dict with a non-string key: no error")
	}
	if m, err := dict("a", 1, "b", "x"); err != nil || m["a"] != 1 || m["b"] != "x" {
		t.Errorf("Dict = %v, %v", m, err)
	}
	for _, tt := range []struct{ base, p, want string }{
		{"https://example.org/", "/presidi/", "https://example.org/presidi/"},
		{"https://example.org/sub/", "/presidi/", "https://example.org/presidi/"},
		{"", "/x/", "/x/"},
	} {
		if got := absURL(tt.base, tt.p); got != tt.want {
			t.Errorf("AbsURL(%q, %q) = %q, want %q", tt.base, tt.p, got, tt.want)
		}
	}
	if got := telURL(" +39 0377 12-34-56 "); got != "tel:+390377123456" {
		t.Errorf("TelURL = %q, want tel:+390377123456", got)
	}
	s := &siteconfig.Site{Presidi: []siteconfig.Presidio{{Town: "A"}, {Town: "B"}, {Town: "C"}}}
	if got := towns(s); got != "A, B e C" {
		t.Errorf("Towns = %q, want %q", got, "A, B e C")
	}
	if simulatedNow(time.Now()) {
		t.Error("SimulatedNow(time.Now()) = true")
	}
	if !simulatedNow(rome(2025, 4, 20, 10, 0, 0)) {
		t.Error("SimulatedNow(2025) = false")
	}
}

func TestJobPostingLD(t *testing.T) {
	s := &siteconfig.Site{BaseURL: "https://example.org/", Organization: siteconfig.Organization{Name: "Aler Pavia-Lodi",
		URL: "DA COMPLETARE: sito"}, Presidi: []siteconfig.Presidio{{Town: "Codogno"}, {Town: "Casalpusterlengo"}}}
	call := &siteconfig.Call{Title: "Bando", Closes: rome(2025, 4, 28, 23, 59, 0), Positions: 2}
	p := &Page{URL: "/bando/", Description: "d", Call: call}
	var v map[string]any
	if err := json.Unmarshal([]byte(jobPostingLD(s, p)), &v); err != nil {
		t.Fatal(err)
	}
	if v["validThrough"] != "2025-04-28T23:59:00+02:00" || v["@type"] != "JobPosting" || v["url"] != "https://example.org/bando/" {
		t.Errorf("JobPostingLD = %v", v)
	}
	if _, ok := v["datePosted"]; ok {
		t.Error("datePosted given, but neither the call's opening nor the page's date is known")
	}
	if org := v["hiringOrganization"].(map[string]any); org["url"] != nil || org["name"] != "Aler Pavia-Lodi" {
		t.Errorf("hiringOrganization = %v, want the name and no placeholder url", org)
	}
	if locs := v["jobLocation"].([]any); len(locs) != 2 || !strings.Contains(string(jobPostingLD(s, p)), `"addressRegion":"LO"`) {
		t.Errorf("jobLocation = %v", locs)
	}
	p.Date = rome(2025, 3, 10, 0, 0, 0)
	if !strings.Contains(string(jobPostingLD(s, p)), `"datePosted":"2025-03-10"`) {
		t.Error("datePosted missing with a page date")
	}
	if strings.Contains(string(organizationLD(&siteconfig.Site{Organization: siteconfig.Organization{Name: "x</script>"}})), "</script>") {
		t.Error("OrganizationLD lets </script> through")
	}
}

func TestFormState(t *testing.T) {
	s := &siteconfig.Site{APIBase: "/api", Calls: []siteconfig.Call{{ID: "c1", ApplyPage: "/candidatura/"}}}
	d := &PageData{Site: s, Page: &Page{Layout: "application", URL: "/candidatura/"}}
	f := d.FormState()
	if f.Name != "applications" || f.Action != "/api/applications" || f.Call == nil || f.Call.ID != "c1" {
		t.Errorf("FormState = %+v", f)
	}
	if d.HasErrors() {
		t.Error("HasErrors without a form")
	}
	d = &PageData{Site: s, Page: &Page{Kind: "form-error", Layout: "contact"},
		Form: &Form{Name: "contact", Action: "/x", Errors: []FieldError{{Field: "town", Message: "m"}}}}
	if f := d.FormState(); f.Action != "/x" || f.Call != nil || !d.HasErrors() {
		t.Errorf("FormState = %+v", f)
	}
	if a := d.Form.Anchor("town"); a != "#town" {
		t.Errorf("Anchor(town) = %q", a)
	}
	if a := d.Form.Anchor("_token"); a != "" {
		t.Errorf("Anchor(_token) = %q, want none", a)
	}
	if a := d.Form.Anchor("cv"); a != "" {
		t.Errorf("Anchor(cv) on the contact form = %q, want none", a)
	}
}

func TestDeadlineIT(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{rome(2025, 4, 28, 23, 59, 0), "lunedì 28 aprile 2025, ore 23:59"},
		{rome(2025, 4, 27, 9, 5, 0), "domenica 27 aprile 2025, ore 09:05"},
		{time.Date(2025, 4, 28, 22, 30, 0, 0, time.UTC), "martedì 29 aprile 2025, ore 00:30"}, // Rome's day, not UTC's
	}
	for _, tt := range tests {
		if got := DeadlineIT(tt.in); got != tt.want {
			t.Errorf("DeadlineIT(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
