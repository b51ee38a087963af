package charts

import (
	"fmt"
	"image/color"
	"strconv"

	"github.com/briefing-pdf/briefing/data"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FrequencyOptions configure NewActorFrequency.
type FrequencyOptions struct {
	// Top is how many actors get a bar; 0 means 12. When more actors
	// take part in events, a last line says how many others there are.
	Top int
	// ShowRole adds each actor's role under its name, in smaller muted
	// type, when the rows are far enough apart for two lines.
	ShowRole bool
	// Theme is the look; zero fields take DefaultTheme values.
	Theme Theme
	// NameWidth caps the width of a name (cut with an ellipsis beyond
	// it); 0 means 150 pt.
	NameWidth vg.Length
}

// Frequency is a plot.Plotter of horizontal bars, one per actor, most
// events first (ties by name, as b.ActorFrequency orders them), each bar
// coloured by the actor's party and ending in its count. It draws the
// actors' names to the left of the bars and a legend of parties above
// them. It implements plot.DataRanger (x from 0 to the largest count) and
// plot.GlyphBoxer (room for names and counts).
type Frequency struct {
	Rows    []FrequencyRow
	Parties []PartyStyle // in order of first appearance in Rows
	// Others is the number of actors with events beyond the top rows;
	// OthersMin and OthersMax bound their counts.
	Others, OthersMin, OthersMax int

	Theme Theme

	maxCount   int
	nameWidth  vg.Length
	countWidth vg.Length
}

// FrequencyRow is one bar.
type FrequencyRow struct {
	Actor  *data.Actor
	Name   string // as displayed, cut to fit
	Role   string // as displayed under the name when ShowRole, cut to fit
	Events int
	Party  int // index into Parties; -1 when the actor has no party
}

// PartyStyle is a party's colour. It is a plot.Thumbnailer.
type PartyStyle struct {
	ID    data.ID
	Name  string
	Color color.Color
}

var _ plot.Thumbnailer = PartyStyle{}

// Thumbnail draws a square swatch of the party's colour in c.
func (p PartyStyle) Thumbnail(c *draw.Canvas) {
	s := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y) * 0.7
	ctr := c.Center()
	c.SetColor(p.Color)
	c.Fill(rect(ctr.X-s/2, ctr.Y-s/2, s, s).Path())
}

var (
	_ plot.Plotter    = (*Frequency)(nil)
	_ plot.DataRanger = (*Frequency)(nil)
	_ plot.GlyphBoxer = (*Frequency)(nil)
)

// NewActorFrequency returns the actor-frequency figure of b: a Frequency
// plotter on a plot without axes (the counts are written at the bars'
// ends), ready to draw at any size. It fails on a nil briefing, a
// negative Top or NameWidth, or a theme whose fonts are missing, and
// wraps ErrEmpty when no actor takes part in any event.
func NewActorFrequency(b *data.Briefing, opt FrequencyOptions) (*plot.Plot, error) {
	f, err := NewFrequencyPlotter(b, opt)
	if err != nil {
		return nil, err
	}
	p := plot.New()
	f.Theme.apply(p)
	p.Add(f)
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = 0, float64(f.maxCount)
	p.Y.Min, p.Y.Max = 0, 1
	return p, nil
}

// NewFrequencyPlotter builds the Frequency plotter of b, validating its
// input as NewActorFrequency does.
func NewFrequencyPlotter(b *data.Briefing, opt FrequencyOptions) (*Frequency, error) {
	if b == nil {
		return nil, fmt.Errorf("charts: actor frequency: nil briefing")
	}
	if opt.Top < 0 {
		return nil, fmt.Errorf("charts: actor frequency: Top %d is negative", opt.Top)
	}
	if opt.NameWidth < 0 {
		return nil, fmt.Errorf("charts: actor frequency: NameWidth %v is negative", opt.NameWidth)
	}
	th := opt.Theme.withDefaults()
	if err := th.check(); err != nil {
		return nil, err
	}
	counts := b.ActorFrequency()
	if len(counts) == 0 {
		return nil, fmt.Errorf("charts: actor frequency: no actor takes part in an event: %w", ErrEmpty)
	}
	top := opt.Top
	if top == 0 {
		top = 12
	}
	nameW := opt.NameWidth
	if nameW == 0 {
		nameW = 150
	}
	f := &Frequency{Theme: th}
	shown := counts
	if len(shown) > top {
		shown = counts[:top]
		rest := counts[top:]
		f.Others = len(rest)
		f.OthersMax, f.OthersMin = rest[0].Events, rest[len(rest)-1].Events
	}
	// Party colours: the party's own, else the next palette colour.
	partyIndex := map[data.ID]int{}
	next := 0
	sty := th.style(th.Font, th.TextSize, th.Ink)
	for _, c := range shown {
		a := c.Actor
		row := FrequencyRow{Actor: a, Events: c.Events, Party: -1}
		if a.Party != "" {
			i, ok := partyIndex[a.Party]
			if !ok {
				ps := PartyStyle{ID: a.Party, Name: string(a.Party)}
				if p := b.Party(a.Party); p != nil {
					ps.Name = p.Name
					if p.Color.Set {
						ps.Color = color.RGBA{R: p.Color.R, G: p.Color.G, B: p.Color.B, A: 0xff}
					}
				}
				if ps.Color == nil {
					ps.Color = th.Palette[next%len(th.Palette)]
					next++
				}
				i = len(f.Parties)
				partyIndex[a.Party] = i
				f.Parties = append(f.Parties, ps)
			}
			row.Party = i
		}
		row.Name = truncate(sty, a.Name, nameW)
		f.nameWidth = max(f.nameWidth, sty.Width(row.Name))
		if opt.ShowRole && a.Role != "" {
			row.Role = truncate(f.roleStyle(), a.Role, nameW)
			f.nameWidth = max(f.nameWidth, f.roleStyle().Width(row.Role))
		}
		f.maxCount = max(f.maxCount, c.Events)
		f.Rows = append(f.Rows, row)
	}
	f.countWidth = th.style(th.Font, th.LabelSize, th.Ink).Width(strconv.Itoa(f.maxCount))
	return f, nil
}

// othersText is the last line: "and 23 others (1–2 events each)".
func (f *Frequency) othersText() string {
	s := "and " + strconv.Itoa(f.Others) + " other"
	if f.Others > 1 {
		s += "s"
	}
	switch {
	case f.OthersMin == f.OthersMax && f.OthersMax == 1:
		s += " (1 event each)"
	case f.OthersMin == f.OthersMax:
		s += " (" + strconv.Itoa(f.OthersMax) + " events each)"
	default:
		s += " (" + strconv.Itoa(f.OthersMin) + "–" + strconv.Itoa(f.OthersMax) + " events each)"
	}
	if f.Others == 1 {
		// "and 1 other (3 events)"
		s = "and 1 other (" + strconv.Itoa(f.OthersMax) + " event"
		if f.OthersMax != 1 {
			s += "s"
		}
		s += ")"
	}
	return s
}

// roleStyle is the style of roles under names.
func (f *Frequency) roleStyle() text.Style {
	return f.Theme.style(f.Theme.Font, f.Theme.LabelSize, f.Theme.Muted)
}

// twoLines reports whether rows rowH apart have room for a name over
// its role.
func (f *Frequency) twoLines(rowH vg.Length) bool {
	ne := f.Theme.style(f.Theme.Font, f.Theme.TextSize, f.Theme.Ink).FontExtents()
	re := f.roleStyle().FontExtents()
	return rowH >= (ne.Ascent+ne.Descent+re.Ascent+re.Descent)*1.15
}

// noParty is the colour of the bars of actors without a party: a light
// grey, so that it is not mistaken for a party's colour.
func (f *Frequency) noParty() color.Color { return lighten(f.Theme.Muted, 0.35) }

// othersStyle is the style of the "others" line: muted italic.
func (f *Frequency) othersStyle() text.Style {
	sty := f.Theme.style(f.Theme.Font, f.Theme.LabelSize, f.Theme.Muted)
	sty.Font.Style = xfont.StyleItalic
	return sty
}

// DataRange implements plot.DataRanger.
func (f *Frequency) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, float64(f.maxCount), 0, 1
}

const countGap = 3 // between a bar's end and its count

// GlyphBoxes implements plot.GlyphBoxer: room for the names on the left
// and the count at the end of the longest bar on the right.
func (f *Frequency) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{
		{X: 0, Rectangle: vg.Rectangle{Min: vg.Point{X: -(f.nameWidth + nameGap)}}},
		{X: 1, Rectangle: vg.Rectangle{Max: vg.Point{X: countGap + f.countWidth}}},
	}
}

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
			entries = append(entries, PartyStyle{Name: "No party", Color: f.noParty()})
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
		fillText(c, sty, c.Min.X+countGap, ff.others-(e.Ascent-e.Descent)/2, truncate(sty, s, c.Max.X-c.Min.X))
	}
	legSty := th.style(th.Font, th.LabelSize, th.Ink)
	for _, it := range ff.legend {
		it.draw(c, it.thumb)
		fillText(c, legSty, it.at.X, it.at.Y, it.text)
	}
}
