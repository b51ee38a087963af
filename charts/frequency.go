package charts

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
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
	// PeriodOnly counts only the events that fall in the reporting
	// window (b.Window()), wholly or in part; events wholly outside it
	// are left out of the counts (Frequency.Outside says how many).
	PeriodOnly bool
	// Group is what a bar stands for: GroupActor (the default when
	// empty), one actor; GroupParty, one party, its people grouped
	// under it (an event counts once for a party however many of its
	// actors take part), actors without a party standing alone.
	Group string
	// Locale gives the chart's own words ("and 23 others", "No party");
	// nil means English.
	Locale *i18n.Locale
}

// Group modes of FrequencyOptions.Group.
const (
	GroupActor = "actor"
	GroupParty = "party"
)

// Frequency is a plot.Plotter of horizontal bars, one per actor (or
// party, see FrequencyOptions.Group), most events first (ties by name,
// for display only: a tie at the cut is never decided by name), each bar
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
	// When the top-N cut falls inside a tie, the tie is never split:
	// if showing it whole keeps the rows within Top + Top/2, all tied
	// rows are shown (TiedShown of them at the cut); else the cut moves
	// above the tie and TiedLeftOut rows, all with TiedEvents events,
	// are among the others (the "others" line says so).
	TiedShown, TiedLeftOut, TiedEvents int
	// Counted is the number of events counted; Outside the number of
	// events with actors left out because they fall wholly outside the
	// period (PeriodOnly).
	Counted, Outside int
	PeriodOnly       bool
	Group            string

	Theme Theme

	maxCount   int
	nameWidth  vg.Length
	countWidth vg.Length
	loc        *i18n.Locale
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
// negative Top or NameWidth, an unknown Group, or a theme whose fonts
// are missing, and wraps ErrEmpty when no actor takes part in any event
// counted.
func NewActorFrequency(b *data.Briefing, opt FrequencyOptions) (*plot.Plot, error) {
	f, err := NewFrequencyPlotter(b, opt)
	if err != nil {
		return nil, err
	}
	return f.Figure(), nil
}

// Figure returns the plot that shows f.
func (f *Frequency) Figure() *plot.Plot {
	p := plot.New()
	f.Theme.apply(p)
	p.Add(f)
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = 0, float64(max(f.maxCount, 1))
	p.Y.Min, p.Y.Max = 0, 1
	return p
}

// freqCount is one bar before layout: an actor, or a party.
type freqCount struct {
	actor  *data.Actor // nil for a party
	party  data.ID     // the actor's party, or the party
	name   string
	role   string
	events int
}

// count counts events per actor or per party, as opt says.
func (f *Frequency) count(b *data.Briefing, opt FrequencyOptions) []freqCount {
	var lo, hi float64
	if opt.PeriodOnly {
		s, e := b.Window()
		lo, hi = unix(s), unix(e)+day
	}
	index := map[string]int{}
	var out []freqCount
	members := map[data.ID]map[data.ID]bool{}
	for i := range b.Events {
		e := &b.Events[i]
		if len(e.Actors) == 0 {
			continue
		}
		if opt.PeriodOnly {
			if s, en := Span(e); en <= lo || s >= hi {
				f.Outside++
				continue
			}
		}
		f.Counted++
		seen := map[string]bool{}
		for _, id := range e.Actors {
			a := b.Actor(id)
			if a == nil {
				continue
			}
			key, fc := "a:"+string(a.ID), freqCount{actor: a, party: a.Party, name: a.Name, role: a.Role}
			if opt.Group == GroupParty && a.Party != "" {
				key = "p:" + string(a.Party)
				fc = freqCount{party: a.Party, name: string(a.Party)}
				if p := b.Party(a.Party); p != nil {
					fc.name = p.Name
				}
				if members[a.Party] == nil {
					members[a.Party] = map[data.ID]bool{}
				}
				members[a.Party][a.ID] = true
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			j, ok := index[key]
			if !ok {
				j = len(out)
				index[key] = j
				out = append(out, fc)
			}
			out[j].events++
		}
	}
	for i := range out {
		if out[i].actor == nil {
			n := len(members[out[i].party])
			out[i].role = f.loc.T("chart.party_actors", "n", n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].events != out[j].events {
			return out[i].events > out[j].events
		}
		return out[i].name < out[j].name
	})
	return out
}

// cut is how many of counts (most first) get a bar when top are asked
// for: top, unless the cut falls inside a tie, which is then shown whole
// when that keeps the rows within top + top/2, else left out whole.
func (f *Frequency) cut(counts []freqCount, top int) int {
	if len(counts) <= top || counts[top-1].events != counts[top].events {
		return min(top, len(counts))
	}
	k := counts[top].events
	a, b := top-1, top
	for a > 0 && counts[a-1].events == k {
		a--
	}
	for b < len(counts) && counts[b].events == k {
		b++
	}
	if b <= top+top/2 {
		f.TiedShown, f.TiedEvents = b-a, k
		return b
	}
	f.TiedLeftOut, f.TiedEvents = b-a, k
	return a
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
	if opt.Group == "" {
		opt.Group = GroupActor
	}
	if opt.Group != GroupActor && opt.Group != GroupParty {
		return nil, fmt.Errorf("charts: actor frequency: group %q: want %q or %q", opt.Group, GroupActor, GroupParty)
	}
	th := opt.Theme.withDefaults()
	if err := th.check(); err != nil {
		return nil, err
	}
	f := &Frequency{Theme: th, PeriodOnly: opt.PeriodOnly, Group: opt.Group, loc: opt.Locale}
	if f.loc == nil {
		f.loc = i18n.English()
	}
	counts := f.count(b, opt)
	if len(counts) == 0 {
		return nil, fmt.Errorf("charts: actor frequency: no actor takes part in an event counted: %w", ErrEmpty)
	}
	top := opt.Top
	if top == 0 {
		top = 12
	}
	nameW := opt.NameWidth
	if nameW == 0 {
		nameW = 150
	}
	n := f.cut(counts, top)
	shown := counts[:n]
	if rest := counts[n:]; len(rest) > 0 {
		f.Others = len(rest)
		f.OthersMax, f.OthersMin = rest[0].events, rest[len(rest)-1].events
	}
	// Party colours: the party's own, else the next palette colour.
	partyIndex := map[data.ID]int{}
	next := 0
	sty := th.style(th.Font, th.TextSize, th.Ink)
	for _, c := range shown {
		row := FrequencyRow{Actor: c.actor, Events: c.events, Party: -1}
		if c.party != "" {
			i, ok := partyIndex[c.party]
			if !ok {
				ps := PartyStyle{ID: c.party, Name: string(c.party)}
				if p := b.Party(c.party); p != nil {
					ps.Name = p.Name
					if p.Color.Set {
						ps.Color = color.RGBA{R: p.Color.R, G: p.Color.G, B: p.Color.B, A: 0xff}
					}
				}
				if ps.Color == nil {
					// The next palette colour no party shown uses yet.
					for tries := 0; tries <= len(th.Palette); tries++ {
						ps.Color = th.Palette[next%len(th.Palette)]
						next++
						if !f.colorUsed(ps.Color) {
							break
						}
					}
				}
				i = len(f.Parties)
				partyIndex[c.party] = i
				f.Parties = append(f.Parties, ps)
			}
			row.Party = i
		}
		row.Name = truncate(sty, c.name, nameW)
		f.nameWidth = max(f.nameWidth, sty.Width(row.Name))
		if opt.ShowRole && c.role != "" {
			row.Role = truncate(f.roleStyle(), c.role, nameW)
			f.nameWidth = max(f.nameWidth, f.roleStyle().Width(row.Role))
		}
		f.maxCount = max(f.maxCount, c.events)
		f.Rows = append(f.Rows, row)
	}
	f.countWidth = th.style(th.Font, th.LabelSize, th.Ink).Width(strconv.Itoa(f.maxCount))
	return f, nil
}

// colorUsed reports whether a party already shown has colour c.
func (f *Frequency) colorUsed(c color.Color) bool {
	if c == nil {
		return false
	}
	r, g, b, a := c.RGBA()
	for _, p := range f.Parties {
		if p.Color == nil {
			continue
		}
		if r2, g2, b2, a2 := p.Color.RGBA(); r == r2 && g == g2 && b == b2 && a == a2 {
			return true
		}
	}
	return false
}

// othersText is the last line: "and 23 others (1–2 events each)".
func (f *Frequency) othersText() string {
	l := f.loc
	var s string
	switch {
	case f.Others == 1:
		// "and 1 other (3 events)"
		s = l.T("chart.other_one", "n", f.OthersMax)
	case f.OthersMin == f.OthersMax:
		s = l.T("chart.others", "n", f.Others) + " " + l.T("chart.others_each", "n", f.OthersMax)
	default:
		s = l.T("chart.others", "n", f.Others) + " " + l.T("chart.others_range", "lo", f.OthersMin, "hi", f.OthersMax)
	}
	if f.TiedLeftOut > 0 && f.TiedLeftOut == f.Others {
		return s + l.T("chart.others_tied")
	}
	if f.TiedLeftOut > 0 {
		// The cut moved above a tie: say why these are not shown.
		s += l.T("chart.others_tied_some", "n", f.TiedLeftOut, "events", l.T("chart.events", "n", f.TiedEvents))
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
