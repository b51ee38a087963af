package fonts_test

import (
	"testing"

	"briefing/internal/fonts"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-pdf/fpdf"
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
