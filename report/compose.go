package report

import (
	"errors"
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"

	"briefing/charts"
	"briefing/data"
	"briefing/internal/fonts"
	"briefing/internal/typeset"
)

// where says where a piece of text comes from, for errors and warnings.
type where struct {
	Pos  data.Pos
	What string // e.g. `section "background"`
}

func (w where) String() string { return w.What }

// doc composes the briefing's blocks into elements.
type doc struct {
	cfg      *Config
	b        *data.Briefing
	fonts    *fonts.Set
	settings typeset.Settings

	textW, textH float64
	body, head   string // font families
	size, lead   float64
	small        float64
	smallLead    float64

	accent, ink, muted, shade Color

	elems        []element
	headings     []contentsEntry
	contents     *contentsElem
	contentsHead *paraElem
	notes        *noteBook
	refs         map[string]int // anchor → page, from the previous pass
	figures      int
	partyColors  map[data.ID]Color

	notices []Warning // problems of the whole document, not of a page
	errs    data.Errors
	glyphs  map[string]bool // reported glyph errors, to report each once
}

func itoa(n int) string { return strconv.Itoa(n) }

// width measures s.
func (d *doc) width(font string, size float64, s string) float64 {
	return d.fonts.Width(font, size, s)
}

// checkGlyphs reports characters the fonts of runs cannot set.
func (d *doc) checkGlyphs(runs []typeset.Run, w where) {
	for _, r := range runs {
		missing := d.fonts.MissingGlyphs(r.Style.Font, r.Text)
		for _, m := range missing {
			key := w.What + "\x00" + string(m)
			if d.glyphs[key] {
				continue
			}
			d.glyphs[key] = true
			src := r.Style.Font
			for _, fc := range d.fonts.Faces() {
				if fc.Name == r.Style.Font {
					src = fc.Name + " (" + fc.Source + ")"
				}
			}
			d.errs = append(d.errs, &data.Error{File: w.Pos.File, Line: w.Pos.Line, Col: w.Pos.Col,
				Msg: fmt.Sprintf("%s: character %s is not in font %s", w.What, fonts.RuneName(m), src)})
		}
	}
}

// lines breaks runs into lines at width.
func (d *doc) lines(runs []typeset.Run, width, firstIndent float64, align typeset.Align, w where) []typeset.Line {
	d.checkGlyphs(runs, w)
	if len(runs) == 0 {
		return nil
	}
	return typeset.Break(typeset.Paragraph{Runs: runs, Width: width, FirstIndent: firstIndent, Align: align}, d.fonts, d.settings)
}

// baseline places a line's baseline within its height: the font's ascent
// and descent centred in the leading.
func (d *doc) baseline(font string, size, lead float64) float64 {
	a, de := d.fonts.Ascent(font, size), d.fonts.Descent(font, size)
	return (lead-(a+de))/2 + a
}

func (d *doc) run(text, font string, size float64) typeset.Run {
	return typeset.Run{Text: text, Style: typeset.Style{Font: font, Size: size, Tag: tag{}}}
}

func (d *doc) colored(text, font string, size float64, c Color) typeset.Run {
	return typeset.Run{Text: text, Style: typeset.Style{Font: font, Size: size, Tag: tag{Color: c, HasColor: true}}}
}

// para makes a paragraph element of runs.
func (d *doc) para(runs []typeset.Run, o paraOpts) *paraElem {
	size, lead := o.size, o.lead
	if size == 0 {
		size, lead = d.size, d.lead
	}
	width := d.textW - o.indent - o.right
	align := o.align
	p := &paraElem{
		lead: lead, indent: o.indent, width: width, color: d.ink,
		base:  d.baseline(face(d.body, false, false), size, lead),
		where: o.where,
	}
	if o.color != nil {
		p.color = *o.color
	}
	p.align = align
	p.lines = d.lines(runs, width, o.first, align, o.where)
	p.blk = typeset.Block{SpaceBefore: o.before, SpaceAfter: o.after, Orphans: 2, Widows: 2}
	return p
}

type paraOpts struct {
	size, lead    float64
	indent, right float64
	first         float64
	align         typeset.Align
	before, after float64
	where         where
	color         *Color
}

// heading adds a heading: numbered or not, with its bookmark and contents
// entry.
func (d *doc) heading(number, title string, level int, anchor string, pos data.Pos) *paraElem {
	size := d.cfg.Fonts.HeadingSize
	if level > 0 {
		size = d.size + 1
	}
	lead := size * 1.3
	font := face(d.head, true, false)
	numW := 0.0
	if number != "" {
		numW = d.width(font, size, number) + size*0.75
		if min := size * 2; numW < min {
			numW = min
		}
	}
	w := where{Pos: pos, What: fmt.Sprintf("heading %q", title)}
	p := &paraElem{
		lead: lead, indent: numW, width: d.textW - numW, color: d.accent,
		base: d.baseline(font, size, lead), where: w, heading: true, align: typeset.Left,
		names: []string{anchor}, outline: strings.TrimSpace(number + " " + title), level: level,
	}
	p.lines = d.lines([]typeset.Run{d.run(title, font, size)}, p.width, 0, typeset.Left, w)
	if number != "" {
		p.marker = &marker{Text: number, Font: font, Size: size, Color: d.accent, X: -numW}
	}
	before := d.lead * 1.6
	if level > 0 {
		before = d.lead
	}
	p.blk = typeset.Block{SpaceBefore: before, SpaceAfter: d.lead * 0.45, KeepWithNext: true}
	d.headings = append(d.headings, contentsEntry{number: number, title: title, level: level, anchor: anchor})
	d.elems = append(d.elems, p)
	return p
}

// compose builds the flow of elements (everything but the cover).
func (d *doc) compose() error {
	first := true
	for _, blk := range d.cfg.Blocks {
		n0 := len(d.elems)
		var err error
		switch blk {
		case BlockCover:
			continue
		case BlockSummary:
			err = d.summary()
		case BlockContents:
			d.contentsBlock()
		case BlockSections:
			err = d.sections()
		case BlockTimeline:
			err = d.timeline()
		case BlockActors:
			err = d.frequency()
		case BlockQuotes:
			d.quotes()
		case BlockChronology:
			err = d.chronology()
		case BlockAnnex:
			d.annex()
		case BlockSources:
			d.notesBlock()
		}
		if err != nil {
			return err
		}
		if len(d.elems) > n0 && d.cfg.newPage(blk) && !first {
			d.setBreakBefore(n0)
		}
		if len(d.elems) > n0 {
			first = false
		}
	}
	if d.contents != nil {
		d.layoutContents()
		if len(d.contents.entries) == 0 {
			// Nothing to list: no contents, rather than a lone heading.
			var kept []element
			for _, e := range d.elems {
				if e != d.contents && e != element(d.contentsHead) {
					kept = append(kept, e)
				}
			}
			d.elems = kept
		}
	}
	return nil
}

func (d *doc) setBreakBefore(i int) {
	switch e := d.elems[i].(type) {
	case *paraElem:
		e.blk.BreakBefore = true
	case *tableElem:
		e.blk.BreakBefore = true
	case *contentsElem:
		e.blk.BreakBefore = true
	case *figureElem:
		e.blk.BreakBefore = true
	case *groupElem:
		e.blk.BreakBefore = true
	}
}

func (d *doc) mdStyle(size float64) inlineStyle {
	return inlineStyle{Family: d.body, Size: size, Link: d.accent, Cite: d.notes.cite, Heading: d.head}
}

// summary is the key judgments box.
func (d *doc) summary() error {
	src := strings.TrimSpace(d.b.Meta.Summary)
	if src == "" {
		return nil
	}
	w := where{Pos: d.b.Meta.Pos, What: "briefing summary"}
	paras, err := renderMarkdown(src, d.mdStyle(d.size))
	if err != nil {
		return d.atErr(w, err)
	}
	pad := d.lead * 0.9
	// The box bleeds into the margins so that its text keeps the measure
	// of every other page.
	bleed := min(d.lead, d.cfg.Page.Margins.Left*0.6, d.cfg.Page.Margins.Right*0.6)
	h := d.heading("", "Key judgments", 0, "summary", d.b.Meta.Pos)
	h.fill, h.boxX, h.boxW = &d.shade, -bleed, d.textW+2*bleed
	h.padTop = pad
	h.blk.SpaceAfter = 0
	h.padBottom = d.lead * 0.35
	for i, mp := range paras {
		p := d.mdPara(mp, paras, i, 0, 0, w)
		p.fill, p.boxX, p.boxW = &d.shade, -bleed, d.textW+2*bleed
		p.blk.SpaceBefore, p.blk.SpaceAfter = 0, 0
		if i > 0 {
			p.padTop = d.lead * 0.3
		}
		if i == len(paras)-1 {
			p.padBottom = pad
		}
		d.elems = append(d.elems, p)
	}
	return nil
}

func (d *doc) atErr(w where, err error) error {
	return data.Errors{{File: w.Pos.File, Line: w.Pos.Line, Col: w.Pos.Col, Msg: w.What + ": " + err.Error()}}
}

// mdPara lays out one Markdown paragraph of a text set between left and
// right insets.
func (d *doc) mdPara(mp mdPara, all []mdPara, i int, left, right float64, w where) *paraElem {
	step := d.lead * 1.3
	// Deep nesting indents no further than a third of the measure.
	depth := min(float64(mp.Level+mp.Quote)*step, d.textW/3)
	indent := left + depth
	o := paraOpts{indent: indent, right: right + min(float64(mp.Quote)*step*0.5, d.textW/6), where: w}
	prevPlain := i > 0 && all[i-1].Level == 0 && all[i-1].Quote == 0 && !all[i-1].Heading && !all[i-1].Code
	plain := mp.Level == 0 && mp.Quote == 0 && !mp.Heading && !mp.Code
	switch {
	case mp.Heading:
		o.align = typeset.Left
		o.before = d.lead * 0.8
	case plain && prevPlain && d.cfg.Fonts.Paragraph == "indent":
		o.first = d.size * 1.5
	case plain && i > 0:
		o.before = d.lead * 0.5
	case mp.Start && i > 0:
		o.before = d.lead * 0.5
	case mp.Level > 0 && (mp.Tight || mp.Marker == "") && i > 0 && all[i-1].Level > 0:
		o.before = d.lead * 0.15
	default:
		if i > 0 {
			o.before = d.lead * 0.5
		}
	}
	if mp.Code {
		o.align = typeset.Left
	}
	p := d.para(mp.Runs, o)
	if mp.Heading {
		p.blk.KeepWithNext = true
	}
	if mp.Quote > 0 {
		p.rule = &d.muted
		p.ruleX = indent - step*0.55
		p.color = d.ink
	}
	if mp.Marker != "" {
		font := face(d.body, false, false)
		mw := d.width(font, d.size, mp.Marker)
		p.marker = &marker{Text: mp.Marker, Font: font, Size: d.size, Color: d.accent, X: -mw - d.size*0.5}
	}
	return p
}

// sections are the numbered narrative.
func (d *doc) sections() error {
	for i := range d.b.Sections {
		s := &d.b.Sections[i]
		w := where{Pos: s.Pos, What: fmt.Sprintf("section %q", s.ID)}
		d.heading(itoa(i+1), s.Title, 0, "sec-"+string(s.ID), s.Pos)
		paras, err := renderMarkdown(s.Body, d.mdStyle(d.size))
		if err != nil {
			return d.atErr(w, err)
		}
		for j, mp := range paras {
			pw := w
			pw.What = fmt.Sprintf("%s, paragraph %d", w.What, j+1)
			d.elems = append(d.elems, d.mdPara(mp, paras, j, 0, 0, pw))
		}
	}
	return nil
}

// chartTheme is the charts' look in this document's fonts and colours.
func (c *Config) chartTheme() charts.Theme {
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
		d.colored(fmt.Sprintf("Figure %d. ", n), bold, d.small, d.accent),
		d.run(title+" ", bold, d.small),
		d.run(note, font, d.small),
	}
	w := where{Pos: d.b.Meta.Pos, What: fmt.Sprintf("figure %d caption", n)}
	p := &paraElem{lead: d.smallLead, width: d.textW, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), where: w, align: typeset.Left}
	p.lines = d.lines(runs, d.textW, 0, typeset.Left, w)
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
	// The chart draws what a face lacks as a blank box: check its text.
	sans, bold := face(d.head, false, false), face(d.head, true, false)
	for _, e := range d.b.Events {
		w := where{Pos: e.Pos, What: fmt.Sprintf("event %q", e.ID)}
		d.checkGlyphs([]typeset.Run{d.run(e.Title, sans, d.small), d.run(e.Title, bold, d.small)}, w)
	}
	d.figures++
	lanes := map[Lanes]string{"track": "track", "kind": "kind of event", "party": "party"}[d.cfg.Timeline.Lanes]
	note := fmt.Sprintf("Events of %s by %s, one lane each. A filled marker is an event dated to the day, "+
		"a bar an event of several days. An event known only to the month or year is a hollow marker on a "+
		"light band over the whole span it may fall in: it did not necessarily happen at the marker. "+
		"Arrows count events outside the period; labelled events are those the data marks as key.",
		periodString(d.b), lanes)
	tw, th, _, _ := d.cfg.ChartSizes()
	d.addFigure(p, tw, th, d.caption(d.figures, "Timeline of events.", note), "Timeline")
	return nil
}

func (d *doc) frequency() error {
	p, err := newFrequency(chartBriefing(d.b, d.cfg), d.cfg, d.fonts)
	if errors.Is(err, charts.ErrEmpty) {
		d.notices = append(d.notices, Warning{Where: "actor frequency", Msg: "no actor takes part in an event: the figure is left out"})
		return nil
	}
	if err != nil {
		return err
	}
	sans, bold := face(d.head, false, false), face(d.head, true, false)
	for _, a := range d.b.Actors {
		w := where{Pos: a.Pos, What: fmt.Sprintf("actor %q", a.ID)}
		d.checkGlyphs([]typeset.Run{d.run(a.Name+a.Role, sans, d.small), d.run(a.Name, bold, d.small)}, w)
	}
	d.figures++
	note := fmt.Sprintf("The %d actors who take part in the most events, with the number of events each "+
		"takes part in; bars are coloured by party. An event counts once per actor, whatever its length.",
		min(d.cfg.Frequency.Top, len(d.b.ActorFrequency())))
	_, _, fw, fh := d.cfg.ChartSizes()
	d.addFigure(p, fw, fh, d.caption(d.figures, "Who took part.", note), "Actors")
	return nil
}

func periodString(b *data.Briefing) string {
	s, e := b.Window()
	return data.FormatRange(s, e, data.Day)
}

func (d *doc) addFigure(p *plot.Plot, w, h float64, cap *paraElem, name string) {
	fg := &figureElem{plot: p, w: w, h: h, textW: d.textW, gap: d.lead * 0.4, caption: cap,
		name: fmt.Sprintf("figure-%d", d.figures), outline: fmt.Sprintf("Figure %d. %s", d.figures, name)}
	fg.level = 0
	fg.blk = typeset.Block{SpaceBefore: d.lead, SpaceAfter: d.lead, Float: true}
	d.elems = append(d.elems, fg)
}

// quotes are the events' quotations as pull quotes, in date order.
func (d *doc) quotes() {
	var evs []*data.Event
	for _, e := range d.b.Chronology() {
		if len(e.Quotes) > 0 {
			evs = append(evs, e)
		}
	}
	if len(evs) == 0 {
		return
	}
	d.heading("", "In their own words", 0, "quotes", d.b.Meta.Pos)
	qsize := d.size + 1.5
	qlead := qsize * 1.3
	italic := face(d.body, false, true)
	sans := face(d.head, false, false)
	sansBold := face(d.head, true, false)
	indent := d.lead * 1.2
	first := true
	for _, e := range evs {
		for qi, q := range e.Quotes {
			w := where{Pos: e.Pos, What: fmt.Sprintf("event %q quote %d", e.ID, qi+1)}
			text := d.para([]typeset.Run{d.run("“"+strings.TrimSpace(q.Text)+"”", italic, qsize)},
				paraOpts{size: qsize, lead: qlead, indent: indent, align: typeset.Left, where: w})
			var attr []typeset.Run
			if a := d.b.Actor(q.By); a != nil {
				attr = append(attr, d.run("— "+a.Name, sansBold, d.small))
				if a.Role != "" {
					attr = append(attr, d.colored(", "+a.Role, sans, d.small, d.muted))
				}
			}
			attr = append(attr, d.colored(" · "+e.DateString()+", "+e.Title, sans, d.small, d.muted))
			at := d.para(attr, paraOpts{size: d.small, lead: d.smallLead, indent: indent, align: typeset.Left, where: w})
			g := &groupElem{parts: []*paraElem{text, at}, gaps: []float64{0, d.lead * 0.25},
				rule: &d.accent, ruleW: 2.5}
			g.blk = typeset.Block{SpaceBefore: d.lead * 0.9, SpaceAfter: d.lead * 0.3}
			if first {
				g.blk.SpaceBefore = d.lead * 0.3
				first = false
			}
			d.elems = append(d.elems, g)
		}
	}
}

// cellPara lays out a table cell's paragraph, ragged right.
func (d *doc) cellPara(runs []typeset.Run, width float64, w where) *paraElem {
	return d.alignedCellPara(runs, width, typeset.Left, w)
}

func (d *doc) alignedCellPara(runs []typeset.Run, width float64, align typeset.Align, w where) *paraElem {
	font := face(d.head, false, false)
	p := &paraElem{lead: d.smallLead, width: width, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), where: w, align: align}
	p.lines = d.lines(runs, width, 0, align, w)
	return p
}

func (d *doc) textCell(s string, font string, width float64, w where) cell {
	return cell{paras: []*paraElem{d.cellPara([]typeset.Run{d.run(s, font, d.small)}, width, w)}}
}

// lastCell is a cell of a table's last column, set flush right so that
// the table's text ends where the body text does.
func (d *doc) lastCell(s string, font string, width float64, w where) cell {
	return cell{paras: []*paraElem{d.alignedCellPara([]typeset.Run{d.run(s, font, d.small)}, width, typeset.Right, w)}}
}

// table makes a table element from column fractions of the text width.
// The cells' padding hangs into the margins, so that the text of the
// first column starts, and that of the last (set flush right) ends, where
// the body text does.
func (d *doc) table(fracs []float64, header []string, w where) *tableElem {
	t := &tableElem{padX: 4, padY: 3.5, stripe: d.shade, head: d.accent, what: w.What}
	total := sum(fracs)
	for _, f := range fracs {
		t.widths = append(t.widths, (d.textW+2*t.padX)*f/total)
	}
	bold := face(d.head, true, false)
	var row []cell
	for i, h := range header {
		c := d.textCell(h, bold, t.widths[i]-2*t.padX, w)
		if i == len(header)-1 {
			c = d.lastCell(h, bold, t.widths[i]-2*t.padX, w)
		}
		c.paras[0].color = d.accent
		row = append(row, c)
	}
	t.rows = append(t.rows, row)
	t.blk = typeset.Block{SpaceBefore: d.lead * 0.5, SpaceAfter: d.lead, Orphans: 2, Widows: 2}
	return t
}

// chronology is the table of events in date order.
func (d *doc) chronology() error {
	evs := d.b.Chronology()
	if len(evs) == 0 {
		return nil
	}
	d.heading("", "Chronology", 0, "chronology", d.b.Meta.Pos)
	t := d.table([]float64{0.16, 0.48, 0.2, 0.16}, []string{"Date", "Event", "Actors", "Location"},
		where{Pos: d.b.Meta.Pos, What: "chronology"})
	sans := face(d.head, false, false)
	bold := face(d.head, true, false)
	for _, e := range evs {
		w := where{Pos: e.Pos, What: fmt.Sprintf("event %q", e.ID)}
		cw := func(i int) float64 { return t.widths[i] - 2*t.padX }
		title := d.cellPara([]typeset.Run{d.run(e.Title, bold, d.small)}, cw(1), w)
		title.names = []string{eventAnchor(e.ID)}
		ev := cell{paras: []*paraElem{title}}
		if strings.TrimSpace(e.Summary) != "" {
			st := d.mdStyle(d.small)
			st.Family = d.head
			runs, err := inlineMarkdown(e.Summary, st)
			if err != nil {
				return d.atErr(where{Pos: e.Pos, What: w.What + " summary"}, err)
			}
			sw := where{Pos: e.Pos, What: w.What + " summary"}
			ev.paras = append(ev.paras, d.cellPara(runs, cw(1), sw))
		}
		var names []string
		for _, id := range e.Actors {
			if a := d.b.Actor(id); a != nil {
				names = append(names, a.Name)
			}
		}
		date := d.textCell(e.DateString(), sans, cw(0), w)
		if e.Kind != "" {
			kind := d.cellPara([]typeset.Run{d.colored(charts.KindName(e.Kind), face(d.head, false, true), d.small, d.muted)}, cw(0), w)
			date.paras = append(date.paras, kind)
		}
		row := []cell{
			date,
			ev,
			d.textCell(strings.Join(names, ", "), sans, cw(2), w),
			d.lastCell(e.Location, sans, cw(3), w),
		}
		t.rows = append(t.rows, row)
	}
	t.measure()
	d.elems = append(d.elems, t)
	return nil
}

// annex lists the actors with their role, party and number of events.
func (d *doc) annex() {
	if len(d.b.Actors) == 0 {
		return
	}
	d.heading("", "Actors", 0, "annex", d.b.Meta.Pos)
	t := d.table([]float64{0.27, 0.43, 0.18, 0.12}, []string{"Name", "Role", "Party", "Events"},
		where{Pos: d.b.Meta.Pos, What: "actor annex"})
	counts := map[data.ID]int{}
	for _, ac := range d.b.ActorFrequency() {
		counts[ac.Actor.ID] = ac.Events
	}
	sans := face(d.head, false, false)
	bold := face(d.head, true, false)
	for _, a := range actorsByParty(d.b) {
		w := where{Pos: a.Pos, What: fmt.Sprintf("actor %q", a.ID)}
		cw := func(i int) float64 { return t.widths[i] - 2*t.padX }
		party := cell{}
		if p := d.b.Party(a.Party); p != nil {
			sw := d.small * 0.8
			party = d.textCell(p.Name, sans, cw(2)-sw*1.6, w)
			party.paras[0].indent = sw * 1.6
			c := d.partyColor(p)
			party.swatch, party.swatchSize = &c, sw
		}
		row := []cell{
			d.textCell(a.Name, bold, cw(0), w),
			d.textCell(a.Role, sans, cw(1), w),
			party,
			d.lastCell(itoa(counts[a.ID]), sans, cw(3), w),
		}
		t.rows = append(t.rows, row)
	}
	t.measure()
	d.elems = append(d.elems, t)
}

// contentsBlock reserves the contents; its entries are the headings of
// the whole document, known once everything is composed.
func (d *doc) contentsBlock() {
	d.contentsHead = d.heading("", "Contents", 0, "contents", d.b.Meta.Pos)
	d.contents = &contentsElem{}
	d.elems = append(d.elems, d.contents)
}

func (d *doc) layoutContents() {
	ce := d.contents
	ce.size = d.size
	ce.lead = d.lead * 1.15
	ce.font = face(d.body, false, false)
	ce.bold = face(d.body, true, false)
	ce.base = d.baseline(ce.font, ce.size, ce.lead)
	ce.color = d.ink
	ce.width = d.textW
	ce.leader = ". "
	ce.leaderW = d.width(ce.font, ce.size, ce.leader)
	ce.widthOf = d.width
	ce.numW = d.size * 2.2
	ce.pageW = d.width(ce.bold, ce.size, "000")
	ce.blk = typeset.Block{SpaceBefore: d.lead * 0.3, SpaceAfter: d.lead}
	for _, h := range d.headings {
		if h.anchor == "contents" {
			continue
		}
		indent := float64(h.level) * ce.numW
		font := ce.font
		if h.level == 0 {
			font = ce.bold
		}
		w := where{Pos: d.b.Meta.Pos, What: fmt.Sprintf("contents entry %q", h.title)}
		h.lines = d.lines([]typeset.Run{d.run(h.title, font, ce.size)},
			ce.width-indent-ce.numW-ce.pageW-ce.leaderW*3, 0, typeset.Left, w)
		ce.entries = append(ce.entries, h)
	}
}

// orderedSources returns the sources sorted by publisher, date and title.
func orderedSources(b *data.Briefing) []*data.Source {
	out := make([]*data.Source, len(b.Sources))
	for i := range b.Sources {
		out[i] = &b.Sources[i]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Publisher != c.Publisher {
			return a.Publisher < c.Publisher
		}
		if !a.Date.Equal(c.Date) {
			return a.Date.Before(c.Date)
		}
		return a.Title < c.Title
	})
	return out
}

// actorsByParty returns the actors grouped by party, parties in file
// order, actors without a party last; file order within a group.
func actorsByParty(b *data.Briefing) []*data.Actor {
	var out []*data.Actor
	for _, p := range b.Parties {
		for i := range b.Actors {
			if b.Actors[i].Party == p.ID {
				out = append(out, &b.Actors[i])
			}
		}
	}
	for i := range b.Actors {
		if b.Party(b.Actors[i].Party) == nil {
			out = append(out, &b.Actors[i])
		}
	}
	return out
}

// partyColor is the party's colour, as the charts show it.
func (d *doc) partyColor(p *data.Party) Color {
	if d.partyColors == nil {
		d.partyColors = partyColors(d.b, d.cfg)
	}
	return d.partyColors[p.ID]
}

// eventAnchor names an event's row in the chronology.
func eventAnchor(id data.ID) string { return "event-" + string(id) }
