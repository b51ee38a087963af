package report

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// maxLogoPixels bounds the logo's size in pixels (64 MB decoded, 128 MB
// for 16-bit colour):
// a cover logo needs a fraction of it, and an image that claims more is
// more likely a decompression bomb than a logo.
const maxLogoPixels = 16_000_000

// checkLogo decodes the logo file src completely with Go's decoders, so
// that a truncated file or garbage image data is an error at the config's
// cover.logo key instead of a crash in fpdf's parser or a broken image
// that PDF readers refuse. It returns what fpdf is given: a JPEG as it
// is (its data is embedded unchanged), a PNG encoded again by Go from the
// decoded pixels as 8 bits per channel, non-interlaced, so that fpdf's
// parser only ever sees a PNG made by image/png.
func checkLogo(cfg *Config, file string, src []byte) (out []byte, typ string, err error) {
	out, typ, _, _, err = cleanImage(src, cfg.PDF.Standard)
	if err != nil {
		return nil, "", diag.Errors{cfg.KeyError("cover.logo", fmt.Sprintf("%s: ", cfg.RelPath(file))+err.Error())}
	}
	return out, typ, nil
}

// cleanImage decodes a PNG or JPEG file completely (checkLogo) and
// returns what fpdf is given, its type ("PNG" or "JPG") and its size in
// pixels; the error is a sentence about the image. A PNG with
// transparent pixels is refused when std claims PDF/A-1, which forbids
// transparency.
func cleanImage(src []byte, std PDFStandards) (out []byte, typ string, w, h int, err error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf(format, args...)
	}
	var decode func([]byte) (image.Image, error)
	var decodeConfig func([]byte) (image.Config, error)
	switch {
	case bytes.HasPrefix(src, []byte("\x89PNG\r\n\x1a\n")):
		typ = "PNG"
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
	case bytes.HasPrefix(src, []byte{0xff, 0xd8, 0xff}):
		typ = "JPG"
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
	default:
		return nil, "", 0, 0, bad("not a PNG or JPEG image")
	}
	kind := map[string]string{"PNG": "PNG", "JPG": "JPEG"}[typ]
	c, err := decodeConfig(src)
	if err != nil {
		return nil, "", 0, 0, bad("not a valid %s image: %v", kind, imageErr(err))
	}
	if c.Width <= 0 || c.Height <= 0 {
		return nil, "", 0, 0, bad("%s image has no size", kind)
	}
	if int64(c.Width)*int64(c.Height) > maxLogoPixels {
		return nil, "", 0, 0, bad("%s image of %d×%d pixels is too large; at most %d megapixels", kind, c.Width, c.Height, maxLogoPixels/1_000_000)
	}
	img, err := decode(src)
	if err != nil {
		return nil, "", 0, 0, bad("not a valid %s image: %v", kind, imageErr(err))
	}
	w, h = c.Width, c.Height
	if typ == "JPG" {
		return src, typ, w, h, nil
	}
	var clean image.Image
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		clean = g
	default:
		n := image.NewNRGBA(img.Bounds())
		draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
		clean = n
	}
	if o, ok := clean.(interface{ Opaque() bool }); ok && !o.Opaque() && std.PDFA1() {
		return nil, "", 0, 0, bad("the PNG image has transparent pixels, and PDF/A-1 (standard %s) forbids transparency: "+
			"flatten the image onto its background, or claim a-2b, which allows it", std)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, clean); err != nil {
		return nil, "", 0, 0, bad("cannot encode the PNG image again: %v", err)
	}
	return buf.Bytes(), typ, w, h, nil
}

// imageErr words a decoder's error without its package prefix.
func imageErr(err error) string {
	s := err.Error()
	for _, p := range []string{"png: ", "jpeg: "} {
		s = strings.TrimPrefix(s, p)
	}
	if s == "unexpected EOF" || s == "EOF" {
		return "the file is truncated"
	}
	return s
}
