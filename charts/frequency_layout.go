package charts

import (
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

const countGap = 3 // between a bar's end and its count

// freqFrame is the frequency chart laid out on a canvas.
type freqFrame struct {
	area   vg.Rectangle // the rows, below the legend
	legend []legendItem
	bars   []vg.Rectangle // one per row
	rowY   []vg.Length    // centre of each row
	rowH   vg.Length      // distance between rows
	others vg.Length      // centre of the "others" line
}

func (f *Frequency) layout(c draw.Canvas, plt *plot.Plot) *freqFrame {
	th := f.Theme
	ff := &freqFrame{}
	left := c.Min.X - f.nameWidth - nameGap
	// Legend of parties, flowed in rows from the left of the names.
	var entries []PartyStyle
	entries = append(entries, f.Parties...)
	for _, r := range f.Rows {
		if r.Party < 0 {
			entries = append(entries, PartyStyle{Name: f.loc.T("chart.no_party"), Color: f.noParty()})
			break
		}
	}
	legendH := vg.Length(0)
	if len(entries) > 0 {
		sty := th.style(th.Font, th.LabelSize, th.Ink)
		e := sty.FontExtents()
		rowH := (e.Ascent + e.Descent) * 1.35
		thumbW := vg.Length(10)
		x, y := left, c.Max.Y-rowH
		for _, p := range entries {
			p := p
			w := thumbW + 3 + sty.Width(p.Name)
			if x > left && x+w > c.Max.X {
				x, y = left, y-rowH
			}
			mid := y + rowH/2
			ff.legend = append(ff.legend, legendItem{
				thumb: vg.Rectangle{Min: vg.Point{X: x, Y: mid - rowH/2}, Max: vg.Point{X: x + thumbW, Y: mid + rowH/2}},
				text:  p.Name,
				at:    vg.Point{X: x + thumbW + 3, Y: mid - (e.Ascent-e.Descent)/2},
				draw: func(c draw.Canvas, r vg.Rectangle) {
					cc := draw.Canvas{Canvas: c.Canvas, Rectangle: r}
					p.Thumbnail(&cc)
				},
			})
			x += w + 12
		}
		legendH = c.Max.Y - y + legendGap
	}
	ff.area = c.Rectangle
	ff.area.Max.Y -= legendH
	n := len(f.Rows)
	if f.Others > 0 {
		n++
	}
	rowH := (ff.area.Max.Y - ff.area.Min.Y) / vg.Length(max(n, 1))
	ff.rowH = rowH
	barH := min(rowH*0.62, 14)
	xf := func(v float64) vg.Length { return c.X(plt.X.Norm(v)) }
	for i, r := range f.Rows {
		y := ff.area.Max.Y - (vg.Length(i)+0.5)*rowH
		ff.rowY = append(ff.rowY, y)
		ff.bars = append(ff.bars, vg.Rectangle{
			Min: vg.Point{X: xf(0), Y: y - barH/2},
			Max: vg.Point{X: xf(float64(r.Events)), Y: y + barH/2},
		})
	}
	ff.others = ff.area.Max.Y - (vg.Length(len(f.Rows))+0.5)*rowH
	return ff
}

// Plot implements plot.Plotter.
func (f *Frequency) Plot(c draw.Canvas, plt *plot.Plot) {
	th := f.Theme
	ff := f.layout(c, plt)
	nameSty := th.style(th.Font, th.TextSize, th.Ink)
	ne := nameSty.FontExtents()
	countSty := th.style(th.Font, th.LabelSize, th.Ink)
	ce := countSty.FontExtents()
	for i, r := range f.Rows {
		col := f.noParty()
		if r.Party >= 0 {
			col = f.Parties[r.Party].Color
		}
		b := ff.bars[i]
		c.SetColor(col)
		c.Fill(b.Path())
		y := ff.rowY[i]
		right := c.Min.X - nameGap
		switch {
		case r.Role != "" && f.twoLines(ff.rowH):
			// Name over role, the pair centred on the bar.
			rs := f.roleStyle()
			re := rs.FontExtents()
			h := (ne.Ascent + ne.Descent + re.Ascent + re.Descent) * 1.05
			top := y + h/2
			fillText(c, nameSty, right-nameSty.Width(r.Name), top-ne.Ascent, r.Name)
			fillText(c, rs, right-rs.Width(r.Role), y-h/2+re.Descent, r.Role)
		default:
			fillText(c, nameSty, right-nameSty.Width(r.Name), y-(ne.Ascent-ne.Descent)/2, r.Name)
		}
		fillText(c, countSty, b.Max.X+countGap, y-(ce.Ascent-ce.Descent)/2, strconv.Itoa(r.Events))
	}
	// Baseline at zero.
	if len(ff.bars) > 0 {
		top, bot := ff.bars[0].Max.Y, ff.bars[len(ff.bars)-1].Min.Y
		c.StrokeLine2(draw.LineStyle{Color: th.Ink, Width: th.LineWidth}, ff.bars[0].Min.X, top+1, ff.bars[0].Min.X, bot-1)
	}
	if f.Others > 0 {
		sty := f.othersStyle()
		s := f.othersText()
		e := sty.FontExtents()
		x := c.Min.X + countGap
		if sty.Width(s) > c.Max.X-x {
			x = c.Min.X - f.nameWidth - nameGap // a long line starts under the names
		}
		fillText(c, sty, x, ff.others-(e.Ascent-e.Descent)/2, truncate(sty, s, c.Max.X-x))
	}
	legSty := th.style(th.Font, th.LabelSize, th.Ink)
	for _, it := range ff.legend {
		it.draw(c, it.thumb)
		fillText(c, legSty, it.at.X, it.at.Y, it.text)
	}
}
