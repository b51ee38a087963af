package typeset

import (
	"math/rand/v2"
	"testing"
)

// benchParagraph is 200 words of 1 to 9 letters, one in ten a note
// number run, in a measure of about 12 words.
func benchParagraph() Paragraph {
	rng := rand.New(rand.NewPCG(1, 1))
	text := randomWordsNoHyphen(rng, 200, 9)
	return Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "f", Size: 1}}}, Width: 65, FirstIndent: 2}
}

func randomWordsNoHyphen(rng *rand.Rand, n, maxLen int) string {
	b := make([]byte, 0, n*(maxLen+1))
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		for l := 1 + rng.IntN(maxLen); l > 0; l-- {
			b = append(b, byte('a'+rng.IntN(26)))
		}
	}
	return string(b)
}

func BenchmarkBreak(b *testing.B) {
	p := benchParagraph()
	s := DefaultSettings()
	b.ReportAllocs()
	for b.Loop() {
		Break(p, fixed{}, s)
	}
}

// BenchmarkBreakHyphenated forces the hyphenation pass (a narrow measure
// with English-like words and the test patterns).
func BenchmarkBreakHyphenated(b *testing.B) {
	s := DefaultSettings()
	s.Hyphenator = liang(b)
	rng := rand.New(rand.NewPCG(2, 2))
	words := []string{"hyphenation", "the", "of", "computer", "table", "nation", "project", "a", "station"}
	text := ""
	for i := 0; i < 200; i++ {
		if i > 0 {
			text += " "
		}
		text += words[rng.IntN(len(words))]
	}
	p := plain(text, 30)
	b.ReportAllocs()
	for b.Loop() {
		Break(p, fixed{}, s)
	}
}

func BenchmarkPaginate(b *testing.B) {
	rng := rand.New(rand.NewPCG(4, 4))
	blocks := make([]Block, 0, 10000)
	for len(blocks) < cap(blocks) {
		switch rng.IntN(8) {
		case 0:
			blocks = append(blocks, Block{Units: []float64{14}, SpaceBefore: 8, KeepWithNext: true})
		case 1:
			blocks = append(blocks, Block{Units: []float64{float64(40 + rng.IntN(200))}, Float: true})
		default:
			blocks = append(blocks, Block{Units: units(1+rng.IntN(12), 12), SpaceBefore: 6, Orphans: 2, Widows: 2})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Paginate(blocks, 700)
	}
}
