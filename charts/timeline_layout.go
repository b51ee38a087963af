package charts

import (
	"image/color"
	"math"
	"sort"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// frame is the timeline laid out on a canvas: every position in points.
// Plot computes it and draws it; tests inspect it.
type frame struct {
	canvas vg.Rectangle // the data canvas (the window's x extent)
	area   vg.Rectangle // the lanes: canvas less the legend; labels stay inside
	left   vg.Length    // x where lane names start

	legend []legendItem
	lanes  []laneFrame
	marks  []markGeom
	labels []labelGeom
	notes  []noteGeom // small texts drawn as obstacles (counts of coinciding marks)
	grid   []gridLine

	binBy string // histogram bin of dense lanes: "day", "week", "month", "quarter" or "year"
	peak  int    // the tallest bin's count
}

type laneFrame struct {
	band   vg.Rectangle // the lane's share of area
	row    vg.Length    // y of the marker row
	dense  bool         // drawn as a histogram of counts
	base   vg.Length    // baseline of the histogram
	bins   []binGeom
	before int
	after  int
}

type binGeom struct {
	box   vg.Rectangle
	count int
}

// markGeom is one drawn mark: a marker, a bar or a band with its marker.
type markGeom struct {
	mark   int          // index into Timeline.Marks
	form   Form         // Point, Bar or Band
	box    vg.Rectangle // the marker's box (the bar's for a Bar)
	center vg.Point
	band   vg.Rectangle // for a Band: its light rectangle
	shape  Shape
	color  color.Color
	count  int // marks drawn as this one (coincident events)
}

type labelGeom struct {
	mark        int // index into Timeline.Marks
	place       placement
	date, title string
	dateW       vg.Length
}

type noteGeom struct {
	box  vg.Rectangle
	text string
}

type gridLine struct {
	x    vg.Length
	year bool
}

type legendItem struct {
	thumb vg.Rectangle // where the thumbnail is drawn
	text  string
	at    vg.Point // text baseline start
	draw  func(c draw.Canvas, r vg.Rectangle)
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

// layout lays the timeline out on c, the plot's data canvas.
func (t *Timeline) layout(c draw.Canvas, plt *plot.Plot) *frame {
	th := t.Theme
	r := th.MarkerRadius
	xf := func(v float64) vg.Length { return c.X(plt.X.Norm(v)) }
	f := &frame{canvas: c.Rectangle, left: c.Min.X - t.leftMargin()}
	n := len(t.Lanes)

	// Which lanes are too dense for single marks (this depends on the
	// width only), and their counts, which the legend speaks of.
	xs := make([][]vg.Length, n)
	for _, m := range t.Marks {
		if m.Form != Before && m.Form != After {
			xs[m.Lane] = append(xs[m.Lane], xf(m.X))
		}
	}
	dense := make([]bool, n)
	for i := range dense {
		dense[i] = crowded(xs[i], r)
	}
	hists := t.histograms(f, dense, xf)

	// Legend, flowed in rows across the top.
	legendH := t.layoutLegend(f, c.Rectangle)
	f.area = c.Rectangle
	f.area.Max.Y -= legendH
	if legendH > 0 {
		f.area.Max.Y -= legendGap
	}
	if f.area.Max.Y < f.area.Min.Y {
		f.area.Max.Y = f.area.Min.Y
	}

	// Gridlines at the ticker's period boundaries.
	for _, tk := range plt.X.Tick.Marker.Ticks(plt.X.Min, plt.X.Max) {
		if tk.IsMinor() && tk.Value > plt.X.Min && tk.Value < plt.X.Max {
			tm := fromUnix(tk.Value)
			f.grid = append(f.grid, gridLine{x: xf(tk.Value), year: tm.Month() == time.January && tm.Day() == 1})
		}
	}

	// Lanes, top to bottom: each gets room for its name and markers, and
	// the rest of the height is shared by the number of labels it wants.
	f.lanes = make([]laneFrame, n)
	heights := t.laneHeights(f.area.Max.Y - f.area.Min.Y)
	top := f.area.Max.Y
	var bandH vg.Length
	for i, l := range t.Lanes {
		h := heights[i]
		bandH = max(bandH, h)
		band := vg.Rectangle{Min: vg.Point{X: f.area.Min.X, Y: top - h}, Max: vg.Point{X: f.area.Max.X, Y: top}}
		f.lanes[i] = laneFrame{band: band, row: top - h/2, before: l.Before, after: l.After, dense: dense[i]}
		top -= h
	}

	// Marks.
	var obstacles []vg.Rectangle
	markBox := map[int]int{} // mark index → obstacle index of its marker
	type spot struct {
		lane       int
		form       Form
		start, end float64
	}
	same := map[spot]int{} // first mark drawn at a spot → index into f.marks
	keep := t.thinKeys(f, xf)
	obstacles = t.layoutBins(f, hists, c.Rectangle, xf, obstacles)
	for mi, m := range t.Marks {
		if m.Form == Before || m.Form == After {
			continue
		}
		lf := &f.lanes[m.Lane]
		k := t.Kinds[m.Kind]
		g := markGeom{mark: mi, form: m.Form, shape: k.Shape, color: k.Color}
		row := lf.row
		if lf.dense {
			if m.Label == "" {
				continue
			}
			// Key events stand on a row of their own above the counts,
			// thinned so that their markers do not pile up either.
			if !keep[mi] {
				continue
			}
			row = lf.base + stripHeight(lf.band) + r + 1.5
			g.form = Point
		}
		if !lf.dense && (m.Form == Band || m.Form == Point) {
			// Marks that coincide (same lane, same day or same span) are
			// drawn once, with their number beside them; a key event
			// stands for the group.
			key := spot{m.Lane, m.Form, m.Start, m.End}
			if j, ok := same[key]; ok {
				first := &f.marks[j]
				first.count++
				if m.Label != "" && t.Marks[first.mark].Label == "" {
					markBox[mi] = markBox[first.mark]
					first.mark = mi
				}
				continue
			}
			same[key] = len(f.marks)
		}
		g.count = 1
		ext := k.Shape.extent(r)
		switch g.form {
		case Bar:
			x0, x1 := xf(max(m.Start, t.Min)), xf(min(m.End, t.Max))
			if x1-x0 < r {
				x1 = x0 + r
			}
			h := r * 0.8
			g.box = vg.Rectangle{Min: vg.Point{X: x0, Y: row - h}, Max: vg.Point{X: x1, Y: row + h}}
			g.center = vg.Point{X: x0, Y: row}
		case Band:
			x0, x1 := xf(max(m.Start, t.Min)), xf(min(m.End, t.Max))
			g.center = vg.Point{X: xf(m.X), Y: row}
			g.band = vg.Rectangle{Min: vg.Point{X: x0, Y: row - r*0.9}, Max: vg.Point{X: x1, Y: row + r*0.9}}
			g.box = vg.Rectangle{Min: vg.Point{X: g.center.X - ext, Y: row - ext}, Max: vg.Point{X: g.center.X + ext, Y: row + ext}}
			obstacles = append(obstacles, g.band)
		default:
			x := xf(m.X)
			if lf.dense {
				x = xf(max(m.Start, t.Min))
			}
			g.center = vg.Point{X: x, Y: row}
			g.box = vg.Rectangle{Min: vg.Point{X: x - ext, Y: row - ext}, Max: vg.Point{X: x + ext, Y: row + ext}}
		}
		markBox[mi] = len(obstacles)
		obstacles = append(obstacles, g.box)
		f.marks = append(f.marks, g)
	}

	// Counts beside coinciding marks, where they fit.
	t.layoutCounts(f, &obstacles)

	// Labels for key events, in date order.
	dateSty := th.style(th.Bold, th.LabelSize, th.Ink)
	titleSty := th.style(th.Font, th.LabelSize, th.Ink)
	space := titleSty.Width(" ")
	e := titleSty.FontExtents()
	h := e.Ascent + e.Descent
	var reqs []labelRequest
	var geoms []labelGeom
	for _, g := range f.marks {
		m := t.Marks[g.mark]
		if m.Label == "" {
			continue
		}
		lf := f.lanes[m.Lane]
		dw := dateSty.Width(m.Date)
		w := dw + space + titleSty.Width(m.Label)
		ax := g.center.X
		if g.form == Bar {
			ax = g.box.Min.X + min(r, (g.box.Max.X-g.box.Min.X)/2)
		}
		band := lf.band
		band.Min.Y += 1
		band.Max.Y -= 1
		reqs = append(reqs, labelRequest{anchor: g.box, self: markBox[g.mark], ax: ax, w: w, h: h, band: band})
		geoms = append(geoms, labelGeom{mark: g.mark, date: m.Date, title: m.Label, dateW: dw})
	}
	levels := int(bandH/(h+2)) + 1
	pl := placer{area: f.area, gap: 1.5, levels: max(levels, 1)}
	places := pl.place(obstacles, reqs, t.MaxLabels)
	for i, p := range places {
		if p.ok {
			geoms[i].place = p
			f.labels = append(f.labels, geoms[i])
		}
	}
	return f
}

// thinKeys chooses the key events drawn in dense lanes: from left to
// right, one is kept when its marker clears the last one kept.
func (t *Timeline) thinKeys(f *frame, xf func(float64) vg.Length) map[int]bool {
	type key struct {
		mark int
		x    vg.Length
	}
	perLane := make([][]key, len(f.lanes))
	for mi, m := range t.Marks {
		if m.Label != "" && m.Form != Before && m.Form != After && f.lanes[m.Lane].dense {
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
		if m.Label != "" {
			wants[m.Lane]++
		}
	}
	var need vg.Length
	mins := make([]vg.Length, n)
	var total float64
	for i := range t.Lanes {
		mins[i] = max(line*vg.Length(len(t.laneLines[i])), 2*t.Theme.MarkerRadius*1.25) + 8
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

// noteScale is the size of counts beside marks relative to LabelSize:
// small enough that their text box is no taller than a marker, so that a
// label can sit over a row of marks and counts alike.
const noteScale = 0.8

// layoutCounts puts "×n" beside marks that stand for n coinciding events,
// on the right if it is free, else on the left, else nowhere. A count may
// lie over a light band (its own mark's, often) but not over a marker, a
// bar, a histogram bar or another note.
func (t *Timeline) layoutCounts(f *frame, obstacles *[]vg.Rectangle) {
	sty := t.Theme.style(t.Theme.Font, t.Theme.LabelSize*noteScale, t.Theme.Muted)
	e := sty.FontExtents()
	var solid []vg.Rectangle
	for _, g := range f.marks {
		solid = append(solid, g.box)
	}
	for _, lf := range f.lanes {
		for _, b := range lf.bins {
			solid = append(solid, b.box)
		}
	}
	for _, n := range f.notes {
		solid = append(solid, n.box)
	}
	for _, g := range f.marks {
		if g.count < 2 {
			continue
		}
		s := "×" + strconv.Itoa(g.count)
		w := sty.Width(s)
		base := g.center.Y - (e.Ascent-e.Descent)/2
		for _, x := range []vg.Length{g.box.Max.X + 1, g.box.Min.X - 1 - w} {
			box := textBox(sty, s, x, base)
			if !inside(box, f.area) {
				continue
			}
			free := true
			for _, o := range solid {
				if overlaps(box, o) {
					free = false
					break
				}
			}
			if free {
				f.notes = append(f.notes, noteGeom{box: box, text: s})
				*obstacles = append(*obstacles, box)
				solid = append(solid, box)
				break
			}
		}
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
		if m.Lane != i || m.Form == Before || m.Form == After {
			continue
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
// frame's bin unit and peak (the tallest bin of any lane).
func (t *Timeline) histograms(f *frame, dense []bool, xf func(float64) vg.Length) []hist {
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
func (t *Timeline) layoutBins(f *frame, hs []hist, c vg.Rectangle, xf func(float64) vg.Length, obstacles []vg.Rectangle) []vg.Rectangle {
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

// layoutLegend flows the legend entries in rows from the left of the
// lane names across c, and returns the height it takes.
func (t *Timeline) layoutLegend(f *frame, c vg.Rectangle) vg.Length {
	th := t.Theme
	sty := th.style(th.Font, th.LabelSize, th.Ink)
	type entry struct {
		text string
		draw func(c draw.Canvas, r vg.Rectangle)
	}
	var entries []entry
	for _, k := range t.Kinds {
		k := k
		entries = append(entries, entry{k.Name, func(c draw.Canvas, r vg.Rectangle) {
			cc := draw.Canvas{Canvas: c.Canvas, Rectangle: r}
			k.Thumbnail(&cc)
		}})
	}
	grey := th.Muted
	if t.hasBar {
		entries = append(entries, entry{"Several days", func(c draw.Canvas, r vg.Rectangle) {
			y := (r.Min.Y + r.Max.Y) / 2
			h := th.MarkerRadius * 0.8
			c.SetColor(grey)
			c.Fill(rect(r.Min.X, y-h, r.Max.X-r.Min.X, 2*h).Path())
		}})
	}
	if t.hasBand {
		entries = append(entries, entry{"Month or year only", func(c draw.Canvas, r vg.Rectangle) {
			y := (r.Min.Y + r.Max.Y) / 2
			rr := th.MarkerRadius
			c.SetColor(lighten(grey, 0.82))
			c.Fill(rect(r.Min.X, y-rr*0.9, r.Max.X-r.Min.X, 1.8*rr).Path())
			Circle.draw(c, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: y}, rr, grey, true, th.Background, th.LineWidth)
		}})
	}
	if f.peak > 0 {
		histo := lighten(th.Accent, 0.35)
		txt := "Events per " + f.binBy + " (tallest bar " + strconv.Itoa(f.peak) + ")"
		entries = append(entries, entry{txt, func(c draw.Canvas, r vg.Rectangle) {
			c.SetColor(histo)
			w := (r.Max.X - r.Min.X) / 4
			for i, h := range []vg.Length{0.5, 0.9, 0.35, 0.7} {
				x := r.Min.X + vg.Length(i)*w
				c.Fill(rect(x+0.3, r.Min.Y+1, w-0.6, (r.Max.Y-r.Min.Y-2)*h).Path())
			}
		}})
	}
	if t.hasBefore || t.hasAfter {
		entries = append(entries, entry{"Outside the period (count)", func(c draw.Canvas, r vg.Rectangle) {
			y := (r.Min.Y + r.Max.Y) / 2
			drawArrow(c, vg.Point{X: r.Min.X + 1, Y: y}, -1, grey)
			drawArrow(c, vg.Point{X: r.Max.X - 1, Y: y}, +1, grey)
		}})
	}
	if len(entries) == 0 {
		return 0
	}
	e := sty.FontExtents()
	rowH := (e.Ascent + e.Descent) * 1.35
	thumbW := vg.Length(12)
	x0 := f.left
	x, y := x0, c.Max.Y-rowH
	for _, en := range entries {
		w := thumbW + 3 + sty.Width(en.text)
		if x > x0 && x+w > c.Max.X {
			x = x0
			y -= rowH
		}
		mid := y + rowH/2
		base := mid - (e.Ascent-e.Descent)/2
		f.legend = append(f.legend, legendItem{
			thumb: vg.Rectangle{Min: vg.Point{X: x, Y: mid - rowH/2}, Max: vg.Point{X: x + thumbW, Y: mid + rowH/2}},
			text:  en.text,
			at:    vg.Point{X: x + thumbW + 3, Y: base},
			draw:  en.draw,
		})
		x += w + 12
	}
	return c.Max.Y - y
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

func (t *Timeline) draw(c draw.Canvas, f *frame) {
	th := t.Theme
	r := th.MarkerRadius
	thin := draw.LineStyle{Color: th.Grid, Width: th.LineWidth}

	// Gridlines and lane separators.
	for _, g := range f.grid {
		sty := thin
		if g.year {
			sty.Color = lighten(th.Muted, 0.45)
		}
		c.StrokeLine2(sty, g.x, f.area.Min.Y, g.x, f.area.Max.Y)
	}
	for i, lf := range f.lanes {
		if i > 0 {
			c.StrokeLine2(thin, f.left, lf.band.Max.Y, f.area.Max.X+t.rightMargin(), lf.band.Max.Y)
		}
	}

	// Lane names, vertically centred on the marker row.
	nameSty := th.style(th.Bold, th.TextSize, th.Ink)
	ne := nameSty.FontExtents()
	lineH := (ne.Ascent + ne.Descent) * 1.15
	for i, lf := range f.lanes {
		lines := t.laneLines[i]
		total := lineH * vg.Length(len(lines))
		y := lf.row + total/2 - ne.Ascent
		for _, s := range lines {
			fillText(c, nameSty, f.left, y, s)
			y -= lineH
		}
	}

	// Outside-window arrows and counts.
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

	// Histograms of dense lanes and their captions.
	histo := lighten(th.Accent, 0.35)
	for _, lf := range f.lanes {
		c.SetColor(histo)
		for _, b := range lf.bins {
			if b.count > 0 {
				c.Fill(b.box.Path())
			}
		}
	}

	// Bands, then bars, then markers on top.
	for _, g := range f.marks {
		if g.form == Band {
			c.SetColor(lighten(g.color, 0.82))
			c.Fill(g.band.Path())
		}
	}
	for _, g := range f.marks {
		if g.form == Bar {
			c.SetColor(g.color)
			c.Fill(g.box.Path())
		}
	}
	for _, g := range f.marks {
		switch g.form {
		case Point:
			g.shape.draw(c, g.center, r, g.color, false, th.Background, th.LineWidth)
		case Band:
			g.shape.draw(c, g.center, r, g.color, true, th.Background, th.LineWidth)
		}
	}

	// Notes: dense-lane captions and counts of coinciding marks.
	noteSty := th.style(th.Font, th.LabelSize*noteScale, th.Muted)
	for _, n := range f.notes {
		fillText(c, noteSty, n.box.Min.X, n.box.Min.Y+noteSty.FontExtents().Descent, n.text)
	}

	// Labels with their leaders.
	lead := draw.LineStyle{Color: th.Muted, Width: th.LineWidth}
	dateSty := th.style(th.Bold, th.LabelSize, th.Ink)
	titleSty := th.style(th.Font, th.LabelSize, th.Ink)
	le := titleSty.FontExtents()
	space := titleSty.Width(" ")
	for _, l := range f.labels {
		p := l.place
		if p.leader {
			c.StrokeLine2(lead, p.from.X, p.from.Y, p.to.X, p.to.Y)
		}
		base := p.box.Min.Y + le.Descent
		fillText(c, dateSty, p.box.Min.X, base, l.date)
		fillText(c, titleSty, p.box.Min.X+l.dateW+space, base, l.title)
	}

	// Legend.
	legSty := th.style(th.Font, th.LabelSize, th.Ink)
	for _, it := range f.legend {
		it.draw(c, it.thumb)
		fillText(c, legSty, it.at.X, it.at.Y, it.text)
	}
}
