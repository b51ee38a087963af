package typeset

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// infPenalty is TeX's infinite penalty: a penalty of 10000 or more forbids
// a break, one of -10000 or less forces it.
const infPenalty = 10000

// kind is the kind of an item of Knuth and Plass's paragraph model.
type kind uint8

const (
	boxItem     kind = iota // material of fixed width
	glueItem                // space that stretches and shrinks; a break if it follows a box
	penaltyItem             // a possible break with a cost
)

// item is a box, glue or penalty. A box is one piece of a word: a byte
// range of one run's text (run -1 is the first line's indent). A word that
// spans runs is consecutive boxes with nothing between them, so it cannot
// break there.
type item struct {
	width, stretch, shrink float64
	penalty                float64
	run                    int32
	start, end             int32
	kind                   kind
	flagged                bool // penalty: the line ends in a hyphen or dash (for the hyphen demerits)
	hyphen                 bool // penalty: breaking shows an inserted hyphen, of this item's width
}

// collector turns a Paragraph into items: the collect stage.
type collector struct {
	p         *Paragraph
	m         Measurer
	s         *Settings
	shaped    bool         // m shapes text (Shaping): see chunk
	pre       prefixWidths // chunk's scratch when shaped
	hyphenate bool
	items     []item
	haveText  bool
	metrics   []fontMetrics
	hyph      hyphScratch

	levels    [][]uint8 // each run's bidi level by byte, when the paragraph has right-to-left text (bidi.go)
	paraLevel uint8     // 1: the paragraph is right to left (bidi.go)
	texts     []string  // bidiLevels' scratch

	pending    bool  // a space waits to be emitted before the next box
	pendRun    int32 // the run of the space
	pendStart  int32 // and its byte offset in the run
	pendNB     bool  // the space does not break
	pendNBRune rune  // the no-break space's rune
}

// fontMetrics caches the widths of a space and a hyphen in one font.
type fontMetrics struct {
	font         string
	size         float64
	space        float64
	hyphen       float64
	hyphenOK     bool
	spaceMeasure bool
}

// maxWidth bounds a measured width, so that sums stay finite.
const maxWidth = 1e12

// finite keeps a width the Measurer returned usable: NaN, infinite and
// negative widths count as 0, and none is more than maxWidth.
func finite(w float64) float64 {
	if math.IsNaN(w) || w < 0 {
		return 0
	}
	return min(w, maxWidth)
}

func (c *collector) metricsOf(run int32) *fontMetrics {
	st := &c.p.Runs[run].Style
	for i := range c.metrics {
		if c.metrics[i].font == st.Font && c.metrics[i].size == st.Size {
			return &c.metrics[i]
		}
	}
	c.metrics = append(c.metrics, fontMetrics{
		font:     st.Font,
		size:     st.Size,
		space:    finite(c.m.Width(st.Font, st.Size, " ")),
		hyphen:   finite(c.m.Width(st.Font, st.Size, "-")),
		hyphenOK: c.m.HasGlyph(st.Font, '-'),
	})
	return &c.metrics[len(c.metrics)-1]
}

func (c *collector) measure(run int32, from, to int) float64 {
	r := &c.p.Runs[run]
	return finite(c.m.Width(r.Style.Font, r.Style.Size, r.Text[from:to]))
}

// isBreakingSpace reports the spaces that separate words and may break.
func isBreakingSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

// isNoBreakSpace reports the spaces that separate words but never break.
func isNoBreakSpace(r rune) bool {
	return r == '\u00a0' || r == '\u202f' || r == '\u2007'
}

// estimate guesses how many items the paragraph makes: a box and a glue
// a word, words of five letters or so.
func (c *collector) estimate() int {
	n := 8
	for _, r := range c.p.Runs {
		n += len(r.Text)/3 + 2
	}
	return n
}

// collect builds the items of c.p: boxes for word pieces, glue for
// spaces, penalties for the breaks inside words, and a forced break at
// the end. It returns nil when the paragraph has no text.
func (c *collector) collect() []item {
	sm, ok := c.m.(Shaping)
	c.shaped = ok && sm.Shaping()
	c.bidiLevels()
	c.items = c.items[:0]
	c.haveText, c.pending = false, false
	if c.p.FirstIndent > 0 && !math.IsInf(c.p.FirstIndent, 0) {
		c.items = append(c.items, item{kind: boxItem, run: -1, width: c.p.FirstIndent})
	}
	for ri := range c.p.Runs {
		text := c.p.Runs[ri].Text
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isBreakingSpace(r) || isNoBreakSpace(r) {
				c.space(int32(ri), int32(i), r)
				i += size
				continue
			}
			j := i + size
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if isBreakingSpace(r) || isNoBreakSpace(r) {
					break
				}
				j += size
			}
			c.chunk(int32(ri), i, j)
			i = j
		}
	}
	if !c.haveText {
		return nil
	}
	c.noHyphenInLastWord()
	c.items = append(c.items, item{kind: penaltyItem, penalty: -infPenalty, run: -1})
	return c.items
}

// space records a space of run ri; consecutive spaces make one glue, in
// the font of the first, and a no-break space among them makes it
// unbreakable.
func (c *collector) space(ri, off int32, r rune) {
	if !c.haveText {
		return // leading spaces are dropped
	}
	if !c.pending {
		c.pending, c.pendRun, c.pendStart, c.pendNB = true, ri, off, false
	}
	if isNoBreakSpace(r) && !c.pendNB {
		c.pendNB, c.pendNBRune = true, r
	}
}

// flushSpace emits the pending space before a word of run ri that
// starts with first.
func (c *collector) flushSpace(ri int32, first rune) {
	if !c.pending {
		return
	}
	c.pending = false
	fm := c.metricsOf(c.pendRun)
	w := fm.space
	if c.pendNB && c.pendNBRune != '\u00a0' {
		st := &c.p.Runs[c.pendRun].Style
		if c.m.HasGlyph(st.Font, c.pendNBRune) {
			w = finite(c.m.Width(st.Font, st.Size, string(c.pendNBRune)))
		}
	}
	// No break before a raised run (a note marker stays with its word)
	// nor before a spaced en or em dash (a line never starts with one).
	if c.pendNB || c.p.Runs[ri].Style.Rise > 0 || first == '\u2013' || first == '\u2014' {
		c.items = append(c.items, item{kind: penaltyItem, penalty: infPenalty, run: c.pendRun})
	}
	g := item{kind: glueItem, run: c.pendRun, start: c.pendStart, width: w}
	if c.p.Align == Justify {
		g.stretch = w * c.s.SpaceStretch
		g.shrink = w * c.s.SpaceShrink
	}
	c.items = append(c.items, g)
}

// chunk emits the text of run ri between bytes a and b, which holds no
// space, as boxes separated by the breaks allowed inside it.
func (c *collector) chunk(ri int32, a, b int) {
	if invisibleOnly(c.p.Runs[ri].Text[a:b]) {
		// Only soft hyphens and zero-width spaces: nothing to set and
		// nothing to break, as if the word were not there (the spaces
		// around it make one).
		return
	}
	first, _ := utf8.DecodeRuneInString(c.p.Runs[ri].Text[a:b])
	c.flushSpace(ri, first)
	glued := c.haveText && len(c.items) > 0 && c.items[len(c.items)-1].kind == boxItem &&
		c.items[len(c.items)-1].run >= 0
	c.haveText = true
	text := c.p.Runs[ri].Text
	w := text[a:b]
	var breaks [16]wordBreak
	bs := wordBreaks(w, breaks[:0], c, ri, a, b, glued)
	bs = c.levelBreaks(ri, a, w, bs)
	pm := pieceMeasure{c: c, ri: ri, a: a, w: w}
	if c.shaped {
		pm.pre = c.prefixes(&c.p.Runs[ri].Style, w, bs)
	}
	prev := 0
	for _, br := range bs {
		if br.at < prev || br.at >= len(w) {
			continue
		}
		if br.at == prev || br.at+br.skip >= len(w) {
			// An invisible break with nothing before or after it in this
			// word: drop the character, break nothing.
			if br.at > prev {
				c.items = append(c.items, item{kind: boxItem, run: ri, start: int32(a + prev), end: int32(a + br.at),
					width: pm.piece(prev, br.at)})
			}
			prev = br.at + br.skip
			pm.dropped(br.skip, prev)
			continue
		}
		c.items = append(c.items, item{kind: boxItem, run: ri, start: int32(a + prev), end: int32(a + br.at),
			width: pm.piece(prev, br.at)})
		pen := item{kind: penaltyItem, run: ri}
		switch br.kind {
		case exHyphenBreak:
			pen.penalty, pen.flagged = c.s.ExHyphenPenalty, true
		case urlBreak:
			pen.penalty = c.s.URLPenalty
		case hyphenBreak:
			pen.penalty, pen.flagged, pen.hyphen = c.s.HyphenPenalty, true, true
			pen.width = pm.hyphen(br.at)
		case zeroWidthBreak:
			pen.penalty = 0
		case levelBreak:
			pen.penalty = infPenalty // two pieces, one word
		}
		if pen.penalty < infPenalty {
			c.items = append(c.items, pen)
		}
		prev = br.at + br.skip
		pm.dropped(br.skip, prev)
	}
	if prev < len(w) {
		c.items = append(c.items, item{kind: boxItem, run: ri, start: int32(a + prev), end: int32(b),
			width: pm.piece(prev, len(w))})
		// A break after the piece's last character, before the next run
		// ("well-" in one run, "known" in the next).
		if n := len(bs); n > 0 && bs[n-1].at == len(w) && bs[n-1].kind == exHyphenBreak && c.s.ExHyphenPenalty < infPenalty {
			c.items = append(c.items, item{kind: penaltyItem, run: ri, penalty: c.s.ExHyphenPenalty, flagged: true})
		}
	}
}

// invisibleOnly reports a word of soft hyphens and zero-width spaces
// only, which sets nothing.
func invisibleOnly(w string) bool {
	for _, r := range w {
		if r != softHyphen && r != zeroWidthSpace {
			return false
		}
	}
	return true
}

// pieceMeasure measures the pieces of one word w (the text of run ri
// from byte a), in order. Unshaped, widths add up: a piece is measured
// alone and an inserted hyphen is the font's. A shaping Measurer may
// kern and ligate across letters: a piece is then measured as the
// difference of the word's prefixes (so the unbroken word is as wide as
// the sum of its pieces) and an inserted hyphen as what it adds to the
// piece before it (kerned to its last letter).
type pieceMeasure struct {
	c     *collector
	ri    int32
	a     int
	w     string
	pre   *prefixWidths // shaped: the prefixes measured in one pass (may be empty)
	prevW float64       // shaped: the width of the prefix measured last
}

// piece is the width of w[from:to], the piece after the one measured
// last.
func (m *pieceMeasure) piece(from, to int) float64 {
	if !m.c.shaped || (from == 0 && to == len(m.w)) {
		return m.c.measure(m.ri, m.a+from, m.a+to)
	}
	pw := m.prefix(to)
	d := finite(pw - m.prevW)
	m.prevW = pw
	return d
}

// hyphen is the width of a hyphen inserted after w[:at].
func (m *pieceMeasure) hyphen(at int) float64 {
	c := m.c
	if !c.shaped {
		return c.metricsOf(m.ri).hyphen
	}
	if w, ok := m.pre.hyphenated(at); ok {
		return finite(w - m.prevW)
	}
	st := &c.p.Runs[m.ri].Style
	if hm, ok := c.m.(HyphenMeasurer); ok {
		return finite(finite(hm.HyphenatedWidth(st.Font, st.Size, m.w[:at])) - m.prevW)
	}
	return finite(finite(c.m.Width(st.Font, st.Size, m.w[:at]+"-")) - m.prevW)
}

// dropped notes that skip bytes before w[to:] were dropped at a break
// (a soft hyphen): shaped, the next piece is measured from there.
func (m *pieceMeasure) dropped(skip, to int) {
	if m.c.shaped && skip > 0 {
		m.prevW = m.prefix(to) // the dropped character is not set
	}
}

// prefix is the width of w[:end].
func (m *pieceMeasure) prefix(end int) float64 {
	if w, ok := m.pre.width(end); ok {
		return w
	}
	return m.c.measure(m.ri, m.a, m.a+end)
}

// prefixWidths is a word's prefix widths from a PrefixMeasurer.
type prefixWidths struct {
	cuts          []int
	widths, hyphs []float64
}

func (p *prefixWidths) width(end int) (float64, bool) {
	for k, c := range p.cuts {
		if c == end {
			return finite(p.widths[k]), true
		}
	}
	return 0, false
}

func (p *prefixWidths) hyphenated(end int) (float64, bool) {
	for k, c := range p.cuts {
		if c == end {
			return finite(p.hyphs[k]), true
		}
	}
	return 0, false
}

// prefixes measures, in one pass, the prefixes of word w that chunk
// will ask for when shaped (each break, each break after a dropped
// character, the whole word), if the Measurer is a PrefixMeasurer and
// can; else it is empty and each prefix is measured alone.
func (c *collector) prefixes(st *Style, w string, bs []wordBreak) *prefixWidths {
	p := &c.pre
	p.cuts, p.widths, p.hyphs = p.cuts[:0], p.widths[:0], p.hyphs[:0]
	pm, ok := c.m.(PrefixMeasurer)
	if !ok || len(bs) == 0 {
		return p
	}
	add := func(at int) {
		if at <= 0 || at > len(w) {
			return
		}
		i := len(p.cuts)
		for i > 0 && p.cuts[i-1] > at {
			i--
		}
		if i > 0 && p.cuts[i-1] == at {
			return
		}
		p.cuts = slices.Insert(p.cuts, i, at)
	}
	for _, br := range bs {
		add(br.at)
		add(br.at + br.skip)
	}
	add(len(w))
	p.widths = slices.Grow(p.widths, len(p.cuts))[:len(p.cuts)]
	p.hyphs = slices.Grow(p.hyphs, len(p.cuts))[:len(p.cuts)]
	if !pm.Prefixes(st.Font, st.Size, w, p.cuts, p.widths, p.hyphs) {
		p.cuts = p.cuts[:0]
	}
	return p
}

// continuesIntoNextRun reports whether the text of run ri ends at byte b
// and the next non-empty run starts with a letter.
func (c *collector) continuesIntoNextRun(ri int32, b int) bool {
	if b < len(c.p.Runs[ri].Text) {
		return false
	}
	for j := int(ri) + 1; j < len(c.p.Runs); j++ {
		t := c.p.Runs[j].Text
		if t == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t)
		return unicode.IsLetter(r)
	}
	return false
}

// noHyphenInLastWord removes the hyphenation breaks after the last glue:
// the last word of a paragraph is never hyphenated.
func (c *collector) noHyphenInLastWord() {
	for i := len(c.items) - 1; i >= 0; i-- {
		it := &c.items[i]
		if it.kind == glueItem {
			return
		}
		if it.kind == penaltyItem && it.hyphen {
			it.penalty = infPenalty
		}
	}
}

// splitWide returns items where every stretch of material between two
// legal breaks that is wider than limit (natural width less shrink) may
// break between any two characters (and at its no-break spaces): the last
// resort for a word longer than the measure.
func splitWide(items []item, limit float64, p *Paragraph, m Measurer, penalty float64) []item {
	wide := false
	var segs [][2]int
	segStart, w := -1, 0.0
	flush := func(end int) {
		if segStart >= 0 && w > limit+1e-9 {
			segs = append(segs, [2]int{segStart, end})
			wide = true
		}
		segStart, w = -1, 0
	}
	for i, it := range items {
		switch it.kind {
		case boxItem:
			if segStart < 0 {
				segStart = i
			}
			w += it.width
		case glueItem:
			if i > 0 && items[i-1].kind == boxItem {
				flush(i)
			} else if segStart >= 0 {
				w += it.width - it.shrink
			}
		case penaltyItem:
			if it.penalty < infPenalty {
				if it.hyphen {
					w += it.width // the line ending here shows the hyphen
				}
				flush(i)
			}
		}
	}
	if !wide {
		return items
	}
	out := make([]item, 0, len(items)*2)
	si := 0
	for i := 0; i < len(items); i++ {
		it := items[i]
		for si < len(segs) && segs[si][1] <= i {
			si++
		}
		inSeg := si < len(segs) && i >= segs[si][0] && i < segs[si][1]
		if !inSeg {
			out = append(out, it)
			continue
		}
		charBreak := item{kind: penaltyItem, penalty: penalty, run: it.run}
		switch {
		case it.kind == penaltyItem && it.penalty >= infPenalty:
			out = append(out, charBreak)
		case it.kind == boxItem && it.run >= 0:
			if i > segs[si][0] && items[i-1].kind == boxItem {
				out = append(out, charBreak)
			}
			r := &p.Runs[it.run]
			text := r.Text[it.start:it.end]
			prev := 0
			for j, ch := range text {
				if j == 0 || unicode.Is(unicode.Mn, ch) || unicode.Is(unicode.Me, ch) {
					continue
				}
				out = append(out, item{kind: boxItem, run: it.run, start: it.start + int32(prev), end: it.start + int32(j),
					width: finite(m.Width(r.Style.Font, r.Style.Size, text[prev:j]))}, charBreak)
				prev = j
			}
			out = append(out, item{kind: boxItem, run: it.run, start: it.start + int32(prev), end: it.end,
				width: finite(m.Width(r.Style.Font, r.Style.Size, text[prev:]))})
		default:
			out = append(out, it)
		}
	}
	return out
}
