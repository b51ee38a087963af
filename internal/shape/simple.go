package shape

import (
	"slices"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"
	"golang.org/x/text/unicode/bidi"
)

// Simple shapes the text that HarfBuzz sets as the font's glyphs one
// after another, each at its advance plus the pair kerning to the next:
// most words of a Latin, Greek or Cyrillic text in a face whose
// substitutions and non-kerning positionings touch none of their glyphs.
// It gives what Shaper.Shape gives for such a word (the same glyphs,
// clusters and advances, checked against HarfBuzz by TestSimpleIsShaped
// and TestOracle) without itemising it or running HarfBuzz, which a
// briefing would otherwise pay for each distinct word, and without a
// cache look-up per occurrence.
//
// A word is simple in a face when every character:
//
//   - is in the face's cmap, in Basic Latin … Latin Extended-B, Greek,
//     Cyrillic, Latin Extended Additional, General Punctuation or the
//     currency symbols, and is no mark, control, default-ignorable
//     character or fraction slash;
//   - maps to a glyph that no GSUB lookup and no GPOS lookup other than
//     the kern feature's covers (the coverage a lookup starts from: no
//     substitution, mark attachment or contextual lookup can start at
//     it), and that GDEF does not class as a mark, ligature or component;
//
// and the word has at most one of the Latin, Greek and Cyrillic scripts
// (else Itemize cuts it in two), and no digit if it has a character from
// U+0590 on (else the bidi algorithm raises the digits a level).
//
// The face qualifies only if its kern feature is the same lookups in
// every script a simple word may be shaped in (DFLT, latn, grek, cyrl),
// those lookups are pair positionings that adjust the first glyph's
// advance only, and it has no AAT tables (morx, kerx, trak) and no
// legacy kern table that HarfBuzz would use instead. Only the default
// features and no language qualify (Font.simple).
type Simple struct {
	glyphs []simpleGlyph // by local index (localIndex)
	nLocal int
	// The kerning of words in no script, Latin, Greek, Cyrillic: nil
	// where HarfBuzz would not kern with GPOS (the script's default
	// language has no kern feature and the face has a legacy kern
	// table), which leaves those words to HarfBuzz.
	byScript [4]*kernTable
}

// kernTable is the kern feature's lookups for a script and what they
// give pairs of glyphs, computed as pairs are first met.
type kernTable struct {
	subs   []kernSub
	nLocal int
	rowOf  []int32        // local index → row of cells, or -1: the glyph starts no kerning pair
	cells  []atomic.Int32 // rows × nLocal: kerning + kernBias, 0 for not yet computed
}

type simpleGlyph struct {
	gid   uint16
	flags uint8
	adv   int32
}

const (
	sgOK    = 1 << iota // may be set by Simple
	sgDigit             // bidi class EN
	sgLatin             // strong scripts
	sgGreek
	sgCyrillic
	sgScripts = sgLatin | sgGreek | sgCyrillic
)

// scriptIndex is the index in Simple.byScript of a script flag.
func scriptIndex(sc uint8) int {
	switch sc {
	case sgLatin:
		return 1
	case sgGreek:
		return 2
	case sgCyrillic:
		return 3
	}
	return 0
}

// scriptTags are the OpenType script tags HarfBuzz asks a face for, by
// Simple.byScript index: Common is "zyyy", which no font has, so it
// falls back as the others may to DFLT, dflt, then latn.
var scriptTags = [4]string{"zyyy", "latn", "grek", "cyrl"}

// kernSub is a subtable of the kern feature's lookups; last marks the
// last subtable of its lookup.
type kernSub struct {
	lookup int
	cov    tables.Coverage
	data   tables.PairPosData
	last   bool
}

const kernBias = 1 << 20

// ignoreBaseGlyphs is the lookup flag that skips base glyphs (OpenType
// LookupFlag bit 1).
const ignoreBaseGlyphs = 0x0002

// localRanges are the characters Simple may set, in local index order.
var localRanges = [...][2]rune{
	{0x0020, 0x0300}, // Basic Latin … Latin Extended-B, IPA Extensions (ə), Spacing Modifier Letters
	{0x0370, 0x0530}, // Greek and Coptic, Cyrillic, Cyrillic Supplement
	{0x1e00, 0x1f00}, // Latin Extended Additional (Vietnamese)
	{0x2010, 0x2028}, // dashes, quotation marks, bullets, ellipsis
	{0x2030, 0x2060}, // per mille, primes, guillemets…
	{0x20a0, 0x20c1}, // currency symbols
}

var localBase = func() (b [len(localRanges) + 1]int) {
	for i, r := range localRanges {
		b[i+1] = b[i] + int(r[1]-r[0])
	}
	return b
}()

// localIndex is r's index among the characters Simple may set, or -1.
func localIndex(r rune) int {
	if r < 0x0300 {
		if r < 0x20 {
			return -1
		}
		return int(r - 0x20)
	}
	for i := 1; i < len(localRanges); i++ {
		if lr := localRanges[i]; r >= lr[0] && r < lr[1] {
			return localBase[i] + int(r-lr[0])
		}
	}
	return -1
}

// Prepare builds what shaping the face needs on first use (its Simple),
// for a program that can do it ahead of time, on another goroutine.
func (f *Face) Prepare() { f.simple() }

// simple is the face's Simple, or nil if the face does not qualify.
func (f *Face) simple() *Simple {
	f.simpleOnce.Do(func() { f.simpleModel = newSimple(f) })
	return f.simpleModel
}

func newSimple(f *Face) (s *Simple) {
	defer func() {
		if recover() != nil {
			s = nil // a table go-text parsed but we cannot read: HarfBuzz's path
		}
	}()
	ft := f.face.Font
	// As go-text's HarfBuzz plans positioning (harfbuzz/ot_shape.go):
	// morx, kerx or trak make it another shaper's, no GPOS lookups
	// leave kerning to the legacy table or to nothing.
	if len(ft.Morx) != 0 || ft.Kerx != nil || !ft.Trak.IsEmpty() || len(ft.GPOS.Lookups) == 0 {
		return nil
	}
	s = &Simple{nLocal: localBase[len(localRanges)]}

	// Which lookups the kern feature is, script by script, and which
	// other features use.
	kernUse := map[int]bool{}
	otherUse := map[int]bool{}
	for _, fe := range ft.GPOS.Features {
		for _, li := range fe.LookupListIndices {
			if fe.Tag == kernTag {
				kernUse[int(li)] = true
			} else {
				otherUse[int(li)] = true
			}
		}
	}
	for sc, tag := range scriptTags {
		idx, hasKern, ok := kernLookups(&ft.GPOS, tag)
		if !ok || (!hasKern && ft.Kern != nil) {
			continue // a required kern feature; the legacy kern table
		}
		kt, err := s.kernTableOf(ft, idx)
		if err {
			return nil
		}
		for o := range sc {
			if s.byScript[o] != nil && slices.Equal(s.byScript[o].lookups(), idx) {
				kt = s.byScript[o]
			}
		}
		s.byScript[sc] = kt
	}

	// Glyphs some other lookup starts at.
	busy := map[uint16]bool{}
	mark := func(c tables.Coverage) {
		switch c := c.(type) {
		case tables.Coverage1:
			for _, g := range c.Glyphs {
				busy[uint16(g)] = true
			}
		case tables.Coverage2:
			for _, rg := range c.Ranges {
				for g := int(rg.StartGlyphID); g <= int(rg.EndGlyphID); g++ {
					busy[uint16(g)] = true
				}
			}
		}
	}
	for _, lk := range ft.GSUB.Lookups {
		for _, st := range lk.Subtables {
			mark(st.Cov())
		}
	}
	for i, lk := range ft.GPOS.Lookups {
		if kernUse[i] && !otherUse[i] {
			continue
		}
		for _, st := range lk.Subtables {
			mark(st.Cov())
		}
	}
	gdef := ft.GDEF.GlyphClassDef

	s.glyphs = make([]simpleGlyph, s.nLocal)
	for i, lr := range localRanges {
		for r := lr[0]; r < lr[1]; r++ {
			li := localBase[i] + int(r-lr[0])
			flags, ok := charFlags(r)
			if !ok {
				continue
			}
			g, ok := ft.Cmap.Lookup(r)
			if !ok || g == 0 || g > 0xffff || busy[uint16(g)] {
				continue
			}
			if gdef != nil {
				if c, _ := gdef.Class(tables.GlyphID(g)); c > 1 {
					continue
				}
			}
			s.glyphs[li] = simpleGlyph{gid: uint16(g), flags: flags | sgOK, adv: int32(f.face.HorizontalAdvance(font.GID(g)))}
		}
	}
	for _, kt := range s.byScript {
		if kt != nil && kt.rowOf == nil {
			kt.index(s.glyphs)
		}
	}
	return s
}

// kernTableOf makes the kern table of the lookups idx; true if a lookup
// is not one Simple can follow.
func (s *Simple) kernTableOf(ft *font.Font, idx []int) (*kernTable, bool) {
	kt := &kernTable{nLocal: s.nLocal}
	for _, li := range idx {
		lk := ft.GPOS.Lookups[li]
		if lk.Flag&ignoreBaseGlyphs != 0 {
			continue // applies to no base glyph: never to a simple word
		}
		for k, st := range lk.Subtables {
			pp, ok := st.(tables.PairPos)
			if !ok {
				return nil, true
			}
			var vf1, vf2 tables.ValueFormat
			switch d := pp.Data.(type) {
			case tables.PairPosData1:
				vf1, vf2 = d.ValueFormat1, d.ValueFormat2
			case tables.PairPosData2:
				vf1, vf2 = d.ValueFormat1, d.ValueFormat2
			default:
				return nil, true
			}
			if vf1&^(tables.XAdvance|tables.YAdvance) != 0 || vf2 != 0 {
				return nil, true
			}
			kt.subs = append(kt.subs, kernSub{lookup: li, cov: st.Cov(), data: pp.Data, last: k == len(lk.Subtables)-1})
		}
	}
	return kt, false
}

// lookups is the lookup indices of the table's subtables.
func (kt *kernTable) lookups() []int {
	var out []int
	for _, st := range kt.subs {
		if len(out) == 0 || out[len(out)-1] != st.lookup {
			out = append(out, st.lookup)
		}
	}
	return out
}

// index gives a row of cells to each simple glyph that some subtable
// covers.
func (kt *kernTable) index(glyphs []simpleGlyph) {
	kt.rowOf = make([]int32, kt.nLocal)
	rows := int32(0)
	for li, g := range glyphs {
		kt.rowOf[li] = -1
		if g.flags&sgOK == 0 {
			continue
		}
		for _, st := range kt.subs {
			if _, ok := st.cov.Index(tables.GlyphID(g.gid)); ok {
				kt.rowOf[li] = rows
				rows++
				break
			}
		}
	}
	kt.cells = make([]atomic.Int32, int(rows)*kt.nLocal)
}

// charFlags classes r for Simple: its script and bidi flags, or false
// if Simple must leave it to HarfBuzz.
func charFlags(r rune) (uint8, bool) {
	if isControl(r) || isDefaultIgnorable(r) || extendsCluster(r) || r == 0x2044 {
		return 0, false
	}
	var flags uint8
	switch sc := language.LookupScript(r); {
	case sc == language.Latin:
		flags = sgLatin
	case sc == language.Greek:
		flags = sgGreek
	case sc == language.Cyrillic:
		flags = sgCyrillic
	case sc.Strong():
		return 0, false // Coptic letters in the Greek block
	}
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.EN:
		flags |= sgDigit
	case bidi.L, bidi.ON, bidi.CS, bidi.ES, bidi.ET, bidi.WS:
	default:
		return 0, false
	}
	return flags, true
}

// kernLookups is the GPOS lookups of the kern feature in the default
// language of the script HarfBuzz selects for tag (go-text's
// selectScript: the tag, else DFLT, dflt, latn), sorted, and whether
// there is a kern feature; false if the language requires a kern
// feature (Simple does not follow that).
func kernLookups(gpos *font.GPOS, tag string) ([]int, bool, bool) {
	si := -1
	for _, t := range []string{tag, "DFLT", "dflt", "latn"} {
		if si = gpos.FindScript(ot.MustNewTag(t)); si >= 0 {
			break
		}
	}
	if si < 0 {
		return nil, false, true
	}
	ls := gpos.Scripts[si].DefaultLangSys
	if ls == nil {
		return nil, false, true
	}
	if ls.RequiredFeatureIndex != 0xffff && int(ls.RequiredFeatureIndex) < len(gpos.Features) &&
		gpos.Features[ls.RequiredFeatureIndex].Tag == kernTag {
		return nil, false, false
	}
	var idx []int
	has := false
	for _, fi := range ls.FeatureIndices {
		if int(fi) < len(gpos.Features) && gpos.Features[fi].Tag == kernTag {
			has = true
			for _, li := range gpos.Features[fi].LookupListIndices {
				if int(li) >= len(gpos.Lookups) {
					return nil, false, false
				}
				idx = append(idx, int(li))
			}
		}
	}
	slices.Sort(idx)
	return slices.Compact(idx), has, true
}

var kernTag = ot.MustNewTag("kern")

// pairKern is the kerning HarfBuzz gives the first of glyphs a and b
// (local indices): for each lookup of the kern feature, the first of its
// subtables that applies, as go-text's GPOS code applies them.
func (kt *kernTable) pairKern(glyphs []simpleGlyph, a, b int) int32 {
	row := kt.rowOf[a]
	if row < 0 {
		return 0
	}
	cell := &kt.cells[int(row)*kt.nLocal+b]
	if v := cell.Load(); v != 0 {
		return v - kernBias
	}
	g1, g2 := tables.GlyphID(glyphs[a].gid), tables.GlyphID(glyphs[b].gid)
	var k int32
	done := false // the current lookup has applied
	for _, st := range kt.subs {
		if !done {
			if idx, ok := st.cov.Index(g1); ok {
				switch d := st.data.(type) {
				case tables.PairPosData1:
					if rec, ok := d.PairSets[idx].FindGlyph(g2); ok {
						k += int32(rec.ValueRecord1.XAdvance)
						done = true
					}
				case tables.PairPosData2:
					if c2, ok := d.ClassDef2.Class(g2); ok {
						c1, _ := d.ClassDef1.Class(g1)
						k += int32(d.Record(c1, c2).ValueRecord1.XAdvance)
						done = true
					}
				}
			}
		}
		if st.last {
			done = false
		}
	}
	cell.Store(k + kernBias)
	return k
}

// wordScan is what Simple checks of a word as it reads its characters:
// the script of its letters, and whether it mixes digits with
// characters from U+0590 on.
type wordScan struct {
	scripts     uint8
	high, digit bool
	firstStrong int // byte offset of the first letter, -1 for none
}

// char checks character r at byte offset off: its local index, or -1 if
// Simple cannot set it (or it is of a second script).
func (s *Simple) char(w *wordScan, off int, r rune) int {
	li := localIndex(r)
	if li < 0 {
		return -1
	}
	fl := s.glyphs[li].flags
	if fl&sgOK == 0 {
		return -1
	}
	if sc := fl & sgScripts; sc != 0 {
		if w.scripts != 0 && w.scripts != sc {
			return -1
		}
		if w.firstStrong < 0 {
			w.firstStrong = off
		}
		w.scripts = sc
	}
	w.high = w.high || r >= 0x0590
	w.digit = w.digit || fl&sgDigit != 0
	return li
}

// table is the kern table of a word read with w, or nil if the word is
// not simple.
func (s *Simple) table(w *wordScan) *kernTable {
	if w.high && w.digit {
		return nil
	}
	return s.byScript[scriptIndex(w.scripts)]
}

// Advance is text's advance in font units, shaped as one word, and
// true; false if the text is not simple in the face.
func (s *Simple) Advance(text string) (int32, bool) {
	return s.advance(text, -1)
}

// AdvanceHyphenated is Advance of text + "-", without building it.
func (s *Simple) AdvanceHyphenated(text string) (int32, bool) {
	return s.advance(text, localIndex('-'))
}

// advance is Advance of text followed by the character of local index
// after (none if negative).
func (s *Simple) advance(text string, after int) (int32, bool) {
	var buf [48]uint16
	lis := buf[:0]
	w := wordScan{firstStrong: -1}
	var adv int32
	for off, r := range text {
		li := s.char(&w, off, r)
		if li < 0 {
			return 0, false
		}
		adv += s.glyphs[li].adv
		lis = append(lis, uint16(li))
	}
	if after >= 0 {
		g := &s.glyphs[after]
		if g.flags&sgOK == 0 {
			return 0, false
		}
		adv += g.adv
		lis = append(lis, uint16(after))
	}
	kt := s.table(&w)
	if len(lis) == 0 || kt == nil {
		return 0, false
	}
	for i := 1; i < len(lis); i++ {
		if kt.rowOf[lis[i-1]] >= 0 {
			adv += kt.pairKern(s.glyphs, int(lis[i-1]), int(lis[i]))
		}
	}
	return adv, true
}

// Prefixes is Advance of word[:cut], and of word[:cut] + "-", for each
// cut (byte offsets of characters, ascending; one may be len(word)),
// in one pass over the word; false if a prefix is not simple (then
// measure each alone).
func (s *Simple) Prefixes(word string, cuts []int, adv, hyphenated []int32) bool {
	hy := localIndex('-')
	if s.glyphs[hy].flags&sgOK == 0 {
		return false
	}
	w := wordScan{firstStrong: -1}
	for off, r := range word {
		if s.char(&w, off, r) < 0 {
			return false
		}
	}
	kt := s.table(&w)
	if word == "" || kt == nil {
		return false
	}
	if w.firstStrong >= 0 && len(cuts) > 0 && cuts[0] <= w.firstStrong && s.byScript[0] != kt {
		return false // a prefix of no script is shaped with another table
	}
	var acc int32
	prev := -1
	k := 0
	at := func(off int) bool {
		for ; k < len(cuts) && cuts[k] <= off; k++ {
			if cuts[k] != off || off == 0 {
				return false // not at a character, or an empty prefix
			}
			adv[k] = acc
			h := acc + s.glyphs[hy].adv
			if prev >= 0 && kt.rowOf[prev] >= 0 {
				h += kt.pairKern(s.glyphs, prev, hy)
			}
			hyphenated[k] = h
		}
		return true
	}
	for off, r := range word {
		if !at(off) {
			return false
		}
		li := localIndex(r)
		acc += s.glyphs[li].adv
		if prev >= 0 && kt.rowOf[prev] >= 0 {
			acc += kt.pairKern(s.glyphs, prev, li)
		}
		prev = li
	}
	return at(len(word)) && k == len(cuts)
}

// Append appends text's glyphs, shaped as one word, to dst (clusters are
// byte offsets in text plus base) and returns them with the word's
// advance; false, with dst as it was, if the text is not simple.
func (s *Simple) Append(dst []Glyph, text string, base int) ([]Glyph, int32, bool) {
	n := len(dst)
	w := wordScan{firstStrong: -1}
	var adv int32
	for off, r := range text {
		li := s.char(&w, off, r)
		if li < 0 {
			return dst[:n], 0, false
		}
		g := &s.glyphs[li]
		adv += g.adv
		// XOffset holds the local index until the kerning is known.
		dst = append(dst, Glyph{ID: g.gid, Cluster: base + off, XAdvance: g.adv, XOffset: int32(li)})
	}
	kt := s.table(&w)
	if len(dst) == n || kt == nil {
		return dst[:n], 0, false
	}
	gs := dst[n:]
	for i := range gs {
		if i > 0 {
			if a := int(gs[i-1].XOffset); kt.rowOf[a] >= 0 {
				k := kt.pairKern(s.glyphs, a, int(gs[i].XOffset))
				gs[i-1].XAdvance += k
				adv += k
			}
			gs[i-1].XOffset = 0
		}
	}
	gs[len(gs)-1].XOffset = 0
	return dst, adv, true
}

// script is the script Itemize gives a simple text: its letters', or
// Common.
func (s *Simple) script(text string) language.Script {
	for _, r := range text {
		switch s.glyphs[localIndex(r)].flags & sgScripts {
		case sgLatin:
			return language.Latin
		case sgGreek:
			return language.Greek
		case sgCyrillic:
			return language.Cyrillic
		}
	}
	return language.Common
}
