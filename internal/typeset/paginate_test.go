package typeset

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func units(n int, h float64) []float64 {
	u := make([]float64, n)
	for i := range u {
		u[i] = h
	}
	return u
}

// layout shows pages compactly: "0[0:3]@0 1[0:2]@30 | 1[2:4]H@0".
func layout(pages []Page) string {
	s := ""
	for i, p := range pages {
		if i > 0 {
			s += " | "
		}
		for j, pl := range p.Placements {
			if j > 0 {
				s += " "
			}
			s += fmt.Sprintf("%d[%d:%d]", pl.Block, pl.From, pl.To)
			if pl.Head {
				s += "H"
			}
			s += fmt.Sprintf("@%g", pl.Y)
		}
	}
	return s
}

func expectLayout(t *testing.T, name string, blocks []Block, height float64, want string, wantProblems ...Problem) {
	t.Helper()
	pages, problems := PaginateReport(blocks, height)
	if got := layout(pages); got != want {
		t.Errorf("%s:\n got %s\nwant %s", name, got, want)
	}
	if len(problems) != len(wantProblems) || (len(problems) > 0 && !reflect.DeepEqual(problems, wantProblems)) {
		t.Errorf("%s: problems %v, want %v", name, problems, wantProblems)
	}
	if got := layout(Paginate(blocks, height)); got != layout(pages) {
		t.Errorf("%s: Paginate %s differs from PaginateReport", name, got)
	}
}

func TestPaginateOrphansAndWidows(t *testing.T) {
	para := Block{Units: units(10, 10), Orphans: 2, Widows: 2}
	// 15 points left: one line would be an orphan, so the paragraph moves.
	expectLayout(t, "orphan", []Block{{Units: []float64{85}}, para}, 100,
		"0[0:1]@0 | 1[0:10]@0")
	// 80 left: eight lines here, two there.
	expectLayout(t, "split", []Block{{Units: []float64{20}}, para}, 100,
		"0[0:1]@0 1[0:8]@20 | 1[8:10]@0")
	// 90 left: nine lines would leave a widow; eight go.
	expectLayout(t, "widow", []Block{{Units: []float64{10}}, para}, 100,
		"0[0:1]@0 1[0:8]@10 | 1[8:10]@0")
	// Zero minimums mean one.
	expectLayout(t, "defaults", []Block{{Units: []float64{10}}, {Units: units(10, 10)}}, 100,
		"0[0:1]@0 1[0:9]@10 | 1[9:10]@0")
	// A paragraph of three lines with 2 and 2 cannot split: it moves whole.
	expectLayout(t, "three lines", []Block{{Units: []float64{75}}, {Units: units(3, 10), Orphans: 2, Widows: 2}}, 100,
		"0[0:1]@0 | 1[0:3]@0")
	// A long paragraph runs over several pages, keeping the rules at each.
	expectLayout(t, "long", []Block{{Units: units(25, 10), Orphans: 2, Widows: 2}}, 100,
		"0[0:10]@0 | 0[10:20]@0 | 0[20:25]@0")
	expectLayout(t, "long widow", []Block{{Units: units(21, 10), Orphans: 2, Widows: 2}}, 100,
		"0[0:10]@0 | 0[10:19]@0 | 0[19:21]@0")
}

func TestPaginateKeepWithNext(t *testing.T) {
	heading := Block{Units: []float64{12}, SpaceBefore: 6, KeepWithNext: true}
	para := Block{Units: units(10, 10), Orphans: 2, Widows: 2}
	// 30 left: heading (6+12) and two lines (20) need 38: all move.
	expectLayout(t, "heading moves", []Block{{Units: []float64{70}}, heading, para}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:8]@12 | 2[8:10]@0")
	// 40 left: the heading and two lines fit, the paragraph splits.
	expectLayout(t, "heading stays", []Block{{Units: []float64{60}}, heading, para}, 100,
		"0[0:1]@0 1[0:1]@66 2[0:2]@78 | 2[2:10]@0")
	// Two headings in a row move together.
	sub := Block{Units: []float64{10}, KeepWithNext: true}
	expectLayout(t, "chain", []Block{{Units: []float64{55}}, heading, sub, para}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:1]@12 3[0:7]@22 | 3[7:10]@0")
	// A float after a heading waits if, placed there, it would leave no
	// room for the heading's text.
	expectLayout(t, "float after heading", []Block{{Units: []float64{50}}, heading, {Units: []float64{30}, Float: true}, para}, 100,
		"0[0:1]@0 1[0:1]@56 3[0:3]@68 | 2[0:1]@0 3[3:10]@30")
	// A following block of one unit goes whole with its heading.
	expectLayout(t, "short next", []Block{{Units: []float64{60}}, heading, {Units: []float64{30}}}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:1]@12")
	// A float between the heading and its text does not count.
	expectLayout(t, "float skipped", []Block{{Units: []float64{70}}, heading, {Units: []float64{10}, Float: true}, para}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:1]@12 3[0:7]@22 | 3[7:10]@0")
}

func TestPaginateFloats(t *testing.T) {
	fig := Block{Units: []float64{50}, SpaceBefore: 5, Float: true}
	para := Block{Units: units(4, 10), Orphans: 2, Widows: 2}
	// The figure does not fit under the first block: the paragraph fills
	// the page and the figure opens the next.
	expectLayout(t, "deferred", []Block{{Units: []float64{60}}, fig, para, {Units: []float64{10}}}, 100,
		"0[0:1]@0 2[0:4]@60 | 1[0:1]@0 3[0:1]@50")
	// Floats keep their order: a small one that would fit waits behind.
	small := Block{Units: []float64{10}, Float: true}
	expectLayout(t, "order", []Block{{Units: []float64{60}}, fig, small, para}, 100,
		"0[0:1]@0 3[0:4]@60 | 1[0:1]@0 2[0:1]@50")
	// Several pages of text flow past a waiting figure.
	expectLayout(t, "text flows on", []Block{{Units: []float64{60}}, fig, {Units: units(14, 10), Orphans: 2, Widows: 2}}, 100,
		"0[0:1]@0 2[0:4]@60 | 1[0:1]@0 2[4:9]@50 | 2[9:14]@0")
	// A figure that fits stays in place.
	expectLayout(t, "fits", []Block{{Units: []float64{40}}, fig, para}, 100,
		"0[0:1]@0 1[0:1]@45 | 2[0:4]@0")
	// Figures left at the end get their own pages.
	expectLayout(t, "at the end", []Block{{Units: []float64{60}}, fig, fig, small}, 100,
		"0[0:1]@0 | 1[0:1]@0 | 2[0:1]@0 3[0:1]@50")
	// More than a quarter page stays empty when a moved figure is followed
	// by text that cannot fill the page (a paragraph that cannot split):
	// reported.
	expectLayout(t, "quarter page", []Block{{Units: []float64{40}}, {Units: []float64{70}, Float: true}, {Units: []float64{80}}}, 100,
		"0[0:1]@0 | 1[0:1]@0 | 2[0:1]@0", Problem{Page: 0, Block: 2, Kind: FloatGap})
	// A quarter page or less is not.
	expectLayout(t, "small gap", []Block{{Units: []float64{80}}, {Units: []float64{70}, Float: true}, {Units: []float64{30}}}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:1]@70")
}

func TestPaginateTableHead(t *testing.T) {
	table := Block{Units: append([]float64{15}, units(10, 10)...), HeadUnits: 1}
	expectLayout(t, "repeat", []Block{table}, 50,
		"0[0:4]@0 | 0[4:7]H@0 | 0[7:10]H@0 | 0[10:11]H@0")
	// 20 points left: the head (15) needs a row (10) with it; the table
	// moves rather than leave the head alone.
	expectLayout(t, "no lone head", []Block{{Units: []float64{30}}, table}, 50,
		"0[0:1]@0 | 1[0:4]@0 | 1[4:7]H@0 | 1[7:10]H@0 | 1[10:11]H@0")
}

func TestPaginateBreakBeforeAndSpace(t *testing.T) {
	chapter := Block{Units: []float64{20}, SpaceBefore: 30, BreakBefore: true}
	// BreakBefore starts a page; its SpaceBefore is dropped at the top,
	// and no empty page comes first.
	expectLayout(t, "break before", []Block{chapter, {Units: []float64{10}, SpaceBefore: 4, SpaceAfter: 3}, chapter, {Units: []float64{10}, SpaceBefore: 4}}, 100,
		"0[0:1]@0 1[0:1]@24 | 2[0:1]@0 3[0:1]@24")
	// Space before a block that lands at the top of a page is dropped;
	// SpaceAfter and SpaceBefore add between blocks.
	expectLayout(t, "space at top", []Block{{Units: []float64{90}, SpaceAfter: 2}, {Units: []float64{20}, SpaceBefore: 8}, {Units: []float64{20}, SpaceBefore: 8}}, 100,
		"0[0:1]@0 | 1[0:1]@0 2[0:1]@28")
	// Blocks with no units take no space and make no page.
	expectLayout(t, "empty blocks", []Block{{}, {BreakBefore: true}, {Units: []float64{10}}, {Float: true}}, 100,
		"2[0:1]@0")
	expectLayout(t, "nothing", nil, 100, "")
}

func TestPaginateOversize(t *testing.T) {
	// A unit taller than the page goes alone on its own page, reported.
	expectLayout(t, "tall unit", []Block{{Units: []float64{30}}, {Units: []float64{150}}, {Units: []float64{30}}}, 100,
		"0[0:1]@0 | 1[0:1]@0 | 2[0:1]@0", Problem{Page: 1, Block: 1, Kind: Overflow})
	// A table row taller than the page: alone, without the repeated head.
	table := Block{Units: []float64{15, 10, 120, 10}, HeadUnits: 1}
	expectLayout(t, "tall row", []Block{table}, 100,
		"0[0:2]@0 | 0[2:3]@0 | 0[3:4]H@0", Problem{Page: 1, Block: 0, Kind: Overflow})
	// A head and first row taller than the page stay together.
	expectLayout(t, "tall head and row", []Block{{Units: []float64{30, 80, 10}, HeadUnits: 1}}, 100,
		"0[0:2]@0 | 0[2:3]H@0", Problem{Page: 0, Block: 0, Kind: Overflow})
	// Lines of a paragraph so tall that the rules cannot be kept.
	expectLayout(t, "tall lines", []Block{{Units: units(3, 60), Orphans: 2, Widows: 2}}, 100,
		"0[0:1]@0 | 0[1:2]@0 | 0[2:3]@0", Problem{Page: 0, Block: 0, Kind: Orphan}, Problem{Page: 1, Block: 0, Kind: Widow})
	// A float taller than the page.
	expectLayout(t, "tall float", []Block{{Units: []float64{30}}, {Units: []float64{130}, Float: true}, {Units: []float64{30}}}, 100,
		"0[0:1]@0 2[0:1]@30 | 1[0:1]@0", Problem{Page: 1, Block: 1, Kind: Overflow})
	// Nonsense heights do not panic.
	nan, inf := math.NaN(), math.Inf(1)
	for _, h := range []float64{-10, 0, nan, inf, 100} {
		pages, _ := PaginateReport([]Block{
			{Units: []float64{-5, 0, 10}, SpaceBefore: -3, Orphans: -1, Widows: 99, HeadUnits: 7},
			{Units: []float64{nan, inf, 3}, SpaceBefore: nan, SpaceAfter: inf, HeadUnits: 1, KeepWithNext: true},
			{Units: []float64{inf}, Float: true},
			{Units: []float64{1, 2}, BreakBefore: true, Orphans: 5},
		}, h)
		placed := 0
		for _, p := range pages {
			for _, pl := range p.Placements {
				placed += pl.To - pl.From
			}
		}
		if placed != 9 {
			t.Errorf("height %v: %d units placed, want 9", h, placed)
		}
	}
}

// Over random documents: every unit placed once, in order; pages within
// the height unless a problem says otherwise; the rules kept or reported.
func TestPaginateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 34))
	for trial := 0; trial < 500; trial++ {
		const height = 200.0
		var blocks []Block
		for n := 1 + rng.IntN(30); len(blocks) < n; {
			var b Block
			switch rng.IntN(7) {
			case 6:
				rows := make([]float64, 2+rng.IntN(6))
				for k := range rows {
					rows[k] = float64(5 + rng.IntN(240))
				}
				b = Block{Units: rows, HeadUnits: 1, SpaceBefore: 6}
			case 0:
				b = Block{Units: []float64{12 + float64(rng.IntN(10))}, SpaceBefore: 8, SpaceAfter: 4, KeepWithNext: true}
			case 1:
				b = Block{Units: []float64{20 + float64(rng.IntN(160))}, SpaceBefore: 6, Float: true}
			case 2:
				b = Block{Units: append([]float64{16}, units(1+rng.IntN(40), 11)...), HeadUnits: 1, SpaceBefore: 6}
			default:
				b = Block{Units: units(1+rng.IntN(30), 12), SpaceBefore: 6, Orphans: 2, Widows: 2}
				for range b.Units {
					b.NoBreakAfter = append(b.NoBreakAfter, rng.IntN(5) == 0)
				}
			}
			b.BreakBefore = rng.IntN(25) == 0
			blocks = append(blocks, b)
		}
		pages, problems := PaginateReport(blocks, height)
		problemAt := map[[2]int]bool{}
		for _, p := range problems {
			problemAt[[2]int{p.Page, p.Block}] = true
		}
		next := make([]int, len(blocks)) // next unit expected, per block
		lastFloat := -1
		for pi, p := range pages {
			if len(p.Placements) == 0 {
				t.Fatalf("trial %d: page %d empty", trial, pi)
			}
			y := 0.0
			for k, pl := range p.Placements {
				b := &blocks[pl.Block]
				if pl.From != next[pl.Block] || pl.To <= pl.From || pl.To > len(b.Units) {
					t.Fatalf("trial %d page %d: placement %+v, expected from %d", trial, pi, pl, next[pl.Block])
				}
				next[pl.Block] = pl.To
				if b.Float {
					if pl.Block < lastFloat {
						t.Fatalf("trial %d: floats out of order", trial)
					}
					lastFloat = pl.Block
				}
				if pl.Y < y-eps || (k == 0 && pl.Y != 0) {
					t.Fatalf("trial %d page %d: placement %+v at %v after %v", trial, pi, pl, pl.Y, y)
				}
				y = pl.Y + sum(b.Units[pl.From:pl.To])
				if pl.Head {
					y += sum(b.Units[:b.HeadUnits])
				}
				if y > height+eps && !problemAt[[2]int{pi, pl.Block}] {
					t.Fatalf("trial %d page %d: %+v runs to %v unreported", trial, pi, pl, y)
				}
				o, w, _ := minima(b)
				split := pl.To < len(b.Units)
				if split && pl.To-pl.From < o && pl.From == 0 && !problemAt[[2]int{pi, pl.Block}] {
					t.Fatalf("trial %d page %d: orphan %+v", trial, pi, pl)
				}
				if pl.From > 0 && pl.To == len(b.Units) && pl.To-pl.From < w && !problemAt[[2]int{pi - 1, pl.Block}] && !problemAt[[2]int{pi, pl.Block}] {
					t.Fatalf("trial %d page %d: widow %+v", trial, pi, pl)
				}
				if b.HeadUnits > 0 && pl.From == 0 && split && pl.To <= b.HeadUnits {
					t.Fatalf("trial %d page %d: head alone %+v", trial, pi, pl)
				}
				if pl.Head != (pl.From > 0 && b.HeadUnits > 0) && !problemAt[[2]int{pi, pl.Block}] {
					t.Fatalf("trial %d page %d: head %v on %+v", trial, pi, pl.Head, pl)
				}
			}
		}
		for i, b := range blocks {
			if next[i] != len(b.Units) {
				t.Fatalf("trial %d: block %d placed to %d of %d", trial, i, next[i], len(b.Units))
			}
		}
		// A heading may part from text that cannot start on any page.
		overflows := map[int]bool{}
		for _, p := range problems {
			if p.Kind == Overflow {
				overflows[p.Block] = true
			}
		}
		for _, p := range problems {
			// ... or whose chain with its text is taller than a page.
			fresh := paginator{blocks: blocks, height: height}
			if p.Kind == KeepBroken && !nextIsBreak(blocks, p.Block) && !overflows[nextText(blocks, p.Block)] &&
				fresh.keepNeed(p.Block) <= height {
				t.Errorf("trial %d: %v", trial, p)
				for _, pg := range pages[max(p.Page-1, 0):min(p.Page+2, len(pages))] {
					for _, pl := range pg.Placements {
						b := blocks[pl.Block]
						t.Logf("%+v keep %v float %v bb %v units %v", pl, b.KeepWithNext, b.Float, b.BreakBefore, b.Units)
					}
					t.Log("--")
				}
				t.FailNow()
			}
		}
	}
}

// nextText returns the first block after block i, and after the
// KeepWithNext blocks that follow it, that is text.
func nextText(blocks []Block, i int) int {
	for j := i + 1; j < len(blocks); j++ {
		if !blocks[j].Float && len(blocks[j].Units) > 0 && !blocks[j].KeepWithNext {
			return j
		}
	}
	return -1
}

// nextIsBreak reports whether the first text block after block i starts
// a new page.
func nextIsBreak(blocks []Block, i int) bool {
	for j := i + 1; j < len(blocks); j++ {
		if blocks[j].Float || len(blocks[j].Units) == 0 {
			continue
		}
		return blocks[j].BreakBefore
	}
	return false
}

func TestPaginateNoBreakAfter(t *testing.T) {
	marked := func(n int, at ...int) []bool {
		m := make([]bool, n)
		for _, k := range at {
			m[k] = true
		}
		return m
	}
	// Eight lines would fit, but the eighth ends in a hyphen: seven go.
	para := Block{Units: units(10, 10), Orphans: 2, Widows: 2, NoBreakAfter: marked(10, 7)}
	expectLayout(t, "hyphen at the foot", []Block{{Units: []float64{20}}, para}, 100,
		"0[0:1]@0 1[0:7]@20 | 1[7:10]@0")
	// No allowed break is unmarked: the paragraph moves whole.
	para = Block{Units: units(6, 10), Orphans: 2, Widows: 2, NoBreakAfter: marked(6, 1, 2, 3)}
	expectLayout(t, "all marked", []Block{{Units: []float64{60}}, para}, 100,
		"0[0:1]@0 | 1[0:6]@0")
	// On a page of its own, a marked break is better than none.
	para = Block{Units: units(12, 10), NoBreakAfter: marked(12, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}
	expectLayout(t, "forced", []Block{para}, 100, "0[0:10]@0 | 0[10:12]@0")
	// A short slice means false for the rest.
	para = Block{Units: units(12, 10), NoBreakAfter: []bool{true}}
	expectLayout(t, "short", []Block{para}, 100, "0[0:10]@0 | 0[10:12]@0")
}
