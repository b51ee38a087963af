package charts

import (
	"image/color"
	"strconv"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/vg"
)

// Span returns the days an event may cover, as [start, end) in Unix
// seconds: its day; its days to its end date; its whole month or year
// when that is all its precision says (a range of months runs from the
// first day of its first month to the last day of its last); or, when
// the data bound it with NotBefore and NotAfter, that interval of
// uncertainty (a bound not given falls back to the precision's).
func Span(e *data.Event) (start, end float64) {
	s, l := e.Date, e.Date
	if !e.End.IsZero() && e.End.After(l) {
		l = e.End
	}
	switch e.Precision {
	case data.Month:
		s = time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, time.UTC)
		l = time.Date(l.Year(), l.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	case data.Year:
		s = time.Date(s.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		l = time.Date(l.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if !e.NotBefore.IsZero() {
		s = e.NotBefore
	}
	if !e.NotAfter.IsZero() {
		l = e.NotAfter
	}
	if l.Before(s) {
		l = s
	}
	return unix(s), unix(l) + day
}

// Vague reports whether an event is known only to the year or only as an
// interval of uncertainty: the timeline draws it as a faint band.
func Vague(e *data.Event) bool {
	return e.Precision == data.Year || !e.NotBefore.IsZero() || !e.NotAfter.IsZero()
}

// stripShare is the share of the window above which an Interval would
// fill its lane, and is drawn in the undated strip instead.
const stripShare = 0.5

// mark places an event in a lane.
func (t *Timeline) mark(e *data.Event, lane, kind int) Mark {
	s, en := Span(e)
	m := Mark{Event: e, Lane: lane, Kind: kind, Start: s, End: en}
	lo, hi := max(s, t.Min), min(en, t.Max)
	switch {
	case en <= t.Min:
		m.Form, m.X = Before, t.Min
	case s >= t.Max:
		m.Form, m.X = After, t.Max
	case Vague(e):
		m.Form, m.X = Interval, (lo+hi)/2
		m.Strip = hi-lo > stripShare*(t.Max-t.Min)
	case e.Precision != data.Day:
		m.Form, m.X = Band, (lo+hi)/2
	case en-s > day:
		m.Form, m.X = Bar, lo
	default:
		m.Form, m.X = Point, s+day/2
	}
	return m
}

// markGeom is one drawn mark: a marker, a bar or a band. Marks that
// coincide (same lane, same form, same span) are drawn once: members
// lists them, kinds says how many of each kind, and a mix of kinds is
// drawn as a pie (a marker) or as stripes (a bar or band), never in one
// event's style.
type markGeom struct {
	mark    int   // the first member: index into Timeline.Marks
	members []int // every mark drawn as this one, in date order
	form    Form  // Point, Bar, Band or Interval
	box     vg.Rectangle
	center  vg.Point
	shape   Shape
	color   color.Color
	kinds   []kindCount
	count   int // len(members)
}

// kindCount is how many events of one kind a drawn mark stands for.
type kindCount struct {
	kind int // index into Timeline.Kinds
	n    int
}

// pieScale is the radius of a pie (a mix of kinds on one day) relative to
// MarkerRadius.
const pieScale = 1.2

// layoutMarks gives every group its geometry and returns obstacles with
// the marks' boxes added.
func (t *Timeline) layoutMarks(f *timelineLayout, gs []group, xf func(float64) vg.Length, obstacles []vg.Rectangle) []vg.Rectangle {
	r := t.Theme.MarkerRadius
	f.marks = f.marks[:0]
	for _, g := range gs {
		lf := &f.lanes[g.lane]
		first := t.Marks[g.members[0]]
		k := t.Kinds[first.Kind]
		mg := markGeom{mark: g.members[0], members: g.members, form: g.form, shape: k.Shape, color: k.Color,
			kinds: t.kindsOf(g), count: len(g.members)}
		row := lf.row
		if lf.dense {
			row = lf.base + stripHeight(lf.band) + r + 1.5
		}
		if lf.rows > 0 {
			row = lf.row + t.subRow()*(vg.Length(lf.rows-1)/2-vg.Length(g.sub))
		}
		x0, x1 := xf(max(g.start, t.Min)), xf(min(g.end, t.Max))
		switch g.form {
		case Bar:
			if x1-x0 < r {
				x1 = x0 + r
			}
			h := r * 0.8
			mg.box = vg.Rectangle{Min: vg.Point{X: x0, Y: row - h}, Max: vg.Point{X: x1, Y: row + h}}
			mg.center = vg.Point{X: x0, Y: row}
		case Band, Interval:
			h := r * 0.9
			if g.form == Interval {
				h = r * 0.75
			}
			if x1-x0 < 1 {
				x1 = x0 + 1
			}
			mg.box = vg.Rectangle{Min: vg.Point{X: x0, Y: row - h}, Max: vg.Point{X: x1, Y: row + h}}
			mg.center = vg.Point{X: (x0 + x1) / 2, Y: row}
		default:
			x := xf(first.X)
			ext := k.Shape.extent(r)
			if len(mg.kinds) > 1 {
				ext = r * pieScale
			}
			mg.center = vg.Point{X: x, Y: row}
			mg.box = vg.Rectangle{Min: vg.Point{X: x - ext, Y: row - ext}, Max: vg.Point{X: x + ext, Y: row + ext}}
		}
		obstacles = append(obstacles, mg.box)
		f.marks = append(f.marks, mg)
	}
	return obstacles
}

type noteGeom struct {
	box  vg.Rectangle
	text string
}

// noteScale is the size of counts beside marks relative to LabelSize:
// small enough that their text box is no taller than a marker, so that a
// label can sit over a row of marks and counts alike.
const noteScale = 0.8

// layoutCounts puts "×n" beside marks that stand for n coinciding events:
// on the right if it is free, else on the left, else above or below,
// else (rarely, in a crowd) on the right over whatever is there, since a
// count left out would make n events look like one. A count may lie over
// a band (its own mark's, often) but not, where it can help it, over a
// marker, a bar, a histogram bar or another note.
func (t *Timeline) layoutCounts(f *timelineLayout, obstacles *[]vg.Rectangle) {
	sty := t.Theme.style(t.Theme.Font, t.Theme.LabelSize*noteScale, t.Theme.Muted)
	e := sty.FontExtents()
	f.notes = f.notes[:0]
	ix := newBoxIndex(f.area, 16)
	for _, g := range f.marks {
		if g.form == Point || g.form == Bar {
			ix.add(g.box)
		}
	}
	for _, lf := range f.lanes {
		for _, b := range lf.bins {
			ix.add(b.box)
		}
	}
	for _, g := range f.marks {
		if g.count < 2 {
			continue
		}
		s := "×" + strconv.Itoa(g.count)
		w := sty.Width(s)
		base := g.center.Y - (e.Ascent-e.Descent)/2
		h := e.Ascent + e.Descent
		cands := []vg.Rectangle{
			textBox(sty, s, g.box.Max.X+1, base),
			textBox(sty, s, g.box.Min.X-1-w, base),
			textBox(sty, s, g.center.X-w/2, g.box.Max.Y+1+e.Descent),
			textBox(sty, s, g.center.X-w/2, g.box.Min.Y-1-h+e.Descent),
		}
		if g.form == Band || g.form == Interval {
			// Inside a light band, at its left end, when it fits.
			if in := textBox(sty, s, g.box.Min.X+1.5, base); in.Max.X <= g.box.Max.X-1 {
				cands = append([]vg.Rectangle{in}, cands...)
			}
		}
		chosen := cands[0]
		for _, box := range cands {
			if inside(box, f.area) && !ix.hits(box, -1) {
				chosen = box
				break
			}
		}
		f.notes = append(f.notes, noteGeom{box: chosen, text: s})
		*obstacles = append(*obstacles, chosen)
		ix.add(chosen)
	}
}
