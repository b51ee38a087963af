package charts

import (
	"image/color"
	"testing"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// Odd sizes and odd data draw without panicking.
func TestDrawAnySize(t *testing.T) {
	long := sample()
	long.Meta.Period = &data.Period{Start: date(1900, 1, 1), End: date(2100, 12, 31)}
	oneDay := sample()
	oneDay.Meta.Period = &data.Period{Start: date(2023, 5, 1), End: date(2023, 5, 1)}
	reversed := sample()
	reversed.Events[2].End = date(2023, 4, 1) // before its date
	odd := DefaultTheme()
	odd.Palette = []color.Color{nil}
	odd.Shapes = []Shape{Shape(99)}
	odd.KindShapes = map[string]Shape{}
	briefings := map[string]*data.Briefing{
		"sample": sample(), "1000": genBriefing(1, 1000), "two centuries": long,
		"one day": oneDay, "end before date": reversed,
	}
	sizes := [][2]vg.Length{{1, 1}, {20, 10}, {120, 40}, {16 * vg.Centimeter, 8 * vg.Centimeter}, {60 * vg.Centimeter, 5 * vg.Centimeter}}
	for name, b := range briefings {
		for _, th := range []Theme{{}, odd} {
			tl, err := NewTimeline(b, TimelineOptions{Theme: th})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			fq, err := NewActorFrequency(b, FrequencyOptions{Theme: th, ShowRole: true})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, sz := range sizes {
				for _, p := range []interface{ Draw(draw.Canvas) }{tl, fq} {
					var rc recorder.Canvas
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("%s at %v×%v: panic %v", name, sz[0], sz[1], r)
							}
						}()
						p.Draw(draw.NewCanvas(&rc, sz[0], sz[1]))
					}()
				}
			}
		}
	}
}
