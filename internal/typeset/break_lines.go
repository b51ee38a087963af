package typeset

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
	rtl := len(b.col.levels) > 0
	var gaps []uint8 // with right-to-left text: the level of the space after each fragment of the line
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
		gaps = gaps[:0]
		gapSet := false
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
				lv := b.col.level(it.run, it.start)
				if it.run == lastRun && it.start == lastEnd && len(frags) > first && lv == frags[len(frags)-1].Level {
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
					if rtl && len(frags) > first {
						// The space before this fragment: its level, or
						// (glued pieces) the lower of its neighbours'.
						k := len(frags) - 1 - first
						if !gapSet {
							gaps[k] = min(lv, frags[len(frags)-1].Level)
						}
					}
					frags = append(frags, Fragment{X: x, Width: it.width,
						Text: b.p.Runs[it.run].Text[it.start:it.end], Style: b.p.Runs[it.run].Style, Level: lv})
					fragStart = it.start
					gapSet = false
					if rtl {
						gaps = append(gaps, 0)
					}
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
				joinable = b.s.JoinWords && !rtl && w == it.width && it.run == lastRun && it.run >= 0
				if rtl && len(frags) > first && !gapSet {
					gaps[len(frags)-1-first] = b.col.level(it.run, it.start)
					gapSet = true
				}
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
		for k := first; k < len(frags); k++ {
			if k+1 < len(frags) {
				frags[k].Gap = frags[k+1].X - (frags[k].X + frags[k].Width)
			}
			frags[k].GapX = frags[k].X + frags[k].Width
		}
		lineW := setW + off
		if rtl && len(frags) > first {
			x0 := frags[first].X
			ext := frags[len(frags)-1].X + frags[len(frags)-1].Width - x0
			visualOrder(frags[first:], gaps)
			if b.col.paraLevel == 1 && setW <= width+1e-6 {
				// A right-to-left paragraph: the line is set from the
				// right, its indent and alignment mirrored. (An overfull
				// line stays where it is: it sticks out on the right,
				// as any does.)
				start := width - x0 - ext
				for k := first; k < len(frags); k++ {
					frags[k].X += start - x0
					frags[k].GapX += start - x0
				}
				lineW = start + ext
			}
		}
		ln := Line{
			Fragments: frags[first:len(frags):len(frags)],
			Width:     lineW,
			Ratio:     r,
			Hyphen:    hyphen,
			Overfull:  setW > width+1e-6,
			Last:      isLast,
			RTL:       b.col.paraLevel == 1,
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
