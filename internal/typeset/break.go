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

// badness is TeX's: 100·r³, at most infBad.
func badness(r float64) float64 {
	if r > 4.65 { // 100·4.65³ > 10000
		return infBad
	}
	b := 100 * r * r * r
	if b > infBad {
		return infBad
	}
	return b
}

// looseness is the badness of stretching y by short, without TeX's cap:
// 100·r³, or maxLooseness for a line with nothing to stretch.
func looseness(short, y float64) float64 {
	if y <= 0 {
		return maxLooseness
	}
	return min(badness3(short/y), maxLooseness)
}

func badness3(r float64) float64 { return 100 * r * r * r }

const maxLooseness = 1e6

// candidate is the best way found to reach one break in one fitness class
// and hyphen count.
type candidate struct {
	demerits float64
	from     int32
	ok       bool
}

const maxHyphTrack = 8

// Demerits of the last-resort pass for what the others forbid: a line
// that sticks out past the measure (by no more than OverfullTolerance),
// and more consecutive hyphenated lines than MaxHyphenLines, which is
// worse than any line but one past the measure by more than the
// tolerance (a line of looseness maxLooseness, r ≈ 21, costs 1e12).
const (
	overfullDemerits       = 1e9
	tooManyHyphensDemerits = 1e14
)

// pass is the parameters of one pass of the algorithm.
type pass struct {
	tol, extra    float64 // badness limit, imagined stretch per line
	final         bool    // the last pass: it always ends the paragraph
	width         float64 // the measure
	raggedStretch float64 // the stretch ragged text gets at each line's end
	minLast       float64 // the shortest last line without demerits
	maxH          int     // the consecutive hyphenated lines tracked
	last          int     // the index of the last item
}

// run is one pass of the algorithm with badness limit tol and extra
// imagined stretch per line (TeX's line_break): it walks the items,
// keeping the sums of widths, stretch and shrink, and tries each legal
// break against the active breaks (tryBreak). It returns nil when no
// feasible breaks exist; the final pass always returns breaks.
func (b *breaker) run(tol, extra float64, final bool) []int32 {
	items := b.items
	s := b.s
	p := pass{tol: tol, extra: extra, final: final, width: b.p.Width,
		minLast: s.MinLastLine * b.em, maxH: s.MaxHyphenLines, last: len(items) - 1}
	if b.p.Align != Justify {
		p.raggedStretch = s.RaggedStretch * b.em
	}
	if p.maxH <= 0 || p.maxH >= maxHyphTrack {
		p.maxH = maxHyphTrack - 1
	}

	b.nodes = append(b.nodes[:0], node{pos: -1, prev: -1, fitness: 2})
	b.active = append(b.active[:0], 0)
	var W, Y, Z float64

	for i := range items {
		it := &items[i]
		switch it.kind {
		case boxItem:
			W += it.width
			continue
		case glueItem:
			if i == 0 || items[i-1].kind != boxItem {
				W += it.width
				Y += it.stretch
				Z += it.shrink
				continue
			}
		case penaltyItem:
			if it.penalty >= infPenalty {
				continue
			}
		}
		// A legal break at item i.
		if !b.tryBreak(&p, i, W, Y, Z) {
			return nil
		}
		if it.kind == glueItem {
			W += it.width
			Y += it.stretch
			Z += it.shrink
		}
	}
	return b.bestBreaks(p.last)
}

// tryBreak tries the legal break at item i, with the sums W, Y and Z of
// the widths, stretch and shrink before it, against every active break
// (TeX's try_break): it deactivates the breaks from which the line would
// be overfull, and adds the best ways to reach i, one per fitness class
// and hyphen count, as active breaks. It reports whether any break is
// still active.
func (b *breaker) tryBreak(p *pass, i int, W, Y, Z float64) bool {
	s := b.s
	it := &b.items[i]
	pw := 0.0
	if it.kind == penaltyItem && it.hyphen {
		pw = it.width
	}
	forced := it.kind == penaltyItem && it.penalty <= -infPenalty
	isLast := i == p.last
	flagged := it.kind == penaltyItem && it.flagged
	var cands [4][maxHyphTrack]candidate
	minD := math.Inf(1)
	found := false
	deact, deactD, deactX := int32(-1), math.Inf(1), math.Inf(1)
	kept := b.active[:0]
	for _, ai := range b.active {
		a := &b.nodes[ai]
		L := W - a.totW + pw
		y := Y - a.totY + p.raggedStretch
		z := Z - a.totZ
		short := p.width - L
		var bad, cost float64
		fit := int8(2)
		switch {
		case short > 0:
			switch {
			case isLast:
				bad = 0
			case y+p.extra > 0:
				bad = badness(short / (y + p.extra))
			default:
				bad = infBad
			}
			cost = bad
			if (p.extra > 0 || p.final) && !isLast {
				// The imagined stretch (or in the last pass, the
				// infinite tolerance) decides what is feasible; the
				// demerits count the glue as it will be set, uncapped,
				// so that a very loose line never looks as good as a
				// merely loose one.
				cost = looseness(short, y)
			}
			if cost > 99 {
				fit = 0
			} else if cost > 12 {
				fit = 1
			}
		case short < 0:
			excess := -short - z
			if excess > 1e-9 {
				if !p.final || excess > s.OverfullTolerance+1e-9 {
					// The artificial break, if one is needed, comes
					// from the least overfull line.
					if deact < 0 || excess < deactX-1e-9 || (excess < deactX+1e-9 && a.demerits < deactD) {
						deact, deactD, deactX = ai, a.demerits, excess
					}
					continue // deactivated: every later line from a is wider still
				}
				bad = infBad + 1
			} else {
				bad = badness(-short / z)
			}
			if bad > 12 {
				fit = 3
			}
			cost = bad
		}
		if !forced {
			kept = append(kept, ai)
		}
		if bad > p.tol && bad <= infBad {
			continue
		}
		h := int8(0)
		d := 0.0
		if flagged {
			h = a.hyph + 1
			if s.MaxHyphenLines > 0 && int(h) > s.MaxHyphenLines {
				// A hard rule but in the last pass, where it yields
				// only to a line past the measure.
				if !p.final {
					continue
				}
				d += tooManyHyphensDemerits
			}
			if int(h) > p.maxH {
				h = int8(p.maxH)
			}
		}
		if bad > infBad {
			// Overfull within OverfullTolerance: the last choice.
			cost = infBad
			d += overfullDemerits
		}
		d += b.demerits(cost, it, a, fit, flagged, isLast)
		if isLast && a.pos >= 0 && L < p.minLast {
			d += s.ShortLastLineDemerits
		}
		total := a.demerits + d
		c := &cands[fit][h]
		if !c.ok || total < c.demerits {
			*c = candidate{total, ai, true}
		}
		if total < minD {
			minD = total
		}
		found = true
	}
	b.active = kept
	if !found && p.final && len(b.active) == 0 && deact >= 0 {
		// Nothing fits and nothing remains: break here anyway (TeX's
		// artificial demerits), leaving an overfull line.
		cands[2][0] = candidate{deactD, deact, true}
		minD, found = deactD, true
	}
	if found {
		b.activate(i, &cands, minD, W, Y, Z)
	}
	return len(b.active) > 0
}

// activate adds the candidates for a break at item i within
// AdjacentDemerits of the best (minD) as active breaks.
func (b *breaker) activate(i int, cands *[4][maxHyphTrack]candidate, minD, W, Y, Z float64) {
	items := b.items
	// The sums after the break: discard the glue and penalties that
	// follow it, up to the next box.
	tW, tY, tZ := W, Y, Z
	for j := i; j < len(items); j++ {
		jt := &items[j]
		if jt.kind == boxItem {
			break
		}
		if jt.kind == glueItem {
			tW += jt.width
			tY += jt.stretch
			tZ += jt.shrink
		} else if jt.penalty <= -infPenalty && j > i {
			break
		}
	}
	limit := minD + b.s.AdjacentDemerits
	for f := range cands {
		for h := range cands[f] {
			c := &cands[f][h]
			if !c.ok || c.demerits > limit {
				continue
			}
			b.nodes = append(b.nodes, node{totW: tW, totY: tY, totZ: tZ, demerits: c.demerits,
				pos: int32(i), prev: c.from, fitness: int8(f), hyph: int8(h)})
			b.active = append(b.active, int32(len(b.nodes)-1))
		}
	}
}

// bestBreaks returns the breaks of the active break at the last item with
// the least demerits, traced back; nil when none reaches it.
func (b *breaker) bestBreaks(last int) []int32 {
	best := int32(-1)
	for _, ai := range b.active {
		if b.nodes[ai].pos == int32(last) && (best < 0 || b.nodes[ai].demerits < b.nodes[best].demerits) {
			best = ai
		}
	}
	if best < 0 {
		return nil
	}
	n := 0
	for k := best; k > 0; k = b.nodes[k].prev {
		n++
	}
	breaks := b.breaks[:0]
	for range n {
		breaks = append(breaks, 0)
	}
	b.breaks = breaks
	for k := best; k > 0; k = b.nodes[k].prev {
		n--
		breaks[n] = b.nodes[k].pos
	}
	return breaks
}

// demerits of a line of badness bad ending at break it, after break a, in
// fitness class fit (TeX's formula).
func (b *breaker) demerits(bad float64, it *item, a *node, fit int8, flagged, isLast bool) float64 {
	s := b.s
	l := s.LinePenalty + bad
	d := l * l
	if it.kind == penaltyItem {
		switch p := it.penalty; {
		case p > 0:
			d += p * p
		case p > -infPenalty:
			d -= p * p
		}
	}
	if a.hyph > 0 {
		if flagged {
			d += s.DoubleHyphenDemerits
		} else if isLast {
			d += s.FinalHyphenDemerits
		}
	}
	if f := fit - a.fitness; f > 1 || f < -1 {
		d += s.AdjacentDemerits
	}
	return d
}

// lineStart returns the first item of the line after a break at pos: the
// glue and penalties after a break are discarded.
func lineStart(items []item, pos int32) int {
	k := int(pos) + 1
	for k < len(items) && items[k].kind != boxItem {
		if items[k].kind == penaltyItem && items[k].penalty <= -infPenalty {
			break
		}
		k++
	}
	return k
}

// lines sets the lines ending at breaks.
func (b *breaker) lines(breaks []int32) []Line {
	items := b.items
	width := b.p.Width
	nfrag := 0
	for _, it := range items {
		if it.kind == boxItem && it.run >= 0 {
			nfrag++
		}
	}
	frags := make([]Fragment, 0, nfrag)
	lines := make([]Line, 0, len(breaks))
	start := 0
	for li, e := range breaks {
		isLast := li == len(breaks)-1
		end := int(e)
		br := &items[end]
		var L, Y, Z float64
		for k := start; k < end; k++ {
			switch it := &items[k]; it.kind {
			case boxItem:
				L += it.width
			case glueItem:
				L += it.width
				Y += it.stretch
				Z += it.shrink
			}
		}
		hyphen := br.kind == penaltyItem && br.hyphen
		if hyphen {
			L += br.width
		}
		short := width - L
		r := 0.0
		switch {
		case short < 0 && Z > 0:
			r = max(short/Z, -1)
		case short > 0 && !isLast && b.p.Align == Justify:
			if Y > 0 {
				r = short / Y
			} else {
				r = NoStretchRatio
			}
		}
		x := 0.0
		first := len(frags)
		lastRun, lastEnd, fragStart := int32(-2), int32(-1), int32(0)
		joinable := false
		for k := start; k < end; k++ {
			it := &items[k]
			switch it.kind {
			case boxItem:
				if it.run < 0 {
					x += it.width
					lastRun = -2
					continue
				}
				if it.run == lastRun && it.start == lastEnd && len(frags) > first {
					f := &frags[len(frags)-1]
					f.Text = b.p.Runs[it.run].Text[fragStart:it.end]
					f.Width += it.width
				} else if joinable && it.run == lastRun && len(frags) > first &&
					b.p.Runs[it.run].Text[lastEnd:it.start] == " " {
					// JoinWords: the next word, a natural space on.
					f := &frags[len(frags)-1]
					f.Text = b.p.Runs[it.run].Text[fragStart:it.end]
					f.Width = x + it.width - f.X
				} else {
					frags = append(frags, Fragment{X: x, Width: it.width,
						Text: b.p.Runs[it.run].Text[it.start:it.end], Style: b.p.Runs[it.run].Style})
					fragStart = it.start
				}
				lastRun, lastEnd, joinable = it.run, it.end, false
				x += it.width
			case glueItem:
				w := it.width
				if r > 0 && r != NoStretchRatio {
					w += r * it.stretch
				} else if r < 0 {
					w += r * it.shrink
				}
				x += w
				// A natural space within the last word's run may join
				// that word to the next (JoinWords).
				joinable = b.s.JoinWords && w == it.width && it.run == lastRun && it.run >= 0
				if !joinable {
					lastRun = -2
				}
			default:
				joinable = false
			}
		}
		if hyphen && len(frags) > first {
			f := &frags[len(frags)-1]
			f.Text += "-"
			f.Width += br.width
			x += br.width
		}
		setW := x
		if len(frags) > first {
			lf := frags[len(frags)-1]
			setW = lf.X + lf.Width
		}
		off := 0.0
		switch b.p.Align {
		case Center:
			off = max((width-setW)/2, 0)
		case Right:
			off = max(width-setW, 0)
		}
		if off != 0 {
			for k := first; k < len(frags); k++ {
				frags[k].X += off
			}
		}
		ln := Line{
			Fragments: frags[first:len(frags):len(frags)],
			Width:     setW + off,
			Ratio:     r,
			Hyphen:    hyphen,
			Overfull:  setW > width+1e-6,
			Last:      isLast,
		}
		lines = append(lines, ln)
		start = lineStart(items, e)
	}
	if len(frags) < cap(frags)/2 {
		// Joined words left most of the room made for one fragment a
		// word: keep the fragments in an array of their own size.
		fit := make([]Fragment, len(frags))
		copy(fit, frags)
		at := 0
		for i := range lines {
			n := len(lines[i].Fragments)
			lines[i].Fragments = fit[at : at+n : at+n]
			at += n
		}
	}
	return lines
}
