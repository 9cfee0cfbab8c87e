package forms_test

import (
	"bytes"
	"compress/zlib"
	"crypto/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quartieri/internal/forms"
)

const (
	msgBroken = "Il file selezionato non è un PDF che si possa aprire"
	msgActive = "Il PDF selezionato contiene script, programmi o altri file allegati"
)

// The files under testdata/pdf were made for these tests, from an invented CV (testdata/pdf/README.md).
func readPDF(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// objStm returns a PDF 1.5 whose catalog sits in a FlateDecode object stream with a cross-reference stream,
// as Word writes it; catalogExtra goes inside the compressed catalog.
func objStm(catalogExtra string) []byte {
	inner := "1 0 << /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>"
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(inner))
	zw.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	b.WriteString("4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ")
	b.WriteString(strconv.Itoa(z.Len()) + " >>\nstream\n")
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	b.WriteString("5 0 obj\n<< /Type /XRef /Size 6 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n")
	b.WriteString("startxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

// withFakeStream puts before object 2 a "stream" keyword where no stream is, then an object running JavaScript,
// and fixes startxref: the lexer must not skip that object as a stream's bytes.
func withFakeStream() []byte {
	return fixStartxref([]byte(strings.Replace(string(makePDF("/AA 9 0 R")), "2 0 obj",
		"<< >> stream\nendobj\n9 0 obj\n<< /S /JavaScript /JS (x) >>\nendobj\n2 0 obj", 1)))
}

// makeFlatePDF is makePDF with one FlateDecode stream that inflates to content.
func makeFlatePDF(content string) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(content))
	zw.Close()
	return fixStartxref(bytes.Replace(makePDF("", z.Bytes()), []byte("<< /Length"), []byte("<< /Filter /FlateDecode /Length"), 1))
}

// fixStartxref points startxref at the cross-reference table again after an edit moved it.
func fixStartxref(data []byte) []byte {
	s := string(data)
	at := strings.LastIndex(s, "startxref\n")
	return []byte(s[:at] + "startxref\n" + strconv.Itoa(strings.LastIndex(s, "xref\n0 ")) + "\n%%EOF\n")
}

func TestCheckCVStructureAndActiveContent(t *testing.T) {
	pageOpen := makePDF("/OpenAction [3 0 R /XYZ null null 0]")
	tests := []struct {
		name string
		data []byte
		want string // a prefix of the message; "" accepted
	}{
		{"LibreOffice export (with an /OpenAction to page 1)", readPDF(t, "libreoffice.pdf"), ""},
		{"PDF 1.7, object and cross-reference streams", readPDF(t, "objstreams-1.7.pdf"), ""},
		{"Ghostscript pdfwrite", readPDF(t, "ghostscript.pdf"), ""},
		{"scanner app: one JPEG page", readPDF(t, "scan-jpeg.pdf"), ""},
		{"minimal PDF", testPDF, ""},
		{"OpenAction to a page", pageOpen, ""},
		{"trailing new lines", append(append([]byte{}, testPDF...), "\r\n\n"...), ""},
		{"object stream, clean", objStm("/OpenAction [3 0 R /Fit]"), ""},
		{"a JS name in an image is chance", makePDF("", []byte("\xff\xd8/JS \x00\x01")), ""},

		{"%PDF- then an ELF executable", append([]byte("%PDF-1.4\n"), "\x7fELF\x02\x01\x01\x00"+strings.Repeat("\x00", 64)...), msgBroken},
		{"%PDF- then a ZIP", append([]byte("%PDF-1.4\n"), "PK\x03\x04\x14\x00\x00\x00\x08\x00 cv.exe PK\x05\x06"...), msgBroken},
		{"%PDF- then an HTML page", []byte("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"), msgBroken},
		{"PDF with a ZIP appended", append(append([]byte{}, testPDF...), "PK\x03\x04 cv.exe PK\x05\x06\x00\x00"...), msgBroken},
		{"truncated PDF", readPDF(t, "libreoffice.pdf")[:9000], msgBroken},
		{"startxref out of the file", bytes.Replace(testPDF, []byte("startxref\n"), []byte("startxref\n9"), 1), msgBroken},
		{"startxref at no xref", []byte("%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF\n"), msgBroken},
		{"only a header", []byte("%PDF-"), msgBroken},

		{"OpenAction running JavaScript", readPDF(t, "active-js-openaction.pdf"), msgActive},
		{"document JavaScript (in an object stream)", readPDF(t, "active-js-names.pdf"), msgActive},
		{"JavaScript with #-escaped names", readPDF(t, "active-js-escaped.pdf"), msgActive},
		{"Launch action", readPDF(t, "active-launch.pdf"), msgActive},
		{"embedded file", readPDF(t, "active-embedded.pdf"), msgActive},
		{"JavaScript in a compressed object stream", objStm("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), msgActive},
		{"Launch in the catalog", makePDF("/OpenAction << /S /Launch /F (cmd.exe) >>"), msgActive},
		{"embedded file stream", makePDF("/Names << /EmbeddedFiles 4 0 R >>"), msgActive},
		{"RichMedia", makePDF("/AA << /O << /S /RichMedia >> >>"), msgActive},
		{"JavaScript in an unterminated string", makePDF("/Title (x /AA << /S /JavaScript /JS (y) >>"), msgActive},
		{"JavaScript inside a stream's bytes", makePDF("", []byte("<< /S /JavaScript /JS (x) >>")), msgActive},
		{"JavaScript in a compressed content stream", makeFlatePDF("<< /S /JavaScript /JS (x) >>"), msgActive},
		{"a fake stream keyword hiding objects", withFakeStream(), msgActive},
	}
	for _, tt := range tests {
		got := forms.CheckCV(tt.data)
		if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: CheckCV = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := forms.CheckCV(readPDF(t, "active-launch.pdf")); !strings.Contains(got, "salva il CV come PDF semplice") {
		t.Errorf("message %q does not say what to do", got)
	}
}

// TestCVPolyglotRefusedThroughTheForm: a PDF running a script gets 422 on the CV, and nothing is stored.
func TestCVPolyglotRefusedThroughTheForm(t *testing.T) {
	e := newEnv(t, nil)
	r := e.apply(e.validApplication(), "cv.pdf", readPDF(t, "active-js-openaction.pdf"), true)
	if errs := r.errorsOf(t); r.status != 422 || len(errs) != 1 || !strings.HasPrefix(errs[0], "cv: "+msgActive) {
		t.Errorf("%d %v", r.status, errs)
	}
	e.assertNothingStored(t)
}

// BenchmarkCheckCV4MiB checks a 4 MiB CV: a scanned page (random bytes, as a JPEG looks) and an object stream.
func BenchmarkCheckCV4MiB(b *testing.B) {
	img := make([]byte, 4<<20-4096)
	rand.Read(img)
	data := makePDF("/OpenAction [3 0 R /Fit]", img)
	if got := forms.CheckCV(data); got != "" {
		b.Fatalf("CheckCV = %q", got)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		forms.CheckCV(data)
	}
}
