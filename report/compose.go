package report

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
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

// doc composes the briefing's blocks into elements: the compose stage's
// state, which paginate and finish read.
type doc struct {
	cfg      *Config
	b        *data.Briefing
	fonts    *fonts.Set
	settings typeset.Settings
	style    // the measures, faces and colours of the config

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
	// The lines of each note as last set (paraOpts.memo), which a pass
	// of redoNotes takes again when its runs did not change: most
	// notes' page numbers stay the same from one pass to the next.
	noteLines map[string]memoLines

	notices      []Warning // problems of the whole document, not of a page
	*textChecker           // errs: the text that cannot be printed

	anchorsOf map[element][]anchorAt // each element's anchors, once listed
	md        mdNodes                // the structure open in a Markdown text
	logo      *logoInfo              // the cover's logo, measured; nil for none

	// want is told the faces the text uses as it is set, with the text
	// (Build's writer registers them meanwhile); nil when nobody asks.
	want func(face, text string)

	loc *i18n.Locale // the words the report prints on its own

	tables   int      // Markdown tables so far, for their numbers
	notePos  data.Pos // where the text being composed is, for its footnotes and warnings
	noteWhat string   // and what it is: section "background"
	fsys     fs.FS    // where the sections' images are read; nil: none can be
	images   []frames.ImageFile
	read     []string // the fs paths of the images read, for Result.Inputs
}

// style is what the config sets of the page's text: its measures, font
// families, sizes and colours.
type style struct {
	textW, textH float64
	body, head   string // font families
	size, lead   float64
	small        float64
	smallLead    float64

	accent, ink, muted, shade Color
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
		if d.want != nil {
			d.want(r.Style.Font, r.Text)
		}
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
		lead: lead, indent: o.indent, width: width, right: o.right, color: d.ink,
		base: d.baseline(face(d.body, false, false), size, lead),
	}
	p.where = o.where
	if o.color != nil {
		p.color = *o.color
	}
	p.align = align
	if m, ok := d.noteLines[o.memo]; ok && o.memo != "" && m.same(runs, width, o.first, align) {
		d.checkGlyphs(runs, o.where)
		p.lines = m.lines
	} else {
		p.lines = d.lines(runs, width, o.first, align, o.where)
		if o.memo != "" {
			if d.noteLines == nil {
				d.noteLines = map[string]memoLines{}
			}
			d.noteLines[o.memo] = memoLines{runs: slices.Clone(runs), width: width, first: o.first, align: align, lines: p.lines}
		}
	}
	p.blk = typeset.Block{SpaceBefore: o.before, SpaceAfter: o.after, Orphans: 2, Widows: 2}
	return p
}

// memoLines is a paragraph's lines and what they were set from.
type memoLines struct {
	runs         []typeset.Run
	width, first float64
	align        typeset.Align
	lines        []typeset.Line
}

func (m *memoLines) same(runs []typeset.Run, width, first float64, align typeset.Align) bool {
	if width != m.width || first != m.first || align != m.align || len(runs) != len(m.runs) {
		return false
	}
	for i, r := range runs {
		o := m.runs[i]
		a, aok := r.Style.Tag.(tag)
		b, bok := o.Style.Tag.(tag)
		if r.Text != o.Text || r.Style.Font != o.Style.Font || r.Style.Size != o.Style.Size ||
			r.Style.Rise != o.Style.Rise || aok != bok || a != b || (!aok && (r.Style.Tag != nil || o.Style.Tag != nil)) {
			return false
		}
	}
	return true
}

type paraOpts struct {
	memo          string // a key under which the lines are kept for the next pass (notes)
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
	font := inHeadings(face(d.head, true, false), d.fonts.Shaping())
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
		base: d.baseline(font, size, lead), heading: true, align: typeset.Left,
		names: []string{anchor}, outline: strings.TrimSpace(number + " " + title), level: level,
	}
	p.where = w
	p.lines = d.lines([]typeset.Run{d.run(title, font, size)}, p.width, 0, typeset.Left, w)
	if number != "" {
		p.marker = &marker{Text: number, Font: font, Size: size, Color: d.accent, X: -numW,
			W: d.width(font, size, number)}
	}
	before := d.lead * 1.6
	if level > 0 {
		before = d.lead
	}
	p.blk = typeset.Block{SpaceBefore: before, SpaceAfter: d.lead * 0.45, KeepWithNext: true}
	p.node = frames.NewNode(headingRole(level), nil)
	d.headings = append(d.headings, contentsEntry{number: number, title: title, level: level, anchor: anchor})
	d.elems = append(d.elems, p)
	return p
}

// compose is the compose stage: it turns the briefing and the config into
// the flow's blocks, measured and broken into lines, and checks every
// character of their text. want, if not nil, is told the faces the text
// uses as it is set (the writer registers them meanwhile).
func compose(b *data.Briefing, cfg *Config, res *resources, want func(face, text string)) (*doc, error) {
	d := newDoc(b, cfg, res.fonts, res.settings, nil)
	d.want, d.logo = want, res.logo
	d.fsys = res.fsys // for the images of the sections' Markdown
	d.textChecker.fsys = res.fsys
	if err := d.compose(); err != nil {
		return nil, err
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return d, nil
}

func newDoc(b *data.Briefing, cfg *Config, set *fonts.Set, settings typeset.Settings, refs map[string]int) *doc {
	loc := cfg.Locale()
	cfg = cfg.Localized(loc)
	w, h := cfg.PageDimensions()
	m := cfg.Page.Margins
	d := &doc{
		cfg: cfg, b: b, fonts: set, settings: settings,
		style: style{
			textW: w - m.Left - m.Right, textH: h - m.Top - m.Bottom,
			body: string(cfg.Fonts.Body), head: string(cfg.Fonts.Heading),
			size: cfg.Fonts.BodySize, lead: cfg.Fonts.Leading,
			small:  cfg.Fonts.SmallSize,
			accent: cfg.Colors.Accent, ink: cfg.Colors.Text, muted: cfg.Colors.Muted, shade: cfg.Colors.Shade,
		},
		notes:       newNoteBook(b),
		refs:        refs,
		textChecker: newTextChecker(set, b, cfg),
		loc:         loc,
	}
	if n := hyphenationNotice(cfg); n != nil {
		d.notices = append(d.notices, *n)
	}
	if n := languageNotice(cfg); n != nil {
		d.notices = append(d.notices, *n)
	}
	d.smallLead = d.small * 1.3
	return d
}

// composer composes one of the config's blocks: it appends the block's
// elements to d.elems.
type composer interface {
	compose(d *doc) error
}

// composeFunc is a composer of a function.
type composeFunc func(d *doc) error

func (f composeFunc) compose(d *doc) error { return f(d) }

// composers are the composers of the flow's blocks, by name; the cover is
// not in the flow (finish lays it out). A new block is a composer here.
var composers = map[BlockName]composer{
	BlockSummary:    composeFunc((*doc).summary),
	BlockContents:   composeFunc((*doc).contentsBlock),
	BlockSections:   composeFunc((*doc).sections),
	BlockTimeline:   composeFunc((*doc).timeline),
	BlockActors:     composeFunc((*doc).frequency),
	BlockQuotes:     composeFunc((*doc).quotes),
	BlockChronology: composeFunc((*doc).chronology),
	BlockAnnex:      composeFunc((*doc).annex),
	BlockSources:    composeFunc((*doc).sourcesBlock),
}

// sourcesBlock is the notes and sources, marked as the elements that
// change with the page numbers they cite (redoNotes).
func (d *doc) sourcesBlock() error {
	d.notesFrom, d.notesHeadings = len(d.elems), len(d.headings)
	d.notesBlock()
	d.notesTo = len(d.elems)
	return nil
}

// compose builds the flow of elements (everything but the cover).
func (d *doc) compose() error {
	first := true
	for _, blk := range d.cfg.Blocks {
		n0 := len(d.elems)
		c, ok := composers[blk]
		if !ok {
			continue // the cover: laid out by finish
		}
		err := c.compose(d)
		if err != nil {
			return err
		}
		if len(d.elems) > n0 && d.cfg.StartsPage(blk) && !first {
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

func (d *doc) setBreakBefore(i int) { d.elems[i].shared().blk.BreakBefore = true }

// redoNotes lays out the notes block again with the page numbers of refs
// and puts it in place of the old one; nothing else depends on them.
func (d *doc) redoNotes(refs map[string]int) {
	if d.notesTo == d.notesFrom {
		return
	}
	breakBefore := d.cfg.StartsPage(BlockSources) && d.notesFrom > 0
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
