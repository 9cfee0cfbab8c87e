package theme_test

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"quartieri/internal/siteconfig"
	"quartieri/internal/theme"
	"quartieri/themes"
)

// TestEUEmblem checks the inline EU emblem of the funding partial against the official geometric description:
// a 3:2 rectangle in Reflex Blue (#039), 12 gold (#fc0) stars at the clock hours on a circle of radius H/3
// centred on the rectangle, each star upright with its five points on a circle of radius H/18.
func TestEUEmblem(t *testing.T) {
	b, err := fs.ReadFile(themes.FS, "quartiere/layouts/partials/funding.html")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("number %q: %v", s, err)
		}
		return f
	}
	vb := regexp.MustCompile(`viewBox="0 0 ([\d.]+) ([\d.]+)"`).FindStringSubmatch(src)
	if vb == nil {
		t.Fatal("no viewBox on the emblem")
	}
	w, h := num(vb[1]), num(vb[2])
	if got, want := w/h, 1.5; math.Abs(got-want) > 1e-9 {
		t.Errorf("rectangle ratio %v, want %v (3:2)", got, want)
	}
	if !strings.Contains(src, `<rect width="`+vb[1]+`" height="`+vb[2]+`" fill="#039"/>`) {
		t.Error("no Reflex Blue (#039) rectangle covering the viewBox")
	}
	if !strings.Contains(src, `fill="#fc0"`) {
		t.Error("the stars are not gold (#fc0)")
	}
	const tol = 0.002 // the partial writes 3 decimals
	// The star: 10 vertices alternating outer (the points) and inner, the first point straight up.
	d := regexp.MustCompile(`id="eu-star"[^>]* d="M([^"]+)Z"`).FindStringSubmatch(src)
	if d == nil {
		t.Fatal("no star path with id eu-star")
	}
	vertices := strings.Split(d[1], "L")
	if len(vertices) != 10 {
		t.Fatalf("the star has %d vertices, want 10 (5 points)", len(vertices))
	}
	inner := math.Cos(72*math.Pi/180) / math.Cos(36*math.Pi/180) // regular five-pointed star
	for i, v := range vertices {
		x, y, _ := strings.Cut(v, ",")
		px, py := num(x), num(y)
		r := h / 18
		if i%2 == 1 {
			r *= inner
		}
		a := (-90 + 36*float64(i)) * math.Pi / 180
		if wx, wy := r*math.Cos(a), r*math.Sin(a); math.Abs(px-wx) > tol || math.Abs(py-wy) > tol {
			t.Errorf("star vertex %d at (%v, %v), want (%.3f, %.3f)", i, px, py, wx, wy)
		}
	}
	// The 12 stars: at the clock hours, clockwise from 12, on a circle of radius H/3 around the centre.
	uses := regexp.MustCompile(`<use href="#eu-star" x="([\d.]+)" y="([\d.]+)"/>`).FindAllStringSubmatch(src, -1)
	if len(uses) != 12 {
		t.Fatalf("%d stars, want 12", len(uses))
	}
	for k, u := range uses {
		a := float64(k) * 30 * math.Pi / 180
		wx, wy := w/2+h/3*math.Sin(a), h/2-h/3*math.Cos(a)
		if x, y := num(u[1]), num(u[2]); math.Abs(x-wx) > tol || math.Abs(y-wy) > tol {
			t.Errorf("star %d (%d o'clock) at (%v, %v), want (%.3f, %.3f)", k, (k+11)%12+1, x, y, wx, wy)
		}
	}
	if !strings.Contains(src, "Cofinanziato dall'Unione europea") {
		t.Error(`the emblem lacks the statement "Cofinanziato dall'Unione europea"`)
	}
}

// TestLogos wants a logo of site.yaml shown, with its text alternative and the emblem's height, once its file is
// given, and left out while the file is a placeholder.
func TestLogos(t *testing.T) {
	th, err := theme.Load(themes.FS, "quartiere")
	if err != nil {
		t.Fatal(err)
	}
	s, err := siteconfig.Parse([]byte(siteYAML + `logos:
  - {file: /img/loghi/regione-lombardia.svg, alt: "Regione Lombardia"}
  - {file: "DA COMPLETARE: logo di Aler Pavia-Lodi", alt: "Aler Pavia-Lodi"}
`))
	if err != nil {
		t.Fatal(err)
	}
	out, err := th.Render(&theme.PageData{Site: s, Page: page("page", "", "Presidi", "/presidi/"), Now: before, Menu: menu()})
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	if want := `<img class="funding__logo" src="/img/loghi/regione-lombardia.svg" alt="Regione Lombardia" height="54">`; !strings.Contains(html, want) {
		t.Errorf("the page lacks %s", want)
	}
	if strings.Contains(html, "Aler Pavia-Lodi\" height") || strings.Contains(html, "DA COMPLETARE: logo") {
		t.Error("the page shows a logo whose file is still a placeholder")
	}
}
