package fonts

// The checks in this file reject fonts that would crash or hang fpdf's
// TrueType reader and subsetter, which trust every offset in the file:
// a glyph offset past the end of the glyf table, a loca table that runs
// backwards, a composite glyph naming a glyph that does not exist or
// itself, a cmap that maps a character to a glyph past the last one.
// parseMetrics runs them on every font it accepts, so a font that loads
// is one fpdf can embed and subset; a flipped byte is a clear error at
// load time, naming the file, instead of a panic in the middle of
// writing the PDF.

// maxCompositeCalls bounds the work of fpdf's recursive walk of one
// glyph's components (it revisits shared components, so a few levels of
// composites that each name the same glyph twice grow exponentially).
// Real fonts need a handful: an accented letter is a base and a mark.
const maxCompositeCalls = 4096

// Composite glyph flags (the OpenType glyf table).
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	glyphHeaderBytes = 10
)

// checkTables checks the lengths of the fixed-size tables fpdf reads
// field by field, and the name table's records.
func (p *parser) checkTables() error {
	if post := p.tables["post"]; post.len < 16 {
		return malformed("%q table too short", "post")
	}
	if os2, ok := p.tables["OS/2"]; ok {
		// fpdf reads up to sTypoDescender (to sCapHeight from version
		// 2): a short version 0 table (68 bytes, as old fonts have) is
		// read past its end, which is harmless inside the file.
		version, _ := p.u16(os2.off)
		switch {
		case os2.len < 68 || os2.off+72 > len(p.data):
			return malformed("%q table too short", "OS/2")
		case version > 1 && os2.off+90 > len(p.data):
			return malformed("%q table of version %d too short", "OS/2", version)
		}
	}
	name := p.tables["name"]
	if name.len < 6 {
		return malformed("%q table too short", "name")
	}
	count, _ := p.u16(name.off + 2)
	strs, _ := p.u16(name.off + 4)
	if 6+12*count > name.len {
		return malformed("%q table records truncated", "name")
	}
	for i := 0; i < count; i++ {
		rec := name.off + 6 + 12*i
		size, _ := p.u16(rec + 8)
		off, _ := p.u16(rec + 10)
		if strs+off+size > name.len {
			return malformed("%q table string %d lies outside the table", "name", i)
		}
	}
	return nil
}

// checkGlyphs checks the loca and glyf tables and the lengths of hmtx:
// every glyph lies inside glyf, the offsets never decrease, every
// composite glyph's components are inside the glyph and name existing
// glyphs, and no composite contains itself.
func (p *parser) checkGlyphs(numGlyphs, numHMetrics int) error {
	if numGlyphs < 1 {
		return malformed("no glyphs")
	}
	hmtx := p.tables["hmtx"]
	if need := 4*numHMetrics + 2*max(0, numGlyphs-numHMetrics); hmtx.len < need {
		return malformed("%q table too short: %d bytes for %d glyphs, want %d", "hmtx", hmtx.len, numGlyphs, need)
	}
	head := p.tables["head"]
	format, _ := p.u16(head.off + 50)
	loca, glyf := p.tables["loca"], p.tables["glyf"]
	offsets := make([]int, numGlyphs+1)
	switch format {
	case 0:
		if loca.len < 2*(numGlyphs+1) {
			return malformed("%q table too short for %d glyphs", "loca", numGlyphs)
		}
		for i := range offsets {
			v, _ := p.u16(loca.off + 2*i)
			offsets[i] = 2 * v
		}
	case 1:
		if loca.len < 4*(numGlyphs+1) {
			return malformed("%q table too short for %d glyphs", "loca", numGlyphs)
		}
		for i := range offsets {
			hi, _ := p.u16(loca.off + 4*i)
			lo, _ := p.u16(loca.off + 4*i + 2)
			offsets[i] = hi<<16 | lo
		}
	default:
		return malformed("unknown %q format %d", "loca", format)
	}
	for g := 0; g < numGlyphs; g++ {
		if offsets[g+1] < offsets[g] {
			return malformed("%q table: glyph %d ends before it starts (offset %d, then %d)", "loca", g, offsets[g], offsets[g+1])
		}
	}
	if last := offsets[numGlyphs]; last > glyf.len {
		return malformed("%q table: glyph data ends at %d, past the %d bytes of the %q table", "loca", last, glyf.len, "glyf")
	}
	// The glyphs composite glyph g is made of are
	// components[first[g]:first[g+1]].
	var components []uint16
	first := make([]int32, numGlyphs+1)
	for g := 0; g < numGlyphs; g++ {
		first[g] = int32(len(components))
		start, end := glyf.off+offsets[g], glyf.off+offsets[g+1]
		if start == end {
			continue
		}
		if end-start < glyphHeaderBytes {
			return malformed("glyph %d: %d bytes, shorter than a glyph header", g, end-start)
		}
		contours, _ := p.i16(start)
		if contours >= 0 {
			if err := p.checkSimpleGlyph(g, start, end, contours); err != nil {
				return err
			}
			continue
		}
		for pos, more := start+glyphHeaderBytes, true; more; {
			if pos+4 > end {
				return malformed("composite glyph %d: component outside the glyph", g)
			}
			flags, _ := p.u16(pos)
			c, _ := p.u16(pos + 2)
			if c >= numGlyphs {
				return malformed("composite glyph %d: component glyph %d does not exist (the font has %d)", g, c, numGlyphs)
			}
			components = append(components, uint16(c))
			pos += 4
			if flags&argsAreWords != 0 {
				pos += 4
			} else {
				pos += 2
			}
			switch {
			case flags&haveScale != 0:
				pos += 2
			case flags&haveXYScale != 0:
				pos += 4
			case flags&haveTwoByTwo != 0:
				pos += 8
			}
			if pos > end {
				return malformed("composite glyph %d: component outside the glyph", g)
			}
			more = flags&moreComponents != 0
		}
	}
	first[numGlyphs] = int32(len(components))
	return checkComposites(components, first)
}

// Simple glyph flags (the OpenType glyf table).
const (
	xShort     = 0x02
	yShort     = 0x04
	repeatFlag = 0x08
	xSame      = 0x10
	ySame      = 0x20
)

// checkSimpleGlyph checks that the outline of simple glyph g, in
// [start, end) of the file, fits the glyph: its contours' end points
// increase, and its instructions, flags and coordinates end inside it. A
// loca offset shifted by a flipped byte makes a glyph start in the middle
// of another's data, which fails this; embedded as it is, it would print
// as a scribble or a hole.
func (p *parser) checkSimpleGlyph(g, start, end, contours int) error {
	bad := func(what string) error { return malformed("glyph %d: %s", g, what) }
	pos := start + glyphHeaderBytes
	if pos+2*contours+2 > end {
		return bad("contours outside the glyph")
	}
	points := 0
	for i := 0; i < contours; i++ {
		last, _ := p.u16(pos + 2*i)
		if last+1 < points {
			return bad("contour end points decrease")
		}
		points = last + 1
	}
	pos += 2 * contours
	instructions, _ := p.u16(pos)
	pos += 2 + instructions
	xBytes, yBytes := 0, 0
	for n := 0; n < points; {
		if pos >= end {
			return bad("flags outside the glyph")
		}
		flag := int(p.data[pos])
		pos++
		count := 1
		if flag&repeatFlag != 0 {
			if pos >= end {
				return bad("flags outside the glyph")
			}
			count += int(p.data[pos])
			pos++
		}
		if n+count > points {
			return bad("more flags than points")
		}
		n += count
		switch {
		case flag&xShort != 0:
			xBytes += count
		case flag&xSame == 0:
			xBytes += 2 * count
		}
		switch {
		case flag&yShort != 0:
			yBytes += count
		case flag&ySame == 0:
			yBytes += 2 * count
		}
	}
	if pos+xBytes+yBytes > end {
		return bad("coordinates outside the glyph")
	}
	return nil
}

// checkComposites rejects a composite glyph that contains itself (fpdf's
// walk would never end) or whose walk would take too long.
func checkComposites(components []uint16, first []int32) error {
	const (
		unseen = iota
		active
		done
	)
	if len(components) == 0 {
		return nil
	}
	n := len(first) - 1
	state := make([]uint8, n)
	calls := make([]int32, n) // fpdf's calls to walk glyph g
	var visit func(g int) error
	visit = func(g int) error {
		switch state[g] {
		case active:
			return malformed("composite glyph %d contains itself", g)
		case done:
			return nil
		}
		state[g] = active
		k := int32(1)
		for _, c := range components[first[g]:first[g+1]] {
			if err := visit(int(c)); err != nil {
				return err
			}
			k += calls[c]
			if k > maxCompositeCalls {
				return malformed("composite glyph %d nests too deeply", g)
			}
		}
		calls[g] = k
		state[g] = done
		return nil
	}
	for g := 0; g < n; g++ {
		if err := visit(g); err != nil {
			return err
		}
	}
	return nil
}

// cmapGlyphs checks that the cmap maps no character to a glyph the font
// does not have.
func cmapGlyphs(glyphChars []glyphChar, numGlyphs int) error {
	if len(glyphChars) == 0 {
		return nil
	}
	if last := glyphChars[len(glyphChars)-1]; last.glyph() >= numGlyphs {
		return malformed("cmap maps U+%04X to glyph %d, but the font has %d glyphs", last.char(), last.glyph(), numGlyphs)
	}
	return nil
}
