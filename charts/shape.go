package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Shape is a marker shape. Each event kind has one; the timeline draws a
// day-precision event as the filled shape and a month- or year-precision
// event as its outline.
type Shape int

// The marker shapes.
const (
	Circle Shape = iota
	Square
	Triangle
	Diamond
	InvertedTriangle
	Cross
	Pentagon
	Star
	Hexagon
)

// path returns the outline of the shape of radius r centred on pt.
func (s Shape) path(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	poly := func(pts ...vg.Point) {
		p.Move(pts[0])
		for _, q := range pts[1:] {
			p.Line(q)
		}
		p.Close()
	}
	switch s {
	case Square:
		r *= 0.85
		poly(vg.Point{X: pt.X - r, Y: pt.Y - r}, vg.Point{X: pt.X + r, Y: pt.Y - r},
			vg.Point{X: pt.X + r, Y: pt.Y + r}, vg.Point{X: pt.X - r, Y: pt.Y + r})
	case Triangle, InvertedTriangle:
		d := vg.Length(1)
		if s == InvertedTriangle {
			d = -1
		}
		r *= 1.1
		h := r * vg.Length(math.Sqrt(3)/2)
		poly(vg.Point{X: pt.X, Y: pt.Y + d*r},
			vg.Point{X: pt.X - h, Y: pt.Y - d*r/2},
			vg.Point{X: pt.X + h, Y: pt.Y - d*r/2})
	case Diamond:
		r *= 1.15
		poly(vg.Point{X: pt.X, Y: pt.Y + r}, vg.Point{X: pt.X + r, Y: pt.Y},
			vg.Point{X: pt.X, Y: pt.Y - r}, vg.Point{X: pt.X - r, Y: pt.Y})
	case Cross:
		// A plus sign with arms a third of r thick, as a closed outline
		// so that it can be filled.
		a := r / 3
		poly(vg.Point{X: pt.X - a, Y: pt.Y + r}, vg.Point{X: pt.X + a, Y: pt.Y + r},
			vg.Point{X: pt.X + a, Y: pt.Y + a}, vg.Point{X: pt.X + r, Y: pt.Y + a},
			vg.Point{X: pt.X + r, Y: pt.Y - a}, vg.Point{X: pt.X + a, Y: pt.Y - a},
			vg.Point{X: pt.X + a, Y: pt.Y - r}, vg.Point{X: pt.X - a, Y: pt.Y - r},
			vg.Point{X: pt.X - a, Y: pt.Y - a}, vg.Point{X: pt.X - r, Y: pt.Y - a},
			vg.Point{X: pt.X - r, Y: pt.Y + a}, vg.Point{X: pt.X - a, Y: pt.Y + a})
	case Pentagon, Hexagon, Star:
		n, rr := 5, r*1.1
		if s == Hexagon {
			n = 6
		}
		if s == Star {
			rr = r * 1.25
		}
		var pts []vg.Point
		for i := 0; i < n; i++ {
			a := math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
			pts = append(pts, vg.Point{X: pt.X + rr*vg.Length(math.Cos(a)), Y: pt.Y + rr*vg.Length(math.Sin(a))})
			if s == Star {
				b := a + math.Pi/float64(n)
				in := rr * 0.45
				pts = append(pts, vg.Point{X: pt.X + in*vg.Length(math.Cos(b)), Y: pt.Y + in*vg.Length(math.Sin(b))})
			}
		}
		poly(pts...)
	default: // Circle
		p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		p.Arc(pt, r, 0, 2*math.Pi)
		p.Close()
	}
	return p
}

// extent is the half-size of the shape's bounding box at radius r.
func (s Shape) extent(r vg.Length) vg.Length {
	switch s {
	case Triangle, InvertedTriangle:
		return r * 1.1
	case Diamond:
		return r * 1.15
	case Pentagon, Hexagon:
		return r * 1.1
	case Star:
		return r * 1.25
	}
	return r
}

// draw draws the shape filled with fill, or hollow (a white interior and
// an outline in fill) when hollow is set.
func (s Shape) draw(c draw.Canvas, pt vg.Point, r vg.Length, fill color.Color, hollow bool, bg color.Color, lw vg.Length) {
	p := s.path(pt, r)
	if hollow {
		c.SetColor(bg)
		c.Fill(p)
		c.SetLineStyle(draw.LineStyle{Color: fill, Width: 1.2 * lw * 2})
		c.Stroke(s.path(pt, r-lw))
		return
	}
	c.SetColor(fill)
	c.Fill(p)
	// A hairline in the background colour separates touching markers.
	c.SetLineStyle(draw.LineStyle{Color: bg, Width: lw})
	c.Stroke(p)
}
