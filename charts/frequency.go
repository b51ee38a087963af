package charts

import (
	"fmt"
	"image/color"
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

// GlyphBoxes implements plot.GlyphBoxer: room for the names on the left
// and the count at the end of the longest bar on the right.
func (f *Frequency) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{
		{X: 0, Rectangle: vg.Rectangle{Min: vg.Point{X: -(f.nameWidth + nameGap)}}},
		{X: 1, Rectangle: vg.Rectangle{Max: vg.Point{X: countGap + f.countWidth}}},
	}
}
