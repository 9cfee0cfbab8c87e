package theme

import (
	"html/template"
	"strconv"
	"time"

	"quartieri/internal/siteconfig"
)

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
	"settembre", "ottobre", "novembre", "dicembre"}

// Funcs are the template functions every layout may use:
//
//	date T            "28 aprile 2025" (in Europe/Rome)
//	datetime T        "28 aprile 2025, ore 23:59"
//	isodate T         "2025-04-28"
//	callOpen CALL NOW true while the call takes applications
var Funcs = template.FuncMap{
	"date":     DateIT,
	"datetime": DateTimeIT,
	"isodate":  func(t time.Time) string { return t.In(siteconfig.Rome).Format("2006-01-02") },
	"callOpen": func(c *siteconfig.Call, now time.Time) bool {
		return c != nil && c.StatusAt(now) == siteconfig.Open
	},
}

// DateIT formats a date the Italian way: "28 aprile 2025".
func DateIT(t time.Time) string {
	t = t.In(siteconfig.Rome)
	return itoa(t.Day()) + " " + months[t.Month()-1] + " " + itoa(t.Year())
}

// DateTimeIT formats a date and time the Italian way: "28 aprile 2025, ore 23:59".
func DateTimeIT(t time.Time) string {
	return DateIT(t) + ", ore " + t.In(siteconfig.Rome).Format("15:04")
}

func itoa(n int) string { return strconv.Itoa(n) }
