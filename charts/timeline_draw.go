package charts

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Plot implements plot.Plotter: it lays the timeline out on c (the size
// decides which lanes are dense and which labels fit) and draws it.
func (t *Timeline) Plot(c draw.Canvas, plt *plot.Plot) {
	f := t.layout(c, plt)
	t.draw(c, f)
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
