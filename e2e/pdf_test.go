package e2e

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// minimalPDF returns a small, valid PDF 1.4 document of one A4 page that shows text, with a correct
// cross-reference table, as a candidate's CV would be (only far smaller).
func minimalPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 18 Tf 72 770 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// TestMinimalPDF checks the CV the form tests upload: it starts with %PDF-, and every xref entry and startxref
// point at what they claim to.
func TestMinimalPDF(t *testing.T) {
	pdf := minimalPDF("Curriculum vitae di prova")
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Fatalf("minimalPDF: bad header or trailer:\n%s", pdf)
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("minimalPDF: no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 6\n")) {
		t.Fatalf("startxref %d points at %q, want the xref table", xref, pdf[xref:min(xref+10, len(pdf))])
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(pdf[xref:], -1)
	if len(entries) != 5 {
		t.Fatalf("xref has %d in-use entries, want 5", len(entries))
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		want := fmt.Sprintf("%d 0 obj\n", i+1)
		if !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref entry %d = %d points at %q, want %q", i+1, off, pdf[off:min(off+10, len(pdf))], want)
		}
	}
	for _, want := range []string{"/Length 56", "(Curriculum vitae di prova) Tj"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("minimalPDF lacks %q", want)
		}
	}
}
