package typeset

import (
	"fmt"
	"math"
)

// ProblemKind names a page-makeup rule that had to be broken.
type ProblemKind int

const (
	// Overflow: a unit (or a table's header with one row) is taller than
	// the page; it is placed alone at the top of a page and runs past the
	// foot.
	Overflow ProblemKind = iota + 1
	// Orphan: fewer than Orphans units of a split block at the foot of a
	// page.
	Orphan
	// Widow: fewer than Widows units of a split block at the top of a page.
	Widow
	// KeepBroken: a KeepWithNext block (a heading) ends a page although
	// text follows it: the next block cannot start a page, or the heading
	// with it does not fit on one, or a BreakBefore block follows.
	KeepBroken
	// FloatGap: a float moved to the next page and more than a quarter of
	// the page it left stayed empty: Block is the text that followed and
	// could not fill it (an unbreakable block, or a heading that had to
	// go with its text).
	FloatGap
)

func (k ProblemKind) String() string {
	switch k {
	case Overflow:
		return "overflow"
	case Orphan:
		return "orphan"
	case Widow:
		return "widow"
	case KeepBroken:
		return "keep-with-next broken"
	case FloatGap:
		return "float gap"
	}
	return fmt.Sprintf("ProblemKind(%d)", int(k))
}

// Problem is a page-makeup rule Paginate could not keep.
type Problem struct {
	Page  int // index into the pages: where the rule broke (for Widow, the page before the widow)
	Block int // index into the blocks
	Kind  ProblemKind
}

func (p Problem) String() string {
	return fmt.Sprintf("page %d, block %d: %v", p.Page+1, p.Block, p.Kind)
}

// Paginate distributes blocks into pages whose text area is pageHeight
// points tall. See PaginateReport for the rules.
func Paginate(blocks []Block, pageHeight float64) []Page {
	pages, _ := PaginateReport(blocks, pageHeight)
	return pages
}

// PaginateReport distributes blocks into pages whose text area is
// pageHeight points tall, and reports the rules it had to break.
//
// Blocks follow each other with SpaceAfter of one then SpaceBefore of the
// next between them (added, not collapsed); SpaceBefore is dropped at the
// top of a page. A block breaks only between units, leaving at least
// Orphans units at the foot of the page and carrying at least Widows to
// the next. A table's HeadUnits go with at least one more unit and are
// repeated at the top of each continuation (Placement.Head). A
// KeepWithNext block (a heading) goes to the next page unless it fits
// with the KeepWithNext blocks that follow it and the least of the next
// block that may start a page: two units or the whole block if it has
// fewer (more if its Orphans, Widows or HeadUnits ask for more). A page
// does not end after a NoBreakAfter unit if the rules allow another
// break, even one that moves the block to the next page. A Float
// block that does not fit waits, while the blocks after it fill the page,
// and goes at the top of the next page; floats keep their order. A
// BreakBefore block starts a new page, after any waiting floats, which
// get pages of their own. No page is empty; blocks with no units are
// skipped. Heights that are negative or NaN count as 0.
//
// When a rule cannot be kept (a unit taller than the page, lines so tall
// that no split keeps the widow and orphan minimums), the material is
// placed at the top of a page, as much as fits but at least one unit (a
// table's head with one row), and a Problem says so. Paginate is linear
// in the number of units.
func PaginateReport(blocks []Block, pageHeight float64) ([]Page, []Problem) {
	if math.IsNaN(pageHeight) || pageHeight < 0 {
		pageHeight = 0
	}
	pg := paginator{blocks: blocks, height: pageHeight}
	for i := range blocks {
		if len(blocks[i].Units) == 0 {
			continue
		}
		if blocks[i].Float {
			pg.float(i)
			continue
		}
		pg.flow(i)
	}
	for len(pg.queue) > 0 {
		pg.newPage()
		if len(pg.cur.Placements) == 0 { // nothing could be placed: cannot happen, but never loop
			break
		}
	}
	pg.endPage()
	pg.checkKeeps()
	return pg.pages, pg.problems
}

const eps = 1e-6

type paginator struct {
	blocks   []Block
	height   float64
	pages    []Page
	problems []Problem
	cur      Page
	y        float64 // used height of the current page
	queue    []int   // deferred floats
	deferred bool    // the current page sent a float on
}

func (pg *paginator) empty() bool { return len(pg.cur.Placements) == 0 }

func (pg *paginator) problem(block int, k ProblemKind) {
	pg.problems = append(pg.problems, Problem{Page: len(pg.pages), Block: block, Kind: k})
}

// endPage closes the current page if it has anything on it.
func (pg *paginator) endPage() {
	if pg.empty() {
		return
	}
	pg.pages = append(pg.pages, pg.cur)
	pg.cur = Page{}
	pg.y = 0
	pg.deferred = false
}

// newPage ends the current page and starts the next with the floats that
// wait, as many as fit.
func (pg *paginator) newPage() {
	pg.endPage()
	for len(pg.queue) > 0 {
		f := pg.queue[0]
		if !pg.fitsWhole(f) && !pg.empty() {
			break
		}
		pg.placeWhole(f)
		pg.queue = pg.queue[1:]
	}
}

func sum(h []float64) float64 {
	t := 0.0
	for _, v := range h {
		if v > 0 && !math.IsInf(v, 1) {
			t += v
		} else if math.IsInf(v, 1) {
			return math.Inf(1)
		}
	}
	return t
}

func unitH(v float64) float64 {
	if v > 0 {
		return v
	}
	return 0
}

func (pg *paginator) spaceBefore(i int) float64 {
	if pg.empty() {
		return 0
	}
	return unitH(pg.blocks[i].SpaceBefore)
}

func (pg *paginator) fitsWhole(i int) bool {
	return pg.y+pg.spaceBefore(i)+sum(pg.blocks[i].Units) <= pg.height+eps
}

// placeWhole puts all of block i on the current page.
func (pg *paginator) placeWhole(i int) {
	b := &pg.blocks[i]
	pg.y += pg.spaceBefore(i)
	h := sum(b.Units)
	if pg.empty() && h > pg.height+eps {
		pg.problem(i, Overflow)
	}
	pg.cur.Placements = append(pg.cur.Placements, Placement{Block: i, From: 0, To: len(b.Units), Y: pg.y})
	pg.y += h + unitH(b.SpaceAfter)
}

func (pg *paginator) float(i int) {
	fits := pg.fitsWhole(i)
	if fits && pg.keepPending() {
		// Placed now, the float must leave room for the text that the
		// heading above it keeps with.
		need := pg.y + pg.spaceBefore(i) + sum(pg.blocks[i].Units) + unitH(pg.blocks[i].SpaceAfter)
		if t := pg.nextText(i); t >= 0 {
			need += unitH(pg.blocks[t].SpaceBefore) + sum(pg.blocks[t].Units[:leastStart(&pg.blocks[t])])
		}
		fits = need <= pg.height+eps
	}
	if len(pg.queue) > 0 || (!fits && !pg.empty()) {
		pg.queue = append(pg.queue, i)
		pg.deferred = true
		return
	}
	pg.placeWhole(i)
}

// gapCheck reports a FloatGap when block i, text, goes to the next page
// leaving more than a quarter of a page that sent a float on empty.
func (pg *paginator) gapCheck(i int) {
	if pg.deferred && len(pg.queue) > 0 && pg.height-pg.y > pg.height/4+eps {
		pg.problem(i, FloatGap)
	}
}

// minima returns the Orphans, Widows and HeadUnits of block b as used.
func minima(b *Block) (orphans, widows, head int) {
	n := len(b.Units)
	orphans, widows, head = max(b.Orphans, 1), max(b.Widows, 1), b.HeadUnits
	if head < 0 || head >= n {
		head = 0
	}
	return orphans, widows, head
}

// leastStart is how many units of block b must go on the page where it
// starts: at least two (for a heading's sake), its orphans and its head
// with one more unit, and not ending at a NoBreakAfter unit; all if a
// split there would leave too few widows.
func leastStart(b *Block) int {
	n := len(b.Units)
	o, w, h := minima(b)
	for k := max(2, o, h+1); k < n && n-k >= w; k++ {
		if !noBreakAfter(b, k-1) {
			return k
		}
	}
	return n
}

// flow places the non-float block i, splitting it across pages.
func (pg *paginator) flow(i int) {
	b := &pg.blocks[i]
	if b.BreakBefore {
		// Waiting floats go first, on pages of their own.
		pg.newPage()
		for !pg.empty() {
			pg.newPage()
		}
	}
	// A new page may open with waiting floats: check again until the
	// keep fits or the page is empty.
	for b.KeepWithNext && !pg.empty() && pg.y+pg.keepNeed(i) > pg.height+eps {
		pg.gapCheck(i)
		pg.newPage()
	}
	n := len(b.Units)
	o, w, head := minima(b)
	headH := sum(b.Units[:head])
	for u := 0; u < n; {
		cont := u > 0
		sb := 0.0
		if !cont {
			sb = pg.spaceBefore(i)
		}
		hh := 0.0
		if cont && head > 0 {
			hh = headH
		}
		avail := pg.height - pg.y - sb - hh
		k, acc := 0, 0.0
		for u+k < n && acc+unitH(b.Units[u+k]) <= avail+eps {
			acc += unitH(b.Units[u+k])
			k++
		}
		if u+k == n {
			pg.place(i, u, n, sb, cont && head > 0)
			pg.y += unitH(b.SpaceAfter)
			return
		}
		// The most units that keep the rules, with no NoBreakAfter unit
		// last if that can be had.
		kk, loose := 0, 0
		for c := k; c > 0; c-- {
			if n-(u+c) < w {
				continue
			}
			if !cont && (c < o || (head > 0 && c < head+1)) {
				continue
			}
			if loose == 0 {
				loose = c
			}
			if !noBreakAfter(b, u+c-1) {
				kk = c
				break
			}
		}
		if kk == 0 && pg.empty() {
			kk = loose // better a broken word than a broken rule
		}
		if kk > 0 {
			pg.place(i, u, u+kk, sb, cont && head > 0)
			u += kk
			pg.newPage()
			continue
		}
		if !pg.empty() {
			pg.gapCheck(i)
			pg.newPage()
			continue
		}
		// An empty page cannot take a piece that keeps the rules.
		switch {
		case !cont && head > 0 && k <= head:
			// A table's head with its first row is taller than the page:
			// together all the same, never the head alone.
			pg.problem(i, Overflow)
			pg.place(i, 0, head+1, 0, false)
			u = head + 1
		case k == 0:
			// A unit (with the head) taller than the page: alone.
			pg.problem(i, Overflow)
			withHead := cont && head > 0 && hh+unitH(b.Units[u]) <= pg.height+eps
			pg.place(i, u, u+1, 0, withHead)
			u++
		default:
			if n-(u+k) < w {
				pg.problem(i, Widow)
			} else {
				pg.problem(i, Orphan)
			}
			pg.place(i, u, u+k, 0, cont && head > 0)
			u += k
		}
		if u < n {
			pg.newPage()
		} else {
			pg.y += unitH(b.SpaceAfter)
		}
	}
}

// noBreakAfter reports whether b's unit k is marked NoBreakAfter.
func noBreakAfter(b *Block, k int) bool {
	return k >= 0 && k < len(b.NoBreakAfter) && b.NoBreakAfter[k]
}

// place puts units [from, to) of block i on the current page after space
// sb, below a repeated head if head.
func (pg *paginator) place(i, from, to int, sb float64, head bool) {
	b := &pg.blocks[i]
	pg.y += sb
	pg.cur.Placements = append(pg.cur.Placements, Placement{Block: i, From: from, To: to, Y: pg.y, Head: head})
	if head {
		_, _, h := minima(b)
		pg.y += sum(b.Units[:h])
	}
	pg.y += sum(b.Units[from:to])
}

// keepNeed is the height block i needs on the current page to keep with
// what follows: the chain of KeepWithNext blocks from i and the least
// start of the block after them (floats, which may move, are skipped).
func (pg *paginator) keepNeed(i int) float64 {
	need := 0.0
	first := true
	for j := i; j < len(pg.blocks); j++ {
		b := &pg.blocks[j]
		if len(b.Units) == 0 || b.Float {
			continue
		}
		if j > i && b.BreakBefore {
			break
		}
		if !first || !pg.empty() {
			need += unitH(b.SpaceBefore)
		}
		first = false
		if b.KeepWithNext {
			need += sum(b.Units) + unitH(b.SpaceAfter)
			continue
		}
		need += sum(b.Units[:leastStart(b)])
		break
	}
	return need
}

// checkKeeps reports KeepWithNext blocks left at the foot of a page.
func (pg *paginator) checkKeeps() {
	for pi, p := range pg.pages {
		if pi == len(pg.pages)-1 || len(p.Placements) == 0 {
			continue
		}
		last := p.Placements[len(p.Placements)-1]
		if b := &pg.blocks[last.Block]; b.KeepWithNext && !b.Float && last.To == len(b.Units) && pg.nextText(last.Block) >= 0 {
			pg.problems = append(pg.problems, Problem{Page: pi, Block: last.Block, Kind: KeepBroken})
		}
	}
}

// keepPending reports whether the current page ends with a whole
// KeepWithNext block.
func (pg *paginator) keepPending() bool {
	if pg.empty() {
		return false
	}
	last := pg.cur.Placements[len(pg.cur.Placements)-1]
	b := &pg.blocks[last.Block]
	return b.KeepWithNext && !b.Float && last.To == len(b.Units)
}

// nextText returns the first non-float block with units after block i,
// or -1.
func (pg *paginator) nextText(i int) int {
	for j := i + 1; j < len(pg.blocks); j++ {
		if !pg.blocks[j].Float && len(pg.blocks[j].Units) > 0 {
			return j
		}
	}
	return -1
}
