// Package e2e holds the end-to-end tests of the whole site, run in real Chromium against the built pages and the
// form backend on local storage. It has no code of its own outside its tests; this comment is their spec.
//
// The tests build the site with generator/site as at an instant (2025-04-20T10:00:00+02:00, when the call for
// community managers is open; a day after its deadline for the closed call), serve the built files with
// http.FileServer and mount internal/forms on internal/localstore at /api/, as `generator serve -now` does
// (the API's clock starts at that instant and runs on). One headless Chromium per test binary (the flags of
// ARCHITECTURE.md, a new empty profile, Italian UI), a new tab per check; JavaScript "off" means the page's own
// scripts never run, while the test's scripts (axe) still can.
//
//   - TestAccessibility: axe-core (tags wcag2a, wcag2aa, wcag21aa, wcag22aa) reports zero violations on every
//     built page (redirect pages of aliases too, loaded without their meta refresh) at 320 px and 1280 px,
//     with JavaScript on and off, and axe's structure rules (one h1, landmarks, headings in order, skip
//     link) pass on them, on the error pages and on the receipts; at 320 px no page scrolls sideways, also
//     with the WCAG 1.4.12 text spacing, which must cut no text off; nor at 640 px (200% zoom).
//   - TestNavigationNarrow: at 320 px every entry of site.yaml's main menu is a visible link in a <nav> on every
//     page, with JavaScript on and off, once the menu button (the summary of a <details>) is pressed; at
//     1280 px without JavaScript they show at once.
//   - TestEUEmblem: every page at 360 and 1280 px shows the EU emblem (3:2) with "Cofinanziato dall'Unione
//     europea", no logo taller than it; on the home page at 360×800 both lie within the first screen.
//     TestHomeFirstScreen: at 360×800, JavaScript on and off, the home page's h1, a sentence saying what the
//     site is for and the three tasks (operatori di quartiere, affitto e bollette, contatti) as large links end
//     within 800 px, and the collapsed menu takes one row. TestFavicon: every page links an icon served as an
//     image.
//   - TestText200: at 320 px with the root font size at 200% (and the menu open), JavaScript on and off, no page
//     and neither form with its errors (all of them, or those of wrongAnswers) scrolls sideways, and no label,
//     legend, button, link or text is wider than its box or sticks out of the window.
//   - TestSummaryLinksKeepLabelsInView: without JavaScript, following each link of the application form's error
//     summary leaves the field's label or legend, hint and error in view. TestFileInputEnhanced: with
//     JavaScript the CV field is a "Scegli file" button labelled by the field's label that says the whole name
//     of the chosen file in a live region; without it, the native input. TestKeptCVSameWords: the sentence
//     about a CV kept after an error is the same with and without JavaScript. TestTableRegions: a table's scroll
//     region is a tab stop only while it scrolls (JavaScript on), and on a phone the headers the stylesheet
//     writes before each value have empty alternative text.
//   - TestFocusVisible: Tab through every page (1280 px, JavaScript off) reaches no element without a visible
//     focus indicator (outline or box shadow), in normal colours and in forced-colours mode.
//   - TestFormErrorStates: axe reports zero violations on both forms in their error state at both widths, with
//     JavaScript (the inline error summary, which takes the focus) and without it (the page the backend returns); the
//     summary links to each field, whose "{id}-error" message says the same and is tied by aria-describedby.
//   - TestNuHTMLChecker: the Nu HTML Checker (vnu.jar) reports zero errors on every built page and stylesheet,
//     on both error pages and both confirmation pages of the backend, and on the closed call's pages and 403
//     page; it runs once, in one JVM, over all files.
//   - TestKeyboardNoJS: both forms completed with the keyboard alone and JavaScript off (the skip link, Tab,
//     typing, Space on checkboxes, arrow keys on radios, Enter on the submit button), with a visible focus
//     indicator on every element reached. The CV is attached with DOM.setFileInputFiles: a file chooser cannot
//     be typed into. The confirmation page shows the receipt, and the local store holds the record (not marked
//     as spam), the CV and both mails.
//   - TestKeptCVNoJS: an application sent without JavaScript with a wrong codice fiscale comes back with the
//     answers kept and "Hai caricato: ..." for the CV; corrected and sent again without choosing the file again,
//     it is stored with that CV (WCAG 3.3.7).
//   - TestSubmitWithJS: both forms sent from pages whose scripts run end on the receipt page, with the same
//     checks of the store. TestFixErrorsWithJS: the contact form sent empty shows the inline errors; filled in
//     and sent again, it ends on the receipt.
//   - TestGeneratorServe: issue 4's newcomer check on the real command: `generator serve -now
//     2025-04-20T10:00:00+02:00 -data DIR`, an application with a real PDF and a contact message sent from the
//     browser, each ending on its receipt with its record, CV and mails under DIR, and no personal data in the
//     server's output.
//   - TestDoubleSubmit: a double click on the contact form's submit button, with JavaScript on and off, stores
//     one message and shows its receipt.
//   - TestCallClosed and TestCallClosesWhileOpen: after the deadline the application page has a notice and no
//     form, a late application gets 403 and stores nothing; a page loaded ten seconds before the deadline
//     warns that the call closes within 15 minutes, and when the deadline passes (virtual time) keeps the
//     form with what was typed, drops its send button and moves the focus to a role="alert" notice; on the
//     home page the script then shows the call blocks of the closed phase and only those.
//   - TestPageWeight: the home page (HTML + CSS + JS, uncompressed, as the browser loads them) weighs under
//     30 KB, the stylesheet under 20 KB and each script under 10 KB; it logs the heaviest page.
//   - TestEnglishTermsMarked: "community manager" in the text of every page sits inside an element with
//     lang="en".
//   - TestStructuredData: the JSON-LD of every page parses; the home page carries the GovernmentOrganization and
//     the call page, while the call is open, a JobPosting whose validThrough is the deadline of site.yaml.
//   - TestTimeTrueContent: issue 11's time-true site: the repository's site, with an opening added to the call,
//     built at six instants (before opening, open, the last day, 23:59 on the closing day, 00:00 after, months
//     later) and read page by page (JavaScript off: the built HTML): once closed no page invites to apply or
//     speaks of the recruitment in the present tense and the call's pages say "chiuso"; before that no page says
//     it is closed; the call's pages give the opening or the deadline; every date with its hour has its weekday.
//   - TestStatementFromSiteYAML: the accessibility page links the feedback address (mailto:) and AgID's page on
//     the Difensore civico from site.yaml; the funding table has a caption.
//   - TestScreenshots: with SCREENSHOTS_DIR set, full-page PNGs of the home, call, application and contact pages
//     at 320, 360 and 1280 px, of the application form with errors at 320 px, and the home page's first screen
//     on a 360×800 phone.
//
// The tests need /usr/bin/chromium (or CHROMIUM), java, and tools/node_modules (axe-core, vnu-jar). When one is
// missing they skip with a message, unless QUARTIERI_REQUIRE_SERVERS=1, which turns the skip into a failure.
package e2e
