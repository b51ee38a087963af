package shape

import (
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/briefing-pdf/briefing/internal/synth"
)

var (
	briefingWordsOnce sync.Once
	briefingWords     []string
)

// syntheticWords is every word, in order, of the strings of the
// 1,000-event synthetic briefing (internal/synth, seed 1, as the
// project's build benchmarks use): titles, names, summaries, quotes.
func syntheticWords(t testing.TB) []string {
	briefingWordsOnce.Do(func() {
		var doc map[string]any
		if _, err := toml.Decode(string(synth.Generate(1000, 1)), &doc); err != nil {
			panic(err)
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				briefingWords = append(briefingWords, strings.Fields(x)...)
			case []any:
				for _, e := range x {
					walk(e)
				}
			case []map[string]any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(doc)
	})
	if len(briefingWords) == 0 {
		t.Fatal("no words in the synthetic briefing")
	}
	return briefingWords
}

func bodyFont(t testing.TB) *Font {
	fb, err := BuiltinFallback(true)
	if err != nil {
		t.Fatal(err)
	}
	return mustFont(t, Default, append([]*Face{testFaces(t)["liberation-serif"]}, fb...)...)
}

// Each distinct word of the 1,000-event briefing is shaped once; every
// other occurrence is a cache hit, and gives the same glyphs.
func TestCacheOnSyntheticBriefing(t *testing.T) {
	words := syntheticWords(t)
	f := bodyFont(t)
	s := NewShaper(0)
	plain := NewShaper(-1)
	distinct := map[string]bool{}
	for i, w := range words {
		l, err := s.Shape(f, w, LeftToRight)
		if err != nil {
			t.Fatalf("%q: %v", w, err)
		}
		distinct[w] = true
		if i%97 == 0 { // a sample against shaping afresh
			p, _ := plain.Shape(f, w, LeftToRight)
			if !sameLine(l, p) {
				t.Errorf("%q: cached glyphs differ", w)
			}
		}
	}
	st := s.Stats()
	if int(st.LineMisses) != len(distinct) || int(st.LineHits) != len(words)-len(distinct) {
		t.Errorf("%d words, %d distinct: %d hits, %d misses", len(words), len(distinct), st.LineHits, st.LineMisses)
	}
	t.Logf("%d words, %d distinct: hit rate %.1f%%", len(words), len(distinct), 100*float64(st.LineHits)/float64(len(words)))
}

// BenchmarkShapeWord shapes the briefing's words one by one, as the
// line breaker measures them: with the cache (each distinct word shaped
// once, then looked up) and without.
func BenchmarkShapeWord(b *testing.B) {
	words := syntheticWords(b)
	f := bodyFont(b)
	for _, bc := range []struct {
		name    string
		entries int
	}{{"cache", 0}, {"nocache", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			s := NewShaper(bc.entries)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Shape(f, words[i%len(words)], LeftToRight); err != nil {
					b.Fatal(err)
				}
			}
			if st := s.Stats(); st.LineHits+st.LineMisses > 0 {
				b.ReportMetric(100*float64(st.LineHits)/float64(st.LineHits+st.LineMisses), "%hit")
			}
		})
	}
}

// BenchmarkShapeBriefing shapes all the words of the briefing once per
// iteration with a fresh shaper: the cost a build pays.
func BenchmarkShapeBriefing(b *testing.B) {
	words := syntheticWords(b)
	f := bodyFont(b)
	for _, bc := range []struct {
		name    string
		entries int
	}{{"cache", 0}, {"nocache", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s := NewShaper(bc.entries)
				for _, w := range words {
					if _, err := s.Shape(f, w, LeftToRight); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(words)), "words")
		})
	}
}
