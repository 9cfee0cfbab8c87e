// Package e2e holds the end-to-end tests of the whole site, run in real Chromium against the built pages and the
// form backend on local storage. It has no code of its own outside its tests; this comment is their spec.
//
// Every test builds the site once (as at 2025-04-20T10:00:00+02:00, so the call for community managers is open),
// serves the built files with http.FileServer and mounts the form API at /api/, exactly as `generator serve` does,
// and drives one headless Chromium per test binary (a new tab per page, a fresh empty profile):
//
//   - TestAccessibility: axe-core (tags wcag2a, wcag2aa, wcag21aa, wcag22aa) reports zero violations on every
//     built page at 320 px and 1280 px, with JavaScript on and off; at 320 px no page scrolls sideways.
//   - TestFormErrorStates: axe reports zero violations on both forms in their error state, with JavaScript (the
//     inline error summary) and without it (the page the form backend returns).
//   - TestNuHTMLChecker: the Nu HTML Checker (vnu.jar) reports zero errors on every built page and on both error
//     pages the backend returns; it runs once, in one JVM, over all files.
//   - TestKeyboardNoJS: both forms completed with the keyboard alone and JavaScript off (Tab, typing, Space on
//     checkboxes, arrow keys on radios, Enter to submit); the CV is set with DOM.setFileInputFiles, since a file
//     chooser cannot be typed into. The confirmation page shows a receipt, and the local store holds the record,
//     the CV and the mails.
//   - TestSubmitWithJS: both forms submitted with JavaScript on end on the receipt page.
//   - TestPageWeight: the home page (HTML + CSS + JS, as the browser loads it) weighs under 30 KB.
//   - TestScreenshots: with SCREENSHOTS_DIR set, full-page PNGs of the home and call pages at 320 and 1280 px.
//
// The tests need /usr/bin/chromium (or CHROMIUM), java, and tools/node_modules (axe-core, vnu-jar). When one is
// missing they skip with a message, unless QUARTIERI_REQUIRE_SERVERS=1, which turns the skip into a failure.
package e2e
