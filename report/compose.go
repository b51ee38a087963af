package report

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// where says where a piece of text comes from, for errors and warnings.
type where struct {
	Pos  data.Pos
	What string // e.g. `section "background"`
	// Composed marks text the layout writes itself around the data's
	// (the source card, the methodology note): a character that cannot
	// be printed is blamed on the field that has it, else on the font.
	Composed bool
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

	// The elements of the notes block, [notesFrom, notesTo), the only
	// ones that change when the page numbers they cite change; and how
	// many headings came before them.
	notesFrom, notesTo, notesHeadings int

	notices      []Warning // problems of the whole document, not of a page
	*textChecker           // errs: the text that cannot be printed

	anchorsOf map[element][]anchorAt // each element's anchors, once listed

	reg *faceRegistrar // registers the faces the text uses meanwhile; may be nil

	loc *i18n.Locale // the words the report prints on its own

	tables   int      // Markdown tables so far, for their numbers
	notePos  data.Pos // where the text being composed is, for its footnotes and warnings
	noteWhat string   // and what it is: section "background"
	fsys     fs.FS    // where the sections' images are read; nil: none can be
	images   []pdfImage
}

func itoa(n int) string { return strconv.Itoa(n) }

// width measures s.
func (d *doc) width(font string, size float64, s string) float64 {
	return d.fonts.Width(font, size, s)
}

// checkGlyphs reports characters of runs that cannot be printed in
// their fonts (see textChecker).
func (d *doc) checkGlyphs(runs []typeset.Run, w where) {
	for _, r := range runs {
		d.reg.want(r.Style.Font, r.Text)
		if w.Composed {
			d.checkDrawn(r.Style.Font, r.Text)
			continue
		}
		d.check(r.Style.Font, r.Text, w)
	}
}

// lines breaks runs into lines at width.
func (d *doc) lines(runs []typeset.Run, width, firstIndent float64, align typeset.Align, w where) []typeset.Line {
	d.checkGlyphs(runs, w)
	if len(runs) == 0 {
		return nil
	}
	s := d.settings
	if align != typeset.Justify {
		// Ragged text (table cells, captions, headings) has room to
		// spare at the line's end: hyphens there only cost reading, and
		// the hyphenation pass would run on nearly every cell.
		s.Hyphenator = nil
	}
	return typeset.Break(typeset.Paragraph{Runs: runs, Width: width, FirstIndent: firstIndent, Align: align}, d.fonts, s)
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
	// The headings of the fixed blocks ("Contents", "Chronology") are
	// words of the language or of [labels]: a character the font lacks
	// is found where it is written, not blamed on the data.
	w.Composed = number == "" && pos == d.b.Meta.Pos
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
			d.notesFrom, d.notesHeadings = len(d.elems), len(d.headings)
			d.notesBlock()
			d.notesTo = len(d.elems)
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
	return inlineStyle{Family: d.body, Size: size, Link: d.accent, Cite: d.notes.cite, Heading: d.head, Note: d.footnote, Warn: d.mdWarn}
}

// summary is the key judgments box.
// It holds the summary, then the judgments with their confidence, and is
// followed by the source card and the methodology note (provenance.go).
func (d *doc) summary() error {
	src := strings.TrimSpace(d.b.Meta.Summary)
	if src == "" && len(d.b.Judgments) == 0 {
		return d.provenance()
	}
	w := where{Pos: d.b.Meta.Pos, What: "briefing summary"}
	var paras []mdPara
	var err error
	if src != "" {
		d.notePos, d.noteWhat = d.b.Meta.Pos, "briefing summary"
		paras, err = d.markdown(src, d.size)
		if err != nil {
			return d.atErr(w, err)
		}
	}
	jparas, jwhere, err := d.judgmentParas()
	if err != nil {
		return err
	}
	paras = append(paras, jparas...)
	pad := d.lead * 0.9
	// The box bleeds into the margins so that its text keeps the measure
	// of every other page.
	bleed := min(d.lead, d.cfg.Page.Margins.Left*0.6, d.cfg.Page.Margins.Right*0.6)
	h := d.heading("", d.t("heading.summary"), 0, "summary", d.b.Meta.Pos)
	h.fill, h.boxX, h.boxW = &d.shade, -bleed, d.textW+2*bleed
	h.padTop = pad
	h.blk.SpaceAfter = 0
	h.padBottom = d.lead * 0.35
	for i, mp := range paras {
		pw := w
		if k := i - (len(paras) - len(jparas)); k >= 0 {
			pw = jwhere[k]
		}
		p := d.mdPara(mp, paras, i, 0, 0, pw)
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
	return d.provenance()
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
	prevPlain := i > 0 && all[i-1].Level == 0 && all[i-1].Quote == 0 && !all[i-1].Heading && !all[i-1].Code &&
		all[i-1].Table == nil && all[i-1].Image == nil
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
		d.heading(itoa(i+1), d.smart(s.Title), 0, "sec-"+string(s.ID), s.Pos)
		d.notePos, d.noteWhat = s.Pos, w.What
		paras, err := d.markdownBlocks(s.Body, d.size)
		if err != nil {
			return d.atErr(w, err)
		}
		for j, mp := range paras {
			pw := w
			pw.What = fmt.Sprintf("%s, paragraph %d", w.What, j+1)
			if mp.Table != nil || mp.Image != nil {
				if err := d.mdBlock(mp, pw); err != nil {
					return err
				}
				continue
			}
			d.elems = append(d.elems, d.mdPara(mp, paras, j, 0, 0, pw))
		}
	}
	return nil
}

// contentsBlock reserves the contents; its entries are the headings of
// the whole document, known once everything is composed.
func (d *doc) contentsBlock() {
	d.contentsHead = d.heading("", d.t("heading.contents"), 0, "contents", d.b.Meta.Pos)
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

// redoNotes lays out the notes block again with the page numbers of refs
// and puts it in place of the old one; nothing else depends on them.
func (d *doc) redoNotes(refs map[string]int) {
	if d.notesTo == d.notesFrom {
		return
	}
	breakBefore := d.cfg.newPage(BlockSources) && d.notesFrom > 0
	after := append([]element(nil), d.elems[d.notesTo:]...)
	headings := len(d.headings)
	d.elems = d.elems[:d.notesFrom]
	d.headings = d.headings[:d.notesHeadings]
	d.refs = refs
	d.notesBlock()
	if breakBefore && len(d.elems) > d.notesFrom {
		d.setBreakBefore(d.notesFrom)
	}
	d.notesTo = len(d.elems)
	d.elems = append(d.elems, after...)
	d.headings = d.headings[:headings] // the contents was laid out with them already
}
