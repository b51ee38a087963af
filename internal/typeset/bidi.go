package typeset

// Right-to-left text (Hebrew, Arabic…) in a paragraph set by a shaping
// Measurer. The paragraph's characters get their embedding levels from
// the Unicode Bidirectional Algorithm (UAX #9) once, over all its runs,
// and the paragraph its direction (the Measurer resolves them:
// BidiLeveler). Words are broken into lines in logical order as any
// others; a word whose characters have different levels ("שלום," before
// Latin text: the comma is at the paragraph's level) is cut into pieces
// of one level that no line break may separate. Each line is then put in
// visual order (rule L2): its fragments and the spaces between them are
// reversed, level by level, and given the x of their new places. The
// Fragments keep their logical order, so the PDF's content, and what a
// screen reader or a copy reads, stays in reading order; only X moves. A
// line of a right-to-left paragraph is set from the right edge.

// BidiLeveler is implemented by a shaping Measurer that resolves the
// Unicode Bidirectional Algorithm (UAX #9) over a paragraph: for texts,
// the paragraph's runs in order, the embedding level of each byte of
// each and the paragraph's level (1: right to left); nil when they hold
// no right-to-left text. Without one, text is set left to right.
type BidiLeveler interface {
	BidiLevels(texts []string) ([][]uint8, uint8)
}

// bidiLevels sets c.levels from the Measurer (see BidiLeveler), when it
// shapes text: unshaped text cannot be set right to left.
func (c *collector) bidiLevels() {
	c.levels, c.paraLevel = nil, 0
	bl, ok := c.m.(BidiLeveler)
	if !c.shaped || !ok {
		return
	}
	texts := c.texts[:0]
	for _, r := range c.p.Runs {
		texts = append(texts, r.Text)
	}
	c.texts = texts
	lv, para := bl.BidiLevels(texts)
	if len(lv) != len(c.p.Runs) {
		return
	}
	for i, r := range c.p.Runs {
		if len(lv[i]) != len(r.Text) {
			return
		}
	}
	c.levels, c.paraLevel = lv, para%2
}

// level is the embedding level of byte off of run ri (0 without
// right-to-left text).
func (c *collector) level(ri int32, off int32) uint8 {
	if len(c.levels) == 0 || ri < 0 || int(ri) >= len(c.levels) || off < 0 || int(off) >= len(c.levels[ri]) {
		return 0
	}
	return c.levels[ri][off]
}

// levelBreaks adds to bs, for the word text[a:b] of run ri, a break
// where the level changes (a piece boundary no line break may use), and
// drops the hyphenation points of right-to-left pieces.
func (c *collector) levelBreaks(ri int32, a int, w string, bs []wordBreak) []wordBreak {
	if len(c.levels) == 0 {
		return bs
	}
	lv := c.levels[ri][a : a+len(w)]
	out := bs[:0]
	for _, br := range bs {
		if br.kind == hyphenBreak && br.skip == 0 && br.at < len(lv) && lv[br.at]%2 == 1 {
			continue // Liang's patterns are not for right-to-left scripts
		}
		out = append(out, br)
	}
	bs = out
	for off := range w {
		if off == 0 || lv[off] == lv[off-1] {
			continue
		}
		i := len(bs)
		for i > 0 && bs[i-1].at > off {
			i--
		}
		if i > 0 && bs[i-1].at == off {
			continue // a break there already cuts the word
		}
		bs = append(bs, wordBreak{})
		copy(bs[i+1:], bs[i:])
		bs[i] = wordBreak{at: off, kind: levelBreak}
	}
	return bs
}

// visualOrder gives the fragments of one line (in logical order, X in
// logical order) the X of their places in visual order, and the spaces
// after them their GapX. gaps[k] is the
// level of the space after fragment k (the last is unused).
func visualOrder(frags []Fragment, gaps []uint8) {
	n := len(frags)
	if n < 2 {
		return
	}
	maxLevel := uint8(0)
	for k := range frags {
		maxLevel = max(maxLevel, frags[k].Level)
	}
	if maxLevel == 0 {
		return
	}
	// Units: fragment k is 2k, the space after it 2k+1.
	type unit struct {
		frag  int // -1 for a space
		gapOf int // a space: the fragment it follows in reading order
		width float64
		level uint8
	}
	units := make([]unit, 0, 2*n-1)
	for k := range frags {
		units = append(units, unit{frag: k, gapOf: -1, width: frags[k].Width, level: frags[k].Level})
		if k < n-1 {
			gap := frags[k+1].X - (frags[k].X + frags[k].Width)
			units = append(units, unit{frag: -1, gapOf: k, width: gap, level: gaps[k]})
		}
	}
	for lv := maxLevel; lv >= 1; lv-- {
		for i := 0; i < len(units); {
			if units[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(units) && units[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				units[a], units[b] = units[b], units[a]
			}
			i = j
		}
	}
	x := frags[0].X
	for _, u := range units {
		switch {
		case u.frag >= 0:
			frags[u.frag].X = x
		case u.gapOf >= 0:
			frags[u.gapOf].GapX = x
		}
		x += u.width
	}
	// The line ends after its last fragment in reading order: a space
	// there (where the line broke) is drawn at its end.
	frags[n-1].GapX = frags[n-1].X + frags[n-1].Width
}
