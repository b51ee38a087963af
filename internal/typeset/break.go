package typeset

import (
	"math"
	"sync"
)

// infBad is TeX's infinitely bad: the badness of a line that cannot
// stretch enough.
const infBad = 10000

// NoStretchRatio is the Ratio reported for a justified line that is
// shorter than the measure but has no glue to stretch (a single word):
// very loose, to be flagged by quality checks.
const NoStretchRatio = 100

// charBreakPenalty is the cost of cutting a word too long for the measure
// between two characters, in the last-resort pass.
const charBreakPenalty = 5000

// Break sets a paragraph into lines with Knuth and Plass's total-fit
// algorithm, as TeX does: it chooses the breaks that minimise the sum of
// the lines' demerits (from badness, penalties, and the hyphen and
// fitness-class demerits of s) over the whole paragraph.
//
// Words are measured with m run by run; a word made of several runs (a
// word and its superscript note number) is one unbreakable box. Spaces are
// glue in the font of the space's run: the natural space, stretching by
// s.SpaceStretch and shrinking by s.SpaceShrink of it for justified text,
// fixed for ragged text, which instead gets s.RaggedStretch at the line's
// end. The last line is set ragged (TeX's \parfillskip).
//
// Breaks may fall at spaces, after explicit hyphens and dashes inside
// words, after '/', '.' and '-' inside URLs (words with "://" or "www.",
// or 12 bytes or more with a '/'), at soft hyphens (U+00AD, shown as a
// hyphen only at a break) and zero-width spaces (U+200B, never shown),
// and, with s.Hyphenator, at hyphenation points of words that are not
// capitalised, hold no digit, are not URLs and do not end the paragraph.
// Never at a no-break space (U+00A0, U+202F, U+2007), before a raised run
// (a note marker) or before a spaced en or em dash. Spacing is French: no
// wider space after a full stop.
//
// Passes, as TeX's: without hyphenation at s.Pretolerance; with it at
// s.Tolerance; with s.EmergencyStretch; and a last resort that accepts any
// badness, lets a line stick out by s.OverfullTolerance, and cuts a word
// longer than the measure between characters. A line still wider than the
// measure (one character wider than it) is marked Overfull. Break never
// fails: every paragraph with text yields lines; one without text (empty
// or only spaces) yields none.
//
// Fragment X positions include the set glue, so the caller draws each
// fragment at its X (plus the line's left edge) with no further
// arithmetic. Line.Ratio is the glue's adjustment ratio: 0 for ragged
// lines and for the last line when it is not shrunk, NoStretchRatio for a
// justified line with nothing to stretch.
func Break(p Paragraph, m Measurer, s Settings) []Line {
	if m == nil || len(p.Runs) == 0 {
		return nil
	}
	s = s.sane()
	if !(p.Width > 0) || math.IsInf(p.Width, 0) {
		p.Width = 0
	}
	if math.IsNaN(p.FirstIndent) || p.FirstIndent < 0 {
		p.FirstIndent = 0
	}
	if p.FirstIndent > p.Width {
		p.FirstIndent = p.Width
	}
	b := breakers.Get().(*breaker)
	b.init(&p, m, &s)
	var lines []Line
	if breaks := b.choose(); breaks != nil {
		lines = b.lines(breaks)
	}
	b.init(nil, nil, nil)
	breakers.Put(b)
	return lines
}

// breakers keeps breakers' buffers from one paragraph to the next.
var breakers = sync.Pool{New: func() any { return new(breaker) }}

// node is a feasible break: TeX's active or passive node.
type node struct {
	totW, totY, totZ float64 // sums of widths, stretch, shrink from the paragraph's start to the line after this break
	demerits         float64 // total, from the paragraph's start
	pos              int32   // the item broken at; -1 for the paragraph's start
	prev             int32   // the node of the previous break; -1 for none
	fitness          int8    // 0 very loose, 1 loose, 2 decent, 3 tight
	hyph             int8    // consecutive lines ending in a hyphen, up to this break
}

type breaker struct {
	p     *Paragraph
	m     Measurer
	s     *Settings
	col   collector
	items []item
	em    float64 // the paragraph's size, for settings given in ems

	nodes  []node
	active []int32
	breaks []int32
}

func newBreaker(p *Paragraph, m Measurer, s *Settings) *breaker {
	b := new(breaker)
	b.init(p, m, s)
	return b
}

// init readies b for paragraph p, keeping its buffers; p nil lets go of
// the last paragraph.
func (b *breaker) init(p *Paragraph, m Measurer, s *Settings) {
	b.p, b.m, b.s = p, m, s
	b.col.p, b.col.m, b.col.s = p, m, s
	b.col.metrics = b.col.metrics[:0]
	b.col.pending, b.col.haveText = false, false
	b.items, b.em = nil, 0
	b.breaks = b.breaks[:0]
	if p == nil {
		return
	}
	if n := b.col.estimate(); cap(b.col.items) < n {
		b.col.items = make([]item, 0, n)
	}
	for _, r := range p.Runs {
		if r.Style.Size > 0 && !math.IsInf(r.Style.Size, 0) {
			b.em = r.Style.Size
			break
		}
	}
}

// choose runs the passes until one finds breaks and returns the item
// indexes broken at, the last being the paragraph's end.
func (b *breaker) choose() []int32 {
	s := b.s
	hyph := s.Hyphenator != nil && len(s.Hyphenator.patterns)+len(s.Hyphenator.exceptions) > 0
	b.col.hyphenate = !hyph || s.Pretolerance < 0
	b.items = b.col.collect()
	if b.items == nil {
		return nil
	}
	if s.Pretolerance >= 0 {
		if br := b.run(s.Pretolerance, 0, false); br != nil {
			return br
		}
		if hyph {
			b.col.hyphenate = true
			b.items = b.col.collect()
		}
	}
	if br := b.run(s.Tolerance, 0, false); br != nil {
		return br
	}
	extra := s.EmergencyStretch * b.em
	if extra > 0 {
		if br := b.run(s.Tolerance, extra, false); br != nil {
			return br
		}
	}
	b.items = splitWide(b.items, b.p.Width+s.OverfullTolerance, b.p, b.m, charBreakPenalty)
	if br := b.run(infBad, extra, true); br != nil {
		return br
	}
	// Not reached (the last pass always ends the paragraph); should it
	// be, one line is better than none.
	return append(b.breaks[:0], int32(len(b.items)-1))
}
