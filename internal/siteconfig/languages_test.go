package siteconfig

import (
	"strings"
	"testing"
)

func TestLanguages(t *testing.T) {
	const head = "title: x\nlanguage: it\nlanguages:\n  - { code: it, name: Italiano }\n"
	for _, tt := range []struct {
		yaml string
		want string // a substring of the error, "" for none
	}{
		{head + "  - { code: en, name: English }\n", ""},
		{head + "  - { code: ckb, name: کوردی }\n", ""},
		{head + "  - { code: xx, name: X }\n", `site.yaml:5: il codice di lingua "xx" non esiste`},
		{head + "  - { code: ara, name: العربية }\n", `site.yaml:5: il codice di lingua "ara" va scritto "ar"`},
		{head + "  - { code: EN, name: English }\n", `site.yaml:5: il codice di lingua "EN" va scritto "en"`},
		{head + "  - { code: pt-BR, name: Português }\n", `site.yaml:5: il codice di lingua "pt-BR" non esiste`},
		{head + "  - { code: und, name: X }\n", `site.yaml:5: il codice di lingua "und" non esiste`},
		{head + "  - { name: English }\n", "site.yaml:5: manca il codice della lingua"},
		{head + "  - { code: en }\n", "site.yaml:5: la lingua en non ha il nome (name)"},
		{head + "  - { code: en, name: English }\n  - code: en\n    name: Inglese\n", "site.yaml:6: la lingua en è già scritta alla riga 5"},
		{head + "  - { code: en, name: English, direction: rlt }\n", `site.yaml:5: la direzione (direction) della lingua en è "rlt"`},
		{"title: x\nlanguages:\n  - { code: en, name: English }\n", "site.yaml:2: languages deve elencare anche la lingua del sito (it)"},
		{"title: x\nlanguage: italiano\n", `site.yaml:2: language: il codice di lingua "italiano" non esiste`},
		{head + "  - { code: en, nome: English }\n", `site.yaml:5: chiave sconosciuta "nome"`},
	} {
		_, err := Parse([]byte(tt.yaml))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Parse(%q) = %v, want no error", tt.yaml, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Parse(%q) = %v, want an error with %q", tt.yaml, err, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	s, err := Parse([]byte("title: x\nlanguages:\n  - { code: it, name: Italiano }\n  - { code: ar, name: العربية }\n" +
		"  - { code: he, name: עברית }\n  - { code: uk, name: Українська }\n  - { code: fa, name: فارسی, direction: ltr }\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"it": "ltr", "ar": "rtl", "he": "rtl", "uk": "ltr", "fa": "ltr"}
	for code, dir := range want {
		l, ok := s.LanguageFor(code)
		if !ok {
			t.Fatalf("LanguageFor(%q) not found", code)
		}
		if l.Direction != dir {
			t.Errorf("direction of %s = %q, want %q", code, l.Direction, dir)
		}
	}
	for code, dir := range map[string]string{"ar": "rtl", "ur": "rtl", "ps": "rtl", "dv": "rtl", "yi": "rtl", "ro": "ltr", "sq": "ltr", "zh": "ltr"} {
		if got := DirectionOf(code); got != dir {
			t.Errorf("DirectionOf(%q) = %q, want %q", code, got, dir)
		}
	}
	if !s.Multilingual() {
		t.Error("Multilingual() = false with five languages")
	}
}
