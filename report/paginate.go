package report

import (
	"sort"

	"github.com/briefing-pdf/briefing/internal/typeset"
)

// paginate is the paginate stage: it breaks the composed flow into pages
// until the page numbers that the text itself shows (note
// back-references) are those of the pages it lands on, and checks that
// everything lies within the page.
func paginate(d *doc) (*layout, error) {
	lay := d.paginate()
	// The notes print the pages of their citations ("Cited on pp. 2,
	// 3"): set them again with the pages found until the pages agree.
	for pass := 1; pass < 4 && !sameRefs(d.refs, lay.refs); pass++ {
		d.redoNotes(lay.refs)
		lay = d.paginate()
	}
	if err := lay.checkBounds(); err != nil {
		return nil, err
	}
	return lay, nil
}

func sameRefs(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// layout is the result of composing and paginating.
type layout struct {
	d        *doc
	pages    []typeset.Page
	problems []typeset.Problem
	blocks   []typeset.Block
	refs     map[string]int // anchor → page number (1-based, cover included)
	first    int            // page number of the first flow page
}

// paginate breaks the flow into pages once and finds the page of every anchor.
func (d *doc) paginate() *layout {
	lay := &layout{d: d, refs: map[string]int{}, first: 1}
	if d.cfg.Has(BlockCover) {
		lay.first = 2
	}
	lay.blocks = make([]typeset.Block, len(d.elems))
	for i, e := range d.elems {
		lay.blocks[i] = e.block()
	}
	lay.pages, lay.problems = typeset.PaginateReport(lay.blocks, d.textH)
	// Each element's anchors, in unit order, listed once per element:
	// later passes keep every element but the notes block's.
	if d.anchorsOf == nil {
		d.anchorsOf = map[element][]anchorAt{}
	}
	anchors := make([][]anchorAt, len(d.elems))
	for i, e := range d.elems {
		as, ok := d.anchorsOf[e]
		if !ok {
			if an, isAn := e.(anchorer); isAn {
				as = an.anchors()
			}
			d.anchorsOf[e] = as
		}
		anchors[i] = as
	}
	for pi, pg := range lay.pages {
		for _, pl := range pg.Placements {
			as := anchors[pl.Block]
			k := sort.Search(len(as), func(j int) bool { return as[j].unit >= pl.From })
			for ; k < len(as) && as[k].unit < pl.To; k++ {
				if _, seen := lay.refs[as[k].name]; !seen {
					lay.refs[as[k].name] = pi + lay.first
				}
			}
		}
	}
	return lay
}

// pageCount is the number of pages of the PDF.
func (l *layout) pageCount() int { return len(l.pages) + l.first - 1 }
