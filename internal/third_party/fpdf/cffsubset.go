package fpdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Subsetting an OpenType font with CFF outlines (the "CFF " table, CFF
// version 1) for embedding: the glyphs a document does not show get an
// empty charstring (endchar), the others keep theirs, and every glyph
// keeps its ID, so that the CIDs the content streams show (glyph IDs),
// the /W array and the ToUnicode CMap stay as they are. The subroutines
// no kept glyph calls are emptied (t2Walk); the encoding and the
// dictionaries are kept; the table is laid out again with its offsets
// written as 5-byte integers. It is embedded bare, made
// CID-keyed if it is not (cffCIDSubset), or in its OpenType file without
// the layout tables a PDF reader has no use for (cffOTFSubset). What
// cannot be read as expected is an error: the caller then embeds the
// font whole.

// cffOTFSubset returns the OpenType file otf with its CFF table reduced
// to the glyphs for which keep is true (glyph 0, .notdef, always kept).
func cffOTFSubset(otf []byte, keep func(gid int) bool) ([]byte, error) {
	tables, err := sfntTables(otf)
	if err != nil {
		return nil, err
	}
	if tables["CFF "] == nil {
		return nil, errors.New("no CFF table")
	}
	sub, err := cffSubset(tables["CFF "], keep, false)
	if err != nil {
		return nil, err
	}
	return otfWithCFF(otf, sub)
}

// otfWithCFF returns the OpenType file otf with cff as its CFF table,
// without the layout tables.
func otfWithCFF(otf, cff []byte) ([]byte, error) {
	if len(otf) < 12 || string(otf[:4]) != "OTTO" {
		return nil, errors.New("not an OpenType font with CFF outlines")
	}
	be := binary.BigEndian
	n := int(be.Uint16(otf[4:]))
	if len(otf) < 12+16*n {
		return nil, errors.New("font table directory truncated")
	}
	type tbl struct {
		tag  string
		data []byte
	}
	var tables []tbl
	found := false
	for i := range n {
		rec := otf[12+16*i:]
		tag := string(rec[:4])
		off, size := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || size < 0 || off+size > len(otf) || off+size < off {
			return nil, fmt.Errorf("font table %q lies outside the file", tag)
		}
		switch tag {
		case "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "DSIG":
			continue
		case "CFF ":
			found = true
			continue
		}
		tables = append(tables, tbl{tag, otf[off : off+size]})
	}
	if !found {
		return nil, errors.New("no CFF table")
	}
	tables = append(tables, tbl{"CFF ", cff})
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })

	// The file again: the table directory (its search fields for the new
	// count), then each table at a 4-byte boundary, with its checksum;
	// head's checkSumAdjustment last.
	nt := len(tables)
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	out := make([]byte, 12+16*nt)
	copy(out, otf[:4])
	be.PutUint16(out[4:], uint16(nt))
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*nt-16<<es))
	headAt := -1
	for i, t := range tables {
		off := len(out)
		data := t.data
		if t.tag == "head" {
			if len(data) < 12 {
				return nil, errors.New("head table too short")
			}
			data = append([]byte(nil), data...)
			be.PutUint32(data[8:], 0)
			headAt = off
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], sfntChecksum(out[off:off+len(data)]))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(data)))
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-sfntChecksum(out))
	}
	return out, nil
}

// cffCIDSubset returns the CFF table of the OpenType file otf, reduced
// to the glyphs for which keep is true, as a CID-keyed font whose CID i
// is glyph i: what a PDF embeds bare as FontFile3 /CIDFontType0C (PDF
// 1.3, so PDF/A-1 too). A name-keyed font is made CID-keyed: registry
// "Adobe", ordering "Identity", its Private DICT that of its one Font
// DICT. A font with a FontMatrix of its own is an error (the caller
// then embeds the OpenType file): where a CID-keyed font's readers take
// it from differs.
func cffCIDSubset(otf []byte, keep func(gid int) bool) ([]byte, error) {
	tables, err := sfntTables(otf)
	if err != nil {
		return nil, err
	}
	cff := tables["CFF "]
	if cff == nil {
		return nil, errors.New("no CFF table")
	}
	return cffSubset(cff, keep, true)
}

// sfntChecksum is the OpenType table checksum: the sum of its big-endian
// 32-bit words, the last padded with zeros.
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// cffIndex is a CFF INDEX: its items, and the bytes it takes.
type cffIndex struct {
	items [][]byte
	size  int
}

func readCFFIndex(b []byte, off int) (cffIndex, error) {
	if off < 0 || off+2 > len(b) {
		return cffIndex{}, errors.New("CFF INDEX outside the table")
	}
	count := int(binary.BigEndian.Uint16(b[off:]))
	if count == 0 {
		return cffIndex{size: 2}, nil
	}
	if off+3 > len(b) {
		return cffIndex{}, errors.New("CFF INDEX truncated")
	}
	offSize := int(b[off+2])
	if offSize < 1 || offSize > 4 {
		return cffIndex{}, fmt.Errorf("CFF INDEX offset size %d", offSize)
	}
	offs := off + 3
	dataStart := offs + (count+1)*offSize - 1 // offsets count from 1
	if offs+(count+1)*offSize > len(b) {
		return cffIndex{}, errors.New("CFF INDEX offsets truncated")
	}
	read := func(i int) int {
		v := 0
		for k := range offSize {
			v = v<<8 | int(b[offs+i*offSize+k])
		}
		return v
	}
	items := make([][]byte, count)
	prev := read(0)
	if prev != 1 {
		return cffIndex{}, errors.New("CFF INDEX does not start at offset 1")
	}
	for i := range count {
		next := read(i + 1)
		if next < prev || dataStart+next > len(b) {
			return cffIndex{}, errors.New("CFF INDEX item outside the table")
		}
		items[i] = b[dataStart+prev : dataStart+next]
		prev = next
	}
	return cffIndex{items: items, size: dataStart + prev - off}, nil
}

func appendCFFIndex(out []byte, items [][]byte) []byte {
	out = binary.BigEndian.AppendUint16(out, uint16(len(items)))
	if len(items) == 0 {
		return out
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	offSize := 1
	for total >= 1<<(8*offSize) {
		offSize++
	}
	out = append(out, byte(offSize))
	put := func(v int) {
		for k := offSize - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*k)))
		}
	}
	at := 1
	put(at)
	for _, it := range items {
		at += len(it)
		put(at)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func cffIndexSize(items [][]byte) int {
	return len(appendCFFIndex(nil, items)) // small: dictionaries and names
}

// cffDictEntry is one operator of a CFF DICT with its operands, as
// written (raw) and as integers (ints; a real number counts as 0).
type cffDictEntry struct {
	op   int // 0–21, or 1200 + the second byte of an escaped operator
	raw  []byte
	ints []int
}

const (
	cffCharset     = 15
	cffEncoding    = 16
	cffCharStrings = 17
	cffPrivateOp   = 18
	cffSubrs       = 19
	cffFDArray     = 1236
	cffFDSelect    = 1237
)

func parseCFFDict(b []byte) ([]cffDictEntry, error) {
	var out []cffDictEntry
	start := 0
	var ints []int
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= 21:
			op := int(c)
			n := 1
			if c == 12 {
				if i+1 >= len(b) {
					return nil, errors.New("CFF DICT: escaped operator truncated")
				}
				op, n = 1200+int(b[i+1]), 2
			}
			out = append(out, cffDictEntry{op: op, raw: b[start:i], ints: ints})
			i += n
			start, ints = i, nil
		case c == 28:
			if i+3 > len(b) {
				return nil, errors.New("CFF DICT: operand truncated")
			}
			ints = append(ints, int(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29:
			if i+5 > len(b) {
				return nil, errors.New("CFF DICT: operand truncated")
			}
			ints = append(ints, int(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c == 30:
			i++
			for i < len(b) && b[i]&0x0f != 0x0f && b[i]&0xf0 != 0xf0 {
				i++
			}
			if i >= len(b) {
				return nil, errors.New("CFF DICT: real operand truncated")
			}
			i++
			ints = append(ints, 0)
		case c >= 32 && c <= 246:
			ints = append(ints, int(c)-139)
			i++
		case c >= 247 && c <= 250:
			if i+2 > len(b) {
				return nil, errors.New("CFF DICT: operand truncated")
			}
			ints = append(ints, (int(c)-247)*256+int(b[i+1])+108)
			i += 2
		case c >= 251 && c <= 254:
			if i+2 > len(b) {
				return nil, errors.New("CFF DICT: operand truncated")
			}
			ints = append(ints, -(int(c)-251)*256-int(b[i+1])-108)
			i += 2
		default:
			return nil, fmt.Errorf("CFF DICT: byte %d", c)
		}
	}
	if start != len(b) {
		return nil, errors.New("CFF DICT: operands without an operator")
	}
	return out, nil
}

// appendCFFDict writes entries, the operands of those in fixed as
// 5-byte integers of their new values (so that a DICT's size does not
// depend on the offsets it holds).
func appendCFFDict(out []byte, entries []cffDictEntry, fixed map[int][]int) []byte {
	for _, e := range entries {
		if v, ok := fixed[e.op]; ok {
			for _, x := range v {
				out = append(out, 29)
				out = binary.BigEndian.AppendUint32(out, uint32(int32(x)))
			}
		} else {
			out = append(out, e.raw...)
		}
		if e.op >= 1200 {
			out = append(out, 12, byte(e.op-1200))
		} else {
			out = append(out, byte(e.op))
		}
	}
	return out
}

func cffDictGet(entries []cffDictEntry, op int) ([]int, bool) {
	for _, e := range entries {
		if e.op == op {
			return e.ints, true
		}
	}
	return nil, false
}

// cffPriv is a Private DICT with its local subroutines (raw INDEX).
type cffPriv struct {
	dict  []cffDictEntry
	subrs []byte
}

func readCFFPrivate(b []byte, size, off int) (cffPriv, error) {
	if size < 0 || off < 0 || off+size > len(b) {
		return cffPriv{}, errors.New("CFF Private DICT outside the table")
	}
	d, err := parseCFFDict(b[off : off+size])
	if err != nil {
		return cffPriv{}, err
	}
	p := cffPriv{dict: d}
	if v, ok := cffDictGet(d, cffSubrs); ok && len(v) == 1 {
		idx, err := readCFFIndex(b, off+v[0])
		if err != nil {
			return cffPriv{}, err
		}
		p.subrs = b[off+v[0] : off+v[0]+idx.size]
	}
	return p, nil
}

// size is the Private DICT's size as appendPrivate writes it.
func (p cffPriv) dictSize() int {
	return len(appendCFFDict(nil, p.dict, map[int][]int{cffSubrs: {0}}))
}

// appendPrivate writes the Private DICT, its subroutines right after it.
func (p cffPriv) appendTo(out []byte) []byte {
	out = appendCFFDict(out, p.dict, map[int][]int{cffSubrs: {p.dictSize()}})
	return append(out, p.subrs...)
}

func (p cffPriv) size() int { return p.dictSize() + len(p.subrs) }

// cffSubset is the CFF table b with the charstrings of the glyphs keep
// leaves out replaced by endchar; with toCID, a name-keyed font is made
// CID-keyed (cffCIDSubset).
func cffSubset(b []byte, keep func(gid int) bool, toCID bool) ([]byte, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, errors.New("not a CFF version 1 table")
	}
	hdrSize := int(b[2])
	names, err := readCFFIndex(b, hdrSize)
	if err != nil {
		return nil, err
	}
	tops, err := readCFFIndex(b, hdrSize+names.size)
	if err != nil {
		return nil, err
	}
	if len(names.items) != 1 || len(tops.items) != 1 {
		return nil, errors.New("a CFF table with more than one font")
	}
	strOff := hdrSize + names.size + tops.size
	strs, err := readCFFIndex(b, strOff)
	if err != nil {
		return nil, err
	}
	gsubrs, err := readCFFIndex(b, strOff+strs.size)
	if err != nil {
		return nil, err
	}
	fixedEnd := strOff + strs.size + gsubrs.size
	top, err := parseCFFDict(tops.items[0])
	if err != nil {
		return nil, err
	}
	if _, ok := cffDictGet(top, 1220); ok { // SyntheticBase
		return nil, errors.New("a synthetic CFF font")
	}
	v, ok := cffDictGet(top, cffCharStrings)
	if !ok || len(v) != 1 {
		return nil, errors.New("CFF without CharStrings")
	}
	cs, err := readCFFIndex(b, v[0])
	if err != nil {
		return nil, err
	}
	nGlyphs := len(cs.items)
	if nGlyphs < 1 || nGlyphs > 65535 {
		return nil, fmt.Errorf("CFF with %d glyphs", nGlyphs)
	}
	if ct, ok := cffDictGet(top, 1206); ok && len(ct) == 1 && ct[0] != 2 {
		return nil, fmt.Errorf("CFF charstring type %d", ct[0])
	}

	// The parts after the fixed ones, as they will be written.
	var charset, encoding, fdSelect []byte
	if v, ok := cffDictGet(top, cffCharset); ok && len(v) == 1 && v[0] > 2 {
		if charset, err = cffCharsetBytes(b, v[0], nGlyphs); err != nil {
			return nil, err
		}
	}
	if _, ok := cffDictGet(top, cffFDArray); ok {
		if _, ok := cffDictGet(top, cffCharset); !ok {
			// A CID-keyed font's charset is rewritten (below): it
			// needs the operator to say where.
			return nil, errors.New("CID-keyed CFF without a charset")
		}
	}
	if v, ok := cffDictGet(top, cffEncoding); ok && len(v) == 1 && v[0] > 1 {
		if encoding, err = cffEncodingBytes(b, v[0]); err != nil {
			return nil, err
		}
	}
	var private *cffPriv
	var fonts [][]cffDictEntry // CID-keyed: the Font DICTs of FDArray
	var privates []cffPriv     // and their Private DICTs
	if v, ok := cffDictGet(top, cffFDArray); ok && len(v) == 1 {
		fdArr, err := readCFFIndex(b, v[0])
		if err != nil {
			return nil, err
		}
		for _, it := range fdArr.items {
			d, err := parseCFFDict(it)
			if err != nil {
				return nil, err
			}
			pv, ok := cffDictGet(d, cffPrivateOp)
			if !ok || len(pv) != 2 {
				return nil, errors.New("CFF Font DICT without Private")
			}
			p, err := readCFFPrivate(b, pv[0], pv[1])
			if err != nil {
				return nil, err
			}
			fonts = append(fonts, d)
			privates = append(privates, p)
		}
		sv, ok := cffDictGet(top, cffFDSelect)
		if !ok || len(sv) != 1 {
			return nil, errors.New("CID-keyed CFF without FDSelect")
		}
		// The document's CIDs are glyph IDs; a reader finds a CID's
		// glyph through the charset, which maps each glyph to the
		// font's own CID: it is made the identity, glyph i CID i.
		charset = identityCharset(nGlyphs)
		if fdSelect, err = cffFDSelectBytes(b, sv[0], nGlyphs); err != nil {
			return nil, err
		}
	} else if pv, ok := cffDictGet(top, cffPrivateOp); ok {
		if len(pv) != 2 {
			return nil, errors.New("CFF Private operands")
		}
		p, err := readCFFPrivate(b, pv[0], pv[1])
		if err != nil {
			return nil, err
		}
		private = &p
	}

	// Made CID-keyed, a font's registry and ordering are Adobe's
	// Identity (its CIDs are glyph IDs, the identity charset), as the
	// PDF's CIDSystemInfo says: two strings after the font's own.
	strItems, sid := strs.items, 391+len(strs.items)
	if toCID {
		strItems = append(append([][]byte(nil), strItems...), []byte("Adobe"), []byte("Identity"))
	}
	if toCID && fonts != nil {
		for i := range top {
			if top[i].op == 1230 {
				top[i] = cffDictEntry{op: 1230, raw: cffInts(sid, sid+1, 0)}
			}
		}
	}
	if toCID && fonts == nil {
		if private == nil {
			return nil, errors.New("CFF without a Private DICT")
		}
		if _, ok := cffDictGet(top, 1207); ok {
			return nil, errors.New("a CFF font with a FontMatrix of its own")
		}
		// ROS first, as a CIDFont's Top DICT must have it; then
		// CIDCount, what the font had but its encoding, charset and
		// Private, and where the charset, FDArray and FDSelect are.
		cid := []cffDictEntry{
			{op: 1230, raw: cffInts(sid, sid+1, 0)},
			{op: 1234, raw: cffInts(nGlyphs)},
		}
		for _, e := range top {
			switch e.op {
			case cffEncoding, cffPrivateOp, cffCharset:
			default:
				cid = append(cid, e)
			}
		}
		cid = append(cid, cffDictEntry{op: cffCharset, ints: []int{0}},
			cffDictEntry{op: cffFDArray, ints: []int{0}}, cffDictEntry{op: cffFDSelect, ints: []int{0}})
		top = cid
		fonts = [][]cffDictEntry{{{op: cffPrivateOp, ints: []int{0, 0}}}}
		privates = []cffPriv{*private}
		private, encoding = nil, nil
		charset = identityCharset(nGlyphs)
		// One range, every glyph in Font DICT 0, then the sentinel.
		fdSelect = []byte{3, 0, 1, 0, 0, 0, byte(nGlyphs >> 8), byte(nGlyphs)}
	}
	strIndex := appendCFFIndex(nil, strItems)

	// The subroutines the kept glyphs call; the others are emptied.
	gsubrIndex := b[strOff+strs.size : fixedEnd]
	privs := privates
	if private != nil {
		privs = []cffPriv{*private}
	}
	gUsed, lsubrs, lUsed, seac, err := cffSubrsUsed(cs.items, keep, gsubrs.items, privs, fdSelect)
	if seac {
		// A glyph drawn from two others by their standard codes:
		// emptying glyphs could empty those.
		return nil, errors.New("a CFF font with seac accented glyphs")
	}
	if err == nil {
		gsubrIndex = appendCFFIndex(nil, prunedSubrs(gsubrs.items, gUsed))
		for i := range privs {
			if lUsed[i] != nil {
				privs[i].subrs = appendCFFIndex(nil, prunedSubrs(lsubrs[i], lUsed[i]))
			}
		}
		if private != nil {
			private = &privs[0]
		}
	}

	glyphs := make([][]byte, nGlyphs)
	endchar := []byte{14}
	for gid := range nGlyphs {
		if gid == 0 || keep(gid) {
			glyphs[gid] = cs.items[gid]
		} else {
			glyphs[gid] = endchar
		}
	}
	csIndex := appendCFFIndex(nil, glyphs)

	// Offsets, in the order the parts are written.
	fixed := map[int][]int{}
	for _, e := range top {
		switch e.op {
		case cffCharset, cffEncoding, cffCharStrings, cffFDArray, cffFDSelect:
			fixed[e.op] = make([]int, len(e.ints))
			copy(fixed[e.op], e.ints)
		case cffPrivateOp:
			fixed[e.op] = []int{0, 0}
		}
	}
	topSize := cffIndexSize([][]byte{appendCFFDict(nil, top, fixed)})
	at := hdrSize + names.size + topSize + len(strIndex) + len(gsubrIndex)
	if charset != nil {
		fixed[cffCharset] = []int{at}
		at += len(charset)
	}
	if encoding != nil {
		fixed[cffEncoding] = []int{at}
		at += len(encoding)
	}
	fixed[cffCharStrings] = []int{at}
	at += len(csIndex)
	var fdArray []byte
	if fonts != nil {
		fixed[cffFDSelect] = []int{at}
		at += len(fdSelect)
		// The Font DICTs' sizes do not depend on their offsets.
		items := make([][]byte, len(fonts))
		for i, d := range fonts {
			items[i] = appendCFFDict(nil, d, map[int][]int{cffPrivateOp: {0, 0}})
		}
		pAt := at + cffIndexSize(items)
		for i, d := range fonts {
			items[i] = appendCFFDict(nil, d, map[int][]int{cffPrivateOp: {privates[i].dictSize(), pAt}})
			pAt += privates[i].size()
		}
		fdArray = appendCFFIndex(nil, items)
		fixed[cffFDArray] = []int{at}
		at += len(fdArray)
	}
	if private != nil {
		fixed[cffPrivateOp] = []int{private.dictSize(), at}
	}

	out := make([]byte, 0, at+len(b)/4)
	out = append(out, b[:hdrSize]...)
	out = append(out, b[hdrSize:hdrSize+names.size]...)
	out = appendCFFIndex(out, [][]byte{appendCFFDict(nil, top, fixed)})
	out = append(out, strIndex...)
	out = append(out, gsubrIndex...)
	out = append(out, charset...)
	out = append(out, encoding...)
	out = append(out, csIndex...)
	if fonts != nil {
		out = append(out, fdSelect...)
		out = append(out, fdArray...)
		for _, p := range privates {
			out = p.appendTo(out)
		}
	}
	if private != nil {
		out = private.appendTo(out)
	}
	return out, nil
}

// cffInts is DICT operands: each a 5-byte integer.
func cffInts(v ...int) []byte {
	var out []byte
	for _, x := range v {
		out = append(out, 29)
		out = binary.BigEndian.AppendUint32(out, uint32(int32(x)))
	}
	return out
}

func cffCharsetBytes(b []byte, off, nGlyphs int) ([]byte, error) {
	if off < 0 || off >= len(b) {
		return nil, errors.New("CFF charset outside the table")
	}
	end := off + 1
	switch b[off] {
	case 0:
		end += 2 * (nGlyphs - 1)
	case 1, 2:
		n := 3
		if b[off] == 2 {
			n = 4
		}
		for covered := 1; covered < nGlyphs; {
			if end+n > len(b) {
				return nil, errors.New("CFF charset truncated")
			}
			left := int(b[end+2])
			if n == 4 {
				left = int(binary.BigEndian.Uint16(b[end+2:]))
			}
			covered += left + 1
			end += n
		}
	default:
		return nil, fmt.Errorf("CFF charset format %d", b[off])
	}
	if end > len(b) {
		return nil, errors.New("CFF charset truncated")
	}
	return b[off:end], nil
}

func cffEncodingBytes(b []byte, off int) ([]byte, error) {
	if off < 0 || off+2 > len(b) {
		return nil, errors.New("CFF encoding outside the table")
	}
	end := off + 2
	switch b[off] & 0x7f {
	case 0:
		end += int(b[off+1])
	case 1:
		end += 2 * int(b[off+1])
	default:
		return nil, fmt.Errorf("CFF encoding format %d", b[off]&0x7f)
	}
	if b[off]&0x80 != 0 {
		if end >= len(b) {
			return nil, errors.New("CFF encoding truncated")
		}
		end += 1 + 3*int(b[end])
	}
	if end > len(b) {
		return nil, errors.New("CFF encoding truncated")
	}
	return b[off:end], nil
}

func cffFDSelectBytes(b []byte, off, nGlyphs int) ([]byte, error) {
	if off < 0 || off >= len(b) {
		return nil, errors.New("CFF FDSelect outside the table")
	}
	end := off + 1
	switch b[off] {
	case 0:
		end += nGlyphs
	case 3:
		if off+3 > len(b) {
			return nil, errors.New("CFF FDSelect truncated")
		}
		end += 2 + 3*int(binary.BigEndian.Uint16(b[off+1:])) + 2
	default:
		return nil, fmt.Errorf("CFF FDSelect format %d", b[off])
	}
	if end > len(b) {
		return nil, errors.New("CFF FDSelect truncated")
	}
	return b[off:end], nil
}

// t2Walk follows the Type 2 charstrings of the glyphs a subset keeps
// through the subroutines they call: it records the subroutines used
// (so the others can be emptied) and finds a deprecated "seac" endchar,
// which draws two other glyphs named by their standard codes (they
// could be glyphs the subset empties). It stops with an error on
// anything it does not follow; the caller then keeps every subroutine.
type t2Walk struct {
	gsubrs, lsubrs [][]byte
	gUsed, lUsed   []bool
	nStems         int
	stack          []int
	seac           bool
}

func cffBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

var errT2 = errors.New("a charstring the subsetter does not follow")

// run interprets cs; ended reports an endchar.
func (w *t2Walk) run(cs []byte, depth int) (ended bool, err error) {
	if depth > 10 {
		return false, errT2
	}
	push := func(v int) error {
		if len(w.stack) >= 48 {
			return errT2
		}
		w.stack = append(w.stack, v)
		return nil
	}
	for i := 0; i < len(cs); {
		b0 := cs[i]
		switch {
		case b0 == 28:
			if i+3 > len(cs) {
				return false, errT2
			}
			if err := push(int(int16(binary.BigEndian.Uint16(cs[i+1:])))); err != nil {
				return false, err
			}
			i += 3
		case b0 >= 32 && b0 <= 246:
			if err := push(int(b0) - 139); err != nil {
				return false, err
			}
			i++
		case b0 >= 247 && b0 <= 254:
			if i+2 > len(cs) {
				return false, errT2
			}
			v := (int(b0)-247)*256 + int(cs[i+1]) + 108
			if b0 >= 251 {
				v = -(int(b0)-251)*256 - int(cs[i+1]) - 108
			}
			if err := push(v); err != nil {
				return false, err
			}
			i += 2
		case b0 == 255:
			if i+5 > len(cs) {
				return false, errT2
			}
			if err := push(int(int32(binary.BigEndian.Uint32(cs[i+1:])) >> 16)); err != nil {
				return false, err
			}
			i += 5
		case b0 == 1 || b0 == 3 || b0 == 18 || b0 == 23: // hstem, vstem, hstemhm, vstemhm
			w.nStems += len(w.stack) / 2
			w.stack = w.stack[:0]
			i++
		case b0 == 19 || b0 == 20: // hintmask, cntrmask: an implicit vstem first
			w.nStems += len(w.stack) / 2
			w.stack = w.stack[:0]
			i += 1 + (w.nStems+7)/8
		case b0 == 10 || b0 == 29: // callsubr, callgsubr
			if len(w.stack) == 0 {
				return false, errT2
			}
			subrs, used := w.lsubrs, w.lUsed
			if b0 == 29 {
				subrs, used = w.gsubrs, w.gUsed
			}
			k := w.stack[len(w.stack)-1] + cffBias(len(subrs))
			w.stack = w.stack[:len(w.stack)-1]
			if k < 0 || k >= len(subrs) {
				return false, errT2
			}
			used[k] = true
			ended, err := w.run(subrs[k], depth+1)
			if err != nil || ended {
				return ended, err
			}
			i++
		case b0 == 11: // return
			return false, nil
		case b0 == 14: // endchar; with four arguments (and a width), seac
			if len(w.stack) >= 4 {
				w.seac = true
			}
			return true, nil
		case b0 == 12:
			if i+1 >= len(cs) {
				return false, errT2
			}
			switch cs[i+1] {
			case 34, 35, 36, 37: // hflex, flex, hflex1, flex1
				w.stack = w.stack[:0]
			default: // arithmetic, storage, conditionals: not followed
				return false, errT2
			}
			i += 2
		case b0 == 0 || b0 == 2 || b0 == 9 || b0 == 13 || b0 == 15 || b0 == 16 || b0 == 17:
			return false, errT2 // reserved
		default: // path operators
			w.stack = w.stack[:0]
			i++
		}
	}
	return false, nil
}

// cffSubrsUsed walks the charstrings of the glyphs kept (glyph 0 too):
// the global subroutines and each Private DICT's local ones they call
// (nil for a Private DICT without any), with each Private DICT's local
// subroutines, and whether one is a seac. An error means the walk could
// not follow a charstring.
func cffSubrsUsed(glyphs [][]byte, keep func(int) bool, gsubrs [][]byte, privs []cffPriv, fdSelect []byte) (gUsed []bool, lsubrs [][][]byte, lUsed [][]bool, seac bool, err error) {
	gUsed = make([]bool, len(gsubrs))
	lUsed = make([][]bool, len(privs))
	lsubrs = make([][][]byte, len(privs))
	for i, p := range privs {
		if len(p.subrs) == 0 {
			continue
		}
		idx, err := readCFFIndex(p.subrs, 0)
		if err != nil {
			return nil, nil, nil, false, err
		}
		lsubrs[i], lUsed[i] = idx.items, make([]bool, len(idx.items))
	}
	fdOf, err := cffFDs(fdSelect, len(glyphs))
	if err != nil {
		return nil, nil, nil, false, err
	}
	w := t2Walk{gsubrs: gsubrs, gUsed: gUsed}
	for gid, cs := range glyphs {
		if gid != 0 && !keep(gid) {
			continue
		}
		fd := 0
		if fdOf != nil {
			fd = fdOf(gid)
		}
		if fd < 0 || fd >= len(privs) {
			return nil, nil, nil, false, errT2
		}
		w.lsubrs, w.lUsed = lsubrs[fd], lUsed[fd]
		w.nStems, w.stack = 0, w.stack[:0]
		if _, err := w.run(cs, 0); err != nil {
			return nil, nil, nil, w.seac, err
		}
	}
	return gUsed, lsubrs, lUsed, w.seac, nil
}

// cffFDs reads an FDSelect (format 0 or 3): the Font DICT of each glyph;
// nil for none (a name-keyed font: one Private DICT).
func cffFDs(sel []byte, nGlyphs int) (func(gid int) int, error) {
	if len(sel) == 0 {
		return nil, nil
	}
	switch sel[0] {
	case 0:
		if len(sel) < 1+nGlyphs {
			return nil, errT2
		}
		return func(gid int) int { return int(sel[1+gid]) }, nil
	case 3:
		if len(sel) < 3 {
			return nil, errT2
		}
		n := int(binary.BigEndian.Uint16(sel[1:]))
		if len(sel) < 3+3*n+2 {
			return nil, errT2
		}
		return func(gid int) int {
			fd := -1
			for r := range n {
				first := int(binary.BigEndian.Uint16(sel[3+3*r:]))
				if first > gid {
					break
				}
				fd = int(sel[3+3*r+2])
			}
			return fd
		}, nil
	}
	return nil, errT2
}

// prunedSubrs is subrs with those not used replaced by a bare return:
// every subroutine keeps its number.
func prunedSubrs(subrs [][]byte, used []bool) [][]byte {
	out := make([][]byte, len(subrs))
	for i, sr := range subrs {
		if used[i] {
			out[i] = sr
		} else {
			out[i] = []byte{11}
		}
	}
	return out
}

// identityCharset is the charset of a CID-keyed font of n glyphs whose
// glyph i is CID i.
func identityCharset(n int) []byte {
	if n < 2 {
		return []byte{0}
	}
	return []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
}
