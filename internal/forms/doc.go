// Package forms is the form backend: the job applications of a call and the tenants' messages to the community
// managers. It is one http.Handler, mounted by `generator serve` on local storage (package localstore) and run on
// AWS Lambda behind API Gateway with DynamoDB, S3 and SES v2. It never imports the AWS SDK: it talks to the small
// interfaces of stores.go.
//
// # Routes
//
// Paths are under the site's apiBase (site.yaml, default /api):
//
//	POST /applications                    multipart/form-data only; answer: receipt number
//	POST /contact                         application/x-www-form-urlencoded or multipart/form-data; ticket number
//	GET  /applications/token              {"token": "..."}: a signed time token for the page's script (field _token)
//	GET  /contact/token                   the same for the contact form
//	GET  /applications/ricevuta?numero=N&firma=S  the confirmation page (the 303 target; optional &bando=CALL)
//	GET  /contact/ricevuta?numero=N&firma=S       the same for a message
//	GET  /applications, GET /contact       303 to the form page (the open call's applyPage, else the applyPage
//	                                      of the call that closes last; /contatti/): someone pressed Enter in the
//	                                      address bar after an error page (HEAD too)
//
// Any other method on these paths gets 405 with Allow and an Italian message (JSON when asked for).
//
// NewApplications serves the application routes, NewContact the contact routes, NewAPI both (sharing one rate
// limiter). The confirmation pages check the number's shape and its signature firma (an HMAC of the form and
// the number with Config.Secret, given by the 303 and in the JSON answer): they never look anything up and show
// no personal data. A well-formed number without a right signature gets 200 with a neutral page ("Controlla la
// ricevuta nella tua email") that confirms nothing and says the confirmation mail carries the receipt: anyone can
// type a link, and the site's domain must not say "Candidatura inviata" for it.
//
// # Fields
//
// The fields of each form, in page order, with their length limits and the contact topics, are defined once in
// internal/formdef (go doc quartieri/internal/formdef); validation, error order and the 413 messages read it.
// Applications: call, given_name, family_name, tax_code, email, phone, cv (PDF), declaration=yes, privacy=yes;
// optional education and message. Contact: name, town (a presidio id of site.yaml), topic, message, privacy=yes,
// and email or phone or both.
// Hidden fields of both: _token (time token), _idem (idempotency key made by the page's script, 16–64 of
// A–Z a–z 0–9 _ -), fax (honeypot: must stay empty), and for applications cv_ref (a CV kept from an earlier
// attempt). Unknown fields are ignored; of a repeated field the first value counts.
//
// Validation reports every error at once, in page order (call, given_name, family_name, tax_code, email, phone,
// cv, education, message, declaration, privacy; contact: name, town, topic, message, email, phone, privacy),
// errors about the whole request first, each in plain Italian that says how
// to fix it (GOV.UK wording). Names: letters of any alphabet with accents, apostrophes (' and ’), spaces and
// hyphens, at most 100 characters. Email: a bare address (no display name), at most 254 characters, with a dot in
// the domain, in ASCII only: SES v2 takes ASCII addresses (a domain in punycode, xn--...), so an accented letter
// anywhere is an error that asks for letters without accents (an international domain is not converted: that
// needs golang.org/x/net/idna, which is not in the module graph). Phone: an optional +, then 6 to 15 digits, with spaces, dots, dashes or slashes between them.
// Codice fiscale: package codicefiscale (16 characters with check letter and omocodia, or the 11-digit
// provisional code). Text that is not UTF-8, control characters, and line breaks in one-line fields are errors:
// no field can reach a mail header, and mail headers carry only checked addresses and fixed text. One-line
// fields (names, email, phone, codice fiscale) also refuse invisible characters (IsInvisible: bidirectional
// overrides and isolates, zero-width characters, the byte order mark, every Unicode format character); the
// message fields keep them (emoji and some scripts need joiners), and CV file names lose them. A value is blank
// when IsBlank says so (only white space and format characters): "at least one of email and phone" uses it.
//
// # Responses
//
// A request whose Accept header names application/json (any case) with a q above zero and at least the q of
// text/html (from text/html, text/* or */*) gets JSON (a script sends exactly "application/json"); "*/*" alone,
// "application/jsonx" or application/json;q=0 get HTML. JSON answers: 201 {"receipt": "K7M4-PX2Q", "firma":
// "..."} (also for a contact message: the ticket number; firma is the confirmation page's signature), 200 with the same body for a repeated submission, and otherwise
// {"errors": [{"field": "...", "message": "..."}]} (field may be "" for errors about the whole request; a 422 also
// carries "cv_ref" and "uploaded" when a CV was kept). Any other request gets HTML: 303 See Other to the
// confirmation page, or the form page re-rendered with the theme (Page.Kind "form-error", Layout "application" or
// "contact", theme.Form with the typed values, the errors in field order, a fresh token, the posted _idem and the
// kept CV), with the status:
//
//	400  the body could not be read: not multipart (applications), a wrong boundary, a truncated body
//	403  the call is not open at the time of the request (the message gives the dates), or the Origin is foreign
//	413  the CV is over 4 MiB, or the body over 4 MiB + 64 KiB (applications) or 64 KiB (contact), or over
//	     100 parts; the message names a field only when that field is over its own limit, and otherwise says
//	     what was too large (the text, another file than the CV, a file sent with a message, too many parts)
//	422  one or more fields are wrong
//	429  too many requests from the address; Retry-After says when to try again
//	503  a store failed; nothing that claims to exist is left without its parts; retrying is safe
//
// Nothing is stored on any of these, except a valid CV received with a 422 (below).
//
// # The CV
//
// The body is read through http.MaxBytesReader and a streaming multipart reader, never beyond the limit. The CV is
// recognised by its bytes: it must start with "%PDF-" (an executable or a zip renamed cv.pdf fails), be at most
// 4 MiB and not be empty, have the structure a PDF reader needs (a trailer's startxref pointing at a
// cross-reference table or stream, %%EOF at the end: "%PDF-" followed by an executable, a ZIP or an HTML page
// fails) and no active content (/JavaScript, /JS, /Launch, /EmbeddedFile(s), /RichMedia: "salva il CV come PDF
// semplice..."); pdf.go says how, and why no PDF library. When the request has errors elsewhere, a valid CV is kept under "pending/<random>" and
// the re-shown form carries an HMAC-signed cv_ref with its name ("Hai caricato: cv.pdf", WCAG 3.3.7); posting
// the form again without a new file uses it (a new file wins).
//
// # Deadline
//
// The call's window comes from site.yaml (siteconfig.Call.StatusAt) at the time the request arrives (Config.Now,
// which `-now` sets locally): 28 April 2025 23:59:59 is in time, 29 April 00:00:00 is late. The posted call id is
// trimmed once, before anything else; the window check, the validation and the stored record all use that one
// value, and the window is checked again just before storing, at the time of storing: the instant of arrival
// plus the real time elapsed since (under -now, the simulated instant plus the time the upload took), so an
// upload that starts before the deadline and ends after it gets 403. An id that is not a call of site.yaml is a 422
// that stores nothing (not even the CV).
//
// # Durable before successful
//
// The receipt is 8 characters from an alphabet without 0 O 1 I L U, grouped 4-4 ("K7M4-PX2Q"), from crypto/rand.
// The idempotency key is the call, the posted _idem (or "-") and the SHA-256 of the normalised fields and the
// CV's hash: a double click, a client retry or a no-JS resubmission of the same form gets the same receipt, while
// a corrected form sent with the same _idem after the back button is a new application. A key with an _idem binds
// for the record's retention; a key without one (only a hash of the content) binds for 24 hours, on the real
// clock: the same words sent again the next day are a new message (or application). A suspect submission
// (below) gets a key of its own, so a suspect copy never swallows a genuine one. Contact messages use the same
// keys. Steps:
//
//  0. Draw a receipt and reserve it: Records.Claim("receipt:<number>", a hash of the key), for a day. A number
//     another submission holds is drawn again (at most 8 times, then 503), so an unrelated submission never
//     gets, or overwrites, someone else's number. Tickets share the space. Just before the record is written
//     (step 4), Records.ExtendClaim makes the reservation last at least as long as the record; a reservation
//     left unused (a repeat, a failure) expires after a day.
//  1. Records.Claim(key, the receipt). If the key was bound and that application exists, answer with its receipt
//     (200 JSON / 303) and store nothing new (the new reservation is left unused). If it was bound but the
//     application is missing (an earlier attempt failed halfway), finish the job with the bound receipt.
//  2. Files.Put the CV at "cv/<call>/<receipt>.pdf".
//  3. Records.Latest(call, codice fiscale) gives the application this one supersedes (Supersedes; both are kept).
//     The index is keyed by codicefiscale.Person, so every omocodic spelling of a code is one person (an entry
//     written under the code as typed, before keys were normalised, is read too; see person.go).
//  4. Records.PutApplication (conditional; ErrExists means a concurrent twin stored it: the record is read and
//     compared — call, codice fiscale, CV hash — and answered with its receipt; any other record is a 503).
//  5. Records.SetLatest, so the index never points at a missing record.
//  6. Answer 201 / 303; then mail.
//
// Any failure in 0–5 answers 503 "riprova tra qualche minuto". A claim without its application is not an
// application: the retry completes it. A record without its latest-index entry is repaired on the retry.
// Contact messages take steps 0, 1 (the bound ticket), the reservation's extension, Records.PutMessage and 6.
//
// Mail is sent after storing and never fails the request: a confirmation to the candidate (receipt, call, what
// happens next; no CV, no typed text), a notice to site.yaml's mail.staff (receipt and where to find the record;
// never the CV or the codice fiscale), and, when the application supersedes another, a notice to the earlier
// application's address (both receipts and whom to write to if it was not them; nothing of the new application:
// its sender may be someone else who knows the code; kind "superseded", noted under the earlier receipt). A
// failed mail is retried once, then recorded with Records.NoteMail(ref,
// kind, "failed: ..."); a sent one is recorded as "sent". Contact: a ticket, a mail to the chosen presidio's
// mailbox (Reply-To the tenant's email when given), an acknowledgement to the tenant when an email was given;
// topic payments sets Urgent and prefixes the staff subject with "[URGENTE]". Records expire after site.yaml's
// retention (ExpiresAt), counted on the real clock: a record made under `serve -now` has the simulated
// SubmittedAt but is kept as long as any other.
//
// # Spam, without CAPTCHA
//
// A filled honeypot, or a _token with a bad signature, marks the submission as suspect: it is stored with
// Suspect set and counted in the log, and a suspect contact message is not mailed; a suspect application is
// mailed to staff marked "da verificare" (applications are never dropped). A token under 3 seconds or over 24
// hours old is a weak signal, only counted in the log ("token-too-fast", "token-too-old"): the re-shown form
// after an error page carries a fresh token, so a person who corrects one field and sends again at once, or who
// left the page open overnight, would otherwise lose the message without knowing. A missing token (a browser
// without JavaScript that has not been through an error page) is only counted too. Tokens, kept-CV
// references, idempotency claims and rate limits run on the real clock: Config.Now (`-now`) moves deadlines, not
// them. When Config.Secret is nil a random key is made, and tokens from another instance cannot be told from
// forged ones: a bad signature then only counts, it does not make the submission suspect. Set Secret on Lambda.
//
// Each client address may post site.yaml's limits.requests times per limits.window (a sliding window in memory,
// at most 10,000 addresses) and then gets 429 with Retry-After. IPv6 clients count by their /64 (a home or a
// phone gets a whole /64 and may use any address of it); IPv4 ones by address. The address is the host of Request.RemoteAddr;
// with Config.TrustedProxies = N > 0 it is the N-th entry from the right of X-Forwarded-For (the one the
// outermost trusted proxy added; the leftmost entries are whatever the client sent, so they are never trusted).
// A browser post whose Origin is neither the origin of site.yaml's baseURL nor the request's own host gets 403;
// a request without Origin (curl, scripts) is allowed.
//
// # Languages
//
// A contact form on a courtesy translation (/ar/contatti/) sends the page's language in the hidden field "lang"
// (one of site.yaml's languages; anything else is the site's language). The field names and status codes stay
// the same, but the answer is in that language: every error message the theme knows in Italian (its i18n texts
// whose keys start with "err_"; a %d stands for a number) is given in the page's language, in JSON and in the
// re-shown form, which is rendered in that language (lang, dir, menus, the theme's texts); the 303 goes to
// ricevuta?numero=N&lingua=LANG, a confirmation page in that language. The stored Message keeps Lang, and the
// presidio's mail says in Italian which language the person wrote from, so that staff can arrange an
// interpreter. Messages about the request itself (rate limit, origin, a body that cannot be read) stay Italian:
// they come before the fields are read.
//
// # Logs
//
// JSON through log/slog: receipt and ticket numbers, statuses, counters. Never names, emails, phone numbers,
// codici fiscali, messages or CVs.
package forms
