// Command staff lets the staff work with what came in through the site's forms: the job applications to a call
// (which one counts for each person, which were superseded, which the anti-spam checks flagged), the CVs, the
// tenants' messages to the community managers (urgent "payments" ones first) and the mails that could not be
// sent; the committee's export; and the people's rights of access and erasure, and retention.
//
//	go run ./functions/staff [-data DIR | -aws] [-source DIR] [-now TIME] COMANDO [argomenti]
//
// Commands (their names and everything they print are in Italian, for staff):
//
//	candidature [-bando ID]   the applications, oldest first, per call: receipt, date (Europe/Rome), names,
//	                          email, state and the candidate's confirmation mail; then how many count. State:
//	                          "valida" (the one that counts for that person and call), "sostituita da X" (a
//	                          later one replaced it), "da verificare" (it counts, but the anti-spam checks
//	                          flagged it: staff decide).
//	candidatura NUMERO        every field of one application, its state, the person's applications in order
//	                          (the chain of Supersedes) and the outcome of its mails.
//	cv NUMERO [-o FILE]       writes the CV to FILE (default NUMERO.pdf in the Downloads folder) with mode 0600;
//	                          an existing file is never overwritten.
//	messaggi [-presidio ID]   the tenants' messages (-paese ID is the same), urgent first, then newest first;
//	                          under each row its topic and as much of its text as fits.
//	messaggio NUMERO          one message in full, with the outcome of its mails.
//	posta                     the mails that failed (the last outcome of each mail is a failure), with the person
//	                          to contact by hand and what to do.
//	esporta candidature [-bando ID] [-out FILE.csv] [-cv DIR]
//	                          a CSV with one row per person and call: the application that counts, every field,
//	                          its state, how many earlier ones and their receipts; -cv DIR saves those CVs as
//	                          RECEIPT-Cognome-Nome.pdf (names reduced to letters and digits; files 0600, DIR 0700;
//	                          a file already there with the same bytes is kept, another is an error).
//	esporta messaggi [-presidio ID] [-dal DATA] [-al DATA] [-out FILE.csv]
//	                          a CSV of the messages (urgent first): topic, urgency, presidio, contact details, the
//	                          text, whether the presidio's and the tenant's mails left. -al with a day alone
//	                          includes that whole day.
//	accesso CF|EMAIL|NUMERO [-out DIR]
//	                          the right of access (GDPR art. 15): makes DIR (new or empty; 0700) with the
//	                          person's records as text and JSON, their CVs, their mails (local outbox) and
//	                          LEGGIMI.txt: what is kept, why, until when, and the technical items linked to it.
//	cancella NUMERO|CF|EMAIL [-conferma] [-richiesta PROT]
//	                          the right to erasure (art. 17). Without -conferma it lists every item that would go
//	                          and deletes nothing. With it, it deletes them (see "Erasure") and appends to the
//	                          erasure log: the time, the request (PROT, or a generated CANC-YYYYMMDD-xxxxxx), how
//	                          many records, the number of items of each kind, whether it finished. No personal data.
//	pulisci                   retention, on the real clock (never -now): deletes from the data folder what is past
//	                          it and prints how many items of each kind; on AWS deletes nothing and says what
//	                          DynamoDB's TTL and the bucket's lifecycle will delete, and how many items have expired.
//	aiuto                     the usage text.
//
// A number may be typed in any case and without its dash (k7m4px2q for K7M4-PX2Q). A codice fiscale is matched
// in any of its omocodic spellings (codicefiscale.Person) and finds applications only (the contact form does not
// ask for it); an email is matched in any case and finds applications and messages.
//
// # Which application counts
//
// See counts.go: the latest-application index the form core writes, then the chain of Supersedes, and only if both
// fail the submission times. Never the times first: records made under `serve -now` share one, and two Lambda
// instances' clocks may differ.
//
// # Erasure
//
// accesso and cancella look at every record still stored, expired or not (ListStored: an expired record is held
// until the purge or DynamoDB's TTL deletes it). The items of a record (localstore.Store.Holdings,
// awsstore.Stores.Holdings): the record; its CV, on S3 every
// version and delete marker; CVs kept under pending/ with the same SHA-256; the idempotency claims bound to it and
// its receipt's reservation; latest-index entries naming it; its mail notes; locally its .eml copies in outbox/.
// Erase deletes the records last, so a failure midway leaves them, the command says it did not finish, and running
// it again finds and deletes the rest. Mails already delivered (to the person, to the staff mailbox, to a
// presidio) are outside the archive: the command reminds staff to delete them there. An erased application that
// a later one superseded leaves that one's Supersedes naming a receipt that no longer exists.
//
// # Where it reads
//
// -data DIR reads the local folder that `generator serve` writes (package localstore; default .data). -aws reads
// DynamoDB and S3 through awsstore.New, with the same environment as the Lambda functions: AWS_REGION,
// credentials, AWS_ENDPOINT_URL_DYNAMODB / _S3, APPLICATIONS_TABLE, CONTACT_TABLE, CV_BUCKET. The rule: -aws, or
// no -data and APPLICATIONS_TABLE or CONTACT_TABLE set, means AWS; otherwise the local folder. Giving both -data
// and -aws is an error. The first line on standard error says which archive is read. The permissions the staff
// role needs, to read and to erase, are in the awsstore package doc.
//
// site.yaml (in -source DIR, default the current folder) gives the calls' titles and the towns' names; without
// it the ids are shown. -now TIME reads the archive as at that instant (cli.ParseTime: RFC 3339, or
// "2025-04-28 10:30" in Europe/Rome, as the generator reads it).
//
// Records past their retention (ExpiresAt) are never shown, even when they are still stored: DynamoDB's TTL deletes
// them lazily, and the local folder is purged by `generator serve` hourly and by pulisci.
//
// # Personal data
//
// The lists print names, codici fiscali, emails, phone numbers and messages to the terminal of the staff member who
// runs it (standard output), and nothing else. Every value passes through the terminal filter of format.go:
// control characters and invisible format characters (Unicode Cf: bidirectional overrides U+202A–U+202E and
// isolates U+2066–U+2069, zero-width U+200B–U+200F, U+FEFF...) are shown escaped as \u202E, never raw. Lists fit
// 100 columns, long values cut with "…"; the single-item views show them whole.
//
// Files with personal data (cv, esporta, accesso) are written where the staff member says, or else in the
// Downloads folder of their home (HOME, USERPROFILE), never in the current folder, which is usually the repository;
// files are 0600 and folders 0700, and no file is overwritten. CSV files are for Excel in Italian: UTF-8 with BOM,
// ";" separators, CRLF, quoting by RFC 4180, and a cell that starts with = + - @ tab or CR (or their full-width
// forms) gets a leading "'" (OWASP, CSV injection). It writes no log and sends nothing; errors (standard error)
// carry receipt numbers and file names, never personal data; the erasure log holds none.
package main
