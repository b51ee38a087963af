package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/internal/typeset"
)

// looseRatio is the adjustment ratio above which an inter-word space is
// more than twice its natural width.
func (d *doc) looseRatio() float64 {
	s := d.settings.SpaceStretch
	if s <= 0 {
		return 2
	}
	return 1 / s
}

// lineText is the text of a line, for messages.
func lineText(l typeset.Line) string {
	var b strings.Builder
	for i, f := range l.Fragments {
		if i > 0 && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(f.Text, " ") && f.Style.Rise == 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Text)
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return s
}

// warnings checks the laid-out pages: overfull lines, loose lines and
// headings stranded at the foot of a page.
func (l *layout) warnings() []Warning {
	d := l.d
	out := append([]Warning(nil), d.notices...)
	for _, pr := range l.problems {
		msg := ""
		switch pr.Kind {
		case typeset.Overflow:
			msg = "taller than the page: it runs past the bottom margin"
		case typeset.Orphan:
			msg = "orphan: a paragraph's first line alone at the foot of the page"
		case typeset.Widow:
			msg = "widow: a paragraph's last line alone at the top of the page"
		case typeset.FloatGap:
			msg = "a figure moved to the next page and left much of this one empty"
		default:
			continue // stranded headings are found below, with their text
		}
		w := describe(d.elems[pr.Block])
		out = append(out, Warning{Page: pr.Page + l.first, Where: w.What, Pos: w.Pos, Msg: msg})
	}
	loose := d.looseRatio()
	for pi, pg := range l.pages {
		page := pi + l.first
		for k, pl := range pg.Placements {
			var paras []*paraElem
			switch e := d.elems[pl.Block].(type) {
			case *paraElem:
				if e.heading && k == len(pg.Placements)-1 && pi < len(l.pages)-1 && pl.To == len(e.lines) {
					out = append(out, Warning{Page: page, Where: e.where.String(), Pos: e.where.Pos, Msg: "heading stranded at the foot of the page"})
				}
				paras = []*paraElem{e}
				for i := pl.From; i < pl.To; i++ {
					out = append(out, d.lineWarnings(e, i, page, loose)...)
				}
				continue
			case *tableElem:
				r0, r1 := e.rowsIn(pl.From, pl.To)
				for r := r0; r < r1; r++ {
					for _, c := range e.rows[r] {
						paras = append(paras, c.paras...)
					}
				}
			case *groupElem:
				if pl.From == 0 { // a split quote's lines: once
					paras = e.parts
				}
			case *figureElem:
				if pl.From == 0 {
					paras = []*paraElem{e.caption}
				}
			}
			for _, p := range paras {
				for i := range p.lines {
					out = append(out, d.lineWarnings(p, i, page, loose)...)
				}
			}
		}
	}
	return out
}

func (d *doc) lineWarnings(p *paraElem, i, page int, loose float64) []Warning {
	l := p.lines[i]
	where := fmt.Sprintf("%s, line %d", p.where, i+1)
	switch {
	case l.Overfull:
		return []Warning{{Page: page, Where: where, Pos: p.where.Pos,
			Msg: fmt.Sprintf("overfull line, %.1f pt too wide: %q", l.Width-p.width, lineText(l))}}
	case p.align == typeset.Justify && !l.Last && l.Ratio > loose:
		return []Warning{{Page: page, Where: where, Pos: p.where.Pos,
			Msg: fmt.Sprintf("loose line, spaces %.1f× their natural width: %q", 1+l.Ratio*d.settings.SpaceStretch, lineText(l))}}
	}
	return nil
}

// describe names an element for a warning, with where its text is
// written in the data when that is known.
func describe(e element) where {
	w := e.shared().where
	if w.What == "" {
		w.What = "block"
	}
	return w
}
