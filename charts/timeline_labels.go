package charts

import (
	"math"
	"sort"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"gonum.org/v1/plot/vg"
)

// labelGeom is a label: the event's date and whole title on one or two
// lines, or, for a numbered key event, its number.
type labelGeom struct {
	mark   int // index into Timeline.Marks
	place  placement
	lines  [][]word
	number int // > 0: a numbered tag whose text is in the key
}

// text is the label's whole text, its lines joined by spaces.
func (l labelGeom) text() string {
	var s []string
	for _, ln := range l.lines {
		for _, w := range ln {
			s = append(s, w.text)
		}
	}
	return strings.Join(s, " ")
}

// labelSizes are the text variants of one label: on one line, then
// wrapped to two lines of about equal width.
func (t *Timeline) labelSizes(ms *measurer, date, title string) []labelSize {
	e := ms.reg.FontExtents()
	lineH := e.Ascent + e.Descent
	var words []word
	for _, w := range strings.Fields(date) {
		words = append(words, word{w, true})
	}
	for _, w := range strings.Fields(title) {
		words = append(words, word{w, false})
	}
	total := ms.run(words)
	one := labelSize{w: total, h: lineH, lines: [][]word{words}, lineW: []vg.Length{total}}
	out := []labelSize{one}
	if len(words) < 2 {
		return out
	}
	best, bestW := -1, vg.Length(math.Inf(1))
	var left vg.Length
	for i := 1; i < len(words); i++ {
		if i > 1 {
			left += ms.space
		}
		left += ms.width(words[i-1])
		w := max(left, total-left-ms.space)
		if w < bestW {
			best, bestW = i, w
		}
	}
	w0, w1 := ms.run(words[:best]), ms.run(words[best:])
	return append(out, labelSize{w: bestW, h: 2*lineH + labelLeading, lines: [][]word{words[:best], words[best:]}, lineW: []vg.Length{w0, w1}})
}

// labelRequests asks for a label for every key event drawn, in date
// order, anchored at its mark.
func (t *Timeline) labelRequests(f *timelineLayout, ms *measurer, obstacles []vg.Rectangle) ([]labelRequest, []labelGeom) {
	r := t.Theme.MarkerRadius
	type want struct{ mark, geom int }
	var ws []want
	for gi, g := range f.marks {
		for _, mi := range g.members {
			if t.Marks[mi].Label != "" {
				ws = append(ws, want{mi, gi})
			}
		}
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].mark < ws[j].mark })
	reqs := make([]labelRequest, 0, len(ws))
	geoms := make([]labelGeom, 0, len(ws))
	// Marks were appended to obstacles last, one each, in f.marks order.
	self0 := len(obstacles) - len(f.marks) - len(f.notes)
	for _, w := range ws {
		g := f.marks[w.geom]
		m := t.Marks[w.mark]
		ax := g.center.X
		if g.form == Bar {
			ax = g.box.Min.X + min(r, (g.box.Max.X-g.box.Min.X)/2)
		}
		band := f.lanes[t.laneIndex(m, len(t.Lanes))].band
		band.Min.Y += 1
		band.Max.Y -= 1
		sizes, ok := ms.sizes[w.mark]
		if !ok {
			sizes = t.labelSizes(ms, m.Date, m.Label)
			ms.sizes[w.mark] = sizes
		}
		reqs = append(reqs, labelRequest{anchor: g.box, self: self0 + w.geom, ax: ax, band: band, sizes: sizes})
		geoms = append(geoms, labelGeom{mark: w.mark})
	}
	return reqs, geoms
}

// laneIndex is the index into timelineLayout.lanes where a mark is drawn.
func (t *Timeline) laneIndex(m Mark, strip int) int {
	if m.Strip {
		return strip
	}
	return m.Lane
}

// shortDate is the date of a label: "4 May", "1–4 May", "May", with the
// year only when the window spans more than one; for an event bounded by
// NotBefore/NotAfter, "between 20 November and 31 December".
func shortDate(l *i18n.Locale, e *data.Event, omitYear bool) string {
	if !e.NotBefore.IsZero() || !e.NotAfter.IsZero() {
		s, en := Span(e)
		lo, hi := fromUnix(s), fromUnix(en-day)
		if omitYear && lo.Year() == hi.Year() {
			return l.T("date.between", "from", l.DayMonth(lo), "to", l.DayMonth(hi))
		}
		return l.T("date.between", "from", l.Date(lo, i18n.Day), "to", l.Date(hi, i18n.Day))
	}
	p := i18n.Day
	switch e.Precision {
	case data.Month:
		p = i18n.Month
	case data.Year:
		p = i18n.Year
	}
	s := l.Range(e.Date, e.End, p)
	if !omitYear || e.Date.Year() != e.Last().Year() || e.Precision == data.Year {
		return s
	}
	return l.WithoutYear(s, e.Last())
}
