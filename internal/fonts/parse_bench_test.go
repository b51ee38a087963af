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
