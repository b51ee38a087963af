package charts

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// Label placement.
//
// Every label belongs to a mark (its anchor) and must stay inside a band
// (its lane, within the plot area). Candidate positions are tried in order
// of closeness: beside the mark on its right, then in stacked levels above
// and below it (the first level touching the mark, higher levels joined to
// it by a vertical leader line), each level with the label starting at the
// mark or ending at it, then beside the mark on its left. A candidate is
// taken when its box is inside the band and the plot area and meets no
// mark, no label placed before and no leader line, and its leader meets no
// label and no mark but its own anchor. Labels that find no place are left
// out: a label is never drawn over anything. Obstacles live in a uniform
// grid, so placing n labels among m marks costs O((n + m)·k) for k
// candidates per label, not O(n·m).

// labelRequest asks for a label for the mark whose box is anchor (the
// mark's index in the obstacle list is self), with its leader at x = ax,
// inside band. sizes are the label's variants, tried in order at each
// distance from the mark: its text on one line, then on two.
type labelRequest struct {
	anchor vg.Rectangle
	self   int
	ax     vg.Length
	sizes  []labelSize
	band   vg.Rectangle
}

// labelSize is one variant of a label's text: its lines and their box.
type labelSize struct {
	w, h  vg.Length
	lines [][]word
}

// placement is where a label went; ok is false when it did not fit.
type placement struct {
	ok      bool
	variant int // index into labelRequest.sizes
	box     vg.Rectangle
	leader  bool     // whether a leader line joins box and anchor
	from    vg.Point // leader start (on the anchor)
	to      vg.Point // leader end (on the box)
}

// placer holds the parameters of label placement.
type placer struct {
	area   vg.Rectangle // all labels stay inside
	gap    vg.Length    // clearance between a label and anything else
	levels int          // stacked levels tried above and below (≥ 1)
}

// passes is how many orders place tries at most: the given order, the
// reverse order, then the best so far with its unplaced labels first.
const passes = 4

// place places labels for reqs among marks and returns one placement per
// request. At most max labels are placed when max > 0. Each pass places
// greedily, one label at a time, at its first free candidate; a label
// placed early can block every candidate of a later one (a wide label on
// the first level cuts the leaders of the levels above), so when some
// find no place it tries other orders — reversed, then those left out
// first — and keeps the one that places the most (the earliest on ties).
func (pl placer) place(marks []vg.Rectangle, reqs []labelRequest, max int) []placement {
	order := make([]int, len(reqs))
	for i := range order {
		order[i] = i
	}
	var best []placement
	var bestOrder []int
	bestN := -1
	for pass := 0; pass < passes; pass++ {
		out, n := pl.placeInOrder(marks, reqs, order, max)
		if n > bestN {
			best, bestOrder, bestN = out, order, n
		}
		if n == len(reqs) || (max > 0 && n >= max) {
			break
		}
		next := make([]int, 0, len(order))
		if pass == 0 {
			for i := len(order) - 1; i >= 0; i-- {
				next = append(next, order[i])
			}
		} else {
			// The best order so far with its failures moved first.
			for _, i := range bestOrder {
				if !best[i].ok {
					next = append(next, i)
				}
			}
			for _, i := range bestOrder {
				if best[i].ok {
					next = append(next, i)
				}
			}
		}
		order = next
	}
	return best
}

func (pl placer) placeInOrder(marks []vg.Rectangle, reqs []labelRequest, order []int, max int) ([]placement, int) {
	ix := newBoxIndex(pl.area, cellSize(pl.area, reqs))
	for _, m := range marks {
		ix.add(m)
	}
	out := make([]placement, len(reqs))
	placed := 0
	for _, i := range order {
		r := reqs[i]
		if max > 0 && placed >= max {
			break
		}
		if p, ok := pl.placeOne(ix, r); ok {
			out[i] = p
			ix.add(inflate(p.box, pl.gap/2))
			if p.leader {
				ix.add(segmentBox(p.from, p.to))
			}
			placed++
		}
	}
	return out, placed
}

// cellSize picks the grid cell: about twice a typical label's height.
func cellSize(area vg.Rectangle, reqs []labelRequest) vg.Length {
	var h vg.Length
	for _, r := range reqs {
		for _, sz := range r.sizes {
			h = vg.Length(math.Max(float64(h), float64(sz.h)))
		}
	}
	if h <= 0 {
		h = 8
	}
	return 2 * h
}

func (pl placer) placeOne(ix *boxIndex, r labelRequest) (placement, bool) {
	for k := 0; k < pl.levels; k++ {
		for v, sz := range r.sizes {
			if p, ok := pl.placeAt(ix, r, k, sz.w, sz.h); ok {
				p.variant = v
				return p, true
			}
		}
	}
	return placement{}, false
}

// placeAt tries the candidates of level k for a w×h label: on level 0,
// beside the mark on its right, touching it above or below, then beside
// it on its left; on higher levels, above or below joined by a leader.
func (pl placer) placeAt(ix *boxIndex, r labelRequest, k int, w, h vg.Length) (placement, bool) {
	if w <= 0 || h <= 0 {
		return placement{}, false
	}
	g := pl.gap
	cy := (r.anchor.Min.Y + r.anchor.Max.Y) / 2
	if k == 0 {
		// Beside the mark, vertically centred on it.
		right := rect(r.anchor.Max.X+g, cy-h/2, w, h)
		if p, ok := pl.try(ix, r, right, false); ok {
			return p, true
		}
	}
	step := h + g
	above := r.anchor.Max.Y + g + vg.Length(k)*step
	below := r.anchor.Min.Y - g - h - vg.Length(k)*step
	for _, y := range []vg.Length{above, below} {
		// The label starts at the leader or ends at it. Near the area's
		// edges it is shifted in: a little on the first level, which
		// has no leader to show whose label it is, as far as needed on
		// the others.
		for _, x := range []vg.Length{r.ax - g, r.ax + g - w} {
			box, shift := pl.clampX(rect(x, y, w, h))
			if k == 0 && shift > maxShift {
				continue
			}
			if k == 0 && (box.Max.X <= r.anchor.Min.X || box.Min.X >= r.anchor.Max.X) {
				continue // not touching its mark
			}
			if p, ok := pl.try(ix, r, box, k > 0); ok {
				return p, true
			}
		}
	}
	if k == 0 {
		left := rect(r.anchor.Min.X-g-w, cy-h/2, w, h)
		if p, ok := pl.try(ix, r, left, false); ok {
			return p, true
		}
	}
	return placement{}, false
}

// maxShift is how far a first-level label may be shifted from its mark to
// stay inside the area.
const maxShift = 6

// clampX shifts box sideways into the area (try then checks that the
// leader's x is still inside it) and returns it with the distance moved.
func (pl placer) clampX(box vg.Rectangle) (vg.Rectangle, vg.Length) {
	w := box.Max.X - box.Min.X
	x0 := box.Min.X
	if box.Min.X < pl.area.Min.X {
		box.Min.X, box.Max.X = pl.area.Min.X, pl.area.Min.X+w
	}
	if box.Max.X > pl.area.Max.X {
		box.Min.X, box.Max.X = pl.area.Max.X-w, pl.area.Max.X
	}
	d := box.Min.X - x0
	if d < 0 {
		d = -d
	}
	return box, d
}

// try tests one candidate box.
func (pl placer) try(ix *boxIndex, r labelRequest, box vg.Rectangle, leader bool) (placement, bool) {
	if !inside(box, pl.area) || !inside(box, r.band) {
		return placement{}, false
	}
	if ix.hits(inflate(box, pl.gap/2), -1) {
		return placement{}, false
	}
	p := placement{ok: true, box: box}
	if leader {
		if r.ax < box.Min.X || r.ax > box.Max.X {
			return placement{}, false
		}
		p.leader = true
		if box.Min.Y >= r.anchor.Max.Y {
			p.from = vg.Point{X: r.ax, Y: r.anchor.Max.Y}
			p.to = vg.Point{X: r.ax, Y: box.Min.Y}
		} else {
			p.from = vg.Point{X: r.ax, Y: r.anchor.Min.Y}
			p.to = vg.Point{X: r.ax, Y: box.Max.Y}
		}
		if ix.hits(segmentBox(p.from, p.to), r.self) {
			return placement{}, false
		}
	}
	return p, true
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

// boxIndex is a uniform grid of rectangles over an area; rectangles
// reaching outside the area are kept in the border cells.
type boxIndex struct {
	origin     vg.Point
	cell       vg.Length
	cols, rows int
	cells      [][]int32
	boxes      []vg.Rectangle
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
