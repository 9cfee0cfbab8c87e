package lint

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// fileNameAlt matches an alternative text that is just a file name, such as "foto.jpg" or "IMG_2041.JPEG".
var fileNameAlt = regexp.MustCompile(`(?i)^[^\s/]+\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$`)

// isFileName reports whether alt is a single word that ends in an image extension.
func isFileName(alt string) bool {
	i := strings.LastIndexByte(alt, '.')
	return i > 0 && len(alt)-i <= 5 && !strings.ContainsAny(alt, " \t\n/") && fileNameAlt.MatchString(alt)
}

// genericAlt holds alternative texts that say nothing about what the image shows (normalised, see normalize).
var genericAlt = map[string]bool{
	"immagine": true, "immagini": true, "foto": true, "fotografia": true, "figura": true, "img": true,
	"image": true, "picture": true, "photo": true, "logo": true, "icona": true, "grafico": true,
	"un immagine": true, "una foto": true, "alt": true,
}

// image checks that an image has an alternative text that describes it.
func (c *checker) image(img *ast.Image) {
	dest := string(img.Destination)
	alt := strings.TrimSpace(plainText(img, c.in.Source, true, false))
	example := fmt.Sprintf("![Il cortile delle case Aler di Codogno](%s)", dest)
	switch {
	case alt == "":
		c.errorf(img, fmt.Sprintf("l'immagine %s non ha un testo alternativo: scrivi tra le parentesi quadre che cosa "+
			"mostra, per chi non la vede, per esempio %s", dest, example))
	case isFileName(alt) || strings.EqualFold(alt, path.Base(dest)):
		c.errorf(img, fmt.Sprintf("il testo alternativo dell'immagine %s è un nome di file («%s»): scrivi invece "+
			"che cosa mostra l'immagine, per esempio %s", dest, alt, example))
	case len(alt) <= maxVague && genericAlt[normalize(alt)]:
		c.errorf(img, fmt.Sprintf("il testo alternativo dell'immagine %s («%s») non dice che cosa mostra: "+
			"descrivila in poche parole, per esempio %s", dest, alt, example))
	}
}
