package charts

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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
