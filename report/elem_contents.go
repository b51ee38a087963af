package report

import (
	"strings"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

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
				// The space after it, and before the page number, keep the
				// words apart for text extraction; they draw nothing.
				f.text(x+indent, baseline, e.number+" ", font, ce.size, ce.color)
			}
			drawLine(f, l, x+indent+ce.numW, baseline, top, ce.color)
			if k == len(e.lines)-1 {
				end := x + indent + ce.numW + l.Width
				pw := ce.widthOf(font, ce.size, pageStr)
				right := x + ce.width
				if pageStr != "" {
					sw := ce.widthOf(font, ce.size, " ")
					f.text(right-pw-sw, baseline, " "+pageStr, font, ce.size, ce.color)
				}
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
