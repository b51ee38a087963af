package charts

import (
	"math"
	"sort"
	"time"

	"gonum.org/v1/plot/vg"
)

type binGeom struct {
	box   vg.Rectangle
	count int
}

// crowded reports whether markers of radius r at xs would pile up: at
// least 24 of them, and more than a third overlapping their neighbour by
// more than half.
func crowded(xs []vg.Length, r vg.Length) bool {
	if len(xs) < 24 {
		return false
	}
	s := append([]vg.Length(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	over := 0
	for i := 1; i < len(s); i++ {
		if s[i]-s[i-1] < r {
			over++
		}
	}
	return 3*over > len(s)
}

// stripHeight is the height of the count histogram of a dense lane.
func stripHeight(band vg.Rectangle) vg.Length {
	return vg.Length(math.Min(float64(band.Max.Y-band.Min.Y)*0.35, 20))
}

// binUnits are the histogram bins of dense lanes, finest first.
var binUnits = []struct {
	name  string
	start func(time.Time) time.Time
	next  func(time.Time) time.Time
}{
	{"day", func(t time.Time) time.Time { return t }, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	{"week", func(t time.Time) time.Time {
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) // back to Monday
	}, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
	{"month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	{"quarter", func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month()-(t.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
	}, func(t time.Time) time.Time { return t.AddDate(0, 3, 0) }},
	{"year", func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// minBinWidth is the narrowest histogram bin drawn, in points.
const minBinWidth = 2.5

// binUnit picks the finest histogram bin at least minBinWidth wide.
func (t *Timeline) binUnit(xf func(float64) vg.Length) int {
	lo := fromUnix(t.Min)
	for i, u := range binUnits {
		s := u.start(lo)
		if xf(unix(u.next(s)))-xf(unix(s)) >= minBinWidth {
			return i
		}
	}
	return len(binUnits) - 1
}

// binCounts counts the events of lane i in the window per bin of unit u
// (by the day each starts, or the window's first day), returning the
// bins' starts and counts.
func (t *Timeline) binCounts(i, u int) (starts []float64, counts []int) {
	unit := binUnits[u]
	hi := fromUnix(t.Max)
	for s := unit.start(fromUnix(t.Min)); s.Before(hi); s = unit.next(s) {
		starts = append(starts, unix(s))
	}
	counts = make([]int, len(starts))
	for _, m := range t.Marks {
		if m.Lane != i || (m.Form != Point && m.Form != Bar) {
			continue // only events dated to the day are counted by day
		}
		j := sort.SearchFloat64s(starts, max(m.Start, t.Min)+0.5) - 1
		if j >= 0 && j < len(counts) {
			counts[j]++
		}
	}
	return starts, counts
}

// hist is the count histogram of a dense lane.
type hist struct {
	starts []float64 // bin starts, Unix seconds
	counts []int
}

// histograms counts the events of the dense lanes per bin and sets the
// layout's bin unit and peak (the tallest bin of any lane).
func (t *Timeline) histograms(f *timelineLayout, dense []bool, xf func(float64) vg.Length) []hist {
	u := t.binUnit(xf)
	hs := make([]hist, len(dense))
	f.peak = 0
	for i, d := range dense {
		if !d {
			continue
		}
		hs[i].starts, hs[i].counts = t.binCounts(i, u)
		for _, n := range hs[i].counts {
			f.peak = max(f.peak, n)
		}
	}
	f.binBy = binUnits[u].name
	return hs
}

// layoutBins lays out the histograms of the dense lanes, all on one scale
// (the peak is the strip's full height), at the bottom of each lane, and
// appends their bars to obstacles.
func (t *Timeline) layoutBins(f *timelineLayout, hs []hist, c vg.Rectangle, xf func(float64) vg.Length, obstacles []vg.Rectangle) []vg.Rectangle {
	for i := range f.lanes {
		lf := &f.lanes[i]
		if !lf.dense {
			continue
		}
		sh := stripHeight(lf.band)
		lf.base = lf.band.Min.Y + 2
		starts := hs[i].starts
		for j, n := range hs[i].counts {
			if n == 0 {
				continue
			}
			x0 := vg.Length(math.Max(float64(xf(starts[j])), float64(c.Min.X)))
			end := t.Max
			if j+1 < len(starts) {
				end = starts[j+1]
			}
			x1 := vg.Length(math.Min(float64(xf(end)), float64(c.Max.X)))
			gap := vg.Length(math.Min(0.4, float64(x1-x0)/4))
			h := max(sh*vg.Length(n)/vg.Length(f.peak), 0.75)
			b := binGeom{box: vg.Rectangle{Min: vg.Point{X: x0 + gap/2, Y: lf.base}, Max: vg.Point{X: x1 - gap/2, Y: lf.base + h}}, count: n}
			lf.bins = append(lf.bins, b)
			obstacles = append(obstacles, b.box)
		}
	}
	return obstacles
}
