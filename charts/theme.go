// Package charts draws a briefing's figures: the timeline of events and the
// actor-frequency bar chart. Each figure is a *plot.Plot whose content is a
// gonum plotter (Timeline, Frequency), so it can be drawn on any vg.Canvas
// at any size: an SVG, PNG or PDF file through Export, or the report's own
// PDF canvas. Charts know nothing about PDF.
//
// Layout that depends on the final size (which labels fit, where they go,
// whether a lane is too dense for single markers) is decided when the
// plotter is drawn, from the draw.Canvas it is given, so a figure is right
// at any size. Text is measured with the very text.Style it is drawn with.
package charts

import (
	"errors"
	"fmt"
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ErrEmpty is returned (wrapped) by the constructors when a briefing has
// nothing to chart: no events for the timeline, no actor in any event for
// the frequency chart. Callers may test for it with errors.Is and leave the
// figure out.
var ErrEmpty = errors.New("nothing to chart")

// Theme is the look shared by the charts: fonts, sizes, colours and the
// marker shape of each event kind. The zero value of a field means its
// DefaultTheme value, so a caller may set only what differs.
type Theme struct {
	// Font is the text face (typeface, variant, style); its Size is
	// ignored. Default: Liberation Sans.
	Font font.Font
	// Bold is the face of lane names and legend headings. Default: Font
	// in bold weight.
	Bold font.Font

	TextSize  vg.Length // lane names, actor names, legend, tick labels (default 8 pt)
	LabelSize vg.Length // event labels, counts (default 7 pt)

	// Fonts is the font cache text is measured and drawn with; nil means
	// gonum's font.DefaultCache (which holds the Liberation faces). It must
	// hold Font and Bold.
	Fonts *font.Cache
	// Text, when set, is the text handler used instead of a plain-text
	// handler over Fonts.
	Text text.Handler

	Background color.Color // figure background and marker outlines (default white)
	Ink        color.Color // text and emphasis
	Muted      color.Color // secondary text, dates, notes
	Grid       color.Color // gridlines and lane separators
	Accent     color.Color // single-series marks (bars with no party)

	// Palette colours kinds on the timeline and parties without a colour
	// on the frequency chart, in order of first use.
	Palette []color.Color
	// KindColors and KindShapes fix the colour and marker shape of named
	// event kinds; kinds not listed take the next palette colour and the
	// next shape of Shapes.
	KindColors map[string]color.Color
	KindShapes map[string]Shape
	// Shapes is the cycle of marker shapes for kinds not in KindShapes.
	Shapes []Shape

	MarkerRadius vg.Length // half the size of a day marker (default 3 pt)
	LineWidth    vg.Length // gridlines, leader lines and outlines (default 0.5 pt)
}

// DefaultTheme returns the house style: Liberation Sans, dark ink, a
// muted grey for secondary text, very light grid lines, and a muted
// eight-colour palette.
func DefaultTheme() Theme {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold := sans
	bold.Weight = xfont.WeightBold
	return Theme{
		Font:       sans,
		Bold:       bold,
		TextSize:   8,
		LabelSize:  7,
		Background: color.White,
		Ink:        color.RGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff},
		Muted:      color.RGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		Grid:       color.RGBA{R: 0xd9, G: 0xd9, B: 0xd9, A: 0xff},
		Accent:     color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff},
		Palette: []color.Color{
			color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff}, // navy
			color.RGBA{R: 0xc0, G: 0x50, B: 0x2b, A: 0xff}, // brick
			color.RGBA{R: 0x3d, G: 0x8b, B: 0x7d, A: 0xff}, // teal
			color.RGBA{R: 0xd4, G: 0x9a, B: 0x2a, A: 0xff}, // ochre
			color.RGBA{R: 0x7a, G: 0x4f, B: 0x9a, A: 0xff}, // plum
			color.RGBA{R: 0x5b, G: 0x9b, B: 0xd5, A: 0xff}, // sky
			color.RGBA{R: 0x8c, G: 0x6d, B: 0x46, A: 0xff}, // umber
			color.RGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}, // grey
		},
		KindShapes: map[string]Shape{
			"meeting":     Circle,
			"negotiation": Diamond,
			"talks":       Diamond,
			"call":        Triangle,
			"statement":   Square,
			"visit":       InvertedTriangle,
		},
		Shapes:       []Shape{Circle, Square, Triangle, Diamond, InvertedTriangle, Cross, Pentagon, Star, Hexagon},
		MarkerRadius: 3,
		LineWidth:    0.5,
	}
}

// withDefaults fills the zero fields of t from DefaultTheme.
func (t Theme) withDefaults() Theme {
	d := DefaultTheme()
	if t.Font == (font.Font{}) {
		t.Font = d.Font
	}
	if t.Bold == (font.Font{}) {
		t.Bold = t.Font
		t.Bold.Weight = xfont.WeightBold
	}
	if t.TextSize <= 0 {
		t.TextSize = d.TextSize
	}
	if t.LabelSize <= 0 {
		t.LabelSize = d.LabelSize
	}
	if t.Background == nil {
		t.Background = d.Background
	}
	if t.Ink == nil {
		t.Ink = d.Ink
	}
	if t.Muted == nil {
		t.Muted = d.Muted
	}
	if t.Grid == nil {
		t.Grid = d.Grid
	}
	if t.Accent == nil {
		t.Accent = d.Accent
	}
	if len(t.Palette) == 0 {
		t.Palette = d.Palette
	}
	if t.KindShapes == nil {
		t.KindShapes = d.KindShapes
	}
	if len(t.Shapes) == 0 {
		t.Shapes = d.Shapes
	}
	if t.MarkerRadius <= 0 {
		t.MarkerRadius = d.MarkerRadius
	}
	if t.LineWidth <= 0 {
		t.LineWidth = d.LineWidth
	}
	return t
}

// handler returns the text handler the theme measures and draws with.
func (t Theme) handler() text.Handler {
	if t.Text != nil {
		return t.Text
	}
	if t.Fonts != nil {
		return text.Plain{Fonts: t.Fonts}
	}
	return plot.DefaultTextHandler
}

// check reports whether the theme's fonts can be found.
func (t Theme) check() error {
	h := t.handler()
	c := h.Cache()
	if c == nil {
		return nil
	}
	for _, f := range []font.Font{t.Font, t.Bold} {
		if !c.Has(f) {
			return fmt.Errorf("charts: font %s not in the font cache", f.Name())
		}
	}
	return nil
}

// style returns a left- and bottom-aligned text style.
func (t Theme) style(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: t.handler(),
	}
}

// apply sets the plot-wide settings of the theme on p.
func (t Theme) apply(p *plot.Plot) {
	h := t.handler()
	p.BackgroundColor = t.Background
	p.TextHandler = h
	p.Title.TextStyle = t.style(t.Bold, t.TextSize+2, t.Ink)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Legend.TextStyle = t.style(t.Font, t.TextSize, t.Ink)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = t.style(t.Font, t.TextSize, t.Muted)
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Tick.Label = t.style(t.Font, t.TextSize, t.Muted)
		a.Color = t.Grid
		a.Width = t.LineWidth
		a.Tick.Color = t.Grid
		a.Tick.Width = t.LineWidth
	}
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
}

// lighten mixes c with white; f = 0 keeps c, f = 1 gives white.
func lighten(c color.Color, f float64) color.Color {
	if c == nil {
		c = color.Black // what a vg.Canvas draws for nil
	}
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 {
		x := float64(v>>8)*(1-f) + 255*f
		if x > 255 {
			x = 255
		}
		return uint8(x + 0.5)
	}
	return color.RGBA{R: mix(r), G: mix(g), B: mix(b), A: 0xff}
}
