package charts

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// Label placement.
//
// Every label belongs to a mark (its anchor) and must stay inside a band
// (its lane, within the plot area). A label is joined to its mark in one
// of two ways a reader can follow:
//
//   - touching it: beside the mark (on its right or left, vertically
//     centred), or right above or below it with its text starting at the
//     mark or, set flush right, ending at it, so that every line begins
//     or ends at the mark; or
//   - by a vertical leader line from the mark to a label on a higher
//     level above or below, the leader meeting the label's text. The
//     first leader level is minLeader off the first level, so that a
//     crowd of overlapping markers can be told apart; the others are a
//     label's height apart.
//
// The label must be nearer to its own mark than to any other mark by at
// least labelClear (a mark stacked with its own, such as a marker on a
// bar, merely no nearer): a label that touches its mark at one end while
// it lies along another mark reads as that mark's label. And where the
// text of a label above or below its mark begins away from the mark or
// its leader (set flush right, or lying across the leader), no other mark
// may be nearer to that beginning, where the eye lands first, than its
// own mark is along the text and down the leader.
//
// Candidates are tried in order of closeness: on the first level beside
// the mark on its right, then above and below it, then on its left; on
// higher levels above and below, the label starting at the leader,
// ending at it, or sliding along it. A candidate is taken when its box is
// inside the band and the plot area and meets no mark, no label placed
// before and no leader line, and its leader meets no label and no mark
// but its own anchor. Labels that find no place are left out (the caller
// gives key events a numbered tag instead): a label is never drawn over
// anything. Obstacles live in a uniform grid, so placing n labels among m
// marks costs O((n + m)·k) for k candidates per label, not O(n·m).

// labelClear is how much nearer a label must be to its own mark than to
// any other mark, in points.
const labelClear = 1

// reach is how far from its mark's horizontal extent a line of a
// touching label may begin or end (a first-level label may be shifted a
// little to stay inside the area).
const reach = maxShift - 1

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

// labelSize is one variant of a label's text: its lines, their widths
// and their box. lineW may be nil (a tag): the line is as wide as the box.
type labelSize struct {
	w, h  vg.Length
	lines [][]word
	lineW []vg.Length
}

// placement is where a label went; ok is false when it did not fit.
type placement struct {
	ok      bool
	variant int // index into labelRequest.sizes
	box     vg.Rectangle
	right   bool     // lines set flush right (the label ends at its mark or leader)
	leader  bool     // whether a leader line joins box and anchor
	from    vg.Point // leader start (on the anchor)
	to      vg.Point // leader end (on the box)
}

// placer holds the parameters of label placement.
type placer struct {
	area   vg.Rectangle // all labels stay inside
	gap    vg.Length    // clearance between a label and anything else
	levels int          // stacked levels tried above and below (≥ 1)
	// markN is how many of the obstacles passed to place, from the
	// first, are marks a label could be taken to belong to (the others
	// are labels, leaders and counts); 0: all of them.
	markN int
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
	ix.markN = len(marks)
	if pl.markN > 0 && pl.markN < len(marks) {
		ix.markN = pl.markN
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
		if k > 0 && !pl.levelFits(r, k) {
			break // nor will any higher level
		}
		for v := range r.sizes {
			if p, ok := pl.placeAt(ix, r, k, v); ok {
				p.variant = v
				return p, true
			}
		}
	}
	return placement{}, false
}

// levelFits reports whether some variant of the label fits in its band
// on level k, above or below the mark.
func (pl placer) levelFits(r labelRequest, k int) bool {
	for _, sz := range r.sizes {
		above, below := pl.levelY(r, k, sz.h)
		if above+sz.h <= r.band.Max.Y || below >= r.band.Min.Y {
			return true
		}
	}
	return false
}

// levelY is the bottom of an h tall label on level k above the mark and
// below it. Level 1 is a short leader's length off the first level; the
// levels above it are a label's height apart.
func (pl placer) levelY(r labelRequest, k int, h vg.Length) (above, below vg.Length) {
	off := vg.Length(0)
	if k > 0 {
		off = minLeader + vg.Length(k-1)*(h+pl.gap)
	}
	return r.anchor.Max.Y + pl.gap + off, r.anchor.Min.Y - pl.gap - h - off
}

// slides are the positions of a label on a higher level relative to its
// leader, as the share of its width left of the leader: starting at it,
// ending at it, then in between.
var slides = []float64{0, 1, 0.5, 0.25, 0.75}

// placeAt tries the candidates of level k for variant v of the label: on
// level 0, beside the mark on its right, touching it above or below, then
// beside it on its left; on higher levels, above or below joined by a
// leader, sliding along it.
func (pl placer) placeAt(ix *boxIndex, r labelRequest, k, v int) (placement, bool) {
	sz := r.sizes[v]
	w, h := sz.w, sz.h
	if w <= 0 || h <= 0 {
		return placement{}, false
	}
	g := pl.gap
	cy := (r.anchor.Min.Y + r.anchor.Max.Y) / 2
	if k == 0 {
		// Beside the mark, vertically centred on it.
		right := rect(r.anchor.Max.X+g, cy-h/2, w, h)
		if p, ok := pl.try(ix, r, sz, right, false); ok {
			return p, true
		}
	}
	above, below := pl.levelY(r, k, h)
	xs := slides[:2]
	if k > 0 {
		xs = slides
	}
	for _, y := range []vg.Length{above, below} {
		// The label starts at the leader or ends at it (or, on higher
		// levels, lies across it). Near the area's edges it is shifted
		// in: a little on the first level, which has no leader to show
		// whose label it is, as far as needed on the others.
		for _, s := range xs {
			x := r.ax - g - vg.Length(s)*(w-2*g)
			box, shift := pl.clampX(rect(x, y, w, h))
			if k == 0 && shift > maxShift {
				continue
			}
			if k == 0 && (box.Max.X <= r.anchor.Min.X || box.Min.X >= r.anchor.Max.X) {
				continue // not touching its mark
			}
			if p, ok := pl.try(ix, r, sz, box, k > 0); ok {
				return p, true
			}
		}
	}
	if k == 0 {
		left := rect(r.anchor.Min.X-g-w, cy-h/2, w, h)
		if p, ok := pl.try(ix, r, sz, left, false); ok {
			return p, true
		}
	}
	return placement{}, false
}

// minLeader is the length of the shortest leader: enough for a label
// to clear the marks beside its own (labelClear, and the gap), so that a
// crowd of overlapping markers can still be labelled one by one.
const minLeader = 4

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
func (pl placer) try(ix *boxIndex, r labelRequest, sz labelSize, box vg.Rectangle, leader bool) (placement, bool) {
	if !inside(box, pl.area) || !inside(box, r.band) {
		return placement{}, false
	}
	if ix.hits(inflate(box, pl.gap/2), -1) {
		return placement{}, false
	}
	// Lines are set towards the mark: flush right when the label lies
	// mostly left of its anchor.
	p := placement{ok: true, box: box, right: (box.Min.X+box.Max.X)/2 < r.ax}
	own := boxDist(box, r.anchor)
	if leader {
		if r.ax < box.Min.X || r.ax > box.Max.X {
			return placement{}, false
		}
		p.leader = true
		line := len(sz.lines) - 1 // the line the leader meets: the bottom one above the mark
		if box.Min.Y >= r.anchor.Max.Y {
			p.from = vg.Point{X: r.ax, Y: r.anchor.Max.Y}
			p.to = vg.Point{X: r.ax, Y: box.Min.Y}
		} else {
			p.from = vg.Point{X: r.ax, Y: r.anchor.Min.Y}
			p.to = vg.Point{X: r.ax, Y: box.Max.Y}
			line = 0
		}
		if x0, x1 := lineSpan(box, p.right, sz, line); r.ax < x0 || r.ax > x1 {
			return placement{}, false // the leader would end in blank space
		}
		if ix.hits(segmentBox(p.from, p.to), r.self) {
			return placement{}, false
		}
		own = pl.gap
	} else {
		// Every line begins or ends at the mark.
		edge := box.Min.X
		if p.right {
			edge = box.Max.X
		}
		if edge < r.anchor.Min.X-reach || edge > r.anchor.Max.X+reach {
			return placement{}, false
		}
	}
	// Above or below its mark, a label whose text begins away from the
	// mark or leader (set flush right, or lying across its leader) must
	// have no other mark nearer to that beginning, where the reader's
	// eye lands first, than its own mark is by the way the eye follows:
	// along the text and down the leader.
	if box.Min.Y >= r.anchor.Max.Y || box.Max.Y <= r.anchor.Min.Y {
		if start, path, away := textStart(box, p, sz, r.anchor, r.ax); away && ix.nearerMark(start, path+labelClear, r.self) {
			return placement{}, false
		}
	}
	if ix.nearMark(box, own, r.anchor, r.self) {
		return placement{}, false // as near to another mark as to its own
	}
	return p, true
}

// lineSpan is the horizontal extent of line i of a label of size sz in
// box, set flush left or, when right is set, flush right.
func lineSpan(box vg.Rectangle, right bool, sz labelSize, i int) (x0, x1 vg.Length) {
	w := box.Max.X - box.Min.X
	if i >= 0 && i < len(sz.lineW) {
		w = sz.lineW[i]
	}
	if right {
		return box.Max.X - w, box.Max.X
	}
	return box.Min.X, box.Min.X + w
}

// textStart is where the text of a label above or below its mark begins
// (the start of its first line, at the box's edge facing the mark), the
// length of the way from there to the mark (along the text and down the
// leader, or straight), and whether the text begins away from the mark
// or the leader, out of reach.
func textStart(box vg.Rectangle, p placement, sz labelSize, anchor vg.Rectangle, ax vg.Length) (start vg.Point, path vg.Length, away bool) {
	x0, _ := lineSpan(box, p.right, sz, 0)
	y := box.Max.Y // below the mark: its top faces it
	if box.Min.Y >= anchor.Max.Y {
		y = box.Min.Y
	}
	start = vg.Point{X: x0, Y: y}
	if p.leader {
		dx := x0 - ax
		if dx < 0 {
			dx = -dx
		}
		dy := p.to.Y - p.from.Y
		if dy < 0 {
			dy = -dy
		}
		return start, dx + dy, dx > reach
	}
	return start, pointDist(start, anchor), x0 < anchor.Min.X-reach || x0 > anchor.Max.X+reach
}
