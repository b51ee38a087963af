package typeset

// evaluate computes, independently of the dynamic programme in run, the
// total demerits of setting b.items with the given breaks, and whether
// every line is feasible at tolerance tol (badness ≤ tol, not overfull).
func (b *breaker) evaluate(breaks []int32, tol float64) (float64, bool) {
	items := b.items
	width := b.p.Width
	raggedStretch := 0.0
	if b.p.Align != Justify {
		raggedStretch = b.s.RaggedStretch * b.em
	}
	prev := node{fitness: 2}
	total := 0.0
	feasible := true
	start := 0
	for li, e := range breaks {
		isLast := li == len(breaks)-1
		it := &items[e]
		var L, Y, Z float64
		for k := start; k < int(e); k++ {
			if items[k].kind != penaltyItem {
				L += items[k].width
				Y += items[k].stretch
				Z += items[k].shrink
			}
		}
		if it.kind == penaltyItem && it.hyphen {
			L += it.width
		}
		Y += raggedStretch
		short := width - L
		bad := 0.0
		fit := int8(2)
		if short > 0 && !isLast {
			if Y > 0 {
				bad = badness(short / Y)
			} else {
				bad = infBad
			}
			if bad > 99 {
				fit = 0
			} else if bad > 12 {
				fit = 1
			}
		} else if short < 0 {
			if -short > Z+1e-9 {
				feasible = false
				bad = infBad
			} else {
				bad = badness(-short / Z)
			}
			if bad > 12 {
				fit = 3
			}
		}
		if bad > tol {
			feasible = false
		}
		flagged := it.kind == penaltyItem && it.flagged
		total += b.demerits(bad, it, &prev, fit, flagged, isLast)
		if isLast && li > 0 && L < b.s.MinLastLine*b.em {
			total += b.s.ShortLastLineDemerits
		}
		h := int8(0)
		if flagged {
			h = prev.hyph + 1
			if b.s.MaxHyphenLines > 0 && int(h) > b.s.MaxHyphenLines {
				feasible = false
			}
		}
		prev = node{fitness: fit, hyph: h}
		start = lineStart(items, e)
	}
	return total, feasible
}

// legalBreaks lists the items a line may end at.
func legalBreaks(items []item) []int32 {
	var out []int32
	for i, it := range items {
		switch it.kind {
		case glueItem:
			if i > 0 && items[i-1].kind == boxItem {
				out = append(out, int32(i))
			}
		case penaltyItem:
			if it.penalty < infPenalty {
				out = append(out, int32(i))
			}
		}
	}
	return out
}

// firstFit breaks b.items greedily: each line takes as much as fits with
// its glue shrunk to the limit.
func (b *breaker) firstFit() []int32 {
	items := b.items
	bps := legalBreaks(items)
	var breaks []int32
	start := 0
	lastFit := int32(-1)
	for idx := 0; idx < len(bps); {
		e := bps[idx]
		var L, Z float64
		for k := start; k < int(e); k++ {
			if items[k].kind != penaltyItem {
				L += items[k].width
				Z += items[k].shrink
			}
		}
		if it := &items[e]; it.kind == penaltyItem && it.hyphen {
			L += it.width
		}
		if L-Z <= b.p.Width+1e-9 || lastFit < 0 {
			lastFit = e
			idx++
			if int(e) == len(items)-1 {
				breaks = append(breaks, e)
			}
			continue
		}
		breaks = append(breaks, lastFit)
		start = lineStart(items, lastFit)
		lastFit = -1
	}
	return breaks
}
