package charts

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"gonum.org/v1/plot"
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

// DataRange implements plot.DataRanger: the window in x; y is [0, 1]
// (the plotter lays its lanes out itself).
func (t *Timeline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return t.Min, t.Max, 0, 1
}
