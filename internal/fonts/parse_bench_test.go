package fonts

import (
	"sync"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// BenchmarkParseFace measures reading one built-in face: the metrics
// (cmap and hmtx, as fpdf reads them) and gonum's parse of the file.
// Every process that builds a briefing pays it for the faces it uses.
func BenchmarkParseFace(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseFace(Serif, "Liberation Serif", liberationserifregular.TTF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewSet measures what the first fonts.New of a process costs:
// parsing the eight built-in faces.
func BenchmarkNewSet(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		defaultsOnce = sync.Once{}
		New()
	}
}

// BenchmarkMissingGlyphs checks a sentence with no missing glyph, as the
// report does for every run of text it sets.
func BenchmarkMissingGlyphs(b *testing.B) {
	s := New()
	const text = "Foreign ministers’ round at the Shultz Center: “really within reach” – Əliyev, Çavuşoğlu and İlham Şahin met in Gümrü."
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if m := s.MissingGlyphs(Sans, text); len(m) != 0 {
			b.Fatalf("missing %q", m)
		}
	}
}
