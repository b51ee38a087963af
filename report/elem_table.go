package report

import (
	"sort"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// cell is the content of a table cell: paragraphs stacked.
type cell struct {
	node       *frames.Node // TH or TD, made when first drawn
	paras      []*paraElem
	swatch     *Color // a small square before the first line (party colour)
	swatchSize float64
}

func (c *cell) height() float64 {
	h := 0.0
	for _, p := range c.paras {
		h += sum(p.units())
	}
	return h
}

// tableElem is a table whose rows are its units; row 0 is the header,
// repeated on each page the table continues on. A row that does not fit
// on a page below the header is split into bands, one line of each cell
// a band, each band a unit: it continues, cell by cell, on the next page
// under the repeated header instead of running past the foot.
type tableElem struct {
	widths  []float64
	rows    [][]cell
	heights []float64
	padX    float64
	padY    float64
	stripe  Color
	head    Color   // header rule colour
	pageH   float64 // the text area's height: rows taller are split
	repeat  bool    // the header repeats on each page
	units   []tableUnit
	// The structure: the table's head and body, a TR a row.
	thead, tbody *frames.Node
	rowNodes     []*frames.Node
	blockBase
}

// tableUnit is a whole row (band < 0) or band band of a split row.
type tableUnit struct {
	row, band int
	h         float64
}

// line returns line k of a cell's paragraphs taken in order: its paragraph
// and the line in it, or nil when the cell has fewer lines.
func (c *cell) line(k int) (*paraElem, int) {
	for _, p := range c.paras {
		if k < len(p.lines) {
			return p, k
		}
		k -= len(p.lines)
	}
	return nil, 0
}

func (c *cell) lineCount() int {
	n := 0
	for _, p := range c.paras {
		n += len(p.lines)
	}
	return n
}

func (t *tableElem) measure() {
	t.heights = make([]float64, len(t.rows))
	for i, r := range t.rows {
		h := 0.0
		for _, c := range r {
			if ch := c.height(); ch > h {
				h = ch
			}
		}
		t.heights[i] = h + 2*t.padY
	}
	// The header repeats on each page unless it would take more than a
	// third of it (large type in narrow columns); then it is set once,
	// split like a row if it is taller than the page.
	t.repeat = t.pageH <= 0 || t.heights[0] <= t.pageH/3
	headH := 0.0
	if t.repeat {
		headH = t.heights[0]
	}
	t.units = t.units[:0]
	for i, r := range t.rows {
		if (i == 0 && t.repeat) || t.pageH <= 0 || headH+t.heights[i] <= t.pageH {
			t.units = append(t.units, tableUnit{row: i, band: -1, h: t.heights[i]})
			continue
		}
		n := 0
		for j := range r {
			n = max(n, r[j].lineCount())
		}
		for k := 0; k < n; k++ {
			h := 0.0
			for j := range r {
				if p, l := r[j].line(k); p != nil {
					h = max(h, p.units()[l])
				}
			}
			if k == 0 {
				h += t.padY
			}
			if k == n-1 {
				h += t.padY
			}
			t.units = append(t.units, tableUnit{row: i, band: k, h: h})
		}
	}
}

func (t *tableElem) block() typeset.Block {
	b := t.blk
	b.Units = make([]float64, len(t.units))
	for i, u := range t.units {
		b.Units[i] = u.h
	}
	if t.repeat {
		b.HeadUnits = 1
	}
	return b
}

// rowsIn returns the rows that begin in units [from, to): a split row
// is counted on the page where it begins.
func (t *tableElem) rowsIn(from, to int) (first, end int) {
	if from >= to {
		return 0, 0
	}
	first = t.units[from].row
	if t.units[from].band > 0 {
		first++
	}
	return first, t.units[to-1].row + 1
}

// unitPos is where the text of unit u comes from: its row's first cell
// with text.
func (t *tableElem) unitPos(u int) data.Pos {
	if u >= 0 && u < len(t.units) {
		for _, c := range t.rows[t.units[u].row] {
			if len(c.paras) > 0 {
				return c.paras[0].where.Pos
			}
		}
	}
	return data.Pos{}
}

func (t *tableElem) width() float64 { return sum(t.widths) }

// cellNode returns the structure element of cell j of row i, making the
// table's, the row's and the cell's on first use; the cell's paragraphs
// draw into it.
func (t *tableElem) cellNode(i, j int) *frames.Node {
	cl := &t.rows[i][j]
	if cl.node != nil {
		return cl.node
	}
	table := t.nodeOr(frames.Table, nil)
	if t.rowNodes == nil {
		t.rowNodes = make([]*frames.Node, len(t.rows))
	}
	if t.rowNodes[i] == nil {
		group, role := &t.tbody, frames.TBody
		if i == 0 {
			group, role = &t.thead, frames.THead
		}
		if *group == nil {
			*group = frames.NewNode(role, table)
		}
		t.rowNodes[i] = frames.NewNode(frames.TR, *group)
	}
	role := frames.TD
	if i == 0 {
		role = frames.TH
	}
	cl.node = frames.NewNode(role, t.rowNodes[i])
	if role == frames.TH {
		cl.node.Scope = "Column" // the header row heads its column
	}
	for _, p := range cl.paras {
		p.node = cl.node
	}
	return cl.node
}

func (t *tableElem) drawRow(f *frame, c *drawCtx, i int, x, y float64) {
	w := t.width()
	f.node = frames.LayoutArtifact
	if i > 0 && i%2 == 0 {
		f.rect(x, y, w, t.heights[i], t.stripe)
	}
	cx := x
	for j, cl := range t.rows[i] {
		t.cellNode(i, j)
		f.node = frames.LayoutArtifact
		cy := y + t.padY
		if cl.swatch != nil && len(cl.paras) > 0 {
			p := cl.paras[0]
			f.rect(cx+t.padX, cy+p.base-cl.swatchSize*0.9, cl.swatchSize, cl.swatchSize, *cl.swatch)
		}
		for _, p := range cl.paras {
			p.draw(f, c, 0, len(p.lines), false, cx+t.padX, cy)
			cy += sum(p.units())
		}
		cx += t.widths[j]
	}
	if i == 0 {
		f.node = frames.LayoutArtifact
		f.line(x, y, x+w, y, 0.8, t.head)
		f.line(x, y+t.heights[0], x+w, y+t.heights[0], 0.8, t.head)
	}
}

// drawBand draws band u of a split row: line u.band of each cell.
func (t *tableElem) drawBand(f *frame, c *drawCtx, u tableUnit, x, y float64) {
	f.node = frames.LayoutArtifact
	if u.row > 0 && u.row%2 == 0 {
		f.rect(x, y, t.width(), u.h, t.stripe)
	}
	if u.row == 0 { // a header split: its rules above and below
		if u.band == 0 {
			f.line(x, y, x+t.width(), y, 0.8, t.head)
		}
		if isLastBand(t, u) {
			f.line(x, y+u.h, x+t.width(), y+u.h, 0.8, t.head)
		}
	}
	top := y
	if u.band == 0 {
		top += t.padY
	}
	cx := x
	for j := range t.rows[u.row] {
		t.cellNode(u.row, j)
		cl := &t.rows[u.row][j]
		if p, l := cl.line(u.band); p != nil {
			f.node = frames.LayoutArtifact
			if u.band == 0 && cl.swatch != nil {
				f.rect(cx+t.padX, top+p.base-cl.swatchSize*0.9, cl.swatchSize, cl.swatchSize, *cl.swatch)
			}
			p.draw(f, c, l, l+1, false, cx+t.padX, top)
		}
		cx += t.widths[j]
	}
}

// isLastBand reports whether u is the last band of its row.
func isLastBand(t *tableElem, u tableUnit) bool {
	for _, v := range t.units {
		if v.row == u.row && v.band > u.band {
			return false
		}
	}
	return true
}

func (t *tableElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	x -= t.padX
	cy := y
	if head && from > 0 {
		// The header repeated on a continuation page is furniture.
		f.artifact = frames.PaginationArtifact
		t.drawRow(f, c, 0, x, cy)
		f.artifact = nil
		cy += t.heights[0]
	}
	for i := from; i < to; i++ {
		u := t.units[i]
		if u.band < 0 {
			t.drawRow(f, c, u.row, x, cy)
		} else {
			t.drawBand(f, c, u, x, cy)
		}
		cy += u.h
	}
	if to == len(t.units) {
		f.node = frames.LayoutArtifact
		f.line(x, cy, x+t.width(), cy, 0.8, t.head)
	}
}

func (t *tableElem) anchors() []anchorAt {
	var out []anchorAt
	for ui, u := range t.units {
		if u.band > 0 {
			continue
		}
		split := len(out)
		for _, c := range t.rows[u.row] {
			off := 0 // lines of the cell's paragraphs above p
			for _, p := range c.paras {
				for _, a := range p.anchors() {
					at := ui
					if u.band == 0 {
						at += off + a.unit // the band the anchor's line is in
					}
					out = append(out, anchorAt{a.name, at})
				}
				off += len(p.lines)
			}
		}
		// In unit order, as paginate looks them up.
		sort.SliceStable(out[split:], func(i, j int) bool { return out[split+i].unit < out[split+j].unit })
	}
	return out
}
