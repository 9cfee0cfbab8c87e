package lint

import (
	"math"
	"testing"
)

func TestGulpeaseText(t *testing.T) {
	tests := []struct {
		text                      string
		words, sentences, letters int
		gulpease                  float64 // 89 + (300·sentences − 10·letters) / words, clamped to 0..100
	}{
		// L, operatore, di, quartiere, ascolta, gli, inquilini: 7 words; 1+9+2+9+7+3+9 = 40 letters.
		// 89 + (300 − 400) / 7 = 74.714…
		{"L'operatore di quartiere ascolta gli inquilini.", 7, 1, 40, 89 - 100.0/7},
		// Chi non riesce a pagare l affitto può chiedere un aiuto all operatore di quartiere del suo comune:
		// 18 words; 3+3+6+1+6+1+7+3+8+2+5+3+9+2+9+3+3+6 = 80 letters. 89 + (300 − 800) / 18 = 61.222…
		{"Chi non riesce a pagare l'affitto può chiedere un aiuto all’operatore di quartiere del suo comune.",
			18, 1, 80, 89 - 500.0/18},
		// Abbreviations do not end the sentence. Leggi l art. 13 del regolamento, p.es. il comma 2, ecc. e chiedi
		// al dott. Rossi: 16 words; 5+1+3+2+3+11+3+2+5+1+3+1+6+2+4+5 = 57 letters. 89 + (300 − 570) / 16 = 72.125
		{"Leggi l'art. 13 del regolamento, p.es. il comma 2, ecc. e chiedi al dott. Rossi.", 16, 1, 57, 72.125},
		// Decimal points and times are inside words: L, azione, K1, vale, 494.414, euro = 6 words, 23 letters;
		// 89 + (300 − 230) / 6 = 100.67, clamped.
		{"L'azione K1 vale 494.414 euro.", 6, 1, 23, 100},
		// Scrivi, entro, le, 23:59, del, 28, aprile | Poi, aspetta: 9 words, 6+5+2+4+3+2+6+3+7 = 38 letters.
		{"Scrivi entro le 23:59 del 28 aprile. Poi aspetta!", 9, 2, 38, 100},
		// Runs of terminators end one sentence: Davvero | Sì = 2 words, 9 letters, 2 sentences.
		{"Davvero?! Sì...", 2, 2, 9, 100},
		// An address is one word: 6+(3+7+9+2)+3+6+2+3 = 41 letters; 89 + (300 − 410) / 6 = 70.667
		{"Visita www.regione.lombardia.it per sapere di più.", 6, 1, 41, 89 - 110.0/6},
		// ; and : do not end sentences (only . ! ? and … do, as in GULP's definition): 7 words, 1 sentence,
		// 4+4+5+2+10+2+7 = 34 letters; 89 + (300 − 340) / 7 = 83.29.
		{"Ecco cosa serve: il curriculum; la domanda.", 7, 1, 34, 89 - 40.0/7},
		// A point before a closing bracket ends the sentence: 7 words, 2 sentences, 5+2+5+5+6+3+6 = 32 letters.
		{"Leggi il bando (entro aprile.) Poi scrivi.", 7, 2, 32, 100},
		// An abbreviation inside brackets: Porta i documenti carta d identità codice fiscale ecc. al presidio =
		// 11 words, 5+1+9+5+1+8+6+7+3+2+8 = 55 letters, 1 sentence; 89 + (300 − 550) / 11 = 66.27
		{"Porta i documenti (carta d'identità, codice fiscale ecc.) al presidio.", 11, 1, 55, 89 - 250.0/11},
		// Blank lines separate blocks, and each block ends a sentence: Orari di apertura (3 words, 15 letters) |
		// Il presidio apre il lunedì (5 words, 22 letters).
		{"Orari di apertura\n\nIl presidio apre il lunedì", 8, 2, 37, 100},
		// A single line break is a space.
		{"Il presidio\napre il lunedì", 5, 1, 22, 100}, // 89 + (300 − 220) / 5 = 105, clamped
		// A dash is not a word; a hyphenated word is one word.
		{"Servizio socio-sanitario — gratuito", 3, 1, 8 + 14 + 8, 89.0},
		// Long words, one sentence: 89 + (300 − 10·60) / 4 = 14
		{"Precipitevolissimevolmente precipitevolissimevolmente costituzionalissimamente incomprensibilissimo",
			4, 1, 26 + 26 + 24 + 20, 0},
		{"", 0, 0, 0, 0},
		{" — … ", 0, 0, 0, 0},
	}
	for _, tt := range tests {
		got := GulpeaseText(tt.text)
		if got.Words != tt.words || got.Sentences != tt.sentences || got.Letters != tt.letters {
			t.Errorf("GulpeaseText(%q) = %d words, %d sentences, %d letters; want %d, %d, %d",
				tt.text, got.Words, got.Sentences, got.Letters, tt.words, tt.sentences, tt.letters)
		}
		if math.Abs(got.Gulpease-tt.gulpease) > 1e-9 {
			t.Errorf("GulpeaseText(%q).Gulpease = %v, want %v", tt.text, got.Gulpease, tt.gulpease)
		}
	}
}

func TestReadable(t *testing.T) {
	src := "## Come chiedere aiuto\n\nScrivi all'operatore.\n\n- Porta la bolletta\n- Porta l'affitto\n\n" +
		"```\ncodice non contato. Per niente.\n```\n\nIl file `site.yaml` e <https://example.it> no.\n\n" +
		"| Comune | Presidio |\n|---|---|\n| Codogno | Via Roma |\n\n![Foto non contata](x.png)\n"
	// Blocks: Scrivi all operatore (3 words, 18 letters) | Porta la bolletta (3, 15) | Porta l affitto (3, 13) |
	// Il file e no (4, 2+4+1+2 = 9; code span and address left out). The heading, the table's cells and the image's
	// paragraph are not prose. 13 words, 4 sentences, 55 letters: 89 + (1200 − 550) / 13 = 139, clamped.
	got := Readable(parse(src))
	want := Readability{Gulpease: 100, Words: 13, Sentences: 4, Letters: 55}
	if got != want {
		t.Errorf("Readable = %+v, want %+v", got, want)
	}
	// A longer page: the good page of lint_test.go gives a figure inside the range.
	if r := Readable(parse(goodPage)); r.Words < 50 || r.Gulpease <= 0 || r.Gulpease > 100 {
		t.Errorf("Readable(good page) = %+v, want at least 50 words and a figure in 0..100", r)
	}
	if r := Readable(Input{}); r != (Readability{}) {
		t.Errorf("Readable(no AST) = %+v, want zero", r)
	}
}

func FuzzGulpease(f *testing.F) {
	for _, s := range []string{"", "L'operatore ascolta.", "494.414 euro; ore 23:59!", "p.es. ecc.)\n\n«Sì?»", "\xff.\x00 '"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := GulpeaseText(s)
		if r.Gulpease < 0 || r.Gulpease > 100 || math.IsNaN(r.Gulpease) {
			t.Errorf("GulpeaseText(%q).Gulpease = %v, want 0..100", s, r.Gulpease)
		}
		if r.Words < 0 || r.Sentences > r.Words || r.Letters < r.Words {
			t.Errorf("GulpeaseText(%q) = %+v: counts out of order", s, r)
		}
	})
}
