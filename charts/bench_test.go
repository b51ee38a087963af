package charts

import (
	"fmt"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// BenchmarkTimeline draws the timeline of generated briefings of 100,
// 1,000 and 10,000 events on a recorder (no rasterising), layout and
// label placement included. ns/op should grow about linearly with n.
func BenchmarkTimeline(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		br := genBriefing(42, n)
		p, err := NewTimeline(br, TimelineOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			var rc recorder.Canvas
			for i := 0; i < b.N; i++ {
				rc.Reset()
				p.Draw(draw.NewCanvas(&rc, 16*vg.Centimeter, 8*vg.Centimeter))
			}
		})
	}
}

// BenchmarkNewTimeline measures building the plotter (lanes, kinds,
// marks) from a briefing.
func BenchmarkNewTimeline(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		br := genBriefing(42, n)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := NewTimeline(br, TimelineOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkActorFrequency(b *testing.B) {
	br := genBriefing(42, 1000)
	p, err := NewActorFrequency(br, FrequencyOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var rc recorder.Canvas
	for i := 0; i < b.N; i++ {
		rc.Reset()
		p.Draw(draw.NewCanvas(&rc, 16*vg.Centimeter, 9*vg.Centimeter))
	}
}
