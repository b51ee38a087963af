package report

import (
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/rgb"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/internal/version"
	"github.com/briefing-pdf/briefing/report/internal/frames"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

// Figure is a chart as the PDF shows it: built with the config's options,
// fonts and party colours, at its size in the PDF.
type Figure struct {
	Name          string // file name stem: "timeline" or "actor-frequency"
	Plot          *plot.Plot
	Width, Height vg.Length

	fonts *fonts.Set
}

// PDF draws the figure alone on a page of its size, in the briefing's
// embedded fonts, with title as the document title and created as its
// dates (UTC), reproducibly.
func (f Figure) PDF(title string, created time.Time) (out []byte, err error) {
	defer func() {
		if err != nil {
			out = nil
		}
	}()
	defer recoverInto(&err)
	set := f.fonts
	if set == nil {
		set = fonts.New()
	}
	meta := frames.Meta{Created: created.UTC(), Title: title,
		Creator: "briefing " + version.String(), Producer: "briefing " + version.String() + " (fpdf)"}
	return pdfwrite.Chart(meta, set, f.Plot, float64(f.Width), float64(f.Height))
}

// Figures returns the briefing's charts, in the order of the config's
// blocks (timeline first when neither block is listed), so that
// `briefing charts` exports what the PDF shows.
func Figures(b *data.Briefing, cfg *Config, fsys fs.FS) (figs []Figure, err error) {
	defer func() {
		if err != nil {
			figs = nil
		}
	}()
	defer recoverInto(&err)
	if cfg == nil {
		cfg = DefaultConfig()
	}
	res, err := loadResources(cfg, fsys)
	if err != nil {
		return nil, err
	}
	set := res.fonts
	cb := chartBriefing(b, cfg)
	tw, th, fw, fh := cfg.ChartSizes()
	// Grown as in the PDF to fit their lanes and bars, up to the text
	// height (the PDF also leaves room for the caption).
	_, ph := cfg.PageDimensions()
	textH := ph - cfg.Page.Margins.Top - cfg.Page.Margins.Bottom
	grow := func(h, rows float64) float64 { return max(h, min(rows+chartOverhead, textH)) }
	if t, err := newTimelinePlotter(cb, cfg, set); err == nil {
		th = grow(th, float64(t.LanesHeight()))
	}
	if f, err := newFrequencyPlotter(cb, cfg, set); err == nil {
		fh = grow(fh, float64(f.RowsHeight()))
	}
	var out []Figure
	// The charts' text is checked as the report checks it: a character
	// the fonts lack would be a blank box (in a PDF, a crash).
	tc := newTextChecker(set, b, cfg)
	tc.fsys = fsys
	tl, err := newTimeline(cb, cfg, set)
	if err != nil && !errors.Is(err, charts.ErrEmpty) {
		return nil, err
	}
	if err == nil {
		tc.checkChart(tl, tw, th)
		out = append(out, Figure{Name: "timeline", Plot: tl, Width: vg.Length(tw), Height: vg.Length(th), fonts: set})
	}
	fq, _, err := newFrequency(cb, cfg, set)
	if err != nil && !errors.Is(err, charts.ErrEmpty) {
		return nil, err
	}
	if err == nil {
		tc.checkChart(fq, fw, fh)
		out = append(out, Figure{Name: "actor-frequency", Plot: fq, Width: vg.Length(fw), Height: vg.Length(fh), fonts: set})
	}
	if len(tc.errs) > 0 {
		tc.errs.Sort()
		return nil, tc.errs
	}
	for _, blk := range cfg.Blocks {
		if blk == BlockActors && len(out) == 2 {
			out[0], out[1] = out[1], out[0]
			break
		}
		if blk == BlockTimeline {
			break
		}
	}
	return out, nil
}

func newTimeline(b *data.Briefing, cfg *Config, set *fonts.Set) (*plot.Plot, error) {
	opt := timelineOptions(cfg)
	opt.Theme.Fonts = set.PlotCache()
	if set.Shaping() {
		opt.Theme.Text = set.TextHandler() // shaped widths, as the canvas draws
	}
	return charts.NewTimeline(b, opt)
}

func newFrequency(b *data.Briefing, cfg *Config, set *fonts.Set) (*plot.Plot, *charts.Frequency, error) {
	opt := frequencyOptions(cfg)
	opt.Theme.Fonts = set.PlotCache()
	if set.Shaping() {
		opt.Theme.Text = set.TextHandler() // shaped widths, as the canvas draws
	}
	f, err := charts.NewFrequencyPlotter(b, opt)
	if err != nil {
		return nil, nil, err
	}
	return f.Figure(), f, nil
}

// partyColors gives every party a colour: the config's, else the data's,
// else the next colour of the charts' palette that no party uses yet, in
// the parties' file order. The charts and the actor annex share it.
func partyColors(b *data.Briefing, cfg *Config) map[data.ID]Color {
	out := make(map[data.ID]Color, len(b.Parties))
	used := map[Color]bool{}
	for _, p := range b.Parties {
		if c, ok := cfg.Colors.Parties[string(p.ID)]; ok {
			out[p.ID] = c
		} else if p.Color.Set {
			out[p.ID] = p.Color
		} else {
			continue
		}
		used[out[p.ID]] = true
	}
	palette := charts.DefaultTheme().Palette
	next := 0
	for _, p := range b.Parties {
		if _, ok := out[p.ID]; ok {
			continue
		}
		var c Color
		for tries := 0; tries <= len(palette); tries++ {
			r, g, bl, _ := palette[next%len(palette)].RGBA()
			next++
			c = rgb.New(uint8(r>>8), uint8(g>>8), uint8(bl>>8))
			if !used[c] {
				break
			}
		}
		out[p.ID] = c
		used[c] = true
	}
	return out
}

// chartBriefing is the briefing the charts draw: the data's, with every
// party coloured as partyColors says.
func chartBriefing(b *data.Briefing, cfg *Config) *data.Briefing {
	colors := partyColors(b, cfg)
	parties := make([]data.Party, len(b.Parties))
	copy(parties, b.Parties)
	changed := false
	for i := range parties {
		c := colors[parties[i].ID]
		if parties[i].Color != c {
			parties[i].Color = c
			changed = true
		}
	}
	if !changed {
		return b
	}
	// A new Briefing computes its own derived views, over these parties.
	return &data.Briefing{Meta: b.Meta, Parties: parties, Actors: b.Actors, Sources: b.Sources,
		Events: b.Events, Sections: b.Sections, Files: b.Files}
}

// The figure blocks: the charts with their numbered captions.

// timelineOptions are the options of Figure 1.
func timelineOptions(c *Config) charts.TimelineOptions {
	return charts.TimelineOptions{
		Lanes:     string(c.Timeline.Lanes),
		Theme:     chartTheme(c),
		MaxLabels: c.Timeline.MaxLabels,
		Locale:    c.Locale(),
	}
}

// frequencyOptions are the options of the actor-frequency chart.
func frequencyOptions(c *Config) charts.FrequencyOptions {
	return charts.FrequencyOptions{
		Top:        c.Frequency.Top,
		ShowRole:   c.Frequency.ShowRole,
		Theme:      chartTheme(c),
		PeriodOnly: c.Frequency.PeriodOnly,
		Group:      string(c.Frequency.Group),
		Locale:     c.Locale(),
	}
}

// chartTheme is the charts' look in this document's fonts and colours.
func chartTheme(c *Config) charts.Theme {
	t := charts.DefaultTheme()
	variant := "Sans"
	if c.Fonts.Heading == "serif" {
		variant = "Serif"
	}
	t.Font.Variant = font.Variant(variant)
	t.Bold.Variant = font.Variant(variant)
	t.Accent = rgba(c.Colors.Accent)
	t.Ink = rgba(c.Colors.Text)
	t.Muted = rgba(c.Colors.Muted)
	return t
}

func rgba(c Color) color.Color { return color.RGBA{R: c.R, G: c.G, B: c.B, A: 0xff} }

// caption is "Figure N. Title." in bold, then the note, in the small size.
func (d *doc) caption(n int, title, note string) *paraElem {
	font := face(d.head, false, false)
	bold := face(d.head, true, false)
	runs := []typeset.Run{
		d.colored(d.t("figure.label", "n", n)+" ", bold, d.small, d.accent),
		d.run(title+" ", bold, d.small),
		d.run(note, font, d.small),
	}
	w := where{Pos: d.b.Meta.Pos, What: fmt.Sprintf("figure %d caption", n), Composed: true}
	p := &paraElem{lead: d.smallLead, width: d.textW, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), align: typeset.Left}
	p.where = w
	p.lines = d.lines(runs, d.textW, 0, typeset.Left, w)
	// The chart's alternate text is its caption.
	p.node = frames.NewNode(frames.Caption, &frames.Node{Role: frames.Figure, Alt: plainText(runs)})
	return p
}

// timeline is Figure 1 (or whichever number it gets in block order).
func (d *doc) timeline() error {
	p, err := newTimeline(chartBriefing(d.b, d.cfg), d.cfg, d.fonts)
	if errors.Is(err, charts.ErrEmpty) {
		d.notices = append(d.notices, Warning{Where: "timeline", Msg: "no events to chart: the figure is left out"})
		return nil
	}
	if err != nil {
		return err
	}
	tw, th, _, _ := d.cfg.ChartSizes()
	d.figures++
	lanes := d.t("figure.lanes_" + string(d.cfg.Timeline.Lanes))
	note := d.t("figure.timeline_note", "period", periodString(d.loc, d.b), "lanes", lanes)
	cap := d.caption(d.figures, d.t("figure.timeline_title"), note)
	if t, err := newTimelinePlotter(chartBriefing(d.b, d.cfg), d.cfg, d.fonts); err == nil {
		th = d.fitHeight("timeline", th, float64(t.LanesHeight()), fmt.Sprintf("%d lanes", len(t.Lanes)), cap,
			"merge tracks, or set [timeline] lanes to \"kind\" or \"party\"")
		cap.node.Parent.Alt = timelineAlt(d.loc, t, periodString(d.loc, d.b), lanes)
	}
	d.checkChart(p, tw, th)
	d.addFigure(p, tw, th, cap, d.t("figure.timeline_outline"), "timeline")
	return nil
}

func (d *doc) frequency() error {
	p, fq, err := newFrequency(chartBriefing(d.b, d.cfg), d.cfg, d.fonts)
	if errors.Is(err, charts.ErrEmpty) {
		d.notices = append(d.notices, Warning{Where: "actor frequency", Msg: "no actor takes part in an event: the figure is left out"})
		return nil
	}
	if err != nil {
		return err
	}
	_, _, fw, fh := d.cfg.ChartSizes()
	d.figures++
	note := frequencyNote(d.loc, fq, periodString(d.loc, d.b))
	cap := d.caption(d.figures, d.t("figure.frequency_title"), note)
	cap.node.Parent.Alt = frequencyAlt(d.loc, fq, periodString(d.loc, d.b))
	if f, err := newFrequencyPlotter(chartBriefing(d.b, d.cfg), d.cfg, d.fonts); err == nil {
		rows := float64(f.RowsHeight())
		n := len(f.Rows)
		if f.Others > 0 {
			n++
		}
		most := 0
		if n > 0 {
			most = int((d.textH-sum(cap.units())-d.lead*0.4-chartOverhead)/(rows/float64(n))) - 1
		}
		fh = d.fitHeight("actor frequency", fh, rows, fmt.Sprintf("%d bars", n), cap,
			fmt.Sprintf("set [frequency] top to at most %d", max(most, 1)))
	}
	d.checkChart(p, fw, fh)
	d.addFigure(p, fw, fh, cap, d.t("figure.frequency_outline"), "actor-frequency")
	return nil
}

// chartOverhead is the height a chart needs besides its rows or lanes:
// an allowance for two rows of legend and the time or count axis.
const chartOverhead = 72

// fitHeight is the height of a chart set h tall whose rows (what) need
// rows points: h when they fit, else grown to fit them, up to what a page
// holds with the caption. When even that is too little the rows' names
// overlap, and a notice says so, with advice.
func (d *doc) fitHeight(chart string, h, rows float64, what string, cap *paraElem, advice string) float64 {
	need := rows + chartOverhead
	if need <= h {
		return h
	}
	room := d.textH - sum(cap.units()) - d.lead*0.4 // addFigure's gap
	if need <= room {
		return need
	}
	d.notices = append(d.notices, Warning{Where: chart, Msg: fmt.Sprintf(
		"its %s need %.0f pt, more than the %.0f pt a page holds: their names overlap; %s", what, need, room, advice)})
	return max(h, room)
}

func newTimelinePlotter(b *data.Briefing, cfg *Config, set *fonts.Set) (*charts.Timeline, error) {
	opt := timelineOptions(cfg)
	opt.Theme.Fonts = set.PlotCache()
	if set.Shaping() {
		opt.Theme.Text = set.TextHandler() // shaped widths, as the canvas draws
	}
	return charts.NewTimelinePlotter(b, opt)
}

func newFrequencyPlotter(b *data.Briefing, cfg *Config, set *fonts.Set) (*charts.Frequency, error) {
	opt := frequencyOptions(cfg)
	opt.Theme.Fonts = set.PlotCache()
	if set.Shaping() {
		opt.Theme.Text = set.TextHandler() // shaped widths, as the canvas draws
	}
	return charts.NewFrequencyPlotter(b, opt)
}

// frequencyNote is the actor chart's caption note: what a bar stands
// for, the counting rule and how the cut was made.
func frequencyNote(l *i18n.Locale, f *charts.Frequency, period string) string {
	id := "figure.frequency_actors"
	if f.Group == charts.GroupParty {
		id = "figure.frequency_parties"
	}
	s := l.T(id, "n", len(f.Rows))
	if f.PeriodOnly {
		s += l.T("figure.frequency_period", "period", period)
		if f.Outside > 0 {
			s += l.T("figure.frequency_outside", "n", f.Outside)
		}
	} else {
		s += l.T("figure.frequency_any_period")
	}
	s += l.T("list.stop")
	if f.TiedShown > 0 {
		s += l.T("figure.frequency_ties", "n", f.TiedShown, "events", l.T("chart.events", "n", f.TiedEvents))
	}
	return s
}

func (d *doc) addFigure(p *plot.Plot, w, h float64, cap *paraElem, name, chart string) {
	fg := &figureElem{plot: p, chart: chart, w: w, h: h, textW: d.textW, gap: d.lead * 0.4, caption: cap,
		name: fmt.Sprintf("figure-%d", d.figures), outline: d.t("figure.outline", "n", d.figures, "title", name)}
	// A chart taller than the page (with its caption) is cut down to
	// fit, to no less than an inch.
	if over := fg.height() - d.textH; over > 0 {
		fg.h = max(72, fg.h-over)
	}
	fg.blk = typeset.Block{SpaceBefore: d.lead, SpaceAfter: d.lead, Float: true}
	fg.node = cap.node.Parent
	fg.where = where{Pos: cap.where.Pos, What: fg.outline}
	if fg.height() > d.textH && len(cap.lines) > 0 {
		// Still too tall: a caption longer than the page. The figure
		// stays in the flow and its caption breaks across pages.
		fg.split = true
		fg.blk.Float = false
		fg.blk.Orphans, fg.blk.Widows = 2, 2
	}
	d.elems = append(d.elems, fg)
}

// figures are the charts of the laid-out briefing as the PDF shows them,
// in its order.
func (l *layout) figures() []Figure {
	var out []Figure
	for _, e := range l.d.elems {
		if fg, ok := e.(*figureElem); ok && fg.plot != nil { // not a section's image
			out = append(out, Figure{Name: fg.chart, Plot: fg.plot, Width: vg.Length(fg.w), Height: vg.Length(fg.h), fonts: l.d.fonts})
		}
	}
	return out
}
