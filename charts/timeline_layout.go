package charts

import (
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
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

type laneLayout struct {
	band   vg.Rectangle // the lane's share of area
	row    vg.Length    // y of the marker row
	dense  bool         // drawn as a histogram of counts
	base   vg.Length    // baseline of the histogram
	bins   []binGeom
	before int
	after  int
	rows   int // sub-rows of the undated strip
}

type binGeom struct {
	box   vg.Rectangle
	count int
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

// word is a piece of label or key text, set in bold or not.
type word struct {
	text string
	bold bool
}

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

// keyEntry is one line group of the numbered key.
type keyEntry struct {
	number int
	mark   int
	lines  [][]word
	at     vg.Point // baseline start of the first line
}

type noteGeom struct {
	box  vg.Rectangle
	text string
}

type gridLine struct {
	x    vg.Length
	year bool
}

type tickLabel struct {
	x     vg.Length
	lines []string
}

type legendItem struct {
	thumb vg.Rectangle // where the thumbnail is drawn
	text  string
	at    vg.Point // text baseline start
	draw  func(c draw.Canvas, r vg.Rectangle)
	// For a kind's entry: the kind (else -1) and whether its thumbnail
	// is the kind's marker (else a swatch of its colour).
	kind   int
	marker bool
}

// textBox measures a single line of text set in sty with its baseline at
// y, starting at x.
func textBox(sty text.Style, s string, x, y vg.Length) vg.Rectangle {
	e := sty.FontExtents()
	return vg.Rectangle{Min: vg.Point{X: x, Y: y - e.Descent}, Max: vg.Point{X: x + sty.Width(s), Y: y + e.Ascent}}
}

// fillText draws one line of text in a left/bottom-aligned style with its
// baseline at (x, y). (The plain handler sets a line's baseline at
// pt.Y − ascent + size for a bottom-aligned style.)
func fillText(c draw.Canvas, sty text.Style, x, y vg.Length, s string) {
	sty.XAlign, sty.YAlign, sty.Rotation = draw.XLeft, draw.YBottom, 0
	e := sty.FontExtents()
	c.FillText(sty, vg.Point{X: x, Y: y + e.Ascent - sty.Font.Size}, s)
}

// group is a set of coinciding marks drawn as one, before geometry.
type group struct {
	lane       int // index into timelineLayout.lanes (the strip is the last)
	form       Form
	start, end float64 // the span drawn, Unix seconds
	members    []int
	sub        int // sub-row in the strip
}

// spot is where marks coincide.
type spot struct {
	lane       int
	form       Form
	start, end float64
}

// maxStripRows caps the sub-rows of the undated strip: when its events
// have more distinct intervals, the intervals are widened (to whole
// months, quarters, years, then to the union of all) until they fit.
// Widening only makes a span less exact, never wrong.
const maxStripRows = 4

// groups sorts the marks in the window into what is drawn: marks that
// coincide in a lane become one group; day-dated events of dense lanes go
// to the histograms (their key events, thinned by keep, get groups of
// their own above the counts); Intervals that would fill their lane go to
// the strip, once per event. It also returns the key events that cannot
// be shown at all (thinned out of a dense lane).
func (t *Timeline) groups(dense []bool, keep map[int]bool, stripLane int) (gs []group, lost int) {
	at := map[spot]int{}
	var strip []int
	seen := map[any]bool{}
	for mi, m := range t.Marks {
		if m.Form == Before || m.Form == After {
			continue
		}
		if m.Strip {
			if !seen[m.Event] {
				seen[m.Event] = true
				strip = append(strip, mi)
			}
			continue
		}
		if dense[m.Lane] && (m.Form == Point || m.Form == Bar) {
			if m.Label != "" {
				if keep[mi] {
					gs = append(gs, group{lane: m.Lane, form: m.Form, start: m.Start, end: m.End, members: []int{mi}})
				} else {
					lost++
				}
			}
			continue
		}
		k := spot{m.Lane, m.Form, m.Start, m.End}
		if j, ok := at[k]; ok {
			gs[j].members = append(gs[j].members, mi)
			continue
		}
		at[k] = len(gs)
		gs = append(gs, group{lane: m.Lane, form: m.Form, start: m.Start, end: m.End, members: []int{mi}})
	}
	if len(strip) == 0 {
		return gs, lost
	}
	// The strip: one sub-row per distinct interval, widened until few.
	widen := []func(time.Time) time.Time{
		func(t time.Time) time.Time { return t },
		binUnits[2].start, binUnits[3].start, binUnits[4].start,
	}
	nextOf := []func(time.Time) time.Time{
		func(t time.Time) time.Time { return t },
		binUnits[2].next, binUnits[3].next, binUnits[4].next,
	}
	for wi := 0; wi <= len(widen); wi++ {
		sg := map[[2]float64]int{}
		var out []group
		for _, mi := range strip {
			m := t.Marks[mi]
			s, e := m.Start, m.End
			switch {
			case wi == len(widen):
				s, e = math.Inf(1), math.Inf(-1)
				for _, mj := range strip {
					s, e = min(s, t.Marks[mj].Start), max(e, t.Marks[mj].End)
				}
			case wi > 0:
				st := widen[wi](fromUnix(s))
				en := widen[wi](fromUnix(e - day))
				s, e = unix(st), unix(nextOf[wi](en))
			}
			k := [2]float64{s, e}
			if j, ok := sg[k]; ok {
				out[j].members = append(out[j].members, mi)
				continue
			}
			sg[k] = len(out)
			out = append(out, group{lane: stripLane, form: Interval, start: s, end: e, members: []int{mi}})
		}
		if len(out) <= maxStripRows || wi == len(widen) {
			sort.SliceStable(out, func(i, j int) bool {
				if out[i].start != out[j].start {
					return out[i].start < out[j].start
				}
				return out[i].end > out[j].end
			})
			for i := range out {
				out[i].sub = i
			}
			return append(gs, out...), lost
		}
	}
	return gs, lost
}

// kindsOf counts the kinds of a group's members, in kind order.
func (t *Timeline) kindsOf(g group) []kindCount {
	n := make([]int, len(t.Kinds))
	for _, mi := range g.members {
		n[t.Marks[mi].Kind]++
	}
	var out []kindCount
	for k, c := range n {
		if c > 0 {
			out = append(out, kindCount{k, c})
		}
	}
	return out
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

// undatedHeight is the height of the undated strip with rows sub-rows (0:
// no strip).
func (t *Timeline) undatedHeight(rows int) vg.Length {
	if rows == 0 {
		return 0
	}
	e := t.stripStyle().FontExtents()
	names := (e.Ascent + e.Descent) * 1.15 * vg.Length(len(t.stripLines()))
	return max(names, t.subRow()*vg.Length(rows)) + 4
}

// subRow is the distance between sub-rows of the strip.
func (t *Timeline) subRow() vg.Length { return 2*t.Theme.MarkerRadius + 3 }

// stripLines is the strip's name, wrapped like a lane name.
func (t *Timeline) stripLines() []string {
	return wrapName(t.stripStyle(), t.loc.T("chart.undated"), maxNameWidth*0.75)
}

// stripStyle is the style of the strip's name: smaller and muted, as it
// is not a lane.
func (t *Timeline) stripStyle() text.Style {
	return t.Theme.style(t.Theme.Bold, t.Theme.LabelSize, t.Theme.Muted)
}

// levels is how many label levels above and below a mark the placer
// tries: as many as the tallest lane has room for.
func (t *Timeline) levels(f *timelineLayout) int {
	titleSty := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink)
	e := titleSty.FontExtents()
	h := e.Ascent + e.Descent
	var bandH vg.Length
	for _, lf := range f.lanes {
		bandH = max(bandH, lf.band.Max.Y-lf.band.Min.Y)
	}
	return max(int(bandH/(h+2))+1, 1)
}

// layoutLanes shares the lanes' rectangle among the lanes (top to bottom)
// and sets up the strip under them.
func (t *Timeline) layoutLanes(f *timelineLayout, lanesR, stripR vg.Rectangle, dense []bool, stripRows int) {
	f.lanes = f.lanes[:0]
	heights := t.laneHeights(lanesR.Max.Y - lanesR.Min.Y)
	top := lanesR.Max.Y
	for i, l := range t.Lanes {
		h := heights[i]
		band := vg.Rectangle{Min: vg.Point{X: lanesR.Min.X, Y: top - h}, Max: vg.Point{X: lanesR.Max.X, Y: top}}
		f.lanes = append(f.lanes, laneLayout{band: band, row: top - h/2, before: l.Before, after: l.After, dense: dense[i]})
		top -= h
	}
	if stripRows > 0 {
		f.lanes = append(f.lanes, laneLayout{band: stripR, row: (stripR.Min.Y + stripR.Max.Y) / 2, rows: stripRows})
	}
}

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

// pieScale is the radius of a pie (a mix of kinds on one day) relative to
// MarkerRadius.
const pieScale = 1.2

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

// measurer measures words in the label styles, each distinct word once
// per layout: measuring text allocates, and a layout measures the same
// titles in every pass.
type measurer struct {
	bold, reg text.Style
	space     vg.Length
	widths    map[word]vg.Length
	sizes     map[int][]labelSize // by mark index
}

func (t *Timeline) newMeasurer() *measurer {
	th := t.Theme
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	return &measurer{bold: th.style(th.Bold, th.LabelSize, th.Ink), reg: reg, space: reg.Width(" "),
		widths: map[word]vg.Length{}, sizes: map[int][]labelSize{}}
}

// lineHeight is the height of a line of the key.
func (m *measurer) lineHeight() vg.Length {
	e := m.reg.FontExtents()
	return (e.Ascent + e.Descent) * 1.15
}

// width is the width of one word.
func (m *measurer) width(w word) vg.Length {
	if v, ok := m.widths[w]; ok {
		return v
	}
	sty := m.reg
	if w.bold {
		sty = m.bold
	}
	v := sty.Width(w.text)
	m.widths[w] = v
	return v
}

// run is the width of words set with single spaces.
func (m *measurer) run(words []word) vg.Length {
	var w vg.Length
	for i, wd := range words {
		if i > 0 {
			w += m.space
		}
		w += m.width(wd)
	}
	return w
}

// labelLeading is the extra space between the two lines of a label.
const labelLeading = 0.5

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

// keyEntries are the entries of the numbered key for the unplaced labels,
// numbered in date order.
func (t *Timeline) keyEntries(geoms []labelGeom, unplaced []int) []keyEntry {
	out := make([]keyEntry, 0, len(unplaced))
	for i, u := range unplaced {
		m := t.Marks[geoms[u].mark]
		words := []word{{strconv.Itoa(i+1) + ".", true}}
		for _, w := range strings.Fields(m.Date) {
			words = append(words, word{w, true})
		}
		for _, w := range strings.Fields(m.Label) {
			words = append(words, word{w, false})
		}
		out = append(out, keyEntry{number: i + 1, mark: geoms[u].mark, lines: [][]word{words}})
	}
	return out
}

// keyColumns lays key entries out in columns across c: two when every
// entry fits on one line in half the width, else one, each entry wrapped
// to the column (never cut). It returns the entries' lines and their
// positions relative to the key's top left, and the key's height.
func (t *Timeline) keyColumns(ms *measurer, entries []keyEntry, c vg.Rectangle, left vg.Length) vg.Length {
	e := ms.reg.FontExtents()
	lineH := (e.Ascent + e.Descent) * 1.15
	width := c.Max.X - left
	colGap := vg.Length(12)
	cols := 1
	colW := (width - colGap) / 2
	if len(entries) > 1 {
		cols = 2
		for _, en := range entries {
			if ms.run(en.lines[0]) > colW {
				cols = 1
				break
			}
		}
	}
	if cols == 1 {
		colW = width
	}
	per := (len(entries) + cols - 1) / cols
	var h vg.Length
	y := vg.Length(0)
	for i := range entries {
		if i%per == 0 {
			y = 0
		}
		en := &entries[i]
		en.lines = ms.wrap(en.lines[0], colW)
		col := i / per
		en.at = vg.Point{X: left + vg.Length(col)*(colW+colGap), Y: -y - e.Ascent}
		y += lineH * vg.Length(len(en.lines))
		h = max(h, y)
	}
	return h
}

// wrap breaks words into lines no wider than w (a word wider than w
// stands on a line of its own, whole).
func (m *measurer) wrap(words []word, w vg.Length) [][]word {
	var lines [][]word
	var cur []word
	var cw vg.Length
	for _, wd := range words {
		ww := m.width(wd)
		if len(cur) > 0 && cw+m.space+ww > w {
			lines = append(lines, cur)
			cur, cw = nil, 0
		}
		if len(cur) > 0 {
			cw += m.space
		}
		cur = append(cur, wd)
		cw += ww
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// layoutEps absorbs rounding when a height computed one way is compared
// with the same height computed another (the key's room is the chart's
// height less the parts above it): without it a key line that fits
// exactly was dropped.
const layoutEps = 1e-6

// maxKeyShare caps the key's height as a share of the chart's.
const maxKeyShare = 0.35

// keyHeight is the height the key needs for entries (and the line about
// unlabelled key events when more is true), capped at maxKeyShare.
func (t *Timeline) keyHeight(ms *measurer, entries []keyEntry, c vg.Rectangle, more int) vg.Length {
	if len(entries) == 0 && more == 0 {
		return 0
	}
	h := t.keyColumns(ms, entries, c, c.Min.X-t.leftMargin())
	reg := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink)
	e := reg.FontExtents()
	h += (e.Ascent + e.Descent) * 1.15 // the line about unlabelled events
	return min(h, (c.Max.Y-c.Min.Y)*maxKeyShare)
}

// layoutKey places numbered tags for the key events without a full label
// and lays out the key under the axis. It tries two orders: the full
// labels as placed, then the tags; and the tags first, then the full
// labels, then tags for the full labels that lost their place. It keeps
// the order that marks more key events (the first on ties). Key events
// whose tag or key line finds no room are counted in f.unlabelled.
//
// It returns the height the key would want for every tagged event.
func (t *Timeline) layoutKey(f *timelineLayout, ms *measurer, c vg.Rectangle, reqs []labelRequest, geoms []labelGeom, places []placement, obstacles []vg.Rectangle) vg.Length {
	th := t.Theme
	bold := th.style(th.Bold, th.LabelSize, th.Ink)
	e := bold.FontExtents()
	var fullIdx, tagIdx []int
	for i, p := range places {
		if p.ok {
			fullIdx = append(fullIdx, i)
		} else {
			tagIdx = append(tagIdx, i)
		}
	}
	tagW := bold.Width(strconv.Itoa(len(reqs))) // the widest number a tag may get
	pl := placer{area: f.area, gap: 1.5, levels: t.levels(f), markN: len(obstacles) - len(f.notes)}
	grow := func(obs []vg.Rectangle, p placement) []vg.Rectangle {
		obs = append(obs, inflate(p.box, pl.gap/2))
		if p.leader {
			obs = append(obs, segmentBox(p.from, p.to))
		}
		return obs
	}
	// placeSet places the requests idx (as tags when tag is set) among obs.
	placeSet := func(obs []vg.Rectangle, idx []int, tag bool, out map[int]placement) []vg.Rectangle {
		sub := make([]labelRequest, len(idx))
		for k, i := range idx {
			sub[k] = reqs[i]
			if tag {
				sub[k].sizes = []labelSize{{w: tagW, h: e.Ascent + e.Descent}}
			}
		}
		for k, p := range pl.place(obs, sub, 0) {
			if p.ok {
				out[idx[k]] = p
				obs = grow(obs, p)
			}
		}
		return obs
	}
	base := append([]vg.Rectangle(nil), obstacles...)
	full, tags := map[int]placement{}, map[int]placement{}
	obs := base
	for _, i := range fullIdx {
		full[i] = places[i]
		obs = grow(obs, places[i])
	}
	placeSet(obs, tagIdx, true, tags)
	if len(tags) < len(tagIdx) {
		full2, tags2 := map[int]placement{}, map[int]placement{}
		obs2 := placeSet(append([]vg.Rectangle(nil), obstacles...), tagIdx, true, tags2)
		obs2 = placeSet(obs2, fullIdx, false, full2)
		var lostFull []int
		for _, i := range fullIdx {
			if _, ok := full2[i]; !ok {
				lostFull = append(lostFull, i)
			}
		}
		placeSet(obs2, lostFull, true, tags2)
		if len(full2)+len(tags2) > len(full)+len(tags) {
			full, tags = full2, tags2
		}
	}
	f.labels = f.labels[:0]
	for _, i := range fullIdx {
		if p, ok := full[i]; ok {
			g := geoms[i]
			g.place = p
			g.lines = reqs[i].sizes[p.variant].lines
			f.labels = append(f.labels, g)
		}
	}
	var kept []int // request indexes with a tag, in date order
	for i := range reqs {
		if _, ok := tags[i]; ok {
			kept = append(kept, i)
		}
	}
	f.unlabelled += len(reqs) - len(full) - len(kept)
	// Number those kept, and fit the key; drop from the end what does
	// not fit.
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	re := reg.FontExtents()
	noteH := (re.Ascent + re.Descent) * 1.15
	room := f.keyTop - c.Min.Y - noteH
	var want vg.Length
	if len(kept) > 0 {
		want = t.keyColumns(ms, t.keyEntries(geoms, kept), c, f.left) + noteH
	}
	for len(kept) > 0 {
		entries := t.keyEntries(geoms, kept)
		h := t.keyColumns(ms, entries, c, f.left)
		if h <= room+layoutEps {
			for j, i := range kept {
				g := geoms[i]
				g.place = tags[i]
				g.number = j + 1
				g.lines = [][]word{{{strconv.Itoa(j + 1), true}}}
				f.labels = append(f.labels, g)
				entries[j].at.Y += f.keyTop
			}
			f.key = entries
			f.keyNoteAt = vg.Point{X: f.left, Y: f.keyTop - h - re.Ascent}
			f.keyUsed = h + noteH
			return want
		}
		kept = kept[:len(kept)-1]
		f.unlabelled++
	}
	f.keyNoteAt = vg.Point{X: f.left, Y: f.keyTop - re.Ascent}
	if f.unlabelled > 0 {
		f.keyUsed = noteH
	}
	return want
}

// thinKeys chooses the key events drawn in dense lanes: from left to
// right, one is kept when its marker clears the last one kept.
func (t *Timeline) thinKeys(dense []bool, xf func(float64) vg.Length) map[int]bool {
	type key struct {
		mark int
		x    vg.Length
	}
	perLane := make([][]key, len(dense))
	for mi, m := range t.Marks {
		if m.Label != "" && (m.Form == Point || m.Form == Bar) && dense[m.Lane] {
			perLane[m.Lane] = append(perLane[m.Lane], key{mi, xf(max(m.Start, t.Min))})
		}
	}
	keep := map[int]bool{}
	gap := 2*1.25*t.Theme.MarkerRadius + 1 // the widest shape's width, and a little
	for _, ks := range perLane {
		var last vg.Length
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].x < ks[j].x })
		for i, k := range ks {
			if i == 0 || k.x-last >= gap {
				keep[k.mark] = true
				last = k.x
			}
		}
	}
	return keep
}

// laneHeights shares height h among the lanes: each gets the room its
// name and a marker need, and what is left is shared by the number of
// labels each lane wants (plus one half, so that a lane without labels
// still breathes). When h is too small, lanes share it equally.
func (t *Timeline) laneHeights(h vg.Length) []vg.Length {
	n := len(t.Lanes)
	out := make([]vg.Length, n)
	if n == 0 {
		return out
	}
	sty := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink)
	e := sty.FontExtents()
	line := (e.Ascent + e.Descent) * 1.15
	wants := make([]float64, n)
	for _, m := range t.Marks {
		if m.Label != "" && !m.Strip {
			wants[m.Lane]++
		}
	}
	var need vg.Length
	mins := make([]vg.Length, n)
	var total float64
	for i := range t.Lanes {
		mins[i] = t.laneMin(i, line)
		need += mins[i]
		wants[i] = math.Sqrt(wants[i]) + 0.5
		total += wants[i]
	}
	if need >= h {
		for i := range out {
			out[i] = h / vg.Length(n)
		}
		return out
	}
	extra := h - need
	for i := range out {
		out[i] = mins[i] + extra*vg.Length(wants[i]/total)
	}
	return out
}

// laneMin is the least height of lane i: its name (lines line apart) or
// a marker, with a little room.
func (t *Timeline) laneMin(i int, line vg.Length) vg.Length {
	return max(line*vg.Length(len(t.laneLines[i])), 2*t.Theme.MarkerRadius*1.25) + 8
}

// lanesMinHeight is the least height of all the lanes together.
func (t *Timeline) lanesMinHeight() vg.Length {
	e := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink).FontExtents()
	var h vg.Length
	for i := range t.Lanes {
		h += t.laneMin(i, (e.Ascent+e.Descent)*1.15)
	}
	return h
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

// crowded reports whether markers of radius r at xs would pile up: at
// least 24 of them, and more than a third overlapping their neighbour by
// more than half.
func crowded(xs []vg.Length, r vg.Length) bool {
	if len(xs) < 24 {
		return false
	}
	s := append([]vg.Length(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	over := 0
	for i := 1; i < len(s); i++ {
		if s[i]-s[i-1] < r {
			over++
		}
	}
	return 3*over > len(s)
}

// stripHeight is the height of the count histogram of a dense lane.
func stripHeight(band vg.Rectangle) vg.Length {
	return vg.Length(math.Min(float64(band.Max.Y-band.Min.Y)*0.35, 20))
}

// binUnits are the histogram bins of dense lanes, finest first.
var binUnits = []struct {
	name  string
	start func(time.Time) time.Time
	next  func(time.Time) time.Time
}{
	{"day", func(t time.Time) time.Time { return t }, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	{"week", func(t time.Time) time.Time {
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) // back to Monday
	}, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
	{"month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	{"quarter", func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month()-(t.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
	}, func(t time.Time) time.Time { return t.AddDate(0, 3, 0) }},
	{"year", func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// minBinWidth is the narrowest histogram bin drawn, in points.
const minBinWidth = 2.5

// binUnit picks the finest histogram bin at least minBinWidth wide.
func (t *Timeline) binUnit(xf func(float64) vg.Length) int {
	lo := fromUnix(t.Min)
	for i, u := range binUnits {
		s := u.start(lo)
		if xf(unix(u.next(s)))-xf(unix(s)) >= minBinWidth {
			return i
		}
	}
	return len(binUnits) - 1
}

// binCounts counts the events of lane i in the window per bin of unit u
// (by the day each starts, or the window's first day), returning the
// bins' starts and counts.
func (t *Timeline) binCounts(i, u int) (starts []float64, counts []int) {
	unit := binUnits[u]
	hi := fromUnix(t.Max)
	for s := unit.start(fromUnix(t.Min)); s.Before(hi); s = unit.next(s) {
		starts = append(starts, unix(s))
	}
	counts = make([]int, len(starts))
	for _, m := range t.Marks {
		if m.Lane != i || (m.Form != Point && m.Form != Bar) {
			continue // only events dated to the day are counted by day
		}
		j := sort.SearchFloat64s(starts, max(m.Start, t.Min)+0.5) - 1
		if j >= 0 && j < len(counts) {
			counts[j]++
		}
	}
	return starts, counts
}

// hist is the count histogram of a dense lane.
type hist struct {
	starts []float64 // bin starts, Unix seconds
	counts []int
}

// histograms counts the events of the dense lanes per bin and sets the
// layout's bin unit and peak (the tallest bin of any lane).
func (t *Timeline) histograms(f *timelineLayout, dense []bool, xf func(float64) vg.Length) []hist {
	u := t.binUnit(xf)
	hs := make([]hist, len(dense))
	f.peak = 0
	for i, d := range dense {
		if !d {
			continue
		}
		hs[i].starts, hs[i].counts = t.binCounts(i, u)
		for _, n := range hs[i].counts {
			f.peak = max(f.peak, n)
		}
	}
	f.binBy = binUnits[u].name
	return hs
}

// layoutBins lays out the histograms of the dense lanes, all on one scale
// (the peak is the strip's full height), at the bottom of each lane, and
// appends their bars to obstacles.
func (t *Timeline) layoutBins(f *timelineLayout, hs []hist, c vg.Rectangle, xf func(float64) vg.Length, obstacles []vg.Rectangle) []vg.Rectangle {
	for i := range f.lanes {
		lf := &f.lanes[i]
		if !lf.dense {
			continue
		}
		sh := stripHeight(lf.band)
		lf.base = lf.band.Min.Y + 2
		starts := hs[i].starts
		for j, n := range hs[i].counts {
			if n == 0 {
				continue
			}
			x0 := vg.Length(math.Max(float64(xf(starts[j])), float64(c.Min.X)))
			end := t.Max
			if j+1 < len(starts) {
				end = starts[j+1]
			}
			x1 := vg.Length(math.Min(float64(xf(end)), float64(c.Max.X)))
			gap := vg.Length(math.Min(0.4, float64(x1-x0)/4))
			h := max(sh*vg.Length(n)/vg.Length(f.peak), 0.75)
			b := binGeom{box: vg.Rectangle{Min: vg.Point{X: x0 + gap/2, Y: lf.base}, Max: vg.Point{X: x1 - gap/2, Y: lf.base + h}}, count: n}
			lf.bins = append(lf.bins, b)
			obstacles = append(obstacles, b.box)
		}
	}
	return obstacles
}

// legendEntry is one entry of the legend before it is placed: its text,
// how its thumbnail is drawn (none for nil), and the kind it stands for
// (-1 for a form, a mix or a note).
type legendEntry struct {
	text   string
	draw   func(c draw.Canvas, r vg.Rectangle)
	kind   int
	marker bool
}

// legendNeeds is what the drawn marks need the legend to explain.
type legendNeeds struct {
	// shown tells, for each kind, whether some drawn mark has it; marker,
	// whether one of its events is drawn as a marker of its own shape.
	shown, marker []bool
	forms         map[Form]bool // the forms drawn
	mixedDay      bool          // a day's marker is a mix of kinds (a pie)
	mixedSpan     *group        // the first span drawn in stripes
	counts        bool          // some mark stands for several events ("×N")
}

// layoutLegend flows the legend entries in rows from the left of the
// lane names across c, and returns the height it takes. The legend
// explains every kind of mark drawn and nothing else: the kinds that
// appear in some drawn mark, each form that appears, a mix of kinds, the
// "×N" counts, the histograms and the outside arrows when there are any.
func (t *Timeline) layoutLegend(f *timelineLayout, c vg.Rectangle, gs []group) vg.Length {
	need := t.legendNeeds(gs)
	entries := t.kindEntries(need)
	entries = append(entries, t.formEntries(need)...)
	entries = append(entries, t.noteEntries(f, need)...)
	return t.flowLegend(f, c, entries)
}

// legendNeeds finds what the groups gs, as drawn, need the legend to
// explain.
func (t *Timeline) legendNeeds(gs []group) legendNeeds {
	n := legendNeeds{
		shown:  make([]bool, len(t.Kinds)),
		marker: make([]bool, len(t.Kinds)),
		forms:  map[Form]bool{},
	}
	for i, g := range gs {
		kinds := t.kindsOf(g)
		for _, k := range kinds {
			n.shown[k.kind] = true
		}
		if g.form == Point && len(kinds) == 1 {
			n.marker[kinds[0].kind] = true
		}
		n.forms[g.form] = true
		if len(kinds) > 1 {
			n.mixedDay = n.mixedDay || g.form == Point
			if g.form != Point && n.mixedSpan == nil {
				n.mixedSpan = &gs[i]
			}
		}
		n.counts = n.counts || len(g.members) > 1
	}
	return n
}

// kindEntries are the legend's entries of the kinds shown. A kind is
// shown with its marker when one of its events is drawn as a marker of
// its own shape; when its events appear only in bars, bands and
// intervals (as their colour or a stripe) or in pies, with a swatch of
// its colour: the legend shows no shape the chart lacks.
func (t *Timeline) kindEntries(need legendNeeds) []legendEntry {
	th := t.Theme
	var entries []legendEntry
	for i, k := range t.Kinds {
		if !need.shown[i] {
			continue
		}
		k := k
		if need.marker[i] {
			entries = append(entries, legendEntry{k.Name, func(c draw.Canvas, r vg.Rectangle) {
				cc := draw.Canvas{Canvas: c.Canvas, Rectangle: r}
				k.Thumbnail(&cc)
			}, i, true})
			continue
		}
		entries = append(entries, legendEntry{k.Name, func(c draw.Canvas, r vg.Rectangle) {
			h := th.MarkerRadius * 0.8
			mid := (r.Min.Y + r.Max.Y) / 2
			c.SetColor(k.Color)
			c.Fill(rect(r.Min.X+2, mid-h, r.Max.X-r.Min.X-4, 2*h).Path())
		}, i, false})
	}
	return entries
}

// legendMid is the middle height of a legend thumbnail's box.
func legendMid(r vg.Rectangle) vg.Length { return (r.Min.Y + r.Max.Y) / 2 }

// formEntries are the legend's entries of the forms drawn (bars, bands,
// intervals) and of the mixes of kinds: a pie in the colours of the
// first kinds shown; the stripes in the form and the kinds of the first
// striped span drawn.
func (t *Timeline) formEntries(need legendNeeds) []legendEntry {
	th := t.Theme
	grey := th.Muted
	mid := legendMid
	var entries []legendEntry
	if need.forms[Bar] {
		entries = append(entries, legendEntry{text: t.loc.T("chart.several_days"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			h := th.MarkerRadius * 0.8
			c.SetColor(grey)
			c.Fill(rect(r.Min.X, mid(r)-h, r.Max.X-r.Min.X, 2*h).Path())
		}})
	}
	if need.forms[Band] {
		entries = append(entries, legendEntry{text: t.loc.T("chart.month_band"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			t.drawBand(c, rect(r.Min.X, mid(r)-th.MarkerRadius*0.9, r.Max.X-r.Min.X, 1.8*th.MarkerRadius), Band, []color.Color{grey})
		}})
	}
	if need.forms[Interval] {
		entries = append(entries, legendEntry{text: t.loc.T("chart.interval_band"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			t.drawBand(c, rect(r.Min.X, mid(r)-th.MarkerRadius*0.75, r.Max.X-r.Min.X, 1.5*th.MarkerRadius), Interval, []color.Color{grey})
		}})
	}
	var cols []color.Color
	for i, k := range t.Kinds {
		if need.shown[i] && len(cols) < 3 {
			cols = append(cols, k.Color)
		}
	}
	if need.mixedDay {
		entries = append(entries, legendEntry{text: t.loc.T("chart.mixed_day"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			var ks []kindCount
			for i := range cols {
				ks = append(ks, kindCount{i, 1})
			}
			drawPie(c, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: mid(r)}, th.MarkerRadius*pieScale, ks, func(i int) color.Color { return cols[i] }, th)
		}})
	}
	if need.mixedSpan != nil {
		form := need.mixedSpan.form
		var scols []color.Color
		for _, k := range t.kindsOf(*need.mixedSpan) {
			scols = append(scols, t.Kinds[k.kind].Color)
		}
		entries = append(entries, legendEntry{text: t.loc.T("chart.mixed_span"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			if form == Bar {
				drawBar(c, rect(r.Min.X, mid(r)-th.MarkerRadius, r.Max.X-r.Min.X, 2*th.MarkerRadius), scols)
				return
			}
			t.drawBand(c, rect(r.Min.X, mid(r)-th.MarkerRadius, r.Max.X-r.Min.X, 2*th.MarkerRadius), form, scols)
		}})
	}
	return entries
}

// noteEntries are the legend's entries of the "×N" counts, the
// histograms of dense lanes and the arrows of events outside the window.
func (t *Timeline) noteEntries(f *timelineLayout, need legendNeeds) []legendEntry {
	th := t.Theme
	grey := th.Muted
	var entries []legendEntry
	if need.counts {
		entries = append(entries, legendEntry{text: t.loc.T("chart.count_mark"), kind: -1})
	}
	if f.peak > 0 {
		histo := lighten(th.Accent, 0.35)
		txt := t.loc.T("chart.histogram", "bin", t.loc.T("chart.bin_"+f.binBy), "n", f.peak)
		entries = append(entries, legendEntry{text: txt, kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			c.SetColor(histo)
			w := (r.Max.X - r.Min.X) / 4
			for i, h := range []vg.Length{0.5, 0.9, 0.35, 0.7} {
				x := r.Min.X + vg.Length(i)*w
				c.Fill(rect(x+0.3, r.Min.Y+1, w-0.6, (r.Max.Y-r.Min.Y-2)*h).Path())
			}
		}})
	}
	if t.hasBefore || t.hasAfter {
		entries = append(entries, legendEntry{text: t.loc.T("chart.outside"), kind: -1, draw: func(c draw.Canvas, r vg.Rectangle) {
			y := legendMid(r)
			drawArrow(c, vg.Point{X: r.Min.X + 1, Y: y}, -1, grey)
			drawArrow(c, vg.Point{X: r.Max.X - 1, Y: y}, +1, grey)
		}})
	}
	return entries
}

// flowLegend places the entries in rows from the left of the lane names
// across c, into f.legend, and returns the height they take.
func (t *Timeline) flowLegend(f *timelineLayout, c vg.Rectangle, entries []legendEntry) vg.Length {
	th := t.Theme
	sty := th.style(th.Font, th.LabelSize, th.Ink)
	f.legend = f.legend[:0]
	if len(entries) == 0 {
		return 0
	}
	e := sty.FontExtents()
	rowH := (e.Ascent + e.Descent) * 1.35
	thumbW := vg.Length(12)
	x0 := f.left
	x, y := x0, c.Max.Y-rowH
	for _, en := range entries {
		tw := thumbW + 3
		if en.draw == nil {
			tw = 0
		}
		w := tw + sty.Width(en.text)
		if x > x0 && x+w > c.Max.X {
			x = x0
			y -= rowH
		}
		m := y + rowH/2
		f.legend = append(f.legend, legendItem{
			thumb:  vg.Rectangle{Min: vg.Point{X: x, Y: m - rowH/2}, Max: vg.Point{X: x + thumbW, Y: m + rowH/2}},
			text:   en.text,
			at:     vg.Point{X: x + tw, Y: m - (e.Ascent-e.Descent)/2},
			draw:   en.draw,
			kind:   en.kind,
			marker: en.marker,
		})
		x += w + 12
	}
	return c.Max.Y - y
}

// Lightness of the fills of bands (month known) and intervals (only the
// year or a span known), as a mix with white.
const (
	bandLight     = 0.55
	intervalLight = 0.8
	// stripeLight is the lightness of an interval's stripes (a mix of
	// kinds): thin stripes as faint as a whole interval could not be
	// told apart, and the legend names the kinds by their colour.
	stripeLight = 0.6
)

// drawBand draws a band (month known) or an interval (year or span
// known) in r: one colour, or horizontal stripes for a mix of kinds. A
// band has a solid edge in its colour; an interval, fainter, a dotted one.
func (t *Timeline) drawBand(c draw.Canvas, r vg.Rectangle, form Form, cols []color.Color) {
	light := bandLight
	if form == Interval {
		light = intervalLight
		if len(cols) > 1 {
			light = stripeLight
		}
	}
	h := (r.Max.Y - r.Min.Y) / vg.Length(len(cols))
	for i, col := range cols {
		c.SetColor(lighten(col, light))
		c.Fill(rect(r.Min.X, r.Max.Y-vg.Length(i+1)*h, r.Max.X-r.Min.X, h).Path())
	}
	edge := draw.LineStyle{Color: lighten(cols[0], light-0.35), Width: t.Theme.LineWidth}
	if len(cols) > 1 {
		edge.Color = lighten(t.Theme.Muted, 0.3)
	}
	if form == Interval {
		edge.Dashes = []vg.Length{1, 1.5}
	}
	c.StrokeLines(edge, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min})
}

// drawBar draws a bar in r: one colour, or stripes for a mix of kinds.
func drawBar(c draw.Canvas, r vg.Rectangle, cols []color.Color) {
	h := (r.Max.Y - r.Min.Y) / vg.Length(len(cols))
	for i, col := range cols {
		c.SetColor(col)
		c.Fill(rect(r.Min.X, r.Max.Y-vg.Length(i+1)*h, r.Max.X-r.Min.X, h).Path())
	}
}

// drawPie draws a disc of radius r at pt divided into sectors, one per
// kind, in proportion to their counts: a mix of kinds on one day.
func drawPie(c draw.Canvas, pt vg.Point, r vg.Length, ks []kindCount, colorOf func(int) color.Color, th Theme) {
	total := 0
	for _, k := range ks {
		total += k.n
	}
	a := math.Pi / 2
	for _, k := range ks {
		sweep := 2 * math.Pi * float64(k.n) / float64(total)
		var p vg.Path
		p.Move(pt)
		// Small steps: ArcTo approximates small sweeps poorly on some canvases.
		steps := int(math.Ceil(sweep/(math.Pi/16))) + 1
		for i := 0; i <= steps; i++ {
			b := a - sweep*float64(i)/float64(steps)
			p.Line(vg.Point{X: pt.X + r*vg.Length(math.Cos(b)), Y: pt.Y + r*vg.Length(math.Sin(b))})
		}
		p.Close()
		c.SetColor(colorOf(k.kind))
		c.Fill(p)
		a -= sweep
	}
	var o vg.Path
	o.Move(vg.Point{X: pt.X + r, Y: pt.Y})
	o.Arc(pt, r, 0, 2*math.Pi)
	o.Close()
	c.SetLineStyle(draw.LineStyle{Color: th.Background, Width: th.LineWidth})
	c.Stroke(o)
}

// drawArrow draws a small triangle pointing left (dir < 0) or right with
// its tip at tip.
func drawArrow(c draw.Canvas, tip vg.Point, dir float64, col color.Color) {
	d := vg.Length(dir)
	var p vg.Path
	p.Move(tip)
	p.Line(vg.Point{X: tip.X - d*arrowSize, Y: tip.Y + arrowSize*0.6})
	p.Line(vg.Point{X: tip.X - d*arrowSize, Y: tip.Y - arrowSize*0.6})
	p.Close()
	c.SetColor(col)
	c.Fill(p)
}

// Plot implements plot.Plotter: it lays the timeline out on c (the size
// decides which lanes are dense and which labels fit) and draws it.
func (t *Timeline) Plot(c draw.Canvas, plt *plot.Plot) {
	f := t.layout(c, plt)
	t.draw(c, f)
}

// drawWords draws words from x on the baseline y, the bold ones in bold.
func drawWords(c draw.Canvas, bold, reg text.Style, x, y vg.Length, words []word) {
	for i, w := range words {
		if i > 0 {
			x += reg.Width(" ")
		}
		sty := reg
		if w.bold {
			sty = bold
		}
		fillText(c, sty, x, y, w.text)
		x += sty.Width(w.text)
	}
}

// draw draws the laid-out timeline f on c, from the back to the front.
func (t *Timeline) draw(c draw.Canvas, f *timelineLayout) {
	t.drawGrid(c, f)
	t.drawLaneNames(c, f)
	t.drawOutside(c, f)
	t.drawHistograms(c, f)
	t.drawMarks(c, f)
	t.drawNotes(c, f)
	t.drawLabels(c, f)
	t.drawAxis(c, f)
	t.drawKey(c, f)
	t.drawLegend(c, f)
}

// drawGrid draws the gridlines and the lane separators; the strip is
// set off by a stronger rule.
func (t *Timeline) drawGrid(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	thin := draw.LineStyle{Color: th.Grid, Width: th.LineWidth}
	right := f.area.Max.X + t.rightMargin()
	for _, g := range f.grid {
		sty := thin
		if g.year {
			sty.Color = lighten(th.Muted, 0.45)
		}
		c.StrokeLine2(sty, g.x, f.area.Min.Y, g.x, f.area.Max.Y)
	}
	for i, lf := range f.lanes {
		if i > 0 {
			sty := thin
			if lf.rows > 0 {
				sty.Color = lighten(th.Muted, 0.3)
			}
			c.StrokeLine2(sty, f.left, lf.band.Max.Y, right, lf.band.Max.Y)
		}
	}
}

// drawLaneNames draws the lane names (and the strip's, muted),
// vertically centred on the marker row.
func (t *Timeline) drawLaneNames(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	for i, lf := range f.lanes {
		sty := th.style(th.Bold, th.TextSize, th.Ink)
		var lines []string
		if i < len(t.laneLines) {
			lines = t.laneLines[i]
		} else {
			lines = t.stripLines()
			sty = t.stripStyle()
		}
		ne := sty.FontExtents()
		lineH := (ne.Ascent + ne.Descent) * 1.15
		total := lineH * vg.Length(len(lines))
		y := lf.row + total/2 - ne.Ascent
		for _, s := range lines {
			fillText(c, sty, f.left, y, s)
			y -= lineH
		}
	}
}

// drawOutside draws the arrows and counts of the events outside the window.
func (t *Timeline) drawOutside(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	r := th.MarkerRadius
	small := th.style(th.Font, th.LabelSize, th.Muted)
	se := small.FontExtents()
	for _, lf := range f.lanes {
		base := lf.row - (se.Ascent-se.Descent)/2
		if lf.before > 0 {
			tip := f.canvas.Min.X - r - nameGap/2 - t.outWidth - 2 - arrowSize
			drawArrow(c, vg.Point{X: tip, Y: lf.row}, -1, th.Muted)
			fillText(c, small, tip+arrowSize+2, base, strconv.Itoa(lf.before))
		}
		if lf.after > 0 {
			x := f.canvas.Max.X + r*1.2 + nameGap/2
			fillText(c, small, x, base, strconv.Itoa(lf.after))
			drawArrow(c, vg.Point{X: x + t.outWidth + 2 + arrowSize, Y: lf.row}, +1, th.Muted)
		}
	}
}

// drawHistograms draws the histograms of dense lanes.
func (t *Timeline) drawHistograms(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	histo := lighten(th.Accent, 0.35)
	for _, lf := range f.lanes {
		c.SetColor(histo)
		for _, b := range lf.bins {
			if b.count > 0 {
				c.Fill(b.box.Path())
			}
		}
	}
}

// drawMarks draws the marks: intervals, then bands, then bars, then markers on top.
func (t *Timeline) drawMarks(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	r := th.MarkerRadius
	colors := func(g markGeom) []color.Color {
		out := make([]color.Color, len(g.kinds))
		for i, k := range g.kinds {
			out[i] = t.Kinds[k.kind].Color
		}
		return out
	}
	for _, form := range []Form{Interval, Band, Bar, Point} {
		for _, g := range f.marks {
			if g.form != form {
				continue
			}
			switch form {
			case Interval, Band:
				t.drawBand(c, g.box, form, colors(g))
			case Bar:
				drawBar(c, g.box, colors(g))
			default:
				if len(g.kinds) > 1 {
					drawPie(c, g.center, r*pieScale, g.kinds, func(i int) color.Color { return t.Kinds[i].Color }, th)
				} else {
					g.shape.draw(c, g.center, r, g.color, false, th.Background, th.LineWidth)
				}
			}
		}
	}
}

// drawNotes draws the counts of coinciding marks.
func (t *Timeline) drawNotes(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	noteSty := th.style(th.Font, th.LabelSize*noteScale, th.Muted)
	for _, n := range f.notes {
		fillText(c, noteSty, n.box.Min.X, n.box.Min.Y+noteSty.FontExtents().Descent, n.text)
	}
}

// drawLabels draws the labels with their leaders, each line set towards its mark.
func (t *Timeline) drawLabels(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	ms := t.newMeasurer()
	lead := draw.LineStyle{Color: th.Muted, Width: th.LineWidth}
	bold := th.style(th.Bold, th.LabelSize, th.Ink)
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	le := reg.FontExtents()
	for _, l := range f.labels {
		p := l.place
		if p.leader {
			c.StrokeLine2(lead, p.from.X, p.from.Y, p.to.X, p.to.Y)
		}
		y := p.box.Max.Y - le.Ascent
		for _, ln := range l.lines {
			x := p.box.Min.X
			if p.right {
				x = p.box.Max.X - ms.run(ln)
			}
			drawWords(c, bold, reg, x, y, ln)
			y -= le.Ascent + le.Descent + labelLeading
		}
	}
}

// drawAxis draws the date axis: a line under the lanes, the period names under it.
func (t *Timeline) drawAxis(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	c.StrokeLine2(draw.LineStyle{Color: th.Muted, Width: th.LineWidth}, f.area.Min.X, f.axisY, f.area.Max.X, f.axisY)
	tickSty := th.style(th.Font, th.TextSize, th.Muted)
	te := tickSty.FontExtents()
	for _, tk := range f.ticks {
		y := f.axisY - axisGap - te.Ascent
		for _, s := range tk.lines {
			fillText(c, tickSty, tk.x-tickSty.Width(s)/2, y, s)
			y -= te.Ascent + te.Descent
		}
	}
}

// drawKey draws the numbered key, and what could not be labelled.
func (t *Timeline) drawKey(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	bold := th.style(th.Bold, th.LabelSize, th.Ink)
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	ke := reg.FontExtents()
	for _, en := range f.key {
		y := en.at.Y
		for _, ln := range en.lines {
			drawWords(c, bold, reg, en.at.X, y, ln)
			y -= (ke.Ascent + ke.Descent) * 1.15
		}
	}
	if f.keyNote != "" {
		fillText(c, th.style(th.Font, th.LabelSize, th.Muted), f.keyNoteAt.X, f.keyNoteAt.Y, f.keyNote)
	}
}

// drawLegend draws the legend.
func (t *Timeline) drawLegend(c draw.Canvas, f *timelineLayout) {
	th := t.Theme
	legSty := th.style(th.Font, th.LabelSize, th.Ink)
	for _, it := range f.legend {
		if it.draw != nil {
			it.draw(c, it.thumb)
		}
		fillText(c, legSty, it.at.X, it.at.Y, it.text)
	}
}
