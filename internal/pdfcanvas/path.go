package pdfcanvas

import (
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
)

// pathOps writes p as PDF path construction operators, in canvas space.
func (c *Canvas) pathOps(w *strings.Builder, p vg.Path) {
	var (
		cur, start vg.Point
		has        bool
	)
	to := func(op string, pts ...vg.Point) {
		for _, pt := range pts {
			writeNums(w, float64(pt.X), float64(pt.Y))
			w.WriteByte(' ')
		}
		w.WriteString(op)
		w.WriteByte('\n')
	}
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			to("m", comp.Pos)
			cur, start, has = comp.Pos, comp.Pos, true
		case vg.LineComp:
			if !has {
				to("m", comp.Pos)
				start, has = comp.Pos, true
			} else {
				to("l", comp.Pos)
			}
			cur = comp.Pos
		case vg.ArcComp:
			cur, start, has = arc(to, comp, cur, start, has)
		case vg.CurveComp:
			if !has {
				to("m", comp.Pos)
				cur, start, has = comp.Pos, comp.Pos, true
				continue
			}
			switch len(comp.Control) {
			case 1:
				q := comp.Control[0]
				c1 := vg.Point{X: cur.X + (q.X-cur.X)*2/3, Y: cur.Y + (q.Y-cur.Y)*2/3}
				c2 := vg.Point{X: comp.Pos.X + (q.X-comp.Pos.X)*2/3, Y: comp.Pos.Y + (q.Y-comp.Pos.Y)*2/3}
				to("c", c1, c2, comp.Pos)
			case 2:
				to("c", comp.Control[0], comp.Control[1], comp.Pos)
			default:
				to("l", comp.Pos)
			}
			cur = comp.Pos
		case vg.CloseComp:
			if has {
				w.WriteString("h\n")
				cur = start
			}
		}
	}
}

// arc appends a circular arc as cubic Béziers of at most 90° each. Like
// gonum's other canvases, the arc is joined to the current point by a
// line (or starts a subpath if there is none).
func arc(to func(string, ...vg.Point), comp vg.PathComp, cur, start vg.Point, has bool) (vg.Point, vg.Point, bool) {
	cx, cy, r := float64(comp.Pos.X), float64(comp.Pos.Y), float64(comp.Radius)
	a0, sweep := comp.Start, comp.Angle
	if !finite(cx) || !finite(cy) || !finite(r) || !finite(a0) || !finite(sweep) {
		return cur, start, has
	}
	// More than a full turn draws the circle once, then the remainder,
	// so the arc still ends where it should.
	if full := 2 * math.Pi; math.Abs(sweep) > full {
		sweep = math.Copysign(full+math.Mod(math.Abs(sweep), full), sweep)
	}
	at := func(a float64) vg.Point {
		s, c := math.Sincos(a)
		return vg.Point{X: vg.Length(cx + r*c), Y: vg.Length(cy + r*s)}
	}
	p0 := at(a0)
	if has {
		to("l", p0)
	} else {
		to("m", p0)
		start, has = p0, true
	}
	n := int(math.Ceil(math.Abs(sweep) / (math.Pi / 2)))
	if n == 0 {
		return p0, start, has
	}
	step := sweep / float64(n)
	k := 4.0 / 3.0 * math.Tan(step/4) * r
	for i := 0; i < n; i++ {
		a := a0 + float64(i)*step
		b := a + step
		sa, ca := math.Sincos(a)
		sb, cb := math.Sincos(b)
		p1 := vg.Point{X: vg.Length(cx + r*ca - k*sa), Y: vg.Length(cy + r*sa + k*ca)}
		p3 := at(b)
		p2 := vg.Point{X: vg.Length(cx + r*cb + k*sb), Y: vg.Length(cy + r*sb - k*cb)}
		to("c", p1, p2, p3)
		cur = p3
	}
	return cur, start, has
}
