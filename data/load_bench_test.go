package data

import (
	"fmt"
	"testing"

	"github.com/briefing-pdf/briefing/internal/synth"
)

// synthSizes are the synthetic briefings the stage benchmarks use; the
// largest is skipped under -short.
var synthSizes = []int{100, 1000, 10000}

// BenchmarkLoadSynthetic decodes and validates one generated data file
// (TOML parse, positions, every check, derived views) of n events.
func BenchmarkLoadSynthetic(b *testing.B) {
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped under -short")
			}
			src := synth.Generate(n, 1)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := LoadBytes("synth.toml", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadParser compares, in one run, loading through the fast
// TOML path (fasttoml.go) and through the TOML library's, on 10,000
// events.
func BenchmarkLoadParser(b *testing.B) {
	src := synth.Generate(10000, 1)
	for _, fast := range []bool{false, true} {
		name := "parser=library"
		if fast {
			name = "parser=fast"
		}
		b.Run(name, func(b *testing.B) {
			useFastTOML = fast
			defer func() { useFastTOML = true }()
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := LoadBytes("synth.toml", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDerive computes the derived views (chronology, actor, party,
// track and monthly counts, the indexes by id) of a loaded briefing.
func BenchmarkDerive(b *testing.B) {
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped under -short")
			}
			br, err := LoadBytes("synth.toml", synth.Generate(n, 1))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				c := *br
				c.derived = nil
				if len(c.Chronology()) != n {
					b.Fatal("chronology lost events")
				}
			}
		})
	}
}
