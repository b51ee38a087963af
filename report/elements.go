package report

import (
	"strings"

	"gonum.org/v1/plot"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// element is one block of the flow: it knows its measured units before
// anything is placed, and draws units [from, to) with the top of the
// first at y.
type element interface {
	block() typeset.Block
	draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64)
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
	blk        typeset.Block
	where      where
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
			f.text(x+p.indent+m.X, baseline, m.Text, m.Font, m.Size, m.Color)
		}
		drawLine(f, p.lines[i], x+p.indent, baseline, lt, p.color)
		top += units[i]
	}
}

// drawLine draws a line's fragments with their colours, links and anchors.
func drawLine(f *frame, l typeset.Line, x, baseline, top float64, col Color) {
	link := -1 // index in f.items of the current line's open link
	for _, fr := range f.words(l.Fragments) {
		c := col
		t, _ := fr.Style.Tag.(tag)
		if t.HasColor {
			c = t.Color
		}
		f.text(x+fr.X, baseline-fr.Style.Rise, fr.Text, fr.Style.Font, fr.Style.Size, c)
		if t.Strike {
			y := baseline - fr.Style.Rise - fr.Style.Size*0.27
			f.line(x+fr.X, y, x+fr.X+fr.Width, y, fr.Style.Size*0.055, c)
		}
		if t.Anchor != "" {
			f.anchor(t.Anchor, top)
		}
		if t.URL == "" && t.Dest == "" {
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
		f.items = append(f.items, item{Kind: itemLink, X: lx, Y: ly, W: lw, H: lh, URL: t.URL, Dest: t.Dest})
		link = len(f.items) - 1
	}
}

// figureElem is a chart with its numbered caption; it floats.
type figureElem struct {
	plot      *plot.Plot
	image     string // or an image registered under this name (imagefigure.go)
	w, h      float64
	textW     float64
	gap       float64
	caption   *paraElem
	name      string
	outline   string
	level     int
	padBottom float64
	blk       typeset.Block
}

func (fg *figureElem) height() float64 {
	return fg.h + fg.gap + sum(fg.caption.units()) + fg.padBottom
}

func (fg *figureElem) block() typeset.Block {
	b := fg.blk
	b.Units = []float64{fg.height()}
	return b
}

func (fg *figureElem) anchors() []anchorAt { return []anchorAt{{fg.name, 0}} }

func (fg *figureElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	f.anchor(fg.name, y)
	if fg.outline != "" {
		f.bookmark(fg.outline, fg.level, y)
	}
	// A chart narrower than the text is centred over its caption.
	if fg.image != "" {
		f.items = append(f.items, item{Kind: itemImage, X: x + (fg.textW-fg.w)/2, Y: y, W: fg.w, H: fg.h, Name: fg.image})
	} else {
		f.items = append(f.items, item{Kind: itemChart, X: x + (fg.textW-fg.w)/2, Y: y, W: fg.w, H: fg.h, Plot: fg.plot})
	}
	fg.caption.draw(f, c, 0, len(fg.caption.lines), false, x, y+fg.h+fg.gap)
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// groupElem stacks paragraphs that must stay together (a pull quote and
// its attribution) as a single unit.
type groupElem struct {
	parts []*paraElem
	gaps  []float64 // space above each part
	rule  *Color
	ruleW float64
	blk   typeset.Block
}

func (g *groupElem) height() float64 {
	h := 0.0
	for i, p := range g.parts {
		h += g.gaps[i] + sum(p.units())
	}
	return h
}

func (g *groupElem) block() typeset.Block {
	b := g.blk
	b.Units = []float64{g.height()}
	return b
}

func (g *groupElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	if g.rule != nil {
		f.rect(x, y+2, g.ruleW, g.height()-4, *g.rule)
	}
	cy := y
	for i, p := range g.parts {
		cy += g.gaps[i]
		p.draw(f, c, 0, len(p.lines), false, x, cy)
		cy += sum(p.units())
	}
}

// cell is the content of a table cell: paragraphs stacked.
type cell struct {
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
// repeated on each page the table continues on.
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
	blk     typeset.Block
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
}

func (t *tableElem) block() typeset.Block {
	b := t.blk
	b.Units = append([]float64(nil), t.heights...)
	b.HeadUnits = 1
	return b
}

func (t *tableElem) width() float64 { return sum(t.widths) }

func (t *tableElem) drawRow(f *frame, c *drawCtx, i int, x, y float64) {
	w := t.width()
	if i > 0 && i%2 == 0 {
		f.rect(x, y, w, t.heights[i], t.stripe)
	}
	cx := x
	for j, cl := range t.rows[i] {
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
		f.line(x, y, x+w, y, 0.8, t.head)
		f.line(x, y+t.heights[0], x+w, y+t.heights[0], 0.8, t.head)
	}
}

func (t *tableElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	x -= t.padX
	cy := y
	if head && from > 0 {
		t.drawRow(f, c, 0, x, cy)
		cy += t.heights[0]
	}
	for i := from; i < to; i++ {
		t.drawRow(f, c, i, x, cy)
		cy += t.heights[i]
	}
	if to == len(t.rows) {
		f.line(x, cy, x+t.width(), cy, 0.8, t.head)
	}
}

func (t *tableElem) anchors() []anchorAt {
	var out []anchorAt
	for i, r := range t.rows {
		for _, c := range r {
			for _, p := range c.paras {
				for _, a := range p.anchors() {
					out = append(out, anchorAt{a.name, i})
				}
			}
		}
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
	blk     typeset.Block
}

func (ce *contentsElem) units() []float64 {
	u := make([]float64, len(ce.entries))
	for i, e := range ce.entries {
		u[i] = float64(len(e.lines)) * ce.lead
		if e.level == 0 && i > 0 {
			u[i] += ce.lead * 0.25
		}
	}
	return u
}

func (ce *contentsElem) block() typeset.Block {
	b := ce.blk
	b.Units = ce.units()
	return b
}

func (ce *contentsElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	units := ce.units()
	cy := y
	for i := from; i < to; i++ {
		e := ce.entries[i]
		top := cy + units[i] - float64(len(e.lines))*ce.lead
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
		for k, l := range e.lines {
			baseline := top + float64(k)*ce.lead + ce.base
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
					f.text(start, baseline, strings.Repeat(ce.leader, n), ce.font, ce.size, ce.color)
				}
			}
		}
		f.linkDest(x, top, ce.width, float64(len(e.lines))*ce.lead, e.anchor)
		cy += units[i]
	}
}
