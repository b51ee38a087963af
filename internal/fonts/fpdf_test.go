package fonts_test

import (
	"encoding/binary"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"math"
	"os"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/shape"
)

// hmtxAdvance is glyph g's advance in the font file, in font units.
func hmtxAdvance(t *testing.T, ttf []byte, r rune) int {
	t.Helper()
	f, err := shape.ParseFace("f", ttf)
	if err != nil {
		t.Fatal(err)
	}
	g, ok := f.GlyphIndex(r)
	if !ok {
		t.Fatalf("no glyph for %q", r)
	}
	return f.GlyphAdvance(g)
}

// TestWidthsAreShaped checks that Width measures shaped text: kerned
// pairs closer than their advances, ligatures as one glyph, nothing
// kerned across a space, and that the segments Shape gives the PDF add
// up to Width for every face, including a fallback face's characters.
func TestWidthsAreShaped(t *testing.T) {
	s := fonts.New()
	s.SetShaping(true)
	// Liberation Serif: "To" is kerned by 143 of 2048 units (hb-shape).
	adv := func(r rune) float64 { return float64(hmtxAdvance(t, liberationserifregular.TTF, r)) * 10 / 2048 }
	to := s.Width(fonts.Serif, 10, "To")
	if want := adv('T') + adv('o') - 143*10.0/2048; math.Abs(to-want) > 1e-9 {
		t.Errorf(`Width("To") = %v, want %v (T and o kerned by 143 units)`, to, want)
	}
	if got, want := s.Width(fonts.Serif, 10, "T o"), adv('T')+adv(' ')+adv('o'); math.Abs(got-want) > 1e-9 {
		t.Errorf(`Width("T o") = %v, want %v: nothing is kerned across a space`, got, want)
	}
	// A face with ligatures: DejaVu Serif sets "ff" and "fl" as one glyph.
	if err := s.Replace(fonts.SerifBold, "DejaVuSerif.ttf", dejavuserif.TTF); err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(fonts.SansBoldItalic, "LiberationMono-Regular.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatal(err)
	}
	segs, err := s.Shape(fonts.SerifBold, "office")
	if err != nil || len(segs) != 1 || len(segs[0].Glyphs) != 5 {
		t.Fatalf(`Shape("office") in DejaVu Serif = %+v, %v; want 5 glyphs (the ff ligature)`, segs, err)
	}
	if g := segs[0].Glyphs[1]; g.Cluster != 1 || segs[0].Glyphs[2].Cluster != 3 {
		t.Errorf("the ligature's cluster: %+v", segs[0].Glyphs)
	}
	samples := []string{
		"Şahin’s “İstanbul” – ğ ə ü — naïve façade",
		"The quick brown fox jumps over the lazy dog 0123456789 .,;:!?()[]",
		"AVAST To Ty office fluent e\u0301 a\u0308",
		"Armenia (Հայաստան) and Georgia (საქართველო)",
	}
	for _, f := range s.Faces() {
		for _, str := range samples {
			segs, err := s.Shape(f.Name, str)
			if err != nil {
				t.Fatalf("%s %q: %v", f.Name, str, err)
			}
			sum := 0.0
			for i := range segs {
				sum += segs[i].Width(11.5)
				if segs[i].Embed == "" {
					t.Errorf("%s %q: segment %q has no face to embed", f.Name, str, segs[i].Text)
				}
				if _, ok := s.EmbedFace(segs[i].Embed); !ok {
					t.Errorf("%s: EmbedFace(%q) unknown", f.Name, segs[i].Embed)
				}
			}
			if w := s.Width(f.Name, 11.5, str); math.Abs(w-sum) > 1e-9 || w == 0 {
				t.Errorf("%s %q: Width %v, segments %v", f.Name, str, w, sum)
			}
		}
	}
	// The Armenian goes to the fallback face, the rest stays in the face.
	segs, _ = s.Shape(fonts.Serif, "Armenia (Հայաստան)")
	if len(segs) != 2 || segs[0].Embed != fonts.Serif || segs[1].Text != "(Հայաստան)" || segs[1].Embed == fonts.Serif {
		for _, g := range segs {
			t.Logf("%s %q", g.Embed, g.Text)
		}
		t.Error("Armenian not set in a fallback face")
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

// TestShapingConcurrently measures and shapes from several goroutines
// at once on one Set (run with -race): the caches are shared.
func TestShapingConcurrently(t *testing.T) {
	s := fonts.New()
	s.SetShaping(true)
	words := []string{"To", "AVAST", "office", "Հայաստան", "naïve", "𝔸", "a b c"}
	want := make([]float64, len(words))
	for i, w := range words {
		want[i] = s.Width(fonts.Serif, 10, w)
	}
	s = fonts.New()
	s.SetShaping(true)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for k := 0; k < 50; k++ {
				for i, w := range words {
					if got := s.Width(fonts.Serif, 10, w); got != want[i] {
						t.Errorf("Width(%q) = %v, want %v", w, got, want[i])
					}
					if _, err := s.Shape(fonts.WithRole(fonts.Serif, fonts.RoleTables), w); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// TestCFFFace checks a face with CFF outlines (a subset of Linux
// Libertine, with fi, fl, ffi, ffl ligatures): it replaces a face, and
// text set in it is shaped with its ligatures.
func TestCFFFace(t *testing.T) {
	otf, err := os.ReadFile("../shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Fatal(err)
	}
	s := fonts.New()
	s.SetShaping(true)
	if err := s.Replace(fonts.Serif, "ligature-serif.otf", otf); err != nil {
		t.Fatal(err)
	}
	segs, err := s.Shape(fonts.Serif, "office")
	if err != nil || len(segs) != 1 || len(segs[0].Glyphs) != 4 {
		t.Fatalf(`Shape("office") = %+v, %v; want 4 glyphs (o, ffi, c, e)`, segs, err)
	}
	// hb-shape: o 504, ffi 829, c 428, e 447 of 1000.
	if w := s.Width(fonts.Serif, 1000, "office"); math.Abs(w-(504+829+428+447)) > 1e-9 {
		t.Errorf(`Width("office") = %v, want 2208`, w)
	}
	// Its CFF data must parse: a broken one is refused when loaded.
	bad := append([]byte(nil), otf...)
	tables := map[string]int{}
	for i := 0; i < int(binary.BigEndian.Uint16(bad[4:])); i++ {
		rec := bad[12+16*i:]
		tables[string(rec[:4])] = int(binary.BigEndian.Uint32(rec[8:]))
	}
	for k := tables["CFF "]; k < tables["CFF "]+64 && k < len(bad); k++ {
		bad[k] = 0xff
	}
	if err := shapedNew().Replace(fonts.Serif, "broken.otf", bad); err == nil {
		t.Error("a font with garbled CFF data was accepted")
	}
}

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

// shapedNew is fonts.New with text shaping on.
func shapedNew() *fonts.Set {
	s := fonts.New()
	s.SetShaping(true)
	return s
}
