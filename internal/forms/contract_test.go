package forms_test

import (
	"bufio"
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"quartieri/internal/forms"
)

// TestContract runs the scripts in testdata/contract: the routes, status codes and answers of the form API,
// written as the contract reads (in the style of golang.org/x/website's webtest). Each file is a fresh API on an
// empty local store, with the clock at inTime; cases are separated by blank lines:
//
//	# comment
//	now 2025-04-29T00:00:00+02:00      set the clock (Config.Now) for the cases that follow
//	GET /api/applications              the request: method and target, then what it sends
//	header Accept: application/json    a request header
//	form name=Maria%20Rossi            a form field (URL-escaped value); form fields make a urlencoded body...
//	file cv=cv.pdf pdf                 ...or, with a file, a multipart one (files: pdf, elf, empty)
//	token                              a valid _token field
//	body --x--                         a raw body (Go-quoted when it starts with ")
//	bigbody 70000                      a urlencoded body of that many bytes and more
//	code == 303                        then what comes back
//	header Location == /contatti/      (also: contains, matches)
//	body contains Inserisci il nome    (also: !contains, matches; HTML entities decoded)
//	stored none                        the request stored nothing (kept CVs under pending/ aside)
func TestContract(t *testing.T) {
	files, _ := filepath.Glob("testdata/contract/*.txt")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/contract")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runContract(t, file, string(data))
		})
	}
}

func runContract(t *testing.T, file, script string) {
	now := inTime
	e := newEnv(t, func(c *forms.Config) { c.Now = func() time.Time { return now } })
	var c *contractCase
	sc := bufio.NewScanner(strings.NewReader(script))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		pos := file + ":" + strconv.Itoa(n)
		switch {
		case line == "":
			c = nil
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		verb, arg, _ := strings.Cut(line, " ")
		if verb == "now" {
			tm, err := time.Parse(time.RFC3339, arg)
			if err != nil {
				t.Fatalf("%s: %v", pos, err)
			}
			now = tm
			continue
		}
		if c == nil {
			c = &contractCase{method: verb, target: arg, header: map[string]string{}, before: e.stored(t, "pending")}
			continue
		}
		if c.reply == nil && !isCheck(verb, arg) {
			c.setup(t, e, pos, verb, arg)
			continue
		}
		if c.reply == nil {
			r := c.send(t, e, pos)
			c.reply = &r
		}
		c.check(t, e, pos, verb, arg)
	}
}

type contractCase struct {
	method, target string
	header         map[string]string
	form           url.Values
	files          [][3]string // field, file name, fixture
	body           *string
	before         []string // what the store held before the request
	reply          *reply
}

// isCheck tells the assertions (code, stored, and header or body followed by an operator) from request lines.
func isCheck(verb, arg string) bool {
	switch verb {
	case "code", "stored":
		return true
	case "header", "body":
		f := strings.Fields(arg)
		if verb == "body" {
			return len(f) > 0 && (f[0] == "contains" || f[0] == "!contains" || f[0] == "matches")
		}
		return len(f) > 1 && (f[1] == "==" || f[1] == "contains" || f[1] == "matches")
	}
	return false
}

var fixtures = map[string][]byte{"pdf": testPDF, "elf": []byte("\x7fELF\x02\x01\x01\x00"), "empty": nil}

func (c *contractCase) setup(t *testing.T, e *env, pos, verb, arg string) {
	switch verb {
	case "header":
		k, v, ok := strings.Cut(arg, ":")
		if !ok {
			t.Fatalf("%s: header wants NAME: VALUE", pos)
		}
		c.header[strings.TrimSpace(k)] = strings.TrimSpace(v)
	case "form", "token":
		if c.form == nil {
			c.form = url.Values{}
		}
		if verb == "token" {
			c.form.Set("_token", e.token())
			return
		}
		k, v, _ := strings.Cut(arg, "=")
		uv, err := url.QueryUnescape(v)
		if err != nil {
			t.Fatalf("%s: %v", pos, err)
		}
		c.form.Add(k, uv)
	case "file":
		field, rest, _ := strings.Cut(arg, "=")
		name, fixture, _ := strings.Cut(rest, " ")
		if _, ok := fixtures[fixture]; !ok {
			t.Fatalf("%s: unknown file fixture %q", pos, fixture)
		}
		c.files = append(c.files, [3]string{field, name, fixture})
	case "bigbody":
		n, err := strconv.Atoi(arg)
		if err != nil {
			t.Fatalf("%s: bigbody wants a size: %v", pos, err)
		}
		big := "message=" + strings.Repeat("a", n)
		c.body = &big
	case "body":
		if strings.HasPrefix(arg, `"`) {
			s, err := strconv.Unquote(arg)
			if err != nil {
				t.Fatalf("%s: %v", pos, err)
			}
			arg = s
		}
		c.body = &arg
	default:
		t.Fatalf("%s: unknown request line %q", pos, verb)
	}
}

func (c *contractCase) send(t *testing.T, e *env, pos string) reply {
	var body []byte
	ct := ""
	switch {
	case c.body != nil:
		body = []byte(*c.body)
	case len(c.files) > 0:
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, vs := range c.form {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		for _, f := range c.files {
			fw, _ := mw.CreateFormFile(f[0], f[1])
			fw.Write(fixtures[f[2]])
		}
		mw.Close()
		body, ct = b.Bytes(), mw.FormDataContentType()
	case c.form != nil:
		body, ct = []byte(c.form.Encode()), "application/x-www-form-urlencoded"
	}
	req := httptest.NewRequest(c.method, c.target, bytes.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	return e.do(req)
}

func (c *contractCase) check(t *testing.T, e *env, pos, verb, arg string) {
	t.Helper()
	r := c.reply
	fail := func(format string, a ...any) {
		t.Errorf("%s: %s %s: "+format, append([]any{pos, c.method, c.target}, a...)...)
	}
	switch verb {
	case "code":
		want := strings.TrimSpace(strings.TrimPrefix(arg, "=="))
		if strconv.Itoa(r.status) != want {
			fail("code = %d, want %s\n%s", r.status, want, r.text())
		}
	case "stored":
		if files := e.stored(t, "pending"); !slices.Equal(files, c.before) {
			fail("stored %v, want nothing new after %v", files, c.before)
		}
	case "header":
		name, rest, _ := strings.Cut(arg, " ")
		op, want, _ := strings.Cut(strings.TrimSpace(rest), " ")
		if !compare(op, r.header.Get(name), want) {
			fail("header %s = %q, want %s %q", name, r.header.Get(name), op, want)
		}
	case "body":
		op, want, _ := strings.Cut(arg, " ")
		if !compare(op, r.text(), want) {
			fail("body does not satisfy %s %q:\n%s", op, want, r.text())
		}
	}
}

func compare(op, got, want string) bool {
	switch op {
	case "==":
		return got == want
	case "contains":
		return strings.Contains(got, want)
	case "!contains":
		return !strings.Contains(got, want)
	case "matches":
		return regexp.MustCompile(want).MatchString(got)
	}
	return false
}
