// Command staff lets the staff read what came in through the site's forms: the job applications to a call (which
// one counts for each person, which were superseded, which the anti-spam checks flagged), the CVs, the tenants'
// messages to the community managers (urgent "payments" ones first) and the mails that could not be sent. It only
// reads: it never changes, deletes or sends anything.
//
//	go run ./functions/staff [-data DIR | -aws] [-source DIR] [-now TIME] COMANDO [argomenti]
//
// Commands (their names and everything they print are in Italian, for staff):
//
//	candidature [-bando ID]   the applications, oldest first, per call: receipt, date (Europe/Rome), family and
//	                          given name, email, phone, state and the candidate's confirmation mail; then how many
//	                          count. State: "valida" (the latest of that person, by codice fiscale, for that call),
//	                          "sostituita da XXXX-XXXX" (a later one of the same person replaced it), "da verificare"
//	                          (the latest of that person, but flagged by the anti-spam checks: staff decide).
//	candidatura NUMERO        every field of one application, its state, and the outcome of its mails.
//	cv NUMERO [-o FILE]       writes the CV to FILE (default NUMERO.pdf in the current folder) with mode 0600;
//	                          an existing file is never overwritten.
//	messaggi [-paese ID]      the tenants' messages, urgent first, then newest first: ticket, date, town, topic,
//	                          name, contact, notes, and the first 80 characters of the text.
//	messaggio NUMERO          one message in full, with the outcome of its mails.
//	posta                     the mails that failed (the last outcome of each mail is a failure), with the person
//	                          to contact by hand and what to do.
//	aiuto                     the usage text.
//
// A number may be typed in any case and without its dash (k7m4px2q for K7M4-PX2Q).
//
// # Where it reads
//
// -data DIR reads the local folder that `generator serve` writes (package localstore; default .data). -aws reads
// DynamoDB and S3 through awsstore.New, with the same environment as the Lambda functions: AWS_REGION,
// credentials, AWS_ENDPOINT_URL_DYNAMODB / _S3, APPLICATIONS_TABLE, CONTACT_TABLE, CV_BUCKET. The rule: -aws, or
// no -data and APPLICATIONS_TABLE or CONTACT_TABLE set, means AWS; otherwise the local folder. Giving both -data
// and -aws is an error. The first line on standard error says which archive is read. On AWS the staff role needs
// dynamodb:Scan and dynamodb:GetItem on both tables and s3:GetObject on the CV bucket (kms:Decrypt when the CVs
// are encrypted with a KMS key).
//
// site.yaml (in -source DIR, default the current folder) gives the calls' titles and the towns' names; without
// it the ids are shown. -now TIME (RFC 3339) reads the archive as at that instant.
//
// Records past their retention (ExpiresAt) are never shown, even when they are still stored: DynamoDB's TTL deletes
// them lazily, and the local folder is purged by `generator serve` only hourly.
//
// # Personal data
//
// This command prints names, codici fiscali, emails, phone numbers and messages: that is its purpose, and it prints
// them only to the terminal of the staff member who runs it (standard output). It writes no log and sends nothing
// anywhere; errors (standard error) carry receipt numbers and file names, never personal data. A saved CV is
// readable by its owner only (0600).
package main
