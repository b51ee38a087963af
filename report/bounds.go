package report

import (
	"fmt"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// The last check of a layout: nothing of the flow lies outside the text
// area. Every block kind splits across pages or is refused when composed;
// this catches one that does neither (a future kind, a unit taller than
// the page), so that a build fails rather than write a PDF whose text runs
// under the footer or off the page.

// boundsSlack is how far, in points, text may reach past the text area's
// sides: an overfull line sticks out by up to the line breaker's
// tolerance (1 pt by default), and is reported as a warning.
const boundsSlack = 2

// checkBounds returns an error for the first placement that runs past the
// foot of the text area and the first text drawn outside it.
func (l *layout) checkBounds() error {
	d := l.d
	pw, ph := d.cfg.PageDimensions()
	m := d.cfg.Page.Margins
	top, bottom := m.Top, ph-m.Bottom
	left, right := m.Left, pw-m.Right
	outside := func(it frames.Item) (float64, bool) {
		capTop := it.Y - d.fonts.CapHeight(it.Font, it.Size)
		if capTop < top-0.5 || it.Y > bottom+0.5 || it.X < left-boundsSlack {
			return d.fonts.Width(it.Font, it.Size, it.Text), true
		}
		// No glyph is two ems wide: most strings (a word or a few) need
		// no measuring.
		if it.X+float64(len(it.Text))*it.Size*2 <= right+boundsSlack {
			return 0, false
		}
		w := d.fonts.Width(it.Font, it.Size, it.Text)
		return w, it.X+w > right+boundsSlack
	}
	if d.cfg.Has(BlockCover) {
		// The cover's text is not split: a title, subtitle, author or
		// keyword list too long for the page is refused.
		for _, it := range d.cover(nil).items {
			if it.Kind != frames.Text {
				continue
			}
			if w, out := outside(it); out {
				pos := d.b.Meta.Pos
				return data.Errors{{File: pos.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(
					"cover: text %q would lie outside the page's margins (%.0f to %.0f pt across, %.0f to %.0f pt down) at %.0f to %.0f pt across, %.0f pt down: shorten the title, subtitle, author or keywords, or set smaller [fonts] sizes or margins",
					clip(it.Text), left, right, top, bottom, it.X, it.X+w, it.Y)}}
			}
		}
	}
	if len(l.pages) > 0 {
		// The running header and footer sit in the margins, across the
		// text area's width: on the last page, with the widest numbers.
		f := &frame{}
		d.furniture(f, l.pageCount(), l.pageCount(), false)
		for _, it := range f.items {
			if it.Kind != frames.Text {
				continue
			}
			w := d.fonts.Width(it.Font, it.Size, it.Text)
			if it.X < left-boundsSlack || it.X+w > right+boundsSlack || it.Y < 0 || it.Y > ph {
				return data.Errors{{File: d.cfg.File, Msg: fmt.Sprintf(
					"header or footer: text %q would lie outside the page's width between the margins (%.0f to %.0f pt across) at %.0f to %.0f pt: shorten it",
					clip(it.Text), left, right, it.X, it.X+w)}}
			}
		}
	}
	f := &frame{}
	ctx := &drawCtx{pageOf: func(string) int { return 0 }}
	for pi, pg := range l.pages {
		page := pi + l.first
		for _, pl := range pg.Placements {
			b := &l.blocks[pl.Block]
			h := sum(b.Units[pl.From:pl.To])
			if pl.Head {
				h += sum(b.Units[:b.HeadUnits])
			}
			if pl.Y+h > d.textH+0.01 {
				return l.boundsErr(pl.Block, pl.From, page, fmt.Sprintf(
					"%.0f pt tall where %.0f pt are left on the page: it cannot be split across pages and would run past the bottom margin",
					h, d.textH-pl.Y))
			}
			f.items = f.items[:0]
			d.elems[pl.Block].draw(f, ctx, pl.From, pl.To, pl.Head, m.Left, m.Top+pl.Y)
			for _, it := range f.items {
				if it.Kind != frames.Text {
					continue
				}
				if w, out := outside(it); out {
					return l.boundsErr(pl.Block, pl.From, page, fmt.Sprintf(
						"text %q would lie outside the text area (%.0f to %.0f pt across, %.0f to %.0f pt down) at %.0f to %.0f pt across, %.0f pt down",
						clip(it.Text), left, right, top, bottom, it.X, it.X+w, it.Y))
				}
			}
		}
	}
	return nil
}

// boundsErr is a layout error at the data that element i (from unit
// from) comes from.
func (l *layout) boundsErr(i, from, page int, msg string) error {
	e := l.d.elems[i]
	pos := elemPos(e, from)
	if pos.File == "" {
		pos = l.d.b.Meta.Pos
	}
	return data.Errors{{File: pos.File, Line: pos.Line, Col: pos.Col,
		Msg: fmt.Sprintf("%s: page %d: %s", describe(e), page, msg)}}
}

// elemPos is where the text of element e at unit u comes from.
func elemPos(e element, u int) data.Pos {
	switch e := e.(type) {
	case *paraElem:
		return e.where.Pos
	case *groupElem:
		if len(e.parts) > 0 {
			return e.parts[0].where.Pos
		}
	case *figureElem:
		return e.caption.where.Pos
	case *tableElem:
		if u >= 0 && u < len(e.units) {
			for _, c := range e.rows[e.units[u].row] {
				if len(c.paras) > 0 {
					return c.paras[0].where.Pos
				}
			}
		}
	}
	return data.Pos{}
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
