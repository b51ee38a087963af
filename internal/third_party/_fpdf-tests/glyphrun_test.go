package fpdf

// Tests of the glyph runs patch (06-glyph-runs): glyph fonts, GlyphRun's TJ,
// the ToUnicode CMap, /ActualText, subsetting by glyph ID and UTF-16
// beyond U+FFFF.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// DejaVu Serif glyphs (hb-shape's numbers).
const (
	dvFF     = 3314 // the ff ligature, reached only through GSUB
	dvFL     = 3316 // the fl ligature
	dvEacute = 171  // a composite glyph
	dvT      = 55
	dvO      = 82
	dvSpace  = 3
)

func glyphDoc(t *testing.T, ttf []byte, draw func(pdf *Fpdf)) []byte {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetGlyphFonts(true)
	pdf.AddUTF8FontFromBytes("f", "", ttf)
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	draw(pdf)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamOf returns the (inflated) stream of the object that the first
// "/key N 0 R" of doc refers to.
func streamOf(t *testing.T, doc []byte, key string) []byte {
	t.Helper()
	ref := regexp.MustCompile(`/` + key + ` (\d+) 0 R`).FindSubmatch(doc)
	if ref == nil {
		t.Fatalf("no /%s", key)
	}
	i := bytes.Index(doc, []byte("\n"+string(ref[1])+" 0 obj\n"))
	if i < 0 {
		t.Fatalf("no object %s", ref[1])
	}
	obj := doc[i:]
	start := bytes.Index(obj, []byte("stream\n"))
	dict := obj[:start]
	data := obj[start+len("stream\n"):]
	data = data[:bytes.Index(data, []byte("\nendstream"))]
	if bytes.Contains(dict, []byte("/FlateDecode")) {
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// hmtx is glyph g's advance in the font, in font units.
func hmtx(t *testing.T, font []byte, g int) int {
	tb := sfnt(t, font)
	n := int(binary.BigEndian.Uint16(tb["hhea"][34:]))
	return int(binary.BigEndian.Uint16(tb["hmtx"][4*min(g, n-1):]))
}

func TestGlyphRunKerningAndLigatures(t *testing.T) {
	em := func(units int) float64 { return float64(units) * 1000 / 2048 }
	wT, wO, wSp, wFF := hmtx(t, dejavuserif.TTF, dvT), hmtx(t, dejavuserif.TTF, dvO), hmtx(t, dejavuserif.TTF, dvSpace), hmtx(t, dejavuserif.TTF, dvFF)
	// "To" kerned by 80 font units; the rest at their own advances.
	doc := glyphDoc(t, dejavuserif.TTF, func(pdf *Fpdf) {
		pdf.GlyphRun(72, 100, []Glyph{
			{ID: dvT, Text: "T", Advance: em(wT - 80)},
			{ID: dvO, Text: "o", Advance: em(wO)},
			{ID: dvSpace, Text: " ", Advance: em(wSp)},
			{ID: dvFF, Text: "ff", Advance: em(wFF)},
		}, "")
	})
	// 80/2048 em = 39.06 thousandths move "o" left; nothing else moves.
	want := "BT 72.00 741.89 Td [(\x00\x37)39.06 (\x00\x52\x00\x03\x0c\xf2)] TJ ET"
	if !bytes.Contains(doc, []byte(want)) {
		t.Errorf("page does not show %q", want)
	}
	w := regexp.MustCompile(`/W \[([^\n]*)\]`).FindSubmatch(doc)
	wantW := ""
	for _, g := range []int{dvSpace, dvT, dvO, dvFF} {
		wantW += strconv.Itoa(g) + " [" + strconv.FormatFloat(float64(int(em(hmtx(t, dejavuserif.TTF, g))*1000+0.5))/1000, 'f', -1, 64) + "] "
	}
	if w == nil || string(w[1]) != wantW {
		t.Errorf("/W = %q, want %q", w, wantW)
	}
	cmap := string(streamOf(t, doc, "ToUnicode"))
	for _, m := range []string{"<0003> <0020>", "<0037> <0054>", "<0052> <006F>", "<0CF2> <00660066>"} {
		if !strings.Contains(cmap, m) {
			t.Errorf("ToUnicode lacks %s:\n%s", m, cmap)
		}
	}
	if strings.Contains(doc2s(doc), "ActualText") {
		t.Error("a run the ToUnicode CMap says right has an /ActualText")
	}
}

func doc2s(b []byte) string { return string(b) }

func TestGlyphRunActualText(t *testing.T) {
	doc := glyphDoc(t, dejavuserif.TTF, func(pdf *Fpdf) {
		pdf.GlyphRun(72, 100, []Glyph{{ID: dvSpace, Text: " ", Advance: 318}}, "")
		// The space glyph again, for a no-break space: the CMap says " ".
		pdf.GlyphRun(72, 120, []Glyph{{ID: dvO, Text: "o", Advance: 602}, {ID: dvSpace, Text: "\u00a0", Advance: 318}}, "")
		// A right-to-left run passes its logical text.
		pdf.GlyphRun(72, 140, []Glyph{{ID: dvFL, Text: "fl", Advance: 667}, {ID: dvO, Text: "o", Advance: 602}}, "𠮷of")
	})
	s := doc2s(doc)
	if !strings.Contains(s, "/Span <</ActualText (\xfe\xff\x00o\x00\xa0)>> BDC BT 72.00 721.89 Td") {
		t.Error("the run whose space glyph stands for U+00A0 has no /ActualText giving it")
	}
	if !strings.Contains(s, "/Span <</ActualText (\xfe\xff\xd8\x42\xdf\xb7\x00o\x00f)>> BDC BT 72.00 701.89 Td") {
		t.Error("the actual text beyond U+FFFF is not in UTF-16 surrogates")
	}
	if n := strings.Count(s, " EMC"); n != 2 {
		t.Errorf("%d EMC, want 2", n)
	}
}

// sfnt returns the tables of a font file.
func sfnt(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	tables, err := sfntTables(b)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

// glyphLen is the length of glyph g's outline in a TrueType file.
func glyphLen(t *testing.T, font []byte, g int) int {
	tb := sfnt(t, font)
	long := binary.BigEndian.Uint16(tb["head"][50:]) == 1
	off := func(i int) int {
		if long {
			return int(binary.BigEndian.Uint32(tb["loca"][4*i:]))
		}
		return 2 * int(binary.BigEndian.Uint16(tb["loca"][2*i:]))
	}
	return off(g+1) - off(g)
}

func TestGlyphSubset(t *testing.T) {
	doc := glyphDoc(t, dejavuserif.TTF, func(pdf *Fpdf) {
		pdf.GlyphRun(72, 100, []Glyph{
			{ID: dvFF, Text: "ff", Advance: 710},
			{ID: dvEacute, Text: "é", Advance: 592},
		}, "")
	})
	font := streamOf(t, doc, "FontFile2")
	sub := sfnt(t, font)
	n := int(binary.BigEndian.Uint16(sub["maxp"][4:]))
	// Glyph 0, ff, é and é's components (e and the acute).
	if n < 5 || n > 6 {
		t.Errorf("subset has %d glyphs, want glyph 0, the two shown and é's components", n)
	}
	m := streamOf(t, doc, "CIDToGIDMap")
	newID := func(g int) int { return int(binary.BigEndian.Uint16(m[2*g:])) }
	if len(m) != 2*(dvFF+1) {
		t.Fatalf("CIDToGIDMap has %d bytes, want %d (up to the highest glyph ID)", len(m), 2*(dvFF+1))
	}
	for _, g := range []int{dvFF, dvEacute} {
		ng := newID(g)
		if ng == 0 || glyphLen(t, font, ng) != glyphLen(t, dejavuserif.TTF, g) {
			t.Errorf("glyph %d: subset glyph %d has %d bytes of outline, the font %d", g, ng, glyphLen(t, font, ng), glyphLen(t, dejavuserif.TTF, g))
		}
	}
	// The composite's components are kept and renumbered.
	eac := newID(dvEacute)
	tb := sub
	long := binary.BigEndian.Uint16(tb["head"][50:]) == 1
	var off int
	if long {
		off = int(binary.BigEndian.Uint32(tb["loca"][4*eac:]))
	} else {
		off = 2 * int(binary.BigEndian.Uint16(tb["loca"][2*eac:]))
	}
	gl := tb["glyf"][off:]
	if int16(binary.BigEndian.Uint16(gl)) >= 0 {
		t.Fatal("é is not a composite glyph in the subset")
	}
	for p, flags := 10, uint16(0x20); flags&0x20 != 0; {
		flags = binary.BigEndian.Uint16(gl[p:])
		comp := int(binary.BigEndian.Uint16(gl[p+2:]))
		if comp >= n || glyphLen(t, font, comp) == 0 {
			t.Errorf("é's component %d is not in the subset", comp)
		}
		p += 4
		if flags&1 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x08 != 0:
			p += 2
		case flags&0x40 != 0:
			p += 4
		case flags&0x80 != 0:
			p += 8
		}
	}
}

func TestGlyphFontText(t *testing.T) {
	// Text in a glyph font shows the glyphs of the characters, found
	// through the font's cmap; beyond U+FFFF through format 12.
	cjk, err := os.ReadFile("../../shape/testdata/fonts/cjk-ext-b.ttf")
	if err != nil {
		t.Skip(err) // only in the module's tree
	}
	doc := glyphDoc(t, cjk, func(pdf *Fpdf) { pdf.Text(72, 100, "𠮟𠮷") })
	if !strings.Contains(doc2s(doc), "Td (\x00\x03\x00\x04) Tj") {
		t.Error("Text does not show glyphs 3 and 4 for U+20B9F U+20BB7")
	}
	cmap := string(streamOf(t, doc, "ToUnicode"))
	for _, m := range []string{"<0003> <D842DF9F>", "<0004> <D842DFB7>"} {
		if !strings.Contains(cmap, m) {
			t.Errorf("ToUnicode lacks %s:\n%s", m, cmap)
		}
	}
}

func TestGlyphRunNotGlyphFont(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", liberationserifregular.TTF)
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	pdf.GlyphRun(72, 72, []Glyph{{ID: 3, Text: " "}}, "")
	if err := pdf.Error(); err == nil || !strings.Contains(err.Error(), "not a glyph font") {
		t.Errorf("GlyphRun in a character font: %v", err)
	}
	pdf = New("P", "pt", "A4", "")
	pdf.SetGlyphFonts(true)
	pdf.AddUTF8FontFromBytes("f", "", liberationserifregular.TTF)
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	pdf.GlyphRun(72, 72, []Glyph{{ID: 65000, Text: "x"}}, "")
	if err := pdf.Error(); err == nil || !strings.Contains(err.Error(), "no glyph 65000") {
		t.Errorf("a glyph past the font's: %v", err)
	}
}

func TestUTF16BeyondBMP(t *testing.T) {
	got := utf8toutf16("a𠮷é", false)
	want := "\x00a\xd8\x42\xdf\xb7\x00\xe9"
	if got != want {
		t.Errorf("utf8toutf16 = %s, want %s", strconv.Quote(got), strconv.Quote(want))
	}
}

func TestAppendHundredths(t *testing.T) {
	for n, want := range map[int64]string{4883: "48.83", -50: "-0.5", 300: "3", 5: "0.05", -5: "-0.05", 0: "0", 12345: "123.45"} {
		if got := string(appendHundredths(nil, n)); got != want {
			t.Errorf("appendHundredths(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCFFGlyphFont checks an OpenType font with CFF outlines (a subset of
// Linux Libertine, with ligatures) as a glyph font: embedded as a subset,
// a bare CID-keyed CFF (FontFile3 /CIDFontType0C) in a CIDFontType0
// whose CIDs are glyph IDs, its ligature mapped to its letters; PDF/A-1
// takes it, with a CIDSet.
func TestCFFGlyphFont(t *testing.T) {
	otf, err := os.ReadFile("../../shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Skip(err) // only in the module's tree
	}
	doc := glyphDoc(t, otf, func(pdf *Fpdf) {
		// "office" as hb-shape sets it in this face (the shaper's oracle,
		// internal/shape/testdata/oracle): the ffi ligature is glyph 468.
		pdf.GlyphRun(72, 100, []Glyph{
			{ID: 80, Text: "o", Advance: 504}, {ID: 468, Text: "ffi", Advance: 829},
			{ID: 68, Text: "c", Advance: 428}, {ID: 70, Text: "e", Advance: 447},
		}, "")
		pdf.Text(72, 120, "ace") // by character, through the cmap
	})
	s := doc2s(doc)
	for _, want := range []string{"/Subtype /CIDFontType0\n", "/FontFile3 ", "/Subtype /CIDFontType0C", "/Ordering (Identity)"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s", want)
		}
	}
	// Embedded as a subset of the glyphs shown (cffCIDSubset, tested on
	// its own in cffsubset_test.go), its name tagged.
	shown := map[int]bool{80: true, 468: true, 68: true, 70: true, 66: true}
	sub, err := cffCIDSubset(otf, func(gid int) bool { return shown[gid] })
	if err != nil {
		t.Fatal(err)
	}
	file := streamOf(t, doc, "FontFile3")
	if !bytes.Equal(file, sub) || len(sub) >= len(otf) {
		t.Errorf("the embedded font file (%d bytes) is not the subset (%d bytes) of the font (%d bytes)", len(file), len(sub), len(otf))
	}
	if !regexp.MustCompile(`/BaseFont /[A-Z]{6}\+`).MatchString(s) {
		t.Error("the subset's name has no subset tag")
	}
	cmap := string(streamOf(t, doc, "ToUnicode"))
	for _, m := range []string{"<01D4> <006600660069>", "<0050> <006F>", "<0042> <0061>"} {
		if !strings.Contains(cmap, m) {
			t.Errorf("ToUnicode lacks %s:\n%s", m, cmap)
		}
	}
	pdf := New("P", "pt", "A4", "")
	pdf.SetGlyphFonts(true)
	pdf.SetStandard(Standard{PDFA: "1B"})
	pdf.AddOutputIntent(srgbIntent())
	pdf.AddUTF8FontFromBytes("f", "", otf)
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	pdf.Text(72, 72, "x")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("PDF/A-1 with a CFF font: %v", err)
	}
	if !strings.Contains(doc2s(buf.Bytes()), "/CIDSet ") {
		t.Error("PDF/A-1: the CFF font's descriptor has no CIDSet")
	}
}

// TestCFFFontAddedTwice checks that one CFF file added as two faces makes
// two fonts with resource names of their own.
func TestCFFFontAddedTwice(t *testing.T) {
	otf, err := os.ReadFile("../../shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Skip(err)
	}
	pdf := New("P", "pt", "A4", "")
	pdf.SetGlyphFonts(true)
	pdf.AddUTF8FontFromBytes("a", "", otf)
	pdf.AddUTF8FontFromBytes("b", "", otf)
	if pdf.fonts["a"].i == pdf.fonts["b"].i {
		t.Error("two faces of one CFF file share a resource name")
	}
}
