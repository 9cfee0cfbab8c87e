package forms

import (
	"bytes"
	"compress/zlib"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The CV must be a PDF that a reader can open and that runs nothing. checkPDF does not parse the object graph:
// it checks what every reader needs to open the file and looks for the names that start active content.
//
// Structure: the file starts with "%PDF-1." or "%PDF-2.", ends with "%%EOF" (within the last 1024 bytes, as
// readers require; after it only white space), and the startxref before it points inside the file at a
// cross-reference table ("xref") or a cross-reference stream (an object "N G obj" with /Type /XRef). A file that
// is "%PDF-" followed by an executable, a ZIP archive or an HTML page has none of these, nor has a PDF with an
// archive appended.
//
// Active content: these names refuse the file: /JavaScript and /JS (scripts, also in an /OpenAction or an /AA
// trigger), /Launch (runs a program), /EmbeddedFile and /EmbeddedFiles (files inside), /RichMedia (Flash).
// Names are decoded (/J#61vaScript is /JavaScript). The long names are looked for in every byte of the file and
// of every FlateDecode stream once inflated (a reader may be pointed at an object inside a stream's bytes, and
// ten letters do not occur by chance). /JS is short enough to occur by chance in an image, so it is looked for
// only as a token: in the file outside stream bytes and inside compressed object streams (/Type /ObjStm, where
// PDF 1.5+ writers such as Word put most dictionaries). An /OpenAction to a page destination ([3 0 R /XYZ ...],
// in every LibreOffice export) has none of these names and passes.
//
// Why no PDF library: github.com/pdfcpu/pdfcpu v0.15.0 (maintained, pure Go) reads all the test CVs, but it adds
// about 4.9 MB to a linux/arm64 binary (a program that only calls api.ReadContext: 6.2 MB against 1.2 MB
// empty) and brings YAML, image, text and crypto modules; the check needs a lexer, not an object model, and
// this one runs in about 10 ms on a 4 MiB CV (BenchmarkCheckCV4MiB) and is fuzzed (FuzzCheckCV).

// longNames refuse a CV wherever they are; "JS" refuses it as a token (see above).
var longNames = map[string]bool{"JavaScript": true, "Launch": true, "EmbeddedFile": true, "EmbeddedFiles": true,
	"RichMedia": true}

// maxInflated bounds what the object streams of one CV may inflate to, together: a zip bomb stops here.
const maxInflated = 32 << 20

var (
	errPDFBroken = &requestError{http.StatusUnprocessableEntity, "cv",
		"Il file selezionato non è un PDF che si possa aprire: salva il CV come PDF dal programma con cui l'hai scritto (per esempio \"Salva come\" o \"Esporta\" e scegli PDF) e caricalo di nuovo"}
	errPDFActive = &requestError{http.StatusUnprocessableEntity, "cv",
		"Il PDF selezionato contiene script, programmi o altri file allegati, che non possiamo accettare: salva il CV come PDF semplice (per esempio \"Salva come\" o \"Stampa\" e scegli PDF) e caricalo di nuovo"}
)

// checkPDF returns errPDFBroken, errPDFActive or nil.
func checkPDF(data []byte) *requestError {
	if !pdfStructure(data) {
		return errPDFBroken
	}
	budget := maxInflated
	if pdfActive(data, &budget, false) {
		return errPDFActive
	}
	if budget < 0 {
		return errPDFBroken
	}
	return nil
}

// pdfStructure checks the header, the %%EOF at the end and where startxref points (see above).
func pdfStructure(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) && !bytes.HasPrefix(data, []byte("%PDF-2.")) {
		return false
	}
	end := bytes.TrimRight(data, " \t\r\n\f\x00")
	if !bytes.HasSuffix(end, []byte("%%EOF")) {
		return false
	}
	tail := end[max(0, len(end)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return false
	}
	num := bytes.TrimSpace(tail[i+len("startxref") : len(tail)-len("%%EOF")])
	off, err := strconv.Atoi(string(num))
	if err != nil || off <= 0 || off >= len(data) {
		return false
	}
	at := bytes.TrimLeft(data[off:min(len(data), off+4096)], " \t\r\n\f\x00")
	if bytes.HasPrefix(at, []byte("xref")) {
		return true
	}
	// A cross-reference stream: "N G obj << ... /Type /XRef ... >>".
	lx := &pdfLexer{data: at}
	for k, want := range []string{"", "", "obj"} {
		t, kind := lx.next()
		if (k < 2 && kind != tokNumber) || (k == 2 && (kind != tokOther || t != want)) {
			return false
		}
	}
	for depth := 0; ; {
		t, kind := lx.next()
		switch {
		case kind == tokEOF:
			return false
		case kind == tokOther && t == "<<":
			depth++
		case kind == tokOther && t == ">>":
			if depth--; depth <= 0 {
				return false
			}
		case kind == tokName && t == "Type":
			if v, k := lx.next(); k == tokName && v == "XRef" {
				return true
			}
		}
	}
}

// pdfActive reports whether data holds an active name (see above); objStm says data is an inflated object
// stream (its content has no streams of its own). budget is what may still be inflated; below zero, stop.
func pdfActive(data []byte, budget *int, objStm bool) bool {
	if hasLongName(data) {
		return true
	}
	lx := &pdfLexer{data: data}
	var dict []string // the names before a stream: /Type /ObjStm /FlateDecode
	for {
		t, kind := lx.next()
		switch kind {
		case tokEOF:
			return false
		case tokName:
			if t == "JS" {
				return true
			}
			dict = append(dict, t)
		case tokOther:
			if t == "obj" {
				dict = dict[:0]
			}
		case tokStream:
			if objStm {
				break
			}
			if body := lx.skipStream(); slices.Contains(dict, "FlateDecode") {
				inflated, ok := inflate(body, budget)
				if !ok {
					return false
				}
				if isObjStm(dict) && pdfActive(inflated, budget, true) || hasLongName(inflated) {
					return true
				}
			}
			dict = dict[:0]
		}
	}
}

// hasLongName reports whether a long active name, decoded, follows any slash in data.
func hasLongName(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '/')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(data) && strings.IndexByte("JLER#", data[i]) < 0 {
			continue // no long name starts otherwise: skip the decoding
		}
		lx := &pdfLexer{data: data, pos: i}
		if longNames[lx.name()] {
			return true
		}
	}
}

func isObjStm(names []string) bool {
	objStm, flate := false, false
	for i, n := range names {
		objStm = objStm || (n == "ObjStm" && i > 0 && names[i-1] == "Type")
		flate = flate || n == "FlateDecode"
	}
	return objStm && flate
}

// inflate decompresses a FlateDecode stream within *budget bytes; ok is false when the budget is spent.
func inflate(body []byte, budget *int) ([]byte, bool) {
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, true // not zlib: nothing a reader would find in it either
	}
	out, _ := io.ReadAll(io.LimitReader(zr, int64(*budget)+1))
	*budget -= len(out)
	return out, *budget >= 0
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokName
	tokNumber
	tokStream // the keyword "stream": its bytes follow
	tokOther  // keywords, << >> [ ] { }, strings
)

// pdfLexer splits PDF syntax into tokens (ISO 32000-1 §7.2). It never fails. It does not skip comments and
// strings: a name in them counts (a reader may read the bytes otherwise than a lexer that skips them), at the
// cost of refusing a CV whose text says "/JS" in its metadata.
type pdfLexer struct {
	data []byte
	pos  int
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *pdfLexer) next() (string, tokKind) {
	d := l.data
	for l.pos < len(d) {
		c := d[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '<' && l.pos+1 < len(d) && d[l.pos+1] == '<', c == '>' && l.pos+1 < len(d) && d[l.pos+1] == '>':
			l.pos += 2
			return string(d[l.pos-2 : l.pos]), tokOther
		case c == '/':
			l.pos++
			return l.name(), tokName
		case isPDFDelim(c):
			l.pos++
			return string(c), tokOther
		default:
			start := l.pos
			for l.pos < len(d) && !isPDFSpace(d[l.pos]) && !isPDFDelim(d[l.pos]) {
				l.pos++
			}
			w := string(d[start:l.pos])
			if w == "stream" {
				return w, tokStream
			}
			if _, err := strconv.ParseFloat(w, 64); err == nil {
				return w, tokNumber
			}
			return w, tokOther
		}
	}
	return "", tokEOF
}

// name reads a name after its slash, decoding #xx escapes.
func (l *pdfLexer) name() string {
	d := l.data
	var b []byte
	for l.pos < len(d) && !isPDFSpace(d[l.pos]) && !isPDFDelim(d[l.pos]) {
		c := d[l.pos]
		if c == '#' && l.pos+2 < len(d) {
			if v, err := strconv.ParseUint(string(d[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return string(b)
}

// skipStream returns the bytes of the stream that starts here and moves past "endstream". It goes by the
// keyword, not /Length (which may be an indirect reference). Bytes that hold "endobj" are not a stream's (a
// "stream" keyword put where no stream is, to hide the objects that follow): they are read as tokens. Reading
// too much as tokens can only find more names, never hide one.
func (l *pdfLexer) skipStream() []byte {
	d := l.data
	start := l.pos
	if start < len(d) && d[start] == '\r' {
		start++
	}
	if start < len(d) && d[start] == '\n' {
		start++
	}
	end := bytes.Index(d[start:], []byte("endstream"))
	if end < 0 {
		end = len(d) - start
	}
	body := d[start : start+end]
	if bytes.Contains(body, []byte("endobj")) {
		return nil
	}
	l.pos = min(len(d), start+end+len("endstream"))
	return body
}
