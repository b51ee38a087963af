package report

import (
	"strings"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// marker is text hung in the left indent of a paragraph's first line: a
// list bullet, a heading or note number.
type marker struct {
	Text  string
	Font  string
	Size  float64
	Color Color
	X     float64 // from the paragraph's indent; negative hangs left
	W     float64 // its width (a right-to-left paragraph hangs it right)
}

// paraElem is a paragraph broken into lines: body text, list items,
// headings, notes, summary bullets.
type paraElem struct {
	lines      []typeset.Line
	lead       float64 // line height
	base       float64 // baseline below a line's top
	indent     float64 // left indent from the text area
	width      float64 // the measure
	right      float64 // right indent: the text area is indent + width + right wide
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
	mirror     bool // set as a right-to-left paragraph is (rtl), whatever its lines' direction
	align      typeset.Align
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

// rtl reports a right-to-left paragraph (or one set with one, mirror):
// drawn mirrored in its text area, indent, marker, rule and box on the
// right.
func (p *paraElem) rtl() bool {
	return p.mirror || (len(p.lines) > 0 && p.lines[0].RTL)
}

// mirrorX is where a thing at u, w wide, from the text area's left edge,
// goes in a right-to-left paragraph.
func (p *paraElem) mirrorX(u, w float64) float64 {
	return p.indent + p.width + p.right - u - w
}

func (p *paraElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	node := p.nodeOr(frames.P, nil)
	rtl := p.rtl()
	boxX, ruleX, textX := p.boxX, p.ruleX, p.indent
	if rtl {
		boxX, ruleX, textX = p.mirrorX(p.boxX, p.boxW), p.mirrorX(p.ruleX, 0), p.right
	}
	f.node = frames.LayoutArtifact
	units := p.units()
	total := 0.0
	for i := from; i < to; i++ {
		total += units[i]
	}
	if p.fill != nil {
		f.rect(x+boxX, y, p.boxW, total, *p.fill)
	}
	if p.rule != nil {
		top, bot := y, y+total
		if from == 0 {
			top += p.padTop + (p.lead-p.base)*0.3
		}
		if to == len(units) {
			bot -= p.padBottom + (p.lead-p.base)*0.6
		}
		f.line(x+ruleX, top, x+ruleX, bot, 1.5, *p.rule)
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
			// A space after the marker keeps it apart from the text
			// for extraction; it draws nothing.
			mx := p.indent + m.X
			if rtl {
				mx = p.mirrorX(mx, m.W)
			}
			f.text(x+mx, baseline, m.Text+" ", m.Font, m.Size, m.Color)
		}
		f.node = node
		var next *typeset.Line
		if i+1 < len(p.lines) {
			next = &p.lines[i+1]
		}
		drawLineH(f, p.lines[i], x+textX, baseline, lt, p.color, next, i > 0 && p.lines[i-1].Hyphen)
		top += units[i]
	}
}

// drawLine draws a line's fragments with their colours, links and
// anchors, into the frame's current node; a link's text and its area go
// into a Link node (a Reference for a citation of a note) under it.
func drawLine(f *frame, l typeset.Line, x, baseline, top float64, col Color) {
	drawLineH(f, l, x, baseline, top, col, nil, false)
}

// drawLineH is drawLine for a line of a paragraph: next is the line
// after it, cont tells that the line before it ends in a hyphenated
// word. A word hyphenated across the break reads whole: the fragment
// with its first half reads as itself, without the hyphen, followed by
// the next line's first fragment, which reads as nothing.
func drawLineH(f *frame, l typeset.Line, x, baseline, top float64, col Color, next *typeset.Line, cont bool) {
	parent := f.node
	defer func() { f.node = parent }()
	link := -1 // index in f.items of the current line's open link
	frs := l.Fragments
	var first *typeset.Fragment
	if cont && len(frs) > 0 {
		// The second half of a hyphenated word stays a fragment of its
		// own: it reads as nothing.
		first, frs = &frs[0], frs[1:]
	}
	frs = f.words(frs)
	frs, blockSpaces := rtlBlocks(frs)
	if first != nil {
		frs = append([]typeset.Fragment{*first}, frs...)
	}
	for i, fr := range frs {
		c := col
		t, _ := fr.Style.Tag.(tag)
		if t.HasColor {
			c = t.Color
		}
		linked := t.URL != "" || t.Dest != ""
		switch {
		case !linked && t.Emph:
			// Emphasis: a Span, one for a run of emphasised words,
			// across lines too.
			if f.span == nil || f.span.Parent != parent {
				f.span = frames.NewNode(frames.Span, parent)
			}
			f.node = f.span
		case !linked:
			f.node, f.span = parent, nil
		case link < 0 || f.items[link].URL != t.URL || f.items[link].Dest != t.Dest:
			f.node, f.span = frames.NewNode(linkRole(t), parent), nil
		}
		// Words set apart by a stretched or shrunk space are drawn one
		// by one; a space after each keeps them apart for text
		// extraction and screen readers (it draws nothing).
		var spaced bool
		if i+1 < len(frs) {
			spaced = fr.Gap > fr.Style.Size*0.05 && !strings.HasSuffix(fr.Text, " ")
		} else {
			spaced = brokeAtSpace(l)
		}
		text := fr.Text
		rtl := fr.Level%2 == 1
		if spaced && !rtl {
			text += " "
		}
		f.textW(x+fr.X, baseline-fr.Style.Rise, text, fr.Style.Font, fr.Style.Size, c, fr.Width)
		if rtl {
			it := &f.items[len(f.items)-1]
			it.RTL, it.Spaces = true, blockSpaces[i]
			if spaced {
				// Set right to left, a space after the text would be
				// drawn at its start: it is drawn on its own, where
				// the line has it.
				f.textW(x+fr.GapX, baseline-fr.Style.Rise, " ", fr.Style.Font, fr.Style.Size, c, 0)
			}
		}
		switch {
		case i == 0 && first != nil:
			actual := ""
			if spaced {
				actual = " "
			}
			f.items[len(f.items)-1].Actual = &actual
		case i == len(frs)-1 && l.Hyphen && next != nil && len(next.Fragments) > 0:
			actual := strings.TrimSuffix(fr.Text, "-") + next.Fragments[0].Text
			f.items[len(f.items)-1].Actual = &actual
		}
		if t.Strike {
			// The rule through struck text is decoration, not content.
			y := baseline - fr.Style.Rise - fr.Style.Size*0.27
			f.items = append(f.items, frames.Item{Kind: frames.Line, X: x + fr.X, Y: y, W: fr.Width,
				LineWidth: fr.Style.Size * 0.055, Color: frames.Color(c), Node: frames.LayoutArtifact})
		}
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
		f.items = append(f.items, frames.Item{Kind: frames.Link, X: lx, Y: ly, W: lw, H: lh, URL: t.URL, Dest: t.Dest, Node: f.nodeOf()})
		link = len(f.items) - 1
	}
}

// brokeAtSpace reports whether the line ends where a space was (the
// next line follows after it): not the paragraph's last, not at a
// hyphen or dash, nor inside a URL.
func brokeAtSpace(l typeset.Line) bool {
	if l.Last || l.Hyphen || len(l.Fragments) == 0 {
		return false
	}
	t := l.Fragments[len(l.Fragments)-1].Text
	if t == "" || strings.HasSuffix(t, " ") {
		return false
	}
	switch r, _ := utf8.DecodeLastRuneInString(t); r {
	case '-', '\u2010', '\u2013', '\u2014', '/', '\u00ad', '\u200b':
		return false
	}
	word := t[strings.LastIndexByte(t, ' ')+1:]
	if strings.IndexByte(word, '/') < 0 && strings.IndexByte(word, '.') < 0 {
		return true
	}
	return !strings.Contains(word, "://") && !strings.Contains(word, "www.")
}

// linkRole is the role of a link's structure element: a Reference for a
// citation (it leads to its note), else a Link.
func linkRole(t tag) frames.Role {
	if strings.HasPrefix(t.Dest, "note-") {
		return frames.Reference
	}
	return frames.LinkRole
}
