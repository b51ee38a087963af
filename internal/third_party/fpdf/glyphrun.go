package fpdf

// Glyph runs: text shown by glyph ID, as a shaper (HarfBuzz or a port of
// it) gives it, instead of by character. A UTF-8 font added after
// SetGlyphFonts(true) is a glyph font: its CIDs are the font's own glyph
// IDs (Identity-H), its widths (/W) those of its glyphs, its subset is
// made of the glyphs shown (and the components of composite glyphs), and
// its ToUnicode CMap maps each glyph to the characters it was shown for,
// so that a ligature gives back its letters. GlyphRun shows a shaped run
// with its kerning and mark offsets in one TJ; Text, CellFormat and the
// methods built on them still take characters and look their glyphs up
// in the font's cmap (formats 4 and 12, so characters beyond U+FFFF too).

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Glyph is one glyph of a shaped run, in the order it is drawn (left to
// right). Advance, XOffset and YOffset are in thousandths of an em (a
// shaper's font units × 1000 / units per em).
type Glyph struct {
	ID      uint16  // glyph index in the font
	Text    string  // the characters the glyph stands for; "" for the second and further glyphs of a cluster
	Advance float64 // how far the pen moves after the glyph, kerning included
	XOffset float64 // where the glyph is drawn relative to the pen (marks)
	YOffset float64 // up positive
}

// SetGlyphFonts makes the UTF-8 fonts added after it glyph fonts, which
// GlyphRun can draw with (see Glyph). A document that never calls it is
// written as before.
func (f *Fpdf) SetGlyphFonts(on bool) { f.glyphFonts = on }

// glyphFont is the state of a glyph font: what GlyphRun and the subsetter
// need from the font file, and the glyphs shown with their text.
type glyphFont struct {
	upem      int
	numGlyphs int
	hmtx      []byte // the hmtx table
	nMetrics  int    // hhea's numberOfHMetrics
	cmap      func(r rune) uint16
	text      []string        // glyph → the text of its first use
	seen      []bool          // glyph → shown
	nUsed     int             // glyphs shown
	widths    []float64       // glyph → /W width, thousandths of an em
	runeGlyph map[rune]uint16 // cmap look-ups made
	cff       []byte          // the whole file of an OpenType font with CFF outlines, embedded as it is
}

// newGlyphFont reads what a glyph font needs from a TrueType file.
func newGlyphFont(b []byte) (*glyphFont, error) {
	tables, err := sfntTables(b)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp, hmtx := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("font has no valid head, hhea or maxp table")
	}
	g := &glyphFont{
		upem:      int(binary.BigEndian.Uint16(head[18:])),
		numGlyphs: int(binary.BigEndian.Uint16(maxp[4:])),
		nMetrics:  int(binary.BigEndian.Uint16(hhea[34:])),
		hmtx:      hmtx,
		runeGlyph: map[rune]uint16{},
	}
	if g.upem == 0 || g.nMetrics == 0 || len(hmtx) < 4*g.nMetrics {
		return nil, fmt.Errorf("font has no valid hmtx table")
	}
	g.text = make([]string, g.numGlyphs)
	g.seen = make([]bool, g.numGlyphs)
	g.widths = make([]float64, g.numGlyphs)
	for id := range g.widths {
		i := min(id, g.nMetrics-1)
		adv := int(binary.BigEndian.Uint16(g.hmtx[4*i:]))
		g.widths[id] = math.Round(float64(adv)*1e6/float64(g.upem)) / 1000
	}
	g.cmap = cmapLookup(tables["cmap"])
	return g, nil
}

// sfntTables returns the tables of a TrueType file by tag.
func sfntTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("font file too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, fmt.Errorf("font table directory truncated")
	}
	t := make(map[string][]byte, n)
	for i := range n {
		rec := b[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || size < 0 || off+size > len(b) || off+size < off {
			return nil, fmt.Errorf("font table %q lies outside the file", rec[:4])
		}
		t[string(rec[:4])] = b[off : off+size]
	}
	return t, nil
}

// cmapLookup returns a function that maps a character to its glyph
// through the cmap's Unicode subtable: format 12 if there is one, else
// format 4. Characters it lacks map to glyph 0.
func cmapLookup(cmap []byte) func(rune) uint16 {
	none := func(rune) uint16 { return 0 }
	if len(cmap) < 4 {
		return none
	}
	var f4, f12 []byte
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			break
		}
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) || !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			if f4 == nil {
				f4 = sub
			}
		case 12:
			if f12 == nil {
				f12 = sub
			}
		}
	}
	switch {
	case len(f12) >= 16:
		ngroups := int(binary.BigEndian.Uint32(f12[12:]))
		if 16+12*ngroups > len(f12) {
			return none
		}
		return func(r rune) uint16 {
			c := uint32(r)
			i := sort.Search(ngroups, func(i int) bool { return binary.BigEndian.Uint32(f12[16+12*i+4:]) >= c })
			if i == ngroups {
				return 0
			}
			g := f12[16+12*i:]
			start := binary.BigEndian.Uint32(g)
			if c < start {
				return 0
			}
			return uint16(binary.BigEndian.Uint32(g[8:]) + c - start)
		}
	case len(f4) >= 14:
		segs := int(binary.BigEndian.Uint16(f4[6:])) / 2
		if 16+8*segs > len(f4) {
			return none
		}
		ends, starts, deltas, offs := 14, 16+2*segs, 16+4*segs, 16+6*segs
		return func(r rune) uint16 {
			if r > 0xFFFF {
				return 0
			}
			c := int(r)
			i := sort.Search(segs, func(i int) bool { return int(binary.BigEndian.Uint16(f4[ends+2*i:])) >= c })
			if i == segs {
				return 0
			}
			start := int(binary.BigEndian.Uint16(f4[starts+2*i:]))
			if c < start {
				return 0
			}
			delta := int(binary.BigEndian.Uint16(f4[deltas+2*i:]))
			ro := int(binary.BigEndian.Uint16(f4[offs+2*i:]))
			if ro == 0 {
				return uint16(c + delta)
			}
			p := offs + 2*i + ro + 2*(c-start)
			if p+2 > len(f4) {
				return 0
			}
			g := int(binary.BigEndian.Uint16(f4[p:]))
			if g == 0 {
				return 0
			}
			return uint16(g + delta)
		}
	}
	return none
}

// width is the /W width of glyph g: its hmtx advance in thousandths of
// an em, to three decimals, so that a glyph set at its own advance needs
// no adjustment in the TJ and a line's adjustments add up to no drift.
func (g *glyphFont) width(id uint16) float64 {
	if int(id) < len(g.widths) {
		return g.widths[id]
	}
	return 0
}

// use records that glyph id is shown for text and reports whether the
// ToUnicode CMap gives that text back for it.
func (g *glyphFont) use(id uint16, text string) bool {
	if g.seen[id] {
		return g.text[id] == text
	}
	g.seen[id], g.text[id] = true, text
	g.nUsed++
	return true
}

// encode returns s as the 2-byte glyph IDs of its characters (the CIDs
// of a glyph font), recording each glyph's character.
func (g *glyphFont) encode(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		id, ok := g.runeGlyph[r]
		if !ok {
			id = g.cmap(r)
			g.runeGlyph[r] = id
		}
		if int(id) < g.numGlyphs && !g.seen[id] && id != 0 {
			g.use(id, string(r))
		}
		b = append(b, byte(id>>8), byte(id))
	}
	return b
}

// encodeUTF8 is encode for the current font as an escaped literal string.
func (f *Fpdf) encodeGlyphs(s string) string {
	return f.escape(string(f.currentFont.glyphs.encode(s)))
}

// GlyphRun shows glyphs, a shaped run in the current font at its size,
// with the pen starting at (x, y) on the baseline: one text object with
// one TJ whose adjustments give each glyph its Advance (kerning) and
// offsets. The current font must be a glyph font (SetGlyphFonts).
//
// Each glyph's Text goes into the font's ToUnicode CMap, so that text
// extraction gives back the characters (a ligature its letters). Where
// the CMap cannot say it (a glyph already mapped to other text), or where
// actualText is not empty (a right-to-left run, whose glyphs are in
// visual order, passes its characters in logical order), the run is
// wrapped in a /Span with /ActualText: actualText, or else the glyphs'
// Texts in order.
func (f *Fpdf) GlyphRun(x, y float64, glyphs []Glyph, actualText string) {
	if f.err != nil || len(glyphs) == 0 {
		return
	}
	g := f.currentFont.glyphs
	if !f.isCurrentUTF8 || g == nil {
		f.err = fmt.Errorf("GlyphRun: the current font %q is not a glyph font (SetGlyphFonts before adding it)", f.currentFont.Name)
		return
	}
	exact := true
	for _, gl := range glyphs {
		if int(gl.ID) >= g.numGlyphs {
			f.err = fmt.Errorf("GlyphRun: font %q has no glyph %d", f.currentFont.Name, gl.ID)
			return
		}
		if !g.use(gl.ID, gl.Text) {
			exact = false
		}
	}
	if actualText == "" && !exact {
		var sb strings.Builder
		for _, gl := range glyphs {
			sb.WriteString(gl.Text)
		}
		actualText = sb.String()
	}
	b := f.glyphScratch[:0]
	if f.colorFlag {
		b = append(b, "q "...)
		b = append(b, f.color.text.str...)
		b = append(b, ' ')
	}
	if actualText != "" {
		b = append(b, "/Span <</ActualText ("...)
		b = append(b, f.escape(utf8toutf16(actualText))...)
		b = append(b, ")>> BDC "...)
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ["...)
	var pend float64      // adjustment not yet written
	str := f.glyphStr[:0] // glyph IDs not yet written
	flush := func() {
		if len(str) > 0 {
			b = append(b, '(')
			b = appendEscaped(b, str)
			b = append(b, ')')
			str = str[:0]
		}
		if n := int64(math.Round(pend * 100)); n != 0 {
			b = appendHundredths(b, n)
			b = append(b, ' ')
		}
		pend = 0
	}
	for _, gl := range glyphs {
		if gl.XOffset != 0 {
			pend -= gl.XOffset
		}
		if gl.YOffset != 0 {
			flush()
			b = append(b, "] TJ "...)
			b = strconv.AppendFloat(b, math.Round(gl.YOffset*f.fontSizePt/10)/100, 'f', -1, 64)
			b = append(b, " Ts ["...)
		}
		if math.Round(pend*100) != 0 {
			flush()
		}
		pend = 0
		str = append(str, byte(gl.ID>>8), byte(gl.ID))
		pend = g.width(gl.ID) - gl.Advance + gl.XOffset
		if gl.YOffset != 0 {
			flush()
			b = append(b, "] TJ 0 Ts ["...)
		}
	}
	pend = 0 // the pen after the last glyph does not matter
	flush()
	b = append(b, "] TJ ET"...)
	if actualText != "" {
		b = append(b, " EMC"...)
	}
	if f.colorFlag {
		b = append(b, " Q"...)
	}
	b = append(b, '\n')
	if f.state == 2 {
		must(f.pages[f.page].Write(b))
	} else {
		must(f.buffer.Write(b))
	}
	f.glyphScratch, f.glyphStr = b[:0], str[:0]
}

// appendHundredths appends n/100 with no trailing zeros: 4883 as
// "48.83", -50 as "-0.5", 300 as "3".
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// appendEscaped appends s to b escaped for a literal string, as escape
// does.
func appendEscaped(b, s []byte) []byte {
	for _, c := range s {
		switch c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}

// toUnicode is the font's ToUnicode CMap: each glyph shown to the text
// it was first shown for, in UTF-16BE (surrogate pairs beyond U+FFFF).
func (g *glyphFont) toUnicode() string {
	ids := make([]int, 0, g.nUsed)
	for id, t := range g.text {
		if g.seen[id] && t != "" {
			ids = append(ids, id)
		}
	}
	var sb strings.Builder
	sb.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(ids) > 0 {
		n := min(len(ids), 100)
		fmt.Fprintf(&sb, "%d beginbfchar\n", n)
		for _, id := range ids[:n] {
			fmt.Fprintf(&sb, "<%04X> <", id)
			for _, u := range utf16.Encode([]rune(g.text[id])) {
				fmt.Fprintf(&sb, "%04X", u)
			}
			sb.WriteString(">\n")
		}
		sb.WriteString("endbfchar\n")
		ids = ids[n:]
	}
	sb.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return sb.String()
}

// widthArray is the CIDFont's /W entry for the glyphs shown.
func (g *glyphFont) widthArray() string {
	ids := make([]int, 0, g.nUsed)
	for id, ok := range g.seen {
		if ok {
			ids = append(ids, id)
		}
	}
	var sb strings.Builder
	sb.WriteString("/W [")
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[j-1]+1 {
			j++
		}
		fmt.Fprintf(&sb, "%d [", ids[i])
		for k := i; k < j; k++ {
			if k > i {
				sb.WriteByte(' ')
			}
			sb.WriteString(strconv.FormatFloat(g.width(uint16(ids[k])), 'f', -1, 64))
		}
		sb.WriteString("] ")
		i = j
	}
	sb.WriteString("]")
	return sb.String()
}

// glyphSet is the set of glyphs to subset: the glyphs shown and glyph 0.
func (g *glyphFont) glyphSet() map[int]bool {
	set := make(map[int]bool, g.nUsed+1)
	set[0] = true
	for id, ok := range g.seen {
		if ok {
			set[id] = true
		}
	}
	return set
}

// parseGlyphs is parseSymbols for a glyph font: the glyphs of set, the
// components of composite glyphs among them, their new IDs, and the
// font's characters whose glyphs are kept, for the subset's cmap.
func (utf *utf8FontFile) parseGlyphs(set map[int]bool) (map[int]int, map[int]int, map[int]int, []int) {
	symbolCollection := make(map[int]int, len(set))
	for id := range set {
		symbolCollection[id] = 0
	}
	begin := utf.tableDescriptions["glyf"].position
	symbolArray := make(map[int]int)
	symbolCollectionKeys := keySortInt(symbolCollection)
	for i, old := range symbolCollectionKeys {
		symbolArray[old] = i
	}
	for _, old := range keySortInt(symbolCollection) {
		_, symbolArray, symbolCollection, symbolCollectionKeys = utf.getSymbols(old, &begin, symbolArray, symbolCollection, symbolCollectionKeys)
	}
	runeSymbol := make(map[int]int)
	for r, old := range utf.charSymbolDictionary {
		if n, ok := symbolArray[old]; ok && r <= 0xFFFF {
			runeSymbol[r] = n
		}
	}
	utf.CodeSymbolDictionary = symbolArray
	return runeSymbol, symbolArray, symbolCollection, symbolCollectionKeys
}

// addCFFFont adds an OpenType font with CFF outlines as a glyph font. It
// is embedded as a subset that keeps every glyph ID, in a CIDFontType0
// whose CIDs are glyph IDs: a bare CID-keyed CFF (cffCIDSubset,
// FontFile3 /CIDFontType0C, which PDF/A-1 takes), or where that cannot
// be made its OpenType file (cffOTFSubset, FontFile3 /OpenType, which
// PDF/A-1, older than OpenType embedding, refuses). fpdf does not
// measure with it (GetStringWidth is 0).
func (f *Fpdf) addCFFFont(fontkey string, b []byte) {
	g, err := newGlyphFont(b)
	if err != nil {
		f.SetError(fmt.Errorf("font %s: %w", fontkey, err))
		return
	}
	tables, _ := sfntTables(b)
	head, hhea, os2, post := tables["head"], tables["hhea"], tables["OS/2"], tables["post"]
	if len(tables["CFF "]) == 0 {
		f.SetError(fmt.Errorf("font %s: an OpenType font without a CFF table", fontkey))
		return
	}
	be := binary.BigEndian
	scale := 1000 / float64(g.upem)
	fu := func(b []byte, off int) int { return int(math.Round(float64(int16(be.Uint16(b[off:]))) * scale)) }
	desc := FontDescType{
		Ascent:       fu(hhea, 4),
		Descent:      fu(hhea, 6),
		CapHeight:    fu(hhea, 4),
		Flags:        32, // nonsymbolic
		FontBBox:     fontBoxType{fu(head, 36), fu(head, 38), fu(head, 40), fu(head, 42)},
		StemV:        70,
		MissingWidth: int(math.Round(g.width(0))),
	}
	if len(os2) >= 90 && be.Uint16(os2) >= 2 {
		desc.CapHeight = fu(os2, 88)
	}
	if len(os2) >= 6 {
		w := float64(be.Uint16(os2[4:]))
		desc.StemV = int(50 + (w/65)*(w/65))
	}
	var up, ut int
	if len(post) >= 16 {
		desc.ItalicAngle = int(int16(be.Uint16(post[4:])))
		up, ut = fu(post, 8), fu(post, 10)
		if be.Uint32(post[12:]) != 0 {
			desc.Flags |= 1 // fixed pitch
		}
	}
	if desc.ItalicAngle != 0 {
		desc.Flags |= 64
	}
	g.cff = b
	def := fontDefType{
		Tp:        "UTF8",
		Name:      fontkey,
		Desc:      desc,
		Up:        up,
		Ut:        ut,
		Cw:        make([]int, 1<<16),
		usedRunes: map[int]int{},
		utf8File:  &utf8FontFile{PostScriptName: postScriptName(nameID6(tables["name"]))},
		glyphs:    g,
	}
	// The resource name: one per font key, as generateFontID gives
	// TrueType fonts (the same file may be added as several faces).
	h := sha1.New()
	h.Write([]byte(fontkey + "\x00"))
	h.Write(b)
	def.i = fmt.Sprintf("%x", h.Sum(nil))
	f.fonts[fontkey] = def
}

// nameID6 is a name table's PostScript name (name ID 6), or "".
func nameID6(name []byte) string {
	be := binary.BigEndian
	if len(name) < 6 {
		return ""
	}
	count, strOff := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(name) {
			return ""
		}
		pid, eid, id := be.Uint16(name[r:]), be.Uint16(name[r+2:]), be.Uint16(name[r+6:])
		ln, off := int(be.Uint16(name[r+8:])), strOff+int(be.Uint16(name[r+10:]))
		if id != 6 || off+ln > len(name) {
			continue
		}
		s := name[off : off+ln]
		if pid == 3 && eid == 1 || pid == 0 {
			u := make([]uint16, len(s)/2)
			for k := range u {
				u[k] = be.Uint16(s[2*k:])
			}
			return string(utf16.Decode(u))
		}
		if pid == 1 {
			return string(s)
		}
	}
	return ""
}

// putCFFFont writes a CFF glyph font: Type0, CIDFontType0 with the
// glyphs' widths, ToUnicode, descriptor, the font file (a subset, its
// name tagged, unless the CFF table could not be read) and, for PDF/A-1,
// the CIDSet.
func (f *Fpdf) putCFFFont(font fontDefType, cut *utf8Cut) {
	if f.pdfA1() && !cut.bareCFF {
		f.SetError(fmt.Errorf("font %s: PDF/A-1 cannot embed an OpenType font with CFF outlines", font.Name))
		return
	}
	name := font.utf8File.PostScriptName
	if name == "" {
		name = "utf8" + font.Name
	}
	if cut.tag != "" {
		name = cut.tag + "+" + name
	}
	f.newobj()
	n := f.n
	f.outf("<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj", name, n+1, n+2)
	f.newobj()
	f.outf("<</Type /Font\n/Subtype /CIDFontType0\n/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n/FontDescriptor %d 0 R", name, n+3)
	if font.Desc.MissingWidth != 0 {
		f.outf("/DW %d", font.Desc.MissingWidth)
	}
	f.out(font.glyphs.widthArray() + ">>")
	f.out("endobj")
	cmap := font.glyphs.toUnicode()
	f.newobj()
	f.outf("<</Length %d>>", len(cmap))
	f.putstream([]byte(cmap))
	f.out("endobj")
	d := font.Desc
	f.newobj()
	cidSet := ""
	if cut.cidSet != nil {
		cidSet = fmt.Sprintf(" /CIDSet %d 0 R", n+5)
	}
	f.outf("<</Type /FontDescriptor /FontName /%s /Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d /FontFile3 %d 0 R%s>>",
		name, d.Ascent, d.Descent, d.CapHeight, d.Flags, d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax, d.ItalicAngle, d.StemV, d.MissingWidth, n+4, cidSet)
	f.out("endobj")
	data := cut.file.bytes()
	f.newobj()
	subtype := "OpenType"
	if cut.bareCFF {
		subtype = "CIDFontType0C"
	}
	f.outf("<</Subtype /%s /Length %d /Filter /FlateDecode>>", subtype, len(data))
	f.putstream(data)
	f.out("endobj")
	cut.file.release()
	if cut.cidSet != nil {
		f.newobj()
		f.outf("<</Length %d /Filter /FlateDecode>>", len(cut.cidSet))
		f.putstream(cut.cidSet)
		f.out("endobj")
	}
}
