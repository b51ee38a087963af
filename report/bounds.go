package report

import (
	"fmt"
	"strings"

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

// textArea is the text area's edges in points from the page's top left.
type textArea struct{ top, bottom, left, right float64 }

func (d *doc) textArea() textArea {
	pw, ph := d.cfg.PageDimensions()
	m := d.cfg.Page.Margins
	return textArea{top: m.Top, bottom: ph - m.Bottom, left: m.Left, right: pw - m.Right}
}

// outside reports whether text item it lies outside the area, with its
// width when measured.
func (d *doc) outside(a textArea, it frames.Item) (float64, bool) {
	// A space after a word (drawLine's, for text extraction) draws
	// nothing: it may reach into the margin.
	it.Text = strings.TrimRight(it.Text, " ")
	capTop := it.Y - d.fonts.CapHeight(it.Font, it.Size)
	if capTop < a.top-0.5 || it.Y > a.bottom+0.5 || it.X < a.left-boundsSlack {
		return d.fonts.Width(it.Font, it.Size, it.Text), true
	}
	// No glyph is two ems wide: most strings (a word or a few) need
	// no measuring.
	if it.X+float64(len(it.Text))*it.Size*2 <= a.right+boundsSlack {
		return 0, false
	}
	// A line's fragment carries the width the breaker gave it, which
	// differs from the drawn one by at most a kerning pair or ligature
	// where a word was broken (far less than an em): text that ends an
	// em short of the edge by that width needs no measuring.
	if it.W > 0 && it.X+it.W+it.Size <= a.right+boundsSlack {
		return 0, false
	}
	w := d.fonts.Width(it.Font, it.Size, it.Text)
	return w, it.X+w > a.right+boundsSlack
}

// checkCoverBounds refuses a cover whose text does not fit: the cover's
// text is not split, so a title, subtitle, author or keyword list too long
// for the page is an error (finish lays the cover out).
func (d *doc) checkCoverBounds(f *frame) error {
	a := d.textArea()
	for _, it := range f.items {
		if it.Kind != frames.Text {
			continue
		}
		if w, out := d.outside(a, it); out {
			pos := d.b.Meta.Pos
			return data.Errors{{File: pos.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(
				"cover: text %q would lie outside the page's margins (%.0f to %.0f pt across, %.0f to %.0f pt down) at %.0f to %.0f pt across, %.0f pt down: shorten the title, subtitle, author or keywords, or set smaller [fonts] sizes or margins",
				clip(it.Text), a.left, a.right, a.top, a.bottom, it.X, it.X+w, it.Y)}}
		}
	}
	return nil
}

// checkFurnitureBounds refuses a running header or footer (items, of the
// last page: the widest numbers) that runs past the text area's sides.
func (d *doc) checkFurnitureBounds(items []frames.Item) error {
	a := d.textArea()
	_, ph := d.cfg.PageDimensions()
	for _, it := range items {
		if it.Kind != frames.Text {
			continue
		}
		w := d.fonts.Width(it.Font, it.Size, it.Text)
		if it.X < a.left-boundsSlack || it.X+w > a.right+boundsSlack || it.Y < 0 || it.Y > ph {
			return data.Errors{{File: d.cfg.File, Msg: fmt.Sprintf(
				"header or footer: text %q would lie outside the page's width between the margins (%.0f to %.0f pt across) at %.0f to %.0f pt: shorten it",
				clip(it.Text), a.left, a.right, it.X, it.X+w)}}
		}
	}
	return nil
}

// checkBounds returns an error for the first placement that runs past the
// foot of the text area and the first text drawn outside it. (The cover
// and the running heads are checked by finish, which lays them out.)
func (l *layout) checkBounds() error {
	d := l.d
	m := d.cfg.Page.Margins
	a := d.textArea()
	top, bottom, left, right := a.top, a.bottom, a.left, a.right
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
				if w, out := d.outside(a, it); out {
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
	if up, ok := e.(unitPositioner); ok {
		return up.unitPos(u)
	}
	return e.shared().where.Pos
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
