package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"testing/fstest"

	plotfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
)

// Kinds of resource FuzzLoadResources loads.
const (
	fuzzFont = iota
	fuzzLogo
)

// fuzzSample is text with letters, accented letters (composite glyphs
// in the Liberation fonts), punctuation and other scripts.
const fuzzSample = "Briefing 2024 ÀÉÎÕÜàéîõüçñ ĀăĄćĈŠžǺǻẀ “quoted” – — … Ωλж ə ğ İ"

// FuzzLoadResources checks that no font file and no logo, however
// broken, makes the build panic: a font is refused when loaded (an error
// naming the file) or fpdf embeds and subsets it; a logo is refused at
// the config's cover.logo key or embedded. Seeds: the built-in fonts, a
// truncated one, and PNG and JPEG logos.
func FuzzLoadResources(f *testing.F) {
	// Small fonts mutate into many more distinct files a second: the
	// subsets fpdf embeds for the sample. A whole file too.
	for _, fc := range fonts.New().Faces()[:5] {
		f.Add(uint8(fuzzFont), subsetOf(f, fc.TTF))
	}
	f.Add(uint8(fuzzFont), fonts.New().Faces()[0].TTF)
	f.Add(uint8(fuzzFont), fonts.New().Faces()[0].TTF[:4096])
	gray := image.NewGray16(image.Rect(0, 0, 9, 5))
	gray.SetGray16(2, 2, color.Gray16{Y: 40000})
	f.Add(uint8(fuzzLogo), encodePNG(f, testLogo()))
	f.Add(uint8(fuzzLogo), encodePNG(f, gray))
	f.Add(uint8(fuzzLogo), encodeJPEG(f, testLogo()))
	f.Fuzz(func(t *testing.T, kind uint8, file []byte) {
		switch kind % 2 {
		case fuzzFont:
			fuzzFontFile(t, file)
		case fuzzLogo:
			fuzzLogoFile(t, file)
		}
	})
}

func fuzzFontFile(t *testing.T, ttf []byte) {
	fsys := fstest.MapFS{
		"b/config.toml": {Data: []byte("data = [\"data.toml\"]\n[fonts.files]\nserif = \"f.ttf\"\n")},
		"b/f.ttf":       {Data: ttf},
	}
	cfg, err := LoadConfig(fsys, "b/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := loadResources(cfg, fsys)
	if err != nil {
		var es data.Errors
		if !errors.As(err, &es) || len(es) != 1 || es[0].File != "b/f.ttf" || !strings.Contains(es[0].Msg, "b/f.ttf") {
			t.Fatalf("error %v: want one naming the font file", err)
		}
		return
	}
	set := res.fonts
	// What the build does with a face: measure, embed, subset, write.
	var text strings.Builder
	for _, r := range fuzzSample {
		if set.HasGlyph(fonts.Serif, r) {
			text.WriteRune(r)
		}
	}
	set.Width(fonts.Serif, 10, text.String())
	pdf := fpdf.New("P", "pt", "A4", "")
	var face fonts.Face
	for _, fc := range set.Faces() {
		if fc.Name == fonts.Serif {
			face = fc
		}
	}
	pdf.AddUTF8FontFromBytes(face.Name, "", face.TTF)
	pdf.AddPage()
	pdf.SetFont(face.Name, "", 12)
	pdf.Text(20, 40, text.String())
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("a font that loaded cannot be embedded: %v", err)
	}
	// What the charts do with it: measure and rasterise through gonum.
	fc := set.PlotCache().Lookup(plotfont.Font{Typeface: fonts.TypefaceSerif}, 12)
	fc.Width(text.String())
	c := vgimg.New(200, 40)
	c.FillString(fc, vg.Point{X: 2, Y: 20}, text.String())
}

func fuzzLogoFile(t *testing.T, logo []byte) {
	fsys := miniFSNoData(logoConfig, logo)
	cfg, err := LoadConfig(fsys, "b/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	err = embedLogo(cfg, fsys)
	var es data.Errors
	switch {
	case err == nil:
	case errors.As(err, &es) && len(es) == 1 && es[0].File == "b/config.toml" && es[0].Line == 3 &&
		strings.HasPrefix(es[0].Msg, "cover.logo: logo.png: "):
	default:
		t.Fatalf("logo: %v", fmt.Sprint(err))
	}
}

// miniFSNoData is a config that names a logo, and the logo.
func miniFSNoData(config string, logo []byte) fstest.MapFS {
	return fstest.MapFS{
		"b/config.toml": {Data: []byte(config)},
		"b/logo.png":    {Data: logo},
	}
}

// subsetOf returns the subset of ttf that fpdf embeds for fuzzSample: a
// complete TrueType file of a few kilobytes.
func subsetOf(t testing.TB, ttf []byte) []byte { return subsetWith(t, ttf, fuzzSample) }

// subsetWith returns the subset of ttf that fpdf embeds for text.
func subsetWith(t testing.TB, ttf []byte, text string) []byte {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", ttf)
	pdf.AddPage()
	pdf.SetFont("f", "", 12)
	pdf.Text(20, 40, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, buf.Bytes())
	for _, o := range doc.objs {
		if m, ok := o.(map[string]any); ok && m["Type"] == pdfName("FontDescriptor") {
			if s, ok := doc.resolve(m["FontFile2"]).(*pdfStream); ok {
				return s.data
			}
		}
	}
	t.Fatal("no embedded font")
	return nil
}
