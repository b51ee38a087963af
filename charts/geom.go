package charts

import (
	"math"

	"gonum.org/v1/plot/vg"
)

func rect(x, y, w, h vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
}

func inflate(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

// inside reports whether r lies within outer.
func inside(r, outer vg.Rectangle) bool {
	return r.Min.X >= outer.Min.X && r.Max.X <= outer.Max.X && r.Min.Y >= outer.Min.Y && r.Max.Y <= outer.Max.Y
}

// overlaps reports whether a and b share interior points (touching edges
// do not count).
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// pointDist is the distance from p to the box r (0 inside it).
func pointDist(p vg.Point, r vg.Rectangle) vg.Length {
	dx := max(r.Min.X-p.X, p.X-r.Max.X, 0)
	dy := max(r.Min.Y-p.Y, p.Y-r.Max.Y, 0)
	return vg.Length(math.Hypot(float64(dx), float64(dy)))
}

// boxDist is the distance between two boxes along the axis where they
// are farthest apart (0 when they overlap): the distance that inflating
// one box by it makes the two meet.
func boxDist(a, b vg.Rectangle) vg.Length {
	return max(a.Min.X-b.Max.X, b.Min.X-a.Max.X, a.Min.Y-b.Max.Y, b.Min.Y-a.Max.Y, 0)
}

// segmentBox is the box of a vertical leader segment, shortened at both
// ends so that it does not count as meeting the boxes it joins.
func segmentBox(a, b vg.Point) vg.Rectangle {
	lo, hi := a.Y, b.Y
	if lo > hi {
		lo, hi = hi, lo
	}
	const w = 0.25
	return vg.Rectangle{Min: vg.Point{X: a.X - w, Y: lo + 0.01}, Max: vg.Point{X: a.X + w, Y: hi - 0.01}}
}
