package charts

import (
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// timelineLayout is the timeline laid out on a canvas: every position in points.
// Plot computes it and draws it; tests inspect it.
//
// From top to bottom (see verticalLayout): the legend, the lanes, the
// "Undated within the period" strip when some events need it, the date
// axis, and the numbered key when some key events could not be labelled
// in full on the chart.
type timelineLayout struct {
	canvas vg.Rectangle // the data canvas (the window's x extent)
	area   vg.Rectangle // the lanes and the strip: marks and labels stay inside
	left   vg.Length    // x where lane names start

	legend []legendItem
	lanes  []laneLayout // the lanes, then the strip when there is one
	strip  bool         // whether the last of lanes is the undated strip
	marks  []markGeom
	labels []labelGeom
	notes  []noteGeom // small texts drawn as obstacles (counts of coinciding marks)
	grid   []gridLine

	axisY  vg.Length // the date axis line
	ticks  []tickLabel
	key    []keyEntry // the numbered key, in number order
	keyTop vg.Length  // top of the key
	// unlabelled is the number of key events that got neither a label
	// nor a number (for want of room); the key says so.
	unlabelled int
	keyNote    string // that sentence, with its baseline at keyNoteAt
	keyNoteAt  vg.Point
	keyUsed    vg.Length // the height the key's lines and that sentence take

	binBy string // histogram bin of dense lanes: "day", "week", "month", "quarter" or "year"
	peak  int    // the tallest bin's count
}

type gridLine struct {
	x    vg.Length
	year bool
}

type tickLabel struct {
	x     vg.Length
	lines []string
}

// Vertical gaps of the layout, in points.
const (
	axisGap = 2 // between the axis line and its labels
	keyGap  = 6 // between the axis labels and the key
)

// verticalLayout is the timeline's height budget: it splits the data
// canvas c from the top into the legend (legendH), the lanes, the undated
// strip (stripH, 0 when there is none), the date axis (axisH) and the
// numbered key (keyH, 0 when there is none). The lanes take what is left,
// never less than nothing. This is the one place where the chart's
// heights are decided; a caller that wants to give the lanes more room
// grows c.
func verticalLayout(c vg.Rectangle, legendH, stripH, axisH, keyH vg.Length) (lanes, strip vg.Rectangle, axisY, keyTop vg.Length) {
	top := c.Max.Y - legendH
	if legendH > 0 {
		top -= legendGap
	}
	bottom := c.Min.Y + axisH
	if keyH > 0 {
		bottom += keyGap + keyH
	}
	if bottom > top {
		bottom = top
	}
	area := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: bottom}, Max: vg.Point{X: c.Max.X, Y: top}}
	if stripH > area.Max.Y-area.Min.Y {
		stripH = area.Max.Y - area.Min.Y
	}
	lanes = area
	lanes.Min.Y += stripH
	strip = area
	strip.Max.Y = lanes.Min.Y
	return lanes, strip, bottom, bottom - axisH - keyGap
}

// axisHeight is the room the date axis takes under the lanes: its line,
// a gap and the tallest tick label.
func (t *Timeline) axisHeight(ticks []plot.Tick) vg.Length {
	sty := t.Theme.style(t.Theme.Font, t.Theme.TextSize, t.Theme.Muted)
	e := sty.FontExtents()
	lines := 1
	for _, tk := range ticks {
		lines = max(lines, strings.Count(tk.Label, "\n")+1)
	}
	return axisGap + (e.Ascent+e.Descent)*vg.Length(lines) + 1
}

// layout lays the timeline out on c, the plot's data canvas.
func (t *Timeline) layout(c draw.Canvas, plt *plot.Plot) *timelineLayout {
	th := t.Theme
	r := th.MarkerRadius
	xf := func(v float64) vg.Length { return c.X(plt.X.Norm(v)) }
	f := &timelineLayout{canvas: c.Rectangle, left: c.Min.X - t.leftMargin()}
	n := len(t.Lanes)

	// Which lanes are too dense for single marks (this depends on the
	// width only), and their counts, which the legend speaks of.
	xs := make([][]vg.Length, n)
	for _, m := range t.Marks {
		if m.Form == Point || m.Form == Bar {
			xs[m.Lane] = append(xs[m.Lane], xf(m.X))
		}
	}
	dense := make([]bool, n+1)
	for i := 0; i < n; i++ {
		dense[i] = crowded(xs[i], r)
	}
	hists := t.histograms(f, dense[:n], xf)
	keep := t.thinKeys(dense, xf)
	gs, lost := t.groups(dense, keep, n)
	stripRows := 0
	for _, g := range gs {
		if g.lane == n {
			stripRows = max(stripRows, g.sub+1)
		}
	}
	f.strip = stripRows > 0

	// Legend, flowed in rows across the top: it explains what is drawn.
	legendH := t.layoutLegend(f, c.Rectangle, gs)
	ticks := MonthTicks{Locale: t.loc}.Ticks(t.Min, t.Max)
	axisH := t.axisHeight(ticks)

	ms := t.newMeasurer()
	// Lay out, place labels, and, when some key events find no room for
	// a full label, make room for the numbered key and lay out again.
	var keyH vg.Length
	if lost > 0 {
		keyH = t.keyHeight(ms, nil, c.Rectangle, lost)
	}
	// The key may not squeeze the lanes below what their names and
	// markers need, nor take more than maxKeyShare of the chart.
	keyCap := min((c.Max.Y-c.Min.Y)*maxKeyShare,
		c.Max.Y-c.Min.Y-legendH-legendGap-axisH-keyGap-t.undatedHeight(stripRows)-t.lanesMinHeight())
	run := func(f *timelineLayout, keyH vg.Length, grow bool) (keyWant vg.Length) {
		var unplaced []int // indexes into reqs of labels not placed in full
		var reqs []labelRequest
		var geoms []labelGeom
		var obstacles []vg.Rectangle
		var places []placement
		for pass := 0; pass < 3; pass++ {
			var stripR vg.Rectangle
			var lanesR vg.Rectangle
			lanesR, stripR, f.axisY, f.keyTop = verticalLayout(c.Rectangle, legendH, t.undatedHeight(stripRows), axisH, keyH)
			f.area = lanesR
			f.area.Min.Y = stripR.Min.Y
			t.layoutLanes(f, lanesR, stripR, dense, stripRows)
			obstacles = t.layoutBins(f, hists, c.Rectangle, xf, nil)
			obstacles = t.layoutMarks(f, gs, xf, obstacles)
			t.layoutCounts(f, &obstacles)
			reqs, geoms = t.labelRequests(f, ms, obstacles)
			pl := placer{area: f.area, gap: 1.5, levels: t.levels(f), markN: len(obstacles) - len(f.notes)}
			places = pl.place(obstacles, reqs, t.MaxLabels)
			f.labels = f.labels[:0]
			unplaced = unplaced[:0]
			for i, p := range places {
				if p.ok {
					geoms[i].place = p
					geoms[i].lines = reqs[i].sizes[p.variant].lines
					f.labels = append(f.labels, geoms[i])
				} else {
					unplaced = append(unplaced, i)
				}
			}
			if len(unplaced) == 0 || !grow {
				break
			}
			need := min(t.keyHeight(ms, t.keyEntries(geoms, unplaced), c.Rectangle, len(unplaced)+lost), keyCap)
			if need <= keyH || pass == 2 {
				break
			}
			keyH = need
		}
		f.unlabelled = lost
		f.key = nil
		f.keyUsed = 0
		if lost > 0 {
			e := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink).FontExtents()
			f.keyUsed = (e.Ascent + e.Descent) * 1.15 // the line about unlabelled events
		}
		// Numbered tags for the key events left without a label, placed
		// like labels among everything drawn so far, then the key itself.
		f.keyNoteAt = vg.Point{X: f.left, Y: f.keyTop - t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink).FontExtents().Ascent}
		if len(unplaced) > 0 {
			if want := t.layoutKey(f, ms, c.Rectangle, reqs, geoms, places, obstacles); want > f.keyTop-c.Min.Y+layoutEps {
				return want
			}
		}
		return 0
	}
	if want := run(f, keyH, true); want > 0 && f.keyTop-c.Min.Y < keyCap {
		// Some numbered key events found no line in the key: once more,
		// with the room the key wants, kept if it marks more key events
		// (a bigger key leaves the lanes less room for tags).
		g := *f
		g.lanes, g.marks, g.labels, g.notes, g.key = nil, nil, nil, nil, nil
		run(&g, min(want, keyCap), false)
		if len(g.labels) > len(f.labels) {
			*f = g
		}
	}
	if reserved := f.keyTop - c.Min.Y; f.keyUsed < reserved-2*ms.lineHeight() {
		// The key reserved room for lines it did not take (tags it made
		// room for found no place in the lanes it squeezed): give that
		// back to the lanes, kept if it marks no fewer key events.
		g := *f
		g.lanes, g.marks, g.labels, g.notes, g.key = nil, nil, nil, nil, nil
		run(&g, f.keyUsed, false)
		if len(g.labels) >= len(f.labels) && g.unlabelled <= f.unlabelled {
			*f = g
		}
	}
	if f.unlabelled > 0 {
		f.keyNote = t.loc.T("chart.unlabelled", "n", f.unlabelled)
	}

	// Gridlines at the ticker's period boundaries, and the axis labels.
	for _, tk := range ticks {
		if tk.IsMinor() {
			if tk.Value > t.Min && tk.Value < t.Max {
				tm := fromUnix(tk.Value)
				f.grid = append(f.grid, gridLine{x: xf(tk.Value), year: tm.Month() == time.January && tm.Day() == 1})
			}
			continue
		}
		f.ticks = append(f.ticks, tickLabel{x: xf(tk.Value), lines: strings.Split(tk.Label, "\n")})
	}
	return f
}

// layoutEps absorbs rounding when a height computed one way is compared
// with the same height computed another (the key's room is the chart's
// height less the parts above it): without it a key line that fits
// exactly was dropped.
const layoutEps = 1e-6
