package theme

import (
	"bytes"
	"encoding/json"
	"html/template"
	"time"

	"quartieri/internal/siteconfig"
)

// organizationLD returns the site's schema.org GovernmentOrganization data as JSON for a
// <script type="application/ld+json"> element. Placeholder values of site.yaml are left out, never published.
func organizationLD(s *siteconfig.Site) template.JS {
	if s == nil {
		return "{}"
	}
	return toJS(organization(s, true))
}

func organization(s *siteconfig.Site, withContext bool) map[string]any {
	o := map[string]any{"@type": "GovernmentOrganization", "name": s.Organization.Name}
	if withContext {
		o["@context"] = "https://schema.org"
	}
	if u := s.Organization.URL; u != "" && !siteconfig.IsPlaceholder(u) {
		o["url"] = u
	}
	if a := s.Organization.Address; a != "" && !siteconfig.IsPlaceholder(a) {
		o["address"] = a
	}
	var area []map[string]any
	for _, p := range s.Presidi {
		area = append(area, map[string]any{"@type": "City", "name": p.Town})
	}
	if len(area) > 0 && withContext {
		o["areaServed"] = area
	}
	return o
}

// jobPostingLD returns schema.org JobPosting data for a call page as JSON for a
// <script type="application/ld+json"> element: title, description, validThrough (the call's closing time),
// the hiring organisation, one jobLocation per presidio town, and datePosted only when the call's opening or the
// page's date is known.
func jobPostingLD(s *siteconfig.Site, p *Page) template.JS {
	if s == nil || p == nil || p.Call == nil {
		return "{}"
	}
	c := p.Call
	desc := p.Description
	if s := p.Summary(); s != "" {
		desc = s
	}
	j := map[string]any{
		"@context":           "https://schema.org",
		"@type":              "JobPosting",
		"title":              c.Title,
		"description":        desc,
		"validThrough":       c.Closes.In(siteconfig.Rome).Format(time.RFC3339),
		"hiringOrganization": organization(s, false),
		"directApply":        true,
	}
	if c.Positions > 0 {
		j["totalJobOpenings"] = c.Positions
	}
	switch {
	case c.Opens != nil:
		j["datePosted"] = c.Opens.In(siteconfig.Rome).Format("2006-01-02")
	case !p.Date.IsZero():
		j["datePosted"] = p.Date.In(siteconfig.Rome).Format("2006-01-02")
	}
	if s.BaseURL != "" {
		j["url"] = absURL(s.BaseURL, p.URL)
	}
	var places []map[string]any
	for _, pr := range s.Presidi {
		places = append(places, map[string]any{
			"@type": "Place",
			"address": map[string]any{
				"@type":           "PostalAddress",
				"addressLocality": pr.Town,
				"addressRegion":   "LO",
				"addressCountry":  "IT",
			},
		})
	}
	if len(places) > 0 {
		j["jobLocation"] = places
	}
	return toJS(j)
}

// toJS encodes v as JSON safe inside a script element: json.Marshal escapes <, > and &, so "</script>" cannot
// appear in the output.
func toJS(v any) template.JS {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return "{}"
	}
	return template.JS(bytes.TrimSpace(buf.Bytes()))
}
