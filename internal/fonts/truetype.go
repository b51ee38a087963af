package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode"
)

// metrics are the numbers of one face that layout needs, read once from
// its TrueType tables.
//
// Advance widths are kept the way fpdf keeps them for its UTF-8 fonts
// (utf8fontfile.go, parseHMTXTable): an integer in thousandths of an em,
// rounded, per BMP code point, where 0 means "no glyph" and 65535 means
// "a glyph of zero width". Measuring with these numbers gives exactly the
// advances fpdf writes into the font's /W array, so text lands where it
// was measured.
type metrics struct {
	unitsPerEm int
	ascent     int // font units, up positive (hhea, else OS/2 typo)
	descent    int // font units, negative below the baseline
	lineGap    int // font units
	capHeight  int // font units
	widths     []int32
	missing    int // width used for a code point without a glyph, 1/1000 em
	// astral lists the font's characters outside the Basic Multilingual
	// Plane (from a format 12 cmap), sorted: fpdf cannot embed them, but
	// an error can say that the font has them.
	astral []cmapGroup
	cff    bool // CFF outlines ("OTTO"): embeddable only as glyph runs
}

// cmapGroup is a run of characters mapped to consecutive glyphs.
type cmapGroup struct {
	first, last rune
	glyph       int // glyph of first
}

const (
	noGlyph   = 0
	zeroWidth = 65535
)

// errNotTrueType is wrapped by every parse error, so callers can tell a
// font that is not usable TrueType from other failures.
var errNotTrueType = errors.New("not a usable TrueType font")

type table struct{ off, len int }

type parser struct {
	data   []byte
	tables map[string]table
}

func (p *parser) u16(off int) (int, bool) {
	if off < 0 || off+2 > len(p.data) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(p.data[off:])), true
}

func (p *parser) i16(off int) (int, bool) {
	v, ok := p.u16(off)
	return int(int16(uint16(v))), ok
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errNotTrueType, fmt.Sprintf(format, args...))
}

// parseMetrics reads a TrueType or OpenType font's metrics. It accepts
// what the patched fpdf can embed: TrueType outlines ("\x00\x01\x00\x00"
// or "true", subset) or CFF outlines ("OTTO", embedded whole, and only
// as glyph runs: Set.Replace refuses them unless text is shaped), a
// format 4 Unicode cmap, and the tables fpdf reads.
func parseMetrics(data []byte) (*metrics, error) { return parseMetricsOf(data, false) }

// parseMetricsOf is parseMetrics; trusted skips the checks of every table
// and glyph outline, for the faces compiled into the program, which
// TestBuiltinFacesValidate checks once instead of every process at start.
func parseMetricsOf(data []byte, trusted bool) (*metrics, error) {
	p := &parser{data: data, tables: map[string]table{}}
	if len(data) < 12 {
		return nil, malformed("file too short (%d bytes)", len(data))
	}
	cff := false
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		cff = true
	case "ttcf":
		return nil, malformed("TrueType collection (.ttc); give a single font (.ttf)")
	default:
		return nil, malformed("unknown file signature %q", tag)
	}
	n, _ := p.u16(4)
	if 12+16*n > len(data) {
		return nil, malformed("table directory truncated")
	}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off > len(data) || ln > len(data)-off {
			return nil, malformed("table %q lies outside the file", tag)
		}
		p.tables[tag] = table{off, ln}
	}
	need := func(tag string, min int) (table, error) {
		t, ok := p.tables[tag]
		if !ok {
			return t, malformed("no %q table", tag)
		}
		if t.len < min {
			return t, malformed("%q table too short", tag)
		}
		return t, nil
	}
	outlines := []string{"loca", "glyf"}
	if cff {
		outlines = []string{"CFF "} // checked by parsing it (parseFace)
	}
	for _, tag := range append([]string{"name", "post"}, outlines...) {
		if _, err := need(tag, 0); err != nil {
			return nil, err
		}
	}
	head, err := need("head", 54)
	if err != nil {
		return nil, err
	}
	hhea, err := need("hhea", 36)
	if err != nil {
		return nil, err
	}
	maxp, err := need("maxp", 6)
	if err != nil {
		return nil, err
	}
	hmtx, err := need("hmtx", 0)
	if err != nil {
		return nil, err
	}
	cmap, err := need("cmap", 4)
	if err != nil {
		return nil, err
	}

	m := &metrics{cff: cff}
	m.unitsPerEm, _ = p.u16(head.off + 18)
	if m.unitsPerEm < 16 || m.unitsPerEm > 16384 {
		return nil, malformed("units per em %d out of range", m.unitsPerEm)
	}
	m.ascent, _ = p.i16(hhea.off + 4)
	m.descent, _ = p.i16(hhea.off + 6)
	m.lineGap, _ = p.i16(hhea.off + 8)
	if f, _ := p.u16(hhea.off + 32); f != 0 {
		return nil, malformed("unknown horizontal metric format %d", f)
	}
	numHMetrics, _ := p.u16(hhea.off + 34)
	if numHMetrics == 0 {
		return nil, malformed("no horizontal metrics")
	}
	if hmtx.len < 4*numHMetrics {
		return nil, malformed("%q table too short", "hmtx")
	}
	numGlyphs, _ := p.u16(maxp.off + 4)

	if f, _ := p.u16(head.off + 52); f != 0 {
		return nil, malformed("unknown glyph data format %d", f)
	}
	if os2, ok := p.tables["OS/2"]; ok && os2.len >= 10 {
		// fpdf refuses the metrics of fonts whose licence restricts
		// embedding (it prints an error and carries on): reject them.
		if fsType, _ := p.u16(os2.off + 8); fsType == 0x0002 || fsType&0x0300 != 0 {
			return nil, fmt.Errorf("%w: its licence does not allow embedding (OS/2 fsType %#04x)", errNotTrueType, fsType)
		}
	}
	if os2, ok := p.tables["OS/2"]; ok && os2.len >= 78 {
		version, _ := p.u16(os2.off)
		typoAsc, _ := p.i16(os2.off + 68)
		typoDesc, _ := p.i16(os2.off + 70)
		if m.ascent == 0 {
			m.ascent = typoAsc
		}
		if m.descent == 0 {
			m.descent = typoDesc
		}
		if version > 1 && os2.len >= 90 {
			m.capHeight, _ = p.i16(os2.off + 88)
		}
	}
	if m.capHeight == 0 {
		m.capHeight = m.ascent
	}

	if !trusted {
		if err := p.checkTables(); err != nil {
			return nil, err
		}
		if !cff {
			if err := p.checkGlyphs(numGlyphs, numHMetrics); err != nil {
				return nil, err
			}
		} else if hmtx.len < 4*numHMetrics+2*(numGlyphs-numHMetrics) && numGlyphs > numHMetrics {
			return nil, malformed("%q table too short", "hmtx")
		}
	}
	glyphChars, err := p.cmap4(cmap)
	if err != nil {
		return nil, err
	}
	if err := cmapGlyphs(glyphChars, numGlyphs); err != nil {
		return nil, err
	}
	if m.astral, err = p.cmap12(cmap, numGlyphs); err != nil {
		return nil, err
	}
	p.hmtx(m, hmtx, numHMetrics, numGlyphs, glyphChars)
	return m, nil
}

// glyphChar is a glyph index and a code point that maps to it, packed as
// glyph<<16 | code point: sorted, they list the glyphs in order and each
// glyph's code points together.
type glyphChar uint32

func (gc glyphChar) glyph() int { return int(gc >> 16) }
func (gc glyphChar) char() int  { return int(gc & 0xFFFF) }

// cmap4 finds the subtable fpdf uses (the first Microsoft Unicode BMP or
// Unicode-platform subtable of format 4) and returns its mappings sorted
// by glyph index (fpdf collects them per glyph; the order of a glyph's
// code points does not matter, they all get its width).
func (p *parser) cmap4(cmap table) ([]glyphChar, error) {
	sub := -1
	err := p.cmapSubtables(cmap, func(platform, encoding, off int) bool {
		if (platform == 3 && encoding == 1) || platform == 0 {
			if f, _ := p.u16(off); f == 4 {
				sub = off
				return true
			}
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	if sub < 0 {
		return nil, malformed("no Unicode cmap of format 4")
	}
	// fpdf reads the glyph array only before end; the length is 16 bits
	// and may be short of the arrays in a large cmap, so the arrays are
	// checked against the cmap table.
	length, _ := p.u16(sub + 2)
	end := sub + length
	tableEnd := cmap.off + cmap.len
	segX2, _ := p.u16(sub + 6)
	segs := segX2 / 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	rangeOffs := deltas + 2*segs
	if rangeOffs+2*segs > tableEnd {
		return nil, malformed("cmap subtable of format 4 truncated")
	}
	var glyphChars []glyphChar
	for s := 0; s < segs; s++ {
		last, _ := p.u16(ends + 2*s)
		first, _ := p.u16(starts + 2*s)
		delta, _ := p.i16(deltas + 2*s)
		ro, _ := p.u16(rangeOffs + 2*s)
		for c := first; c <= last; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				pos := rangeOffs + 2*s + ro + 2*(c-first)
				if pos >= end {
					g = 0
				} else {
					v, _ := p.u16(pos)
					if pos+2 > tableEnd {
						return nil, malformed("cmap glyph array outside its subtable")
					}
					g = v
					if g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			glyphChars = append(glyphChars, glyphChar(g<<16|c))
		}
	}
	slices.Sort(glyphChars)
	return glyphChars, nil
}

// cmapSubtables calls fn with each cmap encoding record's platform,
// encoding and subtable offset (in the file) until fn returns true. Every
// record before that must lie inside the cmap table, as fpdf reads them.
func (p *parser) cmapSubtables(cmap table, fn func(platform, encoding, off int) bool) error {
	count, _ := p.u16(cmap.off + 2)
	if 4+8*count > cmap.len {
		return malformed("cmap directory truncated")
	}
	for i := 0; i < count; i++ {
		rec := cmap.off + 4 + 8*i
		platform, _ := p.u16(rec)
		encoding, _ := p.u16(rec + 2)
		rel := int(binary.BigEndian.Uint32(p.data[rec+4:]))
		if rel < 0 || rel+4 > cmap.len {
			return malformed("cmap subtable %d lies outside the cmap table", i)
		}
		if fn(platform, encoding, cmap.off+rel) {
			return nil
		}
	}
	return nil
}

// maxAstral bounds the groups of a format 12 cmap kept for messages.
const maxAstral = 1 << 16

// cmap12 reads the characters outside the Basic Multilingual Plane from
// the font's Unicode format 12 cmap, if it has one.
func (p *parser) cmap12(cmap table, numGlyphs int) ([]cmapGroup, error) {
	sub := -1
	err := p.cmapSubtables(cmap, func(platform, encoding, off int) bool {
		if (platform == 3 && encoding == 10) || (platform == 0 && (encoding == 4 || encoding == 6)) {
			if f, _ := p.u16(off); f == 12 {
				sub = off
				return true
			}
		}
		return false
	})
	if err != nil || sub < 0 {
		return nil, err
	}
	u32 := func(off int) int { return int(binary.BigEndian.Uint32(p.data[off:])) }
	if sub+16 > cmap.off+cmap.len {
		return nil, malformed("cmap subtable of format 12 truncated")
	}
	n := u32(sub + 12)
	if n < 0 || n > (cmap.off+cmap.len-sub-16)/12 {
		return nil, malformed("cmap subtable of format 12 lies outside the cmap table")
	}
	var out []cmapGroup
	for i := 0; i < n && len(out) < maxAstral; i++ {
		g := sub + 16 + 12*i
		first, last, glyph := u32(g), u32(g+4), u32(g+8)
		if first > last || last > unicode.MaxRune {
			return nil, malformed("cmap subtable of format 12: bad group U+%04X–U+%04X", first, last)
		}
		if last < 1<<16 {
			continue
		}
		if first < 1<<16 {
			glyph += 1<<16 - first
			first = 1 << 16
		}
		if glyph+last-first >= numGlyphs {
			return nil, malformed("cmap maps U+%04X to glyph %d, but the font has %d glyphs", last, glyph+last-first, numGlyphs)
		}
		out = append(out, cmapGroup{rune(first), rune(last), glyph})
	}
	slices.SortFunc(out, func(a, b cmapGroup) int { return int(a.first - b.first) })
	return out, nil
}

// hasAstral reports whether the font maps r, outside the BMP, to a glyph.
func (m *metrics) hasAstral(r rune) bool {
	i, _ := slices.BinarySearchFunc(m.astral, r, func(g cmapGroup, r rune) int {
		switch {
		case g.last < r:
			return -1
		case g.first > r:
			return 1
		}
		return 0
	})
	if i >= len(m.astral) {
		return false
	}
	g := m.astral[i]
	return g.first <= r && r <= g.last && g.glyph+int(r-g.first) != 0
}

// hmtx fills m.widths and m.missing exactly as fpdf's parseHMTXTable does.
func (p *parser) hmtx(m *metrics, hmtx table, numHMetrics, numGlyphs int, glyphChars []glyphChar) {
	scale := 1000.0 / float64(m.unitsPerEm)
	m.widths = make([]int32, 1<<16)
	// charsOf returns the mappings of glyph g; g never decreases from
	// one call to the next.
	next := 0
	charsOf := func(g int) []glyphChar {
		for next < len(glyphChars) && glyphChars[next].glyph() < g {
			next++
		}
		end := next
		for end < len(glyphChars) && glyphChars[end].glyph() == g {
			end++
		}
		return glyphChars[next:end]
	}
	set := func(chars []glyphChar, adv int) {
		for _, gc := range chars {
			c := gc.char()
			if c == 0 || c == 0xFFFF {
				continue
			}
			w := int(math.Round(scale * float64(adv)))
			if w == 0 {
				w = zeroWidth
			}
			m.widths[c] = int32(w)
		}
	}
	adv := 0
	for g := 0; g < numHMetrics; g++ {
		adv, _ = p.u16(hmtx.off + 4*g)
		chars := charsOf(g)
		if len(chars) == 0 && g != 0 {
			continue
		}
		if adv >= 1<<15 {
			adv = 0
		}
		if g == 0 {
			m.missing = int(math.Floor(scale*float64(adv) + 0.5))
			continue
		}
		set(chars, adv)
	}
	for g := numHMetrics; g < numGlyphs; g++ {
		set(charsOf(g), adv)
	}
}

// withoutKerning returns a copy of a TrueType file whose "kern" and "GPOS"
// tables are hidden (their tags renamed, the directory still sorted), so
// that gonum, which measures through x/image/font/sfnt, measures without
// kerning, as fpdf sets text. Without this a chart's centred or
// right-aligned labels would be placed for kerned widths and drawn
// unkerned (a "Ta" pair alone is 0.07 em). The file must have passed
// parseMetrics.
func withoutKerning(ttf []byte) []byte {
	out := append([]byte(nil), ttf...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	tag := func(i int) uint32 {
		if i < 0 || i >= n {
			return 0
		}
		return binary.BigEndian.Uint32(out[12+16*i:])
	}
	for i := 0; i < n; i++ {
		t := tag(i)
		if t != 0x6b65726e && t != 0x47504f53 { // "kern", "GPOS"
			continue
		}
		// t-1 stays above the previous tag unless that is t-1 itself.
		if i == 0 || tag(i-1) < t-1 {
			binary.BigEndian.PutUint32(out[12+16*i:], t-1)
		} else if i == n-1 || tag(i+1) > t+1 {
			binary.BigEndian.PutUint32(out[12+16*i:], t+1)
		}
	}
	return out
}
