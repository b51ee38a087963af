package shape

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strings"
	"sync"
	"testing"

	"bytes"
	ot "github.com/go-text/typesetting/font/opentype"
)

func mustFont(t testing.TB, feats Features, faces ...*Face) *Font {
	t.Helper()
	f, err := NewFont(faces, feats, "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// HarfBuzz tightens "To" by 0.07 em, "AV" by 0.13 em and "Ty" by 0.07 em
// in Liberation Serif (hb-shape: T 1251 → 1108, A 1479 → 1215 font
// units of 2048; the 0.11 em for "Ty" is not what HarfBuzz does).
func TestKerningPairsLiberationSerif(t *testing.T) {
	lib := testFaces(t)["liberation-serif"]
	s := NewShaper(0)
	for _, tc := range []struct {
		pair string
		em   float64
	}{{"To", 0.07}, {"AV", 0.13}, {"Ty", 0.07}} {
		l, err := s.Shape(mustFont(t, Default, lib), tc.pair, Auto)
		if err != nil {
			t.Fatal(err)
		}
		g := l.Runs[0].Glyphs[0]
		kern := float64(lib.GlyphAdvance(g.ID)-int(g.XAdvance)) / float64(lib.UnitsPerEm())
		if math.Abs(kern-tc.em) > 0.006 {
			t.Errorf("%s: kerned by %.3f em, want %.2f", tc.pair, kern, tc.em)
		}
		off, _ := s.Shape(mustFont(t, MustParseFeatures("-kern"), lib), tc.pair, Auto)
		if off.Runs[0].Advance <= l.Runs[0].Advance {
			t.Errorf("%s: -kern is not wider (%d ≤ %d)", tc.pair, off.Runs[0].Advance, l.Runs[0].Advance)
		}
	}
}

func TestLigaturesAndFeatures(t *testing.T) {
	lig := testFaces(t)["ligature-serif"]
	s := NewShaper(0)
	count := func(feats Features, text string) int {
		l, err := s.Shape(mustFont(t, feats, lig), text, Auto)
		if err != nil {
			t.Fatal(err)
		}
		return len(l.Runs[0].Glyphs)
	}
	for _, w := range []string{"fi", "fl", "ffi", "ffl"} {
		if n := count(Default, w); n != 1 {
			t.Errorf("%q: %d glyphs, want one ligature", w, n)
		}
		if n := count(MustParseFeatures("-liga"), w); n != len(w) {
			t.Errorf("%q with -liga: %d glyphs, want %d", w, n, len(w))
		}
	}
	plain, _ := s.Shape(mustFont(t, Default, lig), "Small 1984", Auto)
	smcp, _ := s.Shape(mustFont(t, MustParseFeatures("smcp"), lig), "Small 1984", Auto)
	onum, _ := s.Shape(mustFont(t, MustParseFeatures("onum"), lig), "Small 1984", Auto)
	if plain.Runs[0].Glyphs[1].ID == smcp.Runs[0].Glyphs[1].ID {
		t.Error("smcp does not change the lower-case letters")
	}
	if plain.Runs[0].Glyphs[6].ID == onum.Runs[0].Glyphs[6].ID || plain.Runs[0].Glyphs[1].ID != onum.Runs[0].Glyphs[1].ID {
		t.Error("onum changes other glyphs than the figures, or not the figures")
	}
}

func TestParseFeatures(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
		err  string
	}{
		{nil, "", ""},
		{[]string{"onum", "-kern", "+smcp", "salt=2"}, "-kern,onum,salt=2,smcp", ""},
		{[]string{"tnum", "-tnum"}, "-tnum", ""},
		{[]string{"cv1"}, "cv1", ""},
		{[]string{"kern[3:5]"}, "", "ranges are not supported"},
		{[]string{"toolong"}, "", "1 to 4 characters"},
		{[]string{"ab c"}, "", "printable ASCII"},
		{[]string{"salt=x"}, "", "whole number"},
		{[]string{""}, "", "empty"},
	} {
		f, err := ParseFeatures(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want one saying %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
		} else if f.String() != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, f.String(), tc.want)
		}
	}
	a, _ := ParseFeatures([]string{"onum", "smcp"})
	b, _ := ParseFeatures([]string{"smcp", "+onum"})
	if a != b {
		t.Error("the same settings in another order are not equal Features (the cache would miss)")
	}
}

// DejaVu, the built-in fallback, covers the scripts the issue names.
func TestBuiltinFallbackCoverage(t *testing.T) {
	serif, err := BuiltinFallback(true)
	if err != nil {
		t.Fatal(err)
	}
	sans, _ := BuiltinFallback(false)
	ranges := []struct {
		script string
		lo, hi rune
		faces  []*Face
	}{
		{"Armenian capitals", 0x531, 0x556, serif[:1]},
		{"Armenian small letters", 0x561, 0x587, serif[:1]},
		{"Georgian Mkhedruli", 0x10d0, 0x10fa, serif[:1]},
		{"Greek capitals", 0x391, 0x3a9, serif[:1]},
		{"Greek small letters", 0x3b1, 0x3c9, serif[:1]},
		{"Cyrillic", 0x410, 0x44f, serif[:1]},
		{"Hebrew letters", 0x5d0, 0x5ea, sans},
		{"Arabic letters", 0x621, 0x63a, sans},
		{"Arabic letters", 0x641, 0x64a, sans},
	}
	for _, r := range ranges {
		for c := r.lo; c <= r.hi; c++ {
			if c == 0x3a2 { // unassigned
				continue
			}
			for _, f := range r.faces {
				if !f.Has(c) {
					t.Errorf("%s: %s lacks U+%04X", r.script, f.Name(), c)
				}
			}
		}
	}
}

func TestFallbackChain(t *testing.T) {
	lib := testFaces(t)["liberation-serif"]
	fb, _ := BuiltinFallback(true)
	f := mustFont(t, Default, append([]*Face{lib}, fb...)...)
	s := NewShaper(0)
	text := "Minister Հայաստան Երևան met ნინო and Σωκράτης in Москва; مرحبا"
	l, err := s.Shape(f, text, LeftToRight)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range l.Runs {
		got = append(got, r.Face.Name()+":"+r.Text)
	}
	want := []string{
		"Liberation Serif:Minister ",
		"DejaVu Serif:Հայաստան Երևան ", // the spaces stay with the Armenian face
		"Liberation Serif:met ",
		"DejaVu Serif:ნინო ",
		// Liberation has Greek and Cyrillic: no switch of face, but
		// of script (each script is shaped with its own rules).
		"Liberation Serif:and ",
		"Liberation Serif:Σωκράτης ",
		"Liberation Serif:in ",
		"Liberation Serif:Москва; ",
		"DejaVu Sans:مرحبا", // DejaVu Serif has no Arabic
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("runs\n got %q\nwant %q", got, want)
	}
	// Runs tile the text.
	var b strings.Builder
	for _, r := range l.Runs {
		if r.Start != b.Len() {
			t.Errorf("run %q starts at %d, want %d", r.Text, r.Start, b.Len())
		}
		b.WriteString(r.Text)
	}
	if b.String() != text {
		t.Errorf("runs give %q", b.String())
	}
}

func TestMissingCharacter(t *testing.T) {
	lib := testFaces(t)["liberation-serif"]
	fb, _ := BuiltinFallback(true)
	s := NewShaper(0)
	for _, tc := range []struct {
		faces  []*Face
		text   string
		r      rune
		offset int
		msg    string
	}{
		{[]*Face{lib}, "capital Ա", 0x531, 8, `"Ա" (U+0531)`},
		{append([]*Face{lib}, fb...), "hieroglyph 𓀀 here", 0x13000, 11, `"𓀀" (U+13000)`},
		// A combining mark no face has, after a letter they have.
		{[]*Face{testFaces(t)["cjk-ext-b"]}, "𠮟\u0301", 0x301, 4, "U+0301"},
	} {
		_, err := s.Shape(mustFont(t, Default, tc.faces...), tc.text, Auto)
		var me *MissingError
		if !errors.As(err, &me) {
			t.Errorf("%q: error %v, want a *MissingError", tc.text, err)
			continue
		}
		if me.Rune != tc.r || me.Offset != tc.offset {
			t.Errorf("%q: missing %U at %d, want %U at %d", tc.text, me.Rune, me.Offset, tc.r, tc.offset)
		}
		if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), tc.faces[0].Name()) {
			t.Errorf("%q: message %q does not name the character (%s) and the faces", tc.text, err, tc.msg)
		}
	}
	// Default-ignorable characters need no glyph.
	if _, err := s.Shape(mustFont(t, Default, lib), "a\u2066b\u2069c\u200dd\ufe0f", Auto); err != nil {
		t.Errorf("default-ignorable characters: %v", err)
	}
	// A decomposed letter the font has composed is set.
	if _, err := s.Shape(mustFont(t, Default, testFaces(t)["ligature-serif"]), "e\u0301", Auto); err != nil {
		t.Errorf("e + U+0301 in a face with é but no U+0301: %v", err)
	}
	var ce *ControlError
	if _, err := s.Shape(mustFont(t, Default, lib), "a\tb", Auto); !errors.As(err, &ce) || ce.Rune != '\t' || ce.Offset != 1 {
		t.Errorf("tab: %v, want a *ControlError at 1", err)
	}
}

func TestBidiVisualOrder(t *testing.T) {
	lib := testFaces(t)["liberation-serif"]
	fb, _ := BuiltinFallback(false)
	f := mustFont(t, Default, append([]*Face{lib}, fb...)...)
	s := NewShaper(0)
	for _, tc := range []struct {
		text   string
		dir    Direction
		visual []string
	}{
		{"abc שלום 123 def", LeftToRight, []string{"abc ", "123", "שלום ", " def"}},
		{"שלום abc", Auto, []string{"abc", "שלום "}},
		// The space after the Arabic is at the paragraph's level 0, and
		// goes back to the primary face with it.
		{"said مرحبا بالعالم today", Auto, []string{"said ", "مرحبا بالعالم", " today"}},
		{"مرحبا ١٢٣ عالم", Auto, []string{" عالم", "١٢٣", "مرحبا "}},
	} {
		l, err := s.Shape(f, tc.text, tc.dir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range l.Visual() {
			got = append(got, r.Text)
			if r.RTL() && len(r.Glyphs) > 1 && r.Glyphs[0].Cluster < r.Glyphs[len(r.Glyphs)-1].Cluster {
				t.Errorf("%q: right-to-left run %q is not in visual order", tc.text, r.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.visual, "|") {
			t.Errorf("%q: visual runs %q, want %q", tc.text, got, tc.visual)
		}
	}
}

func TestReorder(t *testing.T) {
	for _, tc := range []struct {
		levels []uint8
		want   []int
	}{
		{nil, []int{}},
		{[]uint8{0, 0}, []int{0, 1}},
		{[]uint8{0, 1, 1, 0}, []int{0, 2, 1, 3}},
		{[]uint8{1, 2, 2, 1}, []int{3, 1, 2, 0}},
		{[]uint8{0, 1, 2, 1, 0}, []int{0, 3, 2, 1, 4}},
		{[]uint8{2, 2, 0}, []int{0, 1, 2}},
	} {
		got := Reorder(tc.levels)
		if len(got) != len(tc.want) {
			t.Errorf("%v: %v, want %v", tc.levels, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%v: %v, want %v", tc.levels, got, tc.want)
				break
			}
		}
	}
}

// A word broken at a line end is shaped afresh on both sides: the
// ligature across the break is undone, the hyphen is shaped (and
// kerned) with the letters before it.
func TestHyphenatedReshape(t *testing.T) {
	lig := testFaces(t)["ligature-serif"]
	f := mustFont(t, Default, lig)
	s := NewShaper(0)
	whole, _ := s.Shape(f, "affluent", Auto)
	if n := len(whole.Runs[0].Glyphs); n != 6 {
		t.Fatalf("affluent: %d glyphs, want 6 (ffl ligature)", n)
	}
	head, err := s.Hyphenated(f, "af", Auto)
	if err != nil {
		t.Fatal(err)
	}
	tail, _ := s.Shape(f, "fluent", Auto)
	hg := head.Runs[0].Glyphs
	if len(hg) != 3 || head.Runs[0].Text != "af-" {
		t.Fatalf("af-: %d glyphs of %q, want a, f, hyphen", len(hg), head.Runs[0].Text)
	}
	hy, _ := lig.GlyphIndex('-')
	if hg[2].ID != hy || hg[2].Cluster != 2 {
		t.Errorf("the hyphen glyph is %+v, want glyph %d at cluster 2", hg[2], hy)
	}
	if len(tail.Runs[0].Glyphs) != 5 {
		t.Errorf("fluent: %d glyphs, want 5 (fl ligature)", len(tail.Runs[0].Glyphs))
	}
	// The parts together are wider than the word (the hyphen) and are
	// exactly the sum of their shaped advances.
	w, _ := s.Width(f, 10, "af-", Auto)
	if w != head.Width(10) || w <= 0 {
		t.Errorf("Width(af-) = %v, Line.Width %v", w, head.Width(10))
	}
}

func TestWidthScalesWithSize(t *testing.T) {
	lib := testFaces(t)["liberation-serif"]
	f := mustFont(t, Default, lib)
	s := NewShaper(0)
	w10, _ := s.Width(f, 10, "Today", Auto)
	w20, _ := s.Width(f, 20, "Today", Auto)
	l, _ := s.Shape(f, "Today", Auto)
	want := float64(l.Runs[0].Advance) * 10 / float64(lib.UnitsPerEm())
	if w10 != want || math.Abs(w20-2*w10) > 1e-9 {
		t.Errorf("widths %v at 10 pt, %v at 20 pt; want %v and double", w10, w20, want)
	}
}

// The cache gives what shaping gives, from any number of goroutines.
func TestCacheAgreesConcurrently(t *testing.T) {
	faces := testFaces(t)
	fb, _ := BuiltinFallback(true)
	f := mustFont(t, Default, append([]*Face{faces["liberation-serif"]}, fb...)...)
	words := strings.Fields("To AV Ty office Հայաստան שלום مرحبا Tiếng Việt Москва Ἀθῆναι To AV Ty office")
	plain := NewShaper(-1)
	want := map[string]*Line{}
	for _, w := range words {
		l, err := plain.Shape(f, w, Auto)
		if err != nil {
			t.Fatal(err)
		}
		want[w] = l
	}
	cached := NewShaper(8) // small: eviction happens
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				for _, w := range words {
					l, err := cached.Shape(f, w, Auto)
					if err != nil || !sameLine(l, want[w]) {
						select {
						case errs <- w:
						default:
						}
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for w := range errs {
		t.Errorf("cached shaping of %q differs", w)
	}
	st := cached.Stats()
	if st.LineHits == 0 || st.LineMisses == 0 {
		t.Errorf("stats %+v: want hits and misses", st)
	}
	if cached.lines.len() > 8 {
		t.Errorf("the cache holds %d lines, capacity 8", cached.lines.len())
	}
	if plain.Stats() != (Stats{}) {
		t.Errorf("a shaper without cache counts %+v", plain.Stats())
	}
}

func sameLine(a, b *Line) bool {
	if len(a.Runs) != len(b.Runs) || a.Level != b.Level {
		return false
	}
	for i := range a.Runs {
		x, y := a.Runs[i], b.Runs[i]
		if x.Text != y.Text || x.Face != y.Face || x.Level != y.Level || len(x.Glyphs) != len(y.Glyphs) || x.Advance != y.Advance {
			return false
		}
		for j := range x.Glyphs {
			if x.Glyphs[j] != y.Glyphs[j] {
				return false
			}
		}
	}
	return true
}

func TestParseFaceErrors(t *testing.T) {
	lib := testFaces(t)["liberation-serif"].Data()
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty.ttf", nil, "not a TrueType or OpenType font"},
		{"text.ttf", []byte("this is not a font at all, just text"), "not a usable font file"},
		{"half.ttf", lib[:len(lib)/2], "not a usable font file"},
		{"coll.ttc", append([]byte("ttcf"), make([]byte, 20)...), "font collection"},
	} {
		_, err := ParseFace(tc.name, tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), tc.name+": ") {
			t.Errorf("%s: error %v, want %q after the name", tc.name, err, tc.msg)
		}
	}
}

// The CJK test face maps its characters through a format 12 cmap, and
// the shaper finds them there.
func TestCmapFormat12(t *testing.T) {
	cjk := testFaces(t)["cjk-ext-b"]
	ld, err := ot.NewLoader(bytes.NewReader(cjk.Data()))
	if err != nil {
		t.Fatal(err)
	}
	cmap, err := ld.RawTable(ot.MustNewTag("cmap"))
	if err != nil {
		t.Fatal(err)
	}
	formats := map[uint16]bool{}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < n; i++ {
		off := binary.BigEndian.Uint32(cmap[4+8*i+4:])
		formats[binary.BigEndian.Uint16(cmap[off:])] = true
	}
	if !formats[12] {
		t.Fatalf("cmap formats %v: the test face has no format 12 subtable", formats)
	}
	for _, r := range []rune{0x2000b, 0x20b9f, 0x20bb7, 0x29e3d} {
		if !cjk.Has(r) {
			t.Errorf("U+%04X not found", r)
		}
	}
}

// Arabic letters are joined: a beh between two behs is set in its medial
// form, not the glyph the cmap gives the letter alone.
func TestArabicJoined(t *testing.T) {
	sans := testFaces(t)["dejavu-sans"]
	s := NewShaper(0)
	l, err := s.Shape(mustFont(t, Default, sans), "ببب", Auto)
	if err != nil {
		t.Fatal(err)
	}
	nominal, _ := sans.GlyphIndex('ب')
	r := l.Runs[0]
	if !r.RTL() || len(r.Glyphs) != 3 {
		t.Fatalf("%d glyphs, RTL %v", len(r.Glyphs), r.RTL())
	}
	seen := map[uint16]bool{}
	for _, g := range r.Glyphs {
		if g.ID == nominal {
			t.Errorf("a beh is set in its isolated form (glyph %d)", g.ID)
		}
		seen[g.ID] = true
	}
	if len(seen) != 3 {
		t.Errorf("initial, medial and final forms are not three glyphs: %v", r.Glyphs)
	}
}

// TestWithoutOutlinesDoesNotCopy checks the file go-text's parser reads:
// the font's bytes with glyf and loca renamed in the table directory
// alone, read through ReadAt, Read and Seek as from the file itself.
func TestWithoutOutlinesDoesNotCopy(t *testing.T) {
	data := testFaces(t)["liberation-serif"].Data()
	p, err := withoutOutlines(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.head) == 0 || &p.data[0] != &data[0] {
		t.Fatalf("head %d bytes, data copied: %v", len(p.head), &p.data[0] != &data[0])
	}
	want := append([]byte(nil), data...)
	copy(want, p.head)
	if bytes.Equal(want[:len(p.head)], data[:len(p.head)]) || !bytes.Contains(want[:len(p.head)], []byte("glyF")) {
		t.Fatal("no tag renamed in the table directory")
	}
	all, err := io.ReadAll(p)
	if err != nil || !bytes.Equal(all, want) {
		t.Fatalf("Read: %v, equal %v", err, bytes.Equal(all, want))
	}
	// A read across the end of the directory, and past the end of the file.
	b := make([]byte, 40)
	if n, err := p.ReadAt(b, int64(len(p.head)-20)); n != 40 || err != nil || !bytes.Equal(b, want[len(p.head)-20:len(p.head)+20]) {
		t.Errorf("ReadAt across the directory's end: %d, %v", n, err)
	}
	if n, err := p.ReadAt(b, int64(len(data)-10)); n != 10 || err != io.EOF {
		t.Errorf("ReadAt past the end: %d, %v", n, err)
	}
	if pos, err := p.Seek(-4, io.SeekEnd); pos != int64(len(data)-4) || err != nil {
		t.Errorf("Seek: %d, %v", pos, err)
	}
	if _, err := p.Seek(-1, io.SeekStart); err == nil {
		t.Error("Seek before the start: no error")
	}
}

// A paragraph's line feeds and tabs are spaces between its words: the
// bidi levels after them are the paragraph's, not those of a new
// paragraph.
func TestBidiLevelsAcrossLineFeeds(t *testing.T) {
	for _, tc := range []struct {
		texts []string
		want  string // a level a byte
		para  uint8
	}{
		{[]string{". \nג"}, "11111", 1},
		{[]string{"א\n", "ב x"}, "11" + "1" + "11" + "1" + "2", 1},
		{[]string{"a\r\nב"}, "0" + "00" + "11", 0},
		{[]string{"אבג\u2029cd"}, "111111" + "111" + "22", 1},
	} {
		lv, para := BidiLevels(tc.texts)
		got := ""
		for _, l := range lv {
			for _, b := range l {
				got += string(rune('0' + b))
			}
		}
		if got != tc.want || para != tc.para {
			t.Errorf("%q: levels %s, paragraph %d; want %s, %d", tc.texts, got, para, tc.want, tc.para)
		}
	}
}
