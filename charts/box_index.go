package charts

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// boxIndex is a uniform grid of rectangles over an area; rectangles
// reaching outside the area are kept in the border cells.
type boxIndex struct {
	origin     vg.Point
	cell       vg.Length
	cols, rows int
	cells      [][]int32
	boxes      []vg.Rectangle
	markN      int // boxes before this index are marks (see nearMark)
}

// maxCells bounds the grid so that a tiny cell over a huge area cannot
// exhaust memory.
const maxCells = 1 << 16

func newBoxIndex(area vg.Rectangle, cell vg.Length) *boxIndex {
	w, h := area.Max.X-area.Min.X, area.Max.Y-area.Min.Y
	if cell <= 0 || math.IsNaN(float64(cell)) {
		cell = 16
	}
	for {
		cols, rows := int(w/cell)+1, int(h/cell)+1
		if w <= 0 || h <= 0 || math.IsNaN(float64(w)) || math.IsNaN(float64(h)) {
			cols, rows = 1, 1
		}
		if cols*rows <= maxCells {
			return &boxIndex{origin: area.Min, cell: cell, cols: cols, rows: rows, cells: make([][]int32, cols*rows)}
		}
		cell *= 2
	}
}

func (ix *boxIndex) span(r vg.Rectangle) (c0, c1, r0, r1 int) {
	clampi := func(v float64, n int) int {
		if math.IsNaN(v) || v < 0 {
			return 0
		}
		if v >= float64(n) {
			return n - 1
		}
		return int(v)
	}
	c0 = clampi(float64((r.Min.X-ix.origin.X)/ix.cell), ix.cols)
	c1 = clampi(float64((r.Max.X-ix.origin.X)/ix.cell), ix.cols)
	r0 = clampi(float64((r.Min.Y-ix.origin.Y)/ix.cell), ix.rows)
	r1 = clampi(float64((r.Max.Y-ix.origin.Y)/ix.cell), ix.rows)
	return
}

// add stores r and returns its index.
func (ix *boxIndex) add(r vg.Rectangle) int {
	id := int32(len(ix.boxes))
	ix.boxes = append(ix.boxes, r)
	c0, c1, r0, r1 := ix.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			i := y*ix.cols + x
			ix.cells[i] = append(ix.cells[i], id)
		}
	}
	return int(id)
}

// hits reports whether r overlaps a stored rectangle other than skip.
func (ix *boxIndex) hits(r vg.Rectangle, skip int) bool {
	c0, c1, r0, r1 := ix.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			for _, id := range ix.cells[y*ix.cols+x] {
				if int(id) != skip && overlaps(r, ix.boxes[id]) {
					return true
				}
			}
		}
	}
	return false
}

// nearMark reports whether a stored mark (one of the first markN boxes)
// other than skip lies within own+labelClear of box, or, for a mark
// stacked with the anchor (a marker on a bar), nearer than own: such a
// mark is always about as near as the anchor, and the label's lines
// beginning or ending at the anchor tell them apart. Markers that merely
// overlap (a crowd of circles) are not stacked: a label by one of them is
// as much the next one's.
func (ix *boxIndex) nearMark(box vg.Rectangle, own vg.Length, anchor vg.Rectangle, skip int) bool {
	r := inflate(box, own+labelClear)
	c0, c1, r0, r1 := ix.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			for _, id := range ix.cells[y*ix.cols+x] {
				if int(id) >= ix.markN || int(id) == skip {
					continue
				}
				m := ix.boxes[id]
				if !overlaps(r, m) {
					continue
				}
				if !stacked(m, anchor) || boxDist(box, m) < own-layoutEps {
					return true
				}
			}
		}
	}
	return false
}

// stacked reports whether marks a and b are drawn one over the other: they
// overlap, and one spans the other's whole width.
func stacked(a, b vg.Rectangle) bool {
	return overlaps(a, b) && ((a.Min.X <= b.Min.X && a.Max.X >= b.Max.X) || (b.Min.X <= a.Min.X && b.Max.X >= a.Max.X))
}

// nearerMark reports whether a stored mark other than skip lies nearer
// than d to p.
func (ix *boxIndex) nearerMark(p vg.Point, d vg.Length, skip int) bool {
	r := vg.Rectangle{Min: vg.Point{X: p.X - d, Y: p.Y - d}, Max: vg.Point{X: p.X + d, Y: p.Y + d}}
	c0, c1, r0, r1 := ix.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			for _, id := range ix.cells[y*ix.cols+x] {
				if int(id) < ix.markN && int(id) != skip && pointDist(p, ix.boxes[id]) < d {
					return true
				}
			}
		}
	}
	return false
}
