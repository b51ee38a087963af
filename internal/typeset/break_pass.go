package typeset

import (
	"math"
)

// The passes of the breaker, as TeX's line_break runs them: each pass
// walks the items once (run), tries a break at every legal place
// (tryBreak), keeps the best candidates active (activate), and at the end
// reads the best sequence of breaks back (bestBreaks).

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
