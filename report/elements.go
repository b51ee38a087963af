package report

import (
	"sort"
	"strings"

	"gonum.org/v1/plot"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// element is one block of the flow, composed: it knows its measured
// units before anything is placed (block), and draws units [from, to)
// with the top of the first at y. Every element embeds blockBase, the
// fields all blocks share.
type element interface {
	shared() *blockBase
	block() typeset.Block
	draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64)
}

// blockBase holds what every element has: the pagination parameters of
// its block (the units are the element's own) and the structure element
// it draws into.
type blockBase struct {
	blk typeset.Block
	// node is the element's structure element (a paragraph, a heading, a
	// table…); nil until set or first drawn, when a paragraph becomes P.
	node *frames.Node
}

func (b *blockBase) shared() *blockBase { return b }

// nodeOr returns the element's node, made of role under parent if it has
// none yet.
func (b *blockBase) nodeOr(role frames.Role, parent *frames.Node) *frames.Node {
	if b.node == nil {
		b.node = frames.NewNode(role, parent)
	}
	return b.node
}

// anchorAt names an anchor inside an element and the unit it lies in.
type anchorAt struct {
	name string
	unit int
}

// anchorer is an element with anchors (headings, citations, notes).
type anchorer interface {
	anchors() []anchorAt
}

// drawCtx is what drawing needs to know of the whole document.
type drawCtx struct {
	pageOf func(anchor string) int
}

// marker is text hung in the left indent of a paragraph's first line: a
// list bullet, a heading or note number.
type marker struct {
	Text  string
	Font  string
	Size  float64
	Color Color
	X     float64 // from the paragraph's indent; negative hangs left
}

// paraElem is a paragraph broken into lines: body text, list items,
// headings, notes, summary bullets.
type paraElem struct {
	lines      []typeset.Line
	lead       float64 // line height
	base       float64 // baseline below a line's top
	indent     float64 // left indent from the text area
	width      float64 // the measure
	color      Color
	marker     *marker
	padTop     float64 // inside the first unit (boxes)
	padBottom  float64 // inside the last unit
	fill       *Color  // background box across the text width
	boxX, boxW float64 // the box: its left edge from the text area, its width
	rule       *Color  // a rule left of the text (block quotes)
	ruleX      float64
	names      []string // anchors at the top of the paragraph
	outline    string   // bookmark text; empty for none
	level      int      // bookmark level
	heading    bool
	align      typeset.Align
	where      where
	// label is the node of the marker (a list item's Lbl); nil when the
	// marker belongs to the paragraph's own node (a heading's number).
	label *frames.Node
	blockBase
}

func (p *paraElem) units() []float64 {
	u := make([]float64, len(p.lines))
	for i := range u {
		u[i] = p.lead
	}
	if len(u) > 0 {
		u[0] += p.padTop
		u[len(u)-1] += p.padBottom
	}
	return u
}

func (p *paraElem) block() typeset.Block {
	b := p.blk
	b.Units = p.units()
	// A page should not turn in the middle of a hyphenated word.
	for i, l := range p.lines {
		if l.Hyphen {
			if b.NoBreakAfter == nil {
				b.NoBreakAfter = make([]bool, len(p.lines))
			}
			b.NoBreakAfter[i] = true
		}
	}
	return b
}

func (p *paraElem) anchors() []anchorAt {
	var out []anchorAt
	for _, n := range p.names {
		out = append(out, anchorAt{n, 0})
	}
	for i, l := range p.lines {
		for _, fr := range l.Fragments {
			if t, ok := fr.Style.Tag.(tag); ok && t.Anchor != "" {
				out = append(out, anchorAt{t.Anchor, i})
			}
		}
	}
	return out
}

func (p *paraElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	node := p.nodeOr(frames.P, nil)
	f.node = frames.LayoutArtifact
	units := p.units()
	total := 0.0
	for i := from; i < to; i++ {
		total += units[i]
	}
	if p.fill != nil {
		f.rect(x+p.boxX, y, p.boxW, total, *p.fill)
	}
	if p.rule != nil {
		top, bot := y, y+total
		if from == 0 {
			top += p.padTop + (p.lead-p.base)*0.3
		}
		if to == len(units) {
			bot -= p.padBottom + (p.lead-p.base)*0.6
		}
		f.line(x+p.ruleX, top, x+p.ruleX, bot, 1.5, *p.rule)
	}
	if from == 0 {
		if p.outline != "" {
			f.bookmark(p.outline, p.level, y)
		}
		for _, n := range p.names {
			f.anchor(n, y)
		}
	}
	top := y
	for i := from; i < to; i++ {
		lt := top
		if i == 0 {
			lt += p.padTop
		}
		baseline := lt + p.base
		if i == 0 && p.marker != nil {
			m := p.marker
			f.node = node
			if p.label != nil {
				f.node = p.label
			}
			f.text(x+p.indent+m.X, baseline, m.Text, m.Font, m.Size, m.Color)
		}
		f.node = node
		drawLine(f, p.lines[i], x+p.indent, baseline, lt, p.color)
		top += units[i]
	}
}

// drawLine draws a line's fragments with their colours, links and
// anchors, into the frame's current node; a link's text and its area go
// into a Link node (a Reference for a citation of a note) under it.
func drawLine(f *frame, l typeset.Line, x, baseline, top float64, col Color) {
	parent := f.node
	defer func() { f.node = parent }()
	link := -1 // index in f.items of the current line's open link
	for _, fr := range f.words(l.Fragments) {
		c := col
		t, _ := fr.Style.Tag.(tag)
		if t.HasColor {
			c = t.Color
		}
		linked := t.URL != "" || t.Dest != ""
		switch {
		case !linked:
			f.node = parent
		case link < 0 || f.items[link].URL != t.URL || f.items[link].Dest != t.Dest:
			f.node = frames.NewNode(linkRole(t), parent)
		}
		f.text(x+fr.X, baseline-fr.Style.Rise, fr.Text, fr.Style.Font, fr.Style.Size, c)
		if t.Anchor != "" {
			f.anchor(t.Anchor, top)
		}
		if !linked {
			link = -1
			continue
		}
		lx, lw := x+fr.X, fr.Width
		ly := baseline - fr.Style.Rise - fr.Style.Size*0.8
		lh := fr.Style.Size * 1.05
		// Extend the previous rectangle when the same link continues.
		if link >= 0 && f.items[link].URL == t.URL && f.items[link].Dest == t.Dest {
			f.items[link].W = lx + lw - f.items[link].X
			continue
		}
		f.items = append(f.items, frames.Item{Kind: frames.Link, X: lx, Y: ly, W: lw, H: lh, URL: t.URL, Dest: t.Dest, Node: f.node})
		link = len(f.items) - 1
	}
}

// linkRole is the role of a link's structure element: a Reference for a
// citation (it leads to its note), else a Link.
func linkRole(t tag) frames.Role {
	if strings.HasPrefix(t.Dest, "note-") {
		return frames.Reference
	}
	return frames.LinkRole
}

// figureElem is a chart with its numbered caption; it floats.
type figureElem struct {
	plot      *plot.Plot
	chart     string // the chart's file name stem (Figure.Name)
	w, h      float64
	textW     float64
	gap       float64
	caption   *paraElem
	name      string
	outline   string
	level     int
	padBottom float64
	// split: the figure is taller than the page even with the chart at
	// its least height (a long caption in large type): it does not float
	// and its caption breaks across pages, a unit a line, the chart with
	// the first.
	split bool
	blockBase
}

func (fg *figureElem) height() float64 {
	return fg.h + fg.gap + sum(fg.caption.units()) + fg.padBottom
}

func (fg *figureElem) block() typeset.Block {
	b := fg.blk
	if fg.split {
		b.Units = fg.caption.units()
		b.Units[0] += fg.h + fg.gap
		b.Units[len(b.Units)-1] += fg.padBottom
		return b
	}
	b.Units = []float64{fg.height()}
	return b
}

func (fg *figureElem) anchors() []anchorAt { return []anchorAt{{fg.name, 0}} }

func (fg *figureElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	if fg.split && from > 0 {
		fg.caption.draw(f, c, from, to, false, x, y)
		return
	}
	if fg.split {
		defer fg.caption.draw(f, c, 0, to, false, x, y+fg.h+fg.gap)
	}
	f.anchor(fg.name, y)
	if fg.outline != "" {
		f.bookmark(fg.outline, fg.level, y)
	}
	f.node = fg.node
	// A chart narrower than the text is centred over its caption.
	f.items = append(f.items, frames.Item{Kind: frames.Chart, X: x + (fg.textW-fg.w)/2, Y: y, W: fg.w, H: fg.h, Plot: fg.plot, Node: f.node})
	if !fg.split {
		fg.caption.draw(f, c, 0, len(fg.caption.lines), false, x, y+fg.h+fg.gap)
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// groupElem stacks paragraphs that must stay together (a pull quote and
// its attribution) as a single unit. A group taller than the page
// (split, set when composed) has a unit per line instead, so that it
// breaks across pages like a paragraph rather than running past the foot.
type groupElem struct {
	parts []*paraElem
	gaps  []float64 // space above each part
	rule  *Color
	ruleW float64
	split bool
	blockBase
}

func (g *groupElem) height() float64 {
	h := 0.0
	for i, p := range g.parts {
		h += g.gaps[i] + sum(p.units())
	}
	return h
}

// lineUnits is a unit per line of every part, the gap above a part in
// its first line's unit; part and line say where each unit comes from.
func (g *groupElem) lineUnits() (units []float64, part, line []int) {
	for i, p := range g.parts {
		for k, u := range p.units() {
			if k == 0 {
				u += g.gaps[i]
			}
			units = append(units, u)
			part = append(part, i)
			line = append(line, k)
		}
	}
	return units, part, line
}

func (g *groupElem) block() typeset.Block {
	b := g.blk
	if g.split {
		b.Units, _, _ = g.lineUnits()
		b.Orphans, b.Widows = 2, 2
		return b
	}
	b.Units = []float64{g.height()}
	return b
}

func (g *groupElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	node := g.nodeOr(frames.BlockQuote, nil)
	for _, p := range g.parts {
		p.nodeOr(frames.P, node)
	}
	f.node = frames.LayoutArtifact
	if !g.split {
		if g.rule != nil {
			f.rect(x, y+2, g.ruleW, g.height()-4, *g.rule)
		}
		cy := y
		for i, p := range g.parts {
			cy += g.gaps[i]
			p.draw(f, c, 0, len(p.lines), false, x, cy)
			cy += sum(p.units())
		}
		return
	}
	units, part, line := g.lineUnits()
	total := sum(units[from:to])
	if g.rule != nil {
		top, bot := y, y+total
		if from == 0 {
			top += 2
		}
		if to == len(units) {
			bot -= 2
		}
		f.rect(x, top, g.ruleW, bot-top, *g.rule)
	}
	f.node = node
	cy := y
	for u := from; u < to; {
		// The run of this part's lines on the page, drawn as the part.
		i, k := part[u], line[u]
		end := u
		for end < to && part[end] == i {
			end++
		}
		py := cy
		if k == 0 {
			py += g.gaps[i]
		}
		g.parts[i].draw(f, c, k, k+end-u, false, x, py)
		cy += sum(units[u:end])
		u = end
	}
}

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
	head    Color // header rule colour
	what    string
	pos     data.Pos // where the table's data begins, for warnings
	pageH   float64  // the text area's height: rows taller are split
	repeat  bool     // the header repeats on each page
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
		t.drawRow(f, c, 0, x, cy)
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

// contentsEntry is one line of the contents.
type contentsEntry struct {
	number string
	title  string
	level  int
	anchor string
	lines  []typeset.Line
}

// contentsElem lists the headings with dot leaders and page numbers; it
// is measured before pagination (one unit per entry) and filled in with
// the pages when drawn.
type contentsElem struct {
	entries []contentsEntry
	lead    float64
	base    float64
	font    string
	bold    string
	size    float64
	numW    float64 // the column of section numbers
	pageW   float64 // the column of page numbers
	width   float64
	color   Color
	leader  string  // ". "
	leaderW float64 // its width
	widthOf func(font string, size float64, s string) float64
	pageH   float64 // the text area's height: entries taller are split
	parts   []contentsUnit
	items   []*frames.Node // an entry's TOCI, made when first drawn
	blockBase
}

// contentsUnit is lines [from, to) of an entry, below gap.
type contentsUnit struct {
	entry, from, to int
	gap, h          float64
}

// measure makes the units: an entry each, or a line each for an entry
// taller than the page, so that it breaks across pages.
func (ce *contentsElem) measure() {
	ce.parts = ce.parts[:0]
	for i, e := range ce.entries {
		gap := 0.0
		if e.level == 0 && i > 0 {
			gap = ce.lead * 0.25
		}
		h := float64(len(e.lines))*ce.lead + gap
		if ce.pageH <= 0 || h <= ce.pageH || len(e.lines) < 2 {
			ce.parts = append(ce.parts, contentsUnit{entry: i, from: 0, to: len(e.lines), gap: gap, h: h})
			continue
		}
		for k := range e.lines {
			u := contentsUnit{entry: i, from: k, to: k + 1, h: ce.lead}
			if k == 0 {
				u.gap = gap
				u.h += gap
			}
			ce.parts = append(ce.parts, u)
		}
	}
}

func (ce *contentsElem) block() typeset.Block {
	b := ce.blk
	b.Units = make([]float64, len(ce.parts))
	for i, u := range ce.parts {
		b.Units[i] = u.h
	}
	return b
}

// entryNode returns the Link inside entry i's TOCI, which its number,
// title, page number and link area go into.
func (ce *contentsElem) entryNode(i int) *frames.Node {
	toc := ce.nodeOr(frames.TOC, nil)
	if ce.items == nil {
		ce.items = make([]*frames.Node, len(ce.entries))
	}
	if ce.items[i] == nil {
		ce.items[i] = frames.NewNode(frames.LinkRole, frames.NewNode(frames.TOCI, toc))
	}
	return ce.items[i]
}

func (ce *contentsElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	cy := y
	for i := from; i < to; i++ {
		u := ce.parts[i]
		e := ce.entries[u.entry]
		node := ce.entryNode(u.entry)
		f.node = node
		top := cy + u.gap
		indent := float64(e.level) * ce.numW
		font := ce.font
		if e.level == 0 {
			font = ce.bold
		}
		page := c.pageOf(e.anchor)
		pageStr := ""
		if page > 0 {
			pageStr = itoa(page)
		}
		for k := u.from; k < u.to; k++ {
			l := e.lines[k]
			baseline := top + float64(k-u.from)*ce.lead + ce.base
			if k == 0 && e.number != "" {
				f.text(x+indent, baseline, e.number, font, ce.size, ce.color)
			}
			drawLine(f, l, x+indent+ce.numW, baseline, top, ce.color)
			if k == len(e.lines)-1 {
				end := x + indent + ce.numW + l.Width
				pw := ce.widthOf(font, ce.size, pageStr)
				right := x + ce.width
				f.text(right-pw, baseline, pageStr, font, ce.size, ce.color)
				// Leaders on a grid shared by all entries, so the dots align.
				start := x + ce.leaderW*float64(int((end-x+ce.leaderW*0.8)/ce.leaderW)+1)
				stop := right - ce.pageW - ce.leaderW*0.5
				if n := int((stop - start) / ce.leaderW); n > 0 {
					f.node = frames.LayoutArtifact
					f.text(start, baseline, strings.Repeat(ce.leader, n), ce.font, ce.size, ce.color)
					f.node = node
				}
			}
		}
		f.linkDest(x, top, ce.width, float64(u.to-u.from)*ce.lead, e.anchor)
		cy += u.h
	}
}
