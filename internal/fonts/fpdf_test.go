package fonts_test

import (
	"encoding/binary"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
)

// TestWidthsMatchFpdf checks that Width is exactly what fpdf measures
// (and so what it writes into the font's /W array) for every face,
// including non-ASCII letters, typographic punctuation and a character
// the fonts lack. This test imports fpdf; the package does not.
func TestWidthsMatchFpdf(t *testing.T) {
	s := fonts.New()
	if err := s.Replace(fonts.SansBoldItalic, "LiberationMono-Regular.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatal(err)
	}
	// A font whose hmtx lists fewer advances than it has glyphs: the
	// glyphs past the list take the last advance.
	short := shortHmtx(t, s.Faces()[4].TTF, 600)
	if err := s.Replace(fonts.SerifBoldItalic, "short-hmtx.ttf", short); err != nil {
		t.Fatal(err)
	}
	if a, b := s.Width(fonts.SerifBoldItalic, 10, "əж“"), s.Width(fonts.Sans, 10, "əж“"); a == b {
		t.Fatalf("shortened hmtx did not change widths (%v): the test does not reach that path", a)
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	for _, f := range s.Faces() {
		pdf.AddUTF8FontFromBytes(f.Name, "", f.TTF)
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	samples := []string{
		"ə ğ İ ş ü ’ “ ” – —",
		"Şahin’s “İstanbul” – ğ ə ü — naïve façade",
		"The quick brown fox jumps over the lazy dog 0123456789 .,;:!?()[]",
		"中 missing",
		"tab\tand\u00a0nbsp\u00ad",
		"Жанна ħ Ω ∑ € ﬁ e\u0301 a\u0308",
	}
	for _, f := range s.Faces() {
		for _, size := range []float64{7.25, 10, 11.5} {
			pdf.SetFont(f.Name, "", size)
			for _, str := range samples {
				want := pdf.GetStringWidth(str)
				got := s.Width(f.Name, size, str)
				if d := got - want; d > 1e-9*want || d < -1e-9*want || want == 0 {
					t.Errorf("%s %gpt %q: Width %v, fpdf %v", f.Name, size, str, got, want)
				}
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

// shortHmtx returns a copy of ttf with numberOfHMetrics set to n (and the
// hmtx table's length to 4n, which x/image/font/sfnt also accepts).
func shortHmtx(t *testing.T, ttf []byte, n int) []byte {
	t.Helper()
	b := append([]byte(nil), ttf...)
	be := binary.BigEndian
	hhea, hmtx, maxp := -1, -1, -1
	for i := 0; i < int(be.Uint16(b[4:])); i++ {
		rec := b[12+16*i:]
		switch string(rec[:4]) {
		case "hhea":
			hhea = int(be.Uint32(rec[8:]))
		case "hmtx":
			hmtx = 12 + 16*i
		case "maxp":
			maxp = int(be.Uint32(rec[8:]))
		}
	}
	if hhea < 0 || hmtx < 0 || maxp < 0 {
		t.Fatal("no hhea, hmtx or maxp")
	}
	be.PutUint16(b[hhea+34:], uint16(n))
	// n advances and then a left side bearing for each further glyph.
	numGlyphs := int(be.Uint16(b[maxp+4:]))
	be.PutUint32(b[hmtx+12:], uint32(4*n+2*(numGlyphs-n)))
	return b
}
