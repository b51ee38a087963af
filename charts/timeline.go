package charts

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Lane modes of TimelineOptions.Lanes.
const (
	LanesByTrack = "track"
	LanesByKind  = "kind"
	LanesByParty = "party"
)

// TimelineOptions configure NewTimeline.
type TimelineOptions struct {
	// Lanes groups events into lanes: "track" (the default when empty),
	// "kind" or "party" (an event is shown in the lane of each party
	// whose actors take part in it; events with none go to "No party").
	Lanes string
	// Theme is the look; zero fields take DefaultTheme values.
	Theme Theme
	// MaxLabels caps the number of key events labelled in full on the
	// chart; 0 means as many as fit. Labels are placed in date order
	// (then, if some found no place, with those first). A key event that
	// gets no full label (over the cap, or for want of room) is marked
	// with a number and listed in a numbered key under the chart, room
	// permitting; the key says how many key events are left unmarked.
	// Label text is never cut: a label too long for one line is wrapped
	// to two.
	MaxLabels int
	// MaxKinds caps the kinds given their own colour and shape (most
	// frequent first); the rest share an "Other" style. 0 means 8.
	MaxKinds int
	// Locale gives the chart's own words (legend, axis, "Other") and
	// dates in a language; nil means English.
	Locale *i18n.Locale
}

// Form is how an event is drawn on the timeline. No form stands for a
// date more exact than the data gives: only a day-precision event gets a
// marker at a point in time.
type Form int

// The forms of an event mark.
const (
	// Point is a single-day event: a filled marker of its kind's shape.
	Point Form = iota
	// Bar is a multi-day event dated to the day: a bar from its first
	// day to the end of its last.
	Bar
	// Band is a month-precision event: a light band over its whole month
	// (or from the start of its first month to the end of its last),
	// with no marker.
	Band
	// Interval is an event known only to the year, or only as an
	// interval of uncertainty (NotBefore/NotAfter): a faint band over the
	// whole interval, with no marker. One that would fill most of its
	// lane is drawn in the "Undated within the period" strip under the
	// lanes instead (Mark.Strip).
	Interval
	// Before and After are events wholly outside the reporting window:
	// counted by an arrow at that edge of their lane.
	Before
	After
)

// Mark is one event in one lane, in axis units (Unix seconds).
type Mark struct {
	Event *data.Event
	Lane  int  // index into Timeline.Lanes
	Kind  int  // index into Timeline.Kinds
	Form  Form // how it is drawn
	// Start and End bound the span the event may cover: [Start, End)
	// with End the midnight after its last day. For a Point, X is the
	// middle of its day; for a Band, the middle of the span's part inside
	// the window; for a Bar, its start.
	Start, End, X float64
	// Strip is set for an Interval drawn in the undated strip rather
	// than in its lane (an event shown in several lanes is drawn there
	// once).
	Strip bool
	// Label is the title shown for a key event ("" for other events and
	// for the second and later lanes of an event shown in several),
	// whole: it is never cut.
	Label string
	Date  string // the date part of the label
}

// Lane is one row of the timeline.
type Lane struct {
	ID     string // track, kind or party id ("" for the catch-all lane)
	Name   string // as displayed
	Events int    // marks in the lane, the outside ones included
	Before int    // events wholly before the window
	After  int    // events wholly after the window
}

// KindStyle is the look of one event kind. It is a plot.Thumbnailer, so
// it can also stand in a gonum legend.
type KindStyle struct {
	Kind   string // as in the data
	Name   string // as displayed
	Shape  Shape
	Color  color.Color
	Events int

	theme *Theme
}

var _ plot.Thumbnailer = KindStyle{}

// Thumbnail draws the kind's marker in the middle of c.
func (k KindStyle) Thumbnail(c *draw.Canvas) {
	t := DefaultTheme()
	if k.theme != nil {
		t = *k.theme
	}
	k.Shape.draw(*c, c.Center(), t.MarkerRadius, k.Color, false, t.Background, t.LineWidth)
}

// Timeline is a plot.Plotter that draws a briefing's events as lanes of
// marks over a date axis, labels its key events where they fit, and draws
// its own legend of kinds above the lanes and its lane names to their
// left. It implements plot.DataRanger (the window, in Unix seconds) and
// plot.GlyphBoxer (room for the lane names and the outside-window arrows).
type Timeline struct {
	Lanes []Lane      // top to bottom
	Kinds []KindStyle // most frequent first
	Marks []Mark      // chronological; an event shown in k lanes has k marks

	// Min and Max are the window in Unix seconds: Min is the first
	// day's midnight, Max the midnight after the last day.
	Min, Max float64

	Theme     Theme
	MaxLabels int

	laneLines [][]string // lane names, wrapped
	nameWidth vg.Length  // widest lane name line
	hasBefore bool
	hasAfter  bool
	outWidth  vg.Length // width of the widest outside count text
	loc       *i18n.Locale
}

var (
	_ plot.Plotter    = (*Timeline)(nil)
	_ plot.DataRanger = (*Timeline)(nil)
	_ plot.GlyphBoxer = (*Timeline)(nil)
)

// NewTimeline returns the timeline figure of b: a Timeline plotter on a
// plot with a month axis (MonthTicks) over b.Window(), ready to draw at
// any size. It fails on a nil briefing, an unknown lane mode, a negative
// MaxLabels, a theme whose fonts are missing, or a window that ends
// before it starts, and wraps ErrEmpty when b has no events.
func NewTimeline(b *data.Briefing, opt TimelineOptions) (*plot.Plot, error) {
	t, err := NewTimelinePlotter(b, opt)
	if err != nil {
		return nil, err
	}
	p := plot.New()
	t.Theme.apply(p)
	p.Add(t)
	p.X.Min, p.X.Max = t.Min, t.Max
	p.Y.Min, p.Y.Max = 0, 1
	// The plotter draws its own date axis (MonthTicks) under the lanes,
	// so that the undated strip and the numbered key have their place.
	p.HideX()
	p.X.Padding = 0
	p.HideY()
	p.Y.Padding = 0
	return p, nil
}

// NewTimelinePlotter builds the Timeline plotter of b, validating its
// input as NewTimeline does.
func NewTimelinePlotter(b *data.Briefing, opt TimelineOptions) (*Timeline, error) {
	if b == nil {
		return nil, fmt.Errorf("charts: timeline: nil briefing")
	}
	if opt.MaxLabels < 0 {
		return nil, fmt.Errorf("charts: timeline: MaxLabels %d is negative", opt.MaxLabels)
	}
	if opt.MaxKinds < 0 {
		return nil, fmt.Errorf("charts: timeline: MaxKinds %d is negative", opt.MaxKinds)
	}
	maxKinds := opt.MaxKinds
	if maxKinds == 0 {
		maxKinds = 8
	}
	mode := opt.Lanes
	if mode == "" {
		mode = LanesByTrack
	}
	if mode != LanesByTrack && mode != LanesByKind && mode != LanesByParty {
		return nil, fmt.Errorf("charts: timeline: lanes %q: want %q, %q or %q", opt.Lanes, LanesByTrack, LanesByKind, LanesByParty)
	}
	th := opt.Theme.withDefaults()
	if err := th.check(); err != nil {
		return nil, err
	}
	if len(b.Events) == 0 {
		return nil, fmt.Errorf("charts: timeline: no events: %w", ErrEmpty)
	}
	start, end := b.Window()
	if end.Before(start) {
		return nil, fmt.Errorf("charts: timeline: window ends (%s) before it starts (%s)", end.Format(time.DateOnly), start.Format(time.DateOnly))
	}
	t := &Timeline{
		Min:       unix(start),
		Max:       unix(end) + day,
		Theme:     th,
		MaxLabels: opt.MaxLabels,
		loc:       opt.Locale,
	}
	if t.loc == nil {
		t.loc = i18n.English()
	}
	kindIndex := t.kinds(b, maxKinds)
	laneOf := t.lanes(b, mode)
	omitYear := start.Year() == end.Year()
	for _, e := range b.Chronology() {
		lanes := laneOf(e)
		for j, l := range lanes {
			m := t.mark(e, l, kindIndex[e.Kind])
			if e.Key && j == 0 && m.Form != Before && m.Form != After {
				m.Date = shortDate(t.loc, e, omitYear)
				m.Label = strings.Join(strings.Fields(e.Title), " ")
			}
			t.Marks = append(t.Marks, m)
			ln := &t.Lanes[l]
			ln.Events++
			switch m.Form {
			case Before:
				ln.Before++
				t.hasBefore = true
			case After:
				ln.After++
				t.hasAfter = true
			}
		}
	}
	t.measureNames()
	return t, nil
}

// otherKind is the Kind of the style shared by the kinds beyond
// MaxKinds (and by events without a kind).
const otherKind = ""

// kinds collects the event kinds, most frequent first (ties by kind),
// gives each of the first maxKinds its colour and shape, folds the rest
// into one "Other" style, and returns the style index of every kind.
func (t *Timeline) kinds(b *data.Briefing, maxKinds int) map[string]int {
	n := map[string]int{}
	for _, e := range b.Events {
		n[e.Kind]++
	}
	names := make([]string, 0, len(n))
	for k := range n {
		if k != otherKind {
			names = append(names, k)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if n[names[i]] != n[names[j]] {
			return n[names[i]] > n[names[j]]
		}
		return names[i] < names[j]
	})
	own := names
	if len(names) > maxKinds || (len(names) == maxKinds && n[otherKind] > 0) {
		own = names[:maxKinds-1]
	}
	th := &t.Theme
	used := map[Shape]bool{}
	for _, k := range own {
		if s, ok := th.KindShapes[k]; ok {
			used[s] = true
		}
	}
	index := make(map[string]int, len(n))
	nextShape, nextColor := 0, 0
	for _, k := range own {
		ks := KindStyle{Kind: k, Name: t.kindName(k), Events: n[k], theme: th}
		if c, ok := th.KindColors[k]; ok && c != nil {
			ks.Color = c
		} else {
			ks.Color = th.Palette[nextColor%len(th.Palette)]
			nextColor++
		}
		if s, ok := th.KindShapes[k]; ok {
			ks.Shape = s
		} else {
			// Take the next shape no listed kind uses; cycle when all are.
			for tries := 0; tries < len(th.Shapes); tries++ {
				s := th.Shapes[nextShape%len(th.Shapes)]
				nextShape++
				if !used[s] || tries == len(th.Shapes)-1 {
					ks.Shape = s
					used[s] = true
					break
				}
			}
		}
		index[k] = len(t.Kinds)
		t.Kinds = append(t.Kinds, ks)
	}
	if len(own) < len(names) || n[otherKind] > 0 {
		other := KindStyle{Kind: otherKind, Name: t.loc.T("chart.other"), Shape: Circle, Color: th.Muted, theme: th}
		for _, k := range append(names[len(own):], otherKind) {
			other.Events += n[k]
			index[k] = len(t.Kinds)
		}
		if len(own) < len(names) {
			other.Name = t.loc.T("chart.other_kinds")
		}
		t.Kinds = append(t.Kinds, other)
	}
	return index
}

// lanes sets up t.Lanes for the mode and returns the lanes of an event.
func (t *Timeline) lanes(b *data.Briefing, mode string) func(*data.Event) []int {
	index := map[string]int{}
	add := func(id, name string) {
		index[id] = len(t.Lanes)
		t.Lanes = append(t.Lanes, Lane{ID: id, Name: name})
	}
	switch mode {
	case LanesByKind:
		n := map[string]int{}
		for _, e := range b.Events {
			n[e.Kind]++
		}
		kinds := make([]string, 0, len(n))
		for k := range n {
			kinds = append(kinds, k)
		}
		sort.Slice(kinds, func(i, j int) bool {
			a, c := kinds[i], kinds[j]
			if (a == "") != (c == "") {
				return c == "" // the kindless lane last
			}
			if n[a] != n[c] {
				return n[a] > n[c]
			}
			return a < c
		})
		for _, k := range kinds {
			add(k, t.kindName(k))
		}
		return func(e *data.Event) []int { return []int{index[e.Kind]} }
	case LanesByParty:
		for _, c := range b.PartyCounts() {
			name := c.Name
			if p := b.Party(data.ID(c.Name)); p != nil {
				name = p.Name
			}
			add(c.Name, name)
		}
		none := -1
		return func(e *data.Event) []int {
			var out []int
			seen := map[int]bool{}
			for _, a := range e.Actors {
				if act := b.Actor(a); act != nil && act.Party != "" {
					if i, ok := index[string(act.Party)]; ok && !seen[i] {
						seen[i] = true
						out = append(out, i)
					}
				}
			}
			if len(out) == 0 {
				if none < 0 {
					none = len(t.Lanes)
					t.Lanes = append(t.Lanes, Lane{ID: "", Name: t.loc.T("chart.no_party")})
				}
				out = append(out, none)
			}
			sort.Ints(out)
			return out
		}
	}
	var other bool
	for _, c := range b.TrackCounts() {
		if c.Name == "" {
			other = true
			continue
		}
		add(c.Name, t.laneName(b, c.Name))
	}
	if other {
		add("", t.loc.T("chart.other"))
	}
	return func(e *data.Event) []int { return []int{index[e.Track]} }
}

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

// kindName is KindName in the chart's language for the empty kind.
func (t *Timeline) kindName(k string) string {
	if k == "" {
		return t.loc.T("chart.other")
	}
	return KindName(k)
}

// laneName is LaneName in the chart's language for the empty id.
func (t *Timeline) laneName(b *data.Briefing, id string) string {
	if id == "" {
		return t.loc.T("chart.other")
	}
	return LaneName(b, id)
}

// maxNameWidth caps a lane name line; longer names wrap once, then are
// cut with an ellipsis.
const maxNameWidth = 96

// measureNames wraps the lane names and measures them and the outside
// counts, for GlyphBoxes.
func (t *Timeline) measureNames() {
	sty := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink)
	t.laneLines = make([][]string, len(t.Lanes))
	t.nameWidth = 0
	for i, l := range t.Lanes {
		lines := wrapName(sty, l.Name, maxNameWidth)
		t.laneLines[i] = lines
		for _, s := range lines {
			t.nameWidth = max(t.nameWidth, sty.Width(s))
		}
	}
	for _, m := range t.Marks {
		if m.Strip {
			for _, s := range t.stripLines() {
				t.nameWidth = max(t.nameWidth, t.stripStyle().Width(s))
			}
			break
		}
	}
	small := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Muted)
	for _, l := range t.Lanes {
		for _, n := range []int{l.Before, l.After} {
			if n > 0 {
				t.outWidth = max(t.outWidth, small.Width(strconv.Itoa(n)))
			}
		}
	}
}

// wrapName splits a name that is too wide into two lines at the space or
// dash nearest its middle, and cuts what still does not fit.
func wrapName(sty text.Style, s string, w vg.Length) []string {
	if sty.Width(s) <= w {
		return []string{s}
	}
	runes := []rune(s)
	best := -1
	for i, r := range runes {
		if r == ' ' || r == '–' || r == '-' || r == '/' {
			if best < 0 || abs(i-len(runes)/2) < abs(best-len(runes)/2) {
				best = i
			}
		}
	}
	lines := []string{s}
	if best > 0 {
		cut := best
		if runes[best] != ' ' {
			cut = best + 1 // keep the dash at the end of the first line
		}
		lines = []string{strings.TrimSpace(string(runes[:cut])), strings.TrimSpace(string(runes[best+1:]))}
	}
	for i, l := range lines {
		lines[i] = truncate(sty, l, w)
	}
	return lines
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// DataRange implements plot.DataRanger: the window in x; y is [0, 1]
// (the plotter lays its lanes out itself).
func (t *Timeline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return t.Min, t.Max, 0, 1
}

// Gaps and sizes of the timeline layout, in points.
const (
	nameGap   = 6 // between lane names and the outside arrows or the data
	arrowSize = 4 // length of an outside-window arrow
	legendGap = 6 // below the legend
)

// leftMargin and rightMargin are the room the plotter draws in outside
// the data area: lane names, outside arrows with their counts, and the
// overhang of markers on the window's first and last days.
func (t *Timeline) leftMargin() vg.Length {
	w := t.nameWidth + nameGap + t.Theme.MarkerRadius
	if t.hasBefore {
		w += arrowSize + 2 + t.outWidth + nameGap/2
	}
	return w
}

func (t *Timeline) rightMargin() vg.Length {
	w := t.Theme.MarkerRadius * 1.2
	if t.hasAfter {
		w += nameGap/2 + arrowSize + 2 + t.outWidth
	}
	return w
}

// GlyphBoxes implements plot.GlyphBoxer: it asks the plot for room on
// the left for the lane names (and arrows for events before the window)
// and on the right for arrows for events after it.
func (t *Timeline) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{
		{X: 0, Y: 0, Rectangle: vg.Rectangle{Min: vg.Point{X: -t.leftMargin()}, Max: vg.Point{}}},
		{X: 1, Y: 0, Rectangle: vg.Rectangle{Min: vg.Point{}, Max: vg.Point{X: t.rightMargin()}}},
	}
}
