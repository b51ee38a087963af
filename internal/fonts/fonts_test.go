package fonts

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/briefing-pdf/briefing/internal/shape"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
)

const unicodeSample = "Şahin’s “İstanbul” – ğ ə ü — naïve façade"

func TestDefaults(t *testing.T) {
	s := New()
	faces := s.Faces()
	if len(faces) != 8 {
		t.Fatalf("Faces: got %d faces, want 8", len(faces))
	}
	for i, f := range faces {
		if f.Name != names[i] {
			t.Errorf("face %d: name %q, want %q", i, f.Name, names[i])
		}
		if len(f.TTF) == 0 || !strings.HasPrefix(f.Source, "Liberation ") {
			t.Errorf("face %s: source %q, %d bytes", f.Name, f.Source, len(f.TTF))
		}
		if !s.Has(f.Name) {
			t.Errorf("Has(%q) = false", f.Name)
		}
		// gonum's parser takes it, with and without its kerning (parsed
		// on first use for the built-in faces).
		if s.faces[i].plotFont(false) == nil || s.faces[i].plotFont(true) == nil {
			t.Errorf("face %s: gonum cannot parse it", f.Name)
		}
	}
	if s.Has("mono") {
		t.Error(`Has("mono") = true`)
	}
	// The bold face is wider than the regular one for the same text.
	if s.Width(SerifBold, 10, "Briefing") <= s.Width(Serif, 10, "Briefing") {
		t.Error("serif-bold is not wider than serif")
	}
}

func TestGlyphs(t *testing.T) {
	s := New()
	for _, name := range names {
		for _, r := range "əğİşü’“”–—ABC xyz\u00a0" {
			if !s.HasGlyph(name, r) {
				t.Errorf("%s: HasGlyph(%U) = false", name, r)
			}
		}
		for _, r := range []rune{0x4E2D, 0x1F600, -1, 0x10FFFF + 1} {
			if s.HasGlyph(name, r) {
				t.Errorf("%s: HasGlyph(%U) = true", name, r)
			}
		}
	}
	if s.HasGlyph("nosuch", 'a') {
		t.Error("HasGlyph on an unknown face is true")
	}
	got := s.MissingGlyphs(Serif, "a中b中\n文ə")
	if string(got) != "中文" {
		t.Errorf("MissingGlyphs = %q, want %q", string(got), "中文")
	}
	err := s.CheckGlyphs(Serif, "x 中 ə")
	var ge *GlyphError
	if !errors.As(err, &ge) {
		t.Fatalf("CheckGlyphs: %v, want a *GlyphError", err)
	}
	want := "font serif (Liberation Serif) has no glyph for U+4E2D '中'"
	if err.Error() != want {
		t.Errorf("CheckGlyphs:\n got %s\nwant %s", err, want)
	}
	if err := s.CheckGlyphs(SansBoldItalic, unicodeSample); err != nil {
		t.Errorf("CheckGlyphs(sample): %v", err)
	}
	if err := s.CheckGlyphs("mono", "a"); err == nil || !strings.Contains(err.Error(), `unknown font "mono"`) {
		t.Errorf("CheckGlyphs(unknown face): %v", err)
	}
}

func TestWidthBasics(t *testing.T) {
	s := New()
	if w := s.Width(Serif, 12, ""); w != 0 {
		t.Errorf("empty string width %v", w)
	}
	if w := s.Width("nosuch", 12, "abc"); w != 0 {
		t.Errorf("unknown face width %v", w)
	}
	// At 1000 pt the widths are whole thousandths of an em: exact sums.
	a, b := s.Width(Sans, 1000, "AVA"), s.Width(Sans, 1000, "To")
	if ab := s.Width(Sans, 1000, "AVATo"); ab != a+b {
		t.Errorf("width not additive without kerning: %v != %v + %v", ab, a, b)
	}
	if w2 := s.Width(Sans, 2000, "AVA"); w2 != 2*a {
		t.Errorf("width does not scale with size: %v vs %v", w2, a)
	}
	// Liberation is metric-compatible with Times/Arial: 'a' in Arial is
	// 556/1000 em, in Times 444/1000 em.
	if w := s.Width(Sans, 1000, "a"); w != 556 {
		t.Errorf("sans 'a' = %v/1000 em, want 556", w)
	}
	if w := s.Width(Serif, 1000, "a"); w != 444 {
		t.Errorf("serif 'a' = %v/1000 em, want 444", w)
	}
	// A missing glyph is as wide as glyph 0 (.notdef), not 0.
	if w := s.Width(Serif, 10, "中"); w <= 0 {
		t.Errorf("missing glyph width %v", w)
	}
}

func TestExtents(t *testing.T) {
	s := New()
	// Liberation Serif: 2048 units per em, hhea ascender 1825, descender
	// -443, OS/2 cap height 1341.
	if got, want := s.Ascent(Serif, 2048), 1825.0; got != want {
		t.Errorf("Ascent = %v, want %v", got, want)
	}
	if got, want := s.Descent(Serif, 2048), 443.0; got != want {
		t.Errorf("Descent = %v, want %v", got, want)
	}
	if got, want := s.CapHeight(Serif, 2048), 1341.0; got != want {
		t.Errorf("CapHeight = %v, want %v", got, want)
	}
	if got := s.LineGap(Serif, 2048); got < 0 {
		t.Errorf("LineGap = %v", got)
	}
	if s.Ascent("nosuch", 10) != 0 || s.Descent("nosuch", 10) != 0 {
		t.Error("extents of an unknown face are not 0")
	}
	// gonum measures the same face's extents from the same tables.
	fc := s.PlotCache().Lookup(font.Font{Typeface: "serif"}, 10)
	if ext := fc.Extents(); abs(ext.Ascent.Points()-s.Ascent(Serif, 10)) > 1e-9 ||
		abs(ext.Descent.Points()-s.Descent(Serif, 10)) > 1e-9 {
		t.Errorf("gonum extents %+v, ours ascent %v descent %v", ext, s.Ascent(Serif, 10), s.Descent(Serif, 10))
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestReplace(t *testing.T) {
	s := New()
	before := s.Width(Serif, 10, "iiii")
	if err := s.Replace(Serif, "LiberationMono-Regular.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatalf("Replace with a TrueType font: %v", err)
	}
	// Mono: every character is 600/1000 em.
	if got := s.Width(Serif, 10, "iiii"); got != 24 || got == before {
		t.Errorf("width after Replace = %v (before %v), want 24", got, before)
	}
	if f := s.Faces()[0]; f.Source != "LiberationMono-Regular.ttf" {
		t.Errorf("source after Replace = %q", f.Source)
	}
	// A fresh default Set is not affected.
	if got := New().Width(Serif, 10, "iiii"); got != before {
		t.Errorf("Replace changed the shared defaults: %v != %v", got, before)
	}

	otto := append([]byte("OTTO"), liberationserifregular.TTF[4:]...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "file too short"},
		{"garbage", []byte("this is not a font at all, just some text"), "unknown file signature"},
		{"cff", otto, "CFF outlines"},
		{"collection", append([]byte("ttcf"), make([]byte, 40)...), "collection"},
		{"truncated", liberationserifregular.TTF[:2000], "outside the file"},
	} {
		s := New()
		err := s.Replace(Sans, "bad-"+tc.name+".ttf", tc.data)
		if err == nil {
			t.Errorf("%s: Replace accepted it", tc.name)
			continue
		}
		if !errors.Is(err, ErrNotTrueType) || !strings.Contains(err.Error(), tc.want) ||
			!strings.Contains(err.Error(), "bad-"+tc.name+".ttf") {
			t.Errorf("%s: error %q, want ErrNotTrueType mentioning the file and %q", tc.name, err, tc.want)
		}
		if s.Faces()[4].Source != "Liberation Sans" {
			t.Errorf("%s: failed Replace changed the face", tc.name)
		}
	}
	if err := s.Replace("mono", "x.ttf", liberationmonoregular.TTF); err == nil ||
		!strings.Contains(err.Error(), `unknown face "mono"`) {
		t.Errorf("Replace of an unknown face: %v", err)
	}
}

// TestCorruptFonts feeds damaged copies of a real font to the parser: it
// must return an error or metrics, never panic.
func TestCorruptFonts(t *testing.T) {
	src := liberationserifregular.TTF
	for i := 0; i < 60; i++ {
		n := (i * 7919) % len(src)
		if _, err := parseMetrics(src[:n]); err == nil && n < 1000 {
			t.Errorf("parseMetrics accepted %d bytes", n)
		}
	}
	// Overwrite the table directory and the cmap with 0xFF bytes.
	for off := 12; off < 12+16*20; off += 5 {
		b := append([]byte(nil), src...)
		b[off], b[off+1] = 0xFF, 0xFF
		_, _ = parseMetrics(b)
	}
}

func TestRestrictedEmbedding(t *testing.T) {
	b := append([]byte(nil), liberationserifregular.TTF...)
	p := &parser{data: b, tables: map[string]table{}}
	n, _ := p.u16(4)
	os2 := -1
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			os2 = int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		}
	}
	if os2 < 0 {
		t.Fatal("no OS/2 table in Liberation Serif")
	}
	for _, fsType := range []byte{0x02, 0x03} {
		b[os2+8], b[os2+9] = 0, fsType
		if fsType == 0x03 {
			b[os2+8] = 0x01 // bitmap embedding only
		}
		err := New().Replace(Serif, "restricted.ttf", b)
		if err == nil || !strings.Contains(err.Error(), "does not allow embedding") {
			t.Errorf("fsType %#x: %v", fsType, err)
		}
	}
	b[os2+8], b[os2+9] = 0, 0x08 // editable embedding: fine
	if err := New().Replace(Serif, "editable.ttf", b); err != nil {
		t.Errorf("editable embedding rejected: %v", err)
	}
}

func FuzzParseMetrics(f *testing.F) {
	src := liberationserifregular.TTF
	f.Add(src[:0])
	f.Add(src[:12])
	f.Add(src[:4096])
	f.Add(append([]byte("true"), make([]byte, 300)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseMetrics(b)
		if err == nil && (m.unitsPerEm == 0 || len(m.widths) != 1<<16) {
			t.Errorf("accepted font with %d units per em", m.unitsPerEm)
		}
	})
}

func TestFaceName(t *testing.T) {
	for _, tc := range []struct {
		f    font.Font
		want string
	}{
		{font.Font{}, Serif},
		{font.Font{Typeface: "serif"}, Serif},
		{font.Font{Typeface: "sans", Weight: xfont.WeightBold}, SansBold},
		{font.Font{Typeface: "sans", Style: xfont.StyleItalic}, SansItalic},
		{font.Font{Typeface: "serif", Style: xfont.StyleOblique, Weight: xfont.WeightBlack}, SerifBoldItalic},
		{font.Font{Typeface: "serif", Weight: xfont.WeightMedium}, Serif},
		{font.Font{Typeface: "Liberation", Variant: "Serif"}, Serif},
		{font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}, SansBold},
		{font.Font{Typeface: "Liberation", Variant: "Mono", Style: xfont.StyleItalic}, SansItalic},
		{font.Font{Typeface: "Helvetica"}, Serif},
	} {
		if got := FaceName(tc.f); got != tc.want {
			t.Errorf("FaceName(%+v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestPlotCache(t *testing.T) {
	s := New()
	if err := s.Replace(SansBold, "mono.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatal(err)
	}
	c := s.PlotCache()
	for _, fnt := range []font.Font{
		{Typeface: "serif"},
		{Typeface: "sans", Weight: xfont.WeightBold},
		{Typeface: "sans", Weight: xfont.WeightSemiBold},
		{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold},
		{Typeface: "Liberation", Variant: "Serif", Style: xfont.StyleItalic},
		{Typeface: "Liberation", Variant: "Mono"},
		{Typeface: "Liberation"},
		{Typeface: "Unknown"},
	} {
		face := c.Lookup(fnt, 10)
		want := s.face(FaceName(fnt)).otf
		if face.Face != want {
			t.Errorf("Lookup(%+v) is not face %s", fnt, FaceName(fnt))
		}
	}
	// gonum measures without kerning, as fpdf sets text: its width equals
	// ours up to our rounding to 1/1000 em (at most 0.0005 em a glyph).
	for _, str := range []string{"0123456789", "Talks AVAWAY To Ty", "İzmir — ə “x”"} {
		face := c.Lookup(font.Font{Typeface: "sans"}, 10)
		g, o := face.Width(str).Points(), s.Width(Sans, 10, str)
		if n := float64(len([]rune(str))); abs(g-o) > n*10*0.0005 {
			t.Errorf("%q: gonum width %v, ours %v", str, g, o)
		}
	}
	// The fonts do kern: measured with kerning, "AVAWAY" is narrower.
	kerned, err := opentype.Parse(New().Faces()[4].TTF)
	if err != nil {
		t.Fatal(err)
	}
	k := font.Face{Font: font.Font{Typeface: "sans", Size: 10}, Face: kerned}
	if g, o := k.Width("AVAWAY").Points(), s.Width(Sans, 10, "AVAWAY"); o-g < 1 {
		t.Errorf("kerned width %v not clearly below unkerned %v: test has no teeth", g, o)
	}
}

func TestWithoutKerning(t *testing.T) {
	for _, f := range New().Faces() {
		b := withoutKerning(f.TTF)
		if len(b) != len(f.TTF) {
			t.Fatalf("%s: length changed", f.Name)
		}
		p := &parser{data: b, tables: map[string]table{}}
		n, _ := p.u16(4)
		prev := ""
		for i := 0; i < n; i++ {
			tag := string(b[12+16*i : 16+16*i])
			if tag == "kern" || tag == "GPOS" {
				t.Errorf("%s: table %q still visible", f.Name, tag)
			}
			if i > 0 && tag <= prev {
				t.Errorf("%s: tags out of order: %q after %q", f.Name, tag, prev)
			}
			prev = tag
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	s := New()
	const line = "On 3 March the İzmir delegation’s “final” offer – rejected — was tabled again."
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		_ = s.Width(SerifItalic, 10.5, line)
	}
}

// TestBuiltinFacesValidate runs on the faces compiled into the program the
// checks of every table and glyph that user fonts get at load; the
// program skips them for these faces at start.
func TestBuiltinFacesValidate(t *testing.T) {
	for _, f := range New().Faces() {
		if _, err := parseMetrics(f.TTF); err != nil {
			t.Errorf("%s (%s): %v", f.Name, f.Source, err)
		}
	}
}

// shapedSet is New with text shaping on ([fonts] shaping = true).
func shapedSet() *Set {
	s := New()
	s.SetShaping(true)
	return s
}

// TestGlyphsShaped is TestGlyphs with text shaping on.
func TestGlyphsShaped(t *testing.T) {
	s := shapedSet()
	for _, name := range names {
		for _, r := range "əğİşü’“”–—ABC xyz\u00a0" {
			if !s.HasGlyph(name, r) {
				t.Errorf("%s: HasGlyph(%U) = false", name, r)
			}
		}
		// Neither the face nor its fallbacks (DejaVu) has these.
		for _, r := range []rune{0x4E2D, 0x13000, -1, 0x10FFFF + 1} {
			if s.HasGlyph(name, r) {
				t.Errorf("%s: HasGlyph(%U) = true", name, r)
			}
		}
	}
	if s.HasGlyph("nosuch", 'a') {
		t.Error("HasGlyph on an unknown face is true")
	}
	got := s.MissingGlyphs(Serif, "a中b中\n文ə")
	if string(got) != "中文" {
		t.Errorf("MissingGlyphs = %q, want %q", string(got), "中文")
	}
	err := s.CheckGlyphs(Serif, "x 中 ə")
	var ge *GlyphError
	if !errors.As(err, &ge) {
		t.Fatalf("CheckGlyphs: %v, want a *GlyphError", err)
	}
	want := "font serif (Liberation Serif) has no glyph for U+4E2D '中'"
	if err.Error() != want {
		t.Errorf("CheckGlyphs:\n got %s\nwant %s", err, want)
	}
	if err := s.CheckGlyphs(SansBoldItalic, unicodeSample); err != nil {
		t.Errorf("CheckGlyphs(sample): %v", err)
	}
	if err := s.CheckGlyphs("mono", "a"); err == nil || !strings.Contains(err.Error(), `unknown font "mono"`) {
		t.Errorf("CheckGlyphs(unknown face): %v", err)
	}
}

// TestWidthBasicsShaped is TestWidthBasics with text shaping on.
func TestWidthBasicsShaped(t *testing.T) {
	s := shapedSet()
	if w := s.Width(Serif, 12, ""); w != 0 {
		t.Errorf("empty string width %v", w)
	}
	if w := s.Width("nosuch", 12, "abc"); w != 0 {
		t.Errorf("unknown face width %v", w)
	}
	// Words are kerned inside, not across a space.
	a, b := s.Width(Sans, 1000, "AVA"), s.Width(Sans, 1000, "To")
	if ab := s.Width(Sans, 1000, "AVA To"); ab != a+b+s.Width(Sans, 1000, " ") {
		t.Errorf("words kerned across a space: %v != %v + %v + space", ab, a, b)
	}
	if ab := s.Width(Sans, 1000, "AVATo"); ab >= a+b {
		t.Errorf("the pair A-T is not kerned: %v >= %v + %v", ab, a, b)
	}
	if w2 := s.Width(Sans, 2000, "AVA"); w2 != 2*a {
		t.Errorf("width does not scale with size: %v vs %v", w2, a)
	}
	// Liberation is metric-compatible with Times/Arial: 'a' in Arial is
	// 1139/2048 em, in Times 909/2048 em.
	if w := s.Width(Sans, 2048, "a"); w != 1139 {
		t.Errorf("sans 'a' = %v/2048 em, want 1139", w)
	}
	if w := s.Width(Serif, 2048, "a"); w != 909 {
		t.Errorf("serif 'a' = %v/2048 em, want 909", w)
	}
	// A missing glyph is as wide as glyph 0 (.notdef), not 0.
	if w := s.Width(Serif, 10, "中"); w <= 0 {
		t.Errorf("missing glyph width %v", w)
	}
}

// TestReplaceShaped is TestReplace with text shaping on.
func TestReplaceShaped(t *testing.T) {
	s := shapedSet()
	before := s.Width(Serif, 2048, "iiii")
	if err := s.Replace(Serif, "LiberationMono-Regular.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatalf("Replace with a TrueType font: %v", err)
	}
	// Mono: every character is 1229/2048 em.
	if got := s.Width(Serif, 2048, "iiii"); got != 4*1229 || got == before {
		t.Errorf("width after Replace = %v (before %v), want %v", got, before, 4*1229)
	}
	if f := s.Faces()[0]; f.Source != "LiberationMono-Regular.ttf" {
		t.Errorf("source after Replace = %q", f.Source)
	}
	// A fresh default Set is not affected.
	if got := shapedSet().Width(Serif, 2048, "iiii"); got != before {
		t.Errorf("Replace changed the shared defaults: %v != %v", got, before)
	}

	otto := append([]byte("OTTO"), liberationserifregular.TTF[4:]...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "file too short"},
		{"garbage", []byte("this is not a font at all, just some text"), "unknown file signature"},
		{"cff", otto, `no "CFF " table`},
		{"collection", append([]byte("ttcf"), make([]byte, 40)...), "collection"},
		{"truncated", liberationserifregular.TTF[:2000], "outside the file"},
	} {
		s := shapedSet()
		err := s.Replace(Sans, "bad-"+tc.name+".ttf", tc.data)
		if err == nil {
			t.Errorf("%s: Replace accepted it", tc.name)
			continue
		}
		if !errors.Is(err, ErrNotTrueType) || !strings.Contains(err.Error(), tc.want) ||
			!strings.Contains(err.Error(), "bad-"+tc.name+".ttf") {
			t.Errorf("%s: error %q, want ErrNotTrueType mentioning the file and %q", tc.name, err, tc.want)
		}
		if s.Faces()[4].Source != "Liberation Sans" {
			t.Errorf("%s: failed Replace changed the face", tc.name)
		}
	}
	if err := s.Replace("mono", "x.ttf", liberationmonoregular.TTF); err == nil ||
		!strings.Contains(err.Error(), `unknown face "mono"`) {
		t.Errorf("Replace of an unknown face: %v", err)
	}
}

// TestPlotCacheShaped is TestPlotCache with text shaping on.
func TestPlotCacheShaped(t *testing.T) {
	s := shapedSet()
	if err := s.Replace(SansBold, "mono.ttf", liberationmonoregular.TTF); err != nil {
		t.Fatal(err)
	}
	c := s.PlotCache()
	for _, fnt := range []font.Font{
		{Typeface: "serif"},
		{Typeface: "sans", Weight: xfont.WeightBold},
		{Typeface: "sans", Weight: xfont.WeightSemiBold},
		{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold},
		{Typeface: "Liberation", Variant: "Serif", Style: xfont.StyleItalic},
		{Typeface: "Liberation", Variant: "Mono"},
		{Typeface: "Liberation"},
		{Typeface: "Unknown"},
	} {
		face := c.Lookup(fnt, 10)
		want := s.face(FaceName(fnt)).plotFont(true)
		if face.Face != want {
			t.Errorf("Lookup(%+v) is not face %s", fnt, FaceName(fnt))
		}
	}
	// The text handler measures as Width does (shaped: "AVAWAY" and
	// "To" kerned), so a chart places labels for the widths drawn.
	h := s.TextHandler()
	for _, str := range []string{"0123456789", "Talks AVAWAY To Ty", "İzmir — ə “x”"} {
		fnt := font.Font{Typeface: "sans", Weight: xfont.WeightBold, Size: 10}
		w, _, _ := h.Box(str, fnt)
		if o := s.Width(SansBold, 10, str); w.Points() != o {
			t.Errorf("%q: handler width %v, Width %v", str, w.Points(), o)
		}
	}
	// gonum's own measure (x/image/font/sfnt, with the kern table), which
	// its PNG renderer draws with, agrees inside words: "AVAWAY" is
	// kerned by both, to the same width.
	face := c.Lookup(font.Font{Typeface: "sans"}, 10)
	unkerned := 0.0
	for _, r := range "AVAWAY" {
		unkerned += s.Width(Sans, 10, string(r))
	}
	if g, o := face.Width("AVAWAY").Points(), s.Width(Sans, 10, "AVAWAY"); abs(g-o) > 1e-9 || unkerned-o < 1 {
		t.Errorf("AVAWAY: gonum %v, shaped %v, unkerned %v", g, o, unkerned)
	}
}

// Width's one-piece path is taken only for text with no glue: every
// character isGlue reports must be caught by mayHaveGlue's byte scan.
func TestMayHaveGlueCoversGlue(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		if isGlue(r) && !mayHaveGlue("a"+string(r)+"b") {
			t.Errorf("mayHaveGlue misses %U", r)
		}
	}
	if mayHaveGlue("naïve-Ωword") {
		t.Error("mayHaveGlue: a word without glue reported")
	}
}

// TestUnshapedSetNeverShapes checks that a Set without shaping (the
// default) measures, checks and gives gonum its faces without parsing a
// face for the shaper, building a shaping font or a fallback chain, or
// parsing the kerned face for gonum: the unshaped build pays nothing for
// the shaper.
func TestUnshapedSetNeverShapes(t *testing.T) {
	s := New()
	if err := s.Replace(Serif, "LiberationSerif-Regular.ttf", liberationserifregular.TTF); err != nil {
		t.Fatal(err)
	}
	const text = "AVAST To office Армения Հայաստան 中 \U0001D538"
	_ = s.Width(Serif, 10, text)
	_ = s.Width(WithRole(Serif, RoleTables), 10, text)
	_ = s.MissingGlyphs(Serif, text)
	for _, r := range text {
		_ = s.HasGlyph(Serif, r)
	}
	_ = s.PlotCache()
	f := s.faces[0]
	if f.sface != nil || f.sErr != nil || f.kotf != nil {
		t.Errorf("unshaped Set parsed the face for the shaper (%v, %v) or the kerned face for gonum (%v)", f.sface != nil, f.sErr, f.kotf != nil)
	}
	if s.fallback != nil {
		t.Error("unshaped Set has a fallback chain")
	}
	for r := range s.shaping {
		if sh := &s.shaping[r][0]; sh.solo != nil || sh.err != nil || sh.chain != nil || sh.cErr != nil {
			t.Errorf("role %d: unshaped Set built a shaping font", r)
		}
	}
	if got := s.MissingGlyphs(Serif, "Հ\U0001D538"); len(got) != 2 {
		t.Errorf("unshaped MissingGlyphs = %q, want both (no fallback, BMP only)", string(got))
	}
	if w, u := s.Width(Serif, 1000, "To"), s.Width(Serif, 1000, "T")+s.Width(Serif, 1000, "o"); w != u {
		t.Errorf("unshaped Width(To) = %v, want the advances' sum %v", w, u)
	}
}

// TestAppendGlyphsIsRuns checks the writer's short cut: AppendGlyphs
// gives the glyphs Runs gives, as one run, or refuses (fallback faces,
// right to left); and HyphenatedWidth is the width of the text with a
// hyphen after it.
func TestAppendGlyphsIsRuns(t *testing.T) {
	s := shapedSet()
	for _, font := range []string{Serif, SerifItalic, SansBold, WithRole(Sans, RoleTables)} {
		for _, text := range []string{
			"To Yerevan, 12 March 2023 – the talks (AV, Ty) resumed.",
			"Əliyev, Çavuşoğlu and İlham Şahin met in Gümrü",
			"e\u0301te\u0301 “quoted” — 1,500 km² at 10 %",
			"Pашинян and Αθήνα",
			"Հայաստան and Yerevan",
			"שלום world",
			" leading and trailing ",
		} {
			var want []shape.Glyph
			wantFace, rtl, other := "", false, false
			base := 0
			if err := s.Runs(font, text, func(r *shape.Run, embed string) {
				if wantFace == "" {
					wantFace = embed
				}
				other = other || embed != wantFace
				rtl = rtl || r.RTL()
				for _, g := range r.Glyphs {
					g.Cluster += base
					want = append(want, g)
				}
				base += len(r.Text)
			}); err != nil {
				t.Fatal(err)
			}
			got, _, embed, adv, ok := s.AppendGlyphs(nil, font, text)
			if other || rtl {
				if ok {
					t.Errorf("%s %q: AppendGlyphs took text Runs sets in several faces or right to left", font, text)
				}
				continue
			}
			if !ok {
				t.Errorf("%s %q: AppendGlyphs refused text of one face", font, text)
				continue
			}
			if embed != wantFace {
				t.Errorf("%s %q: embedded as %q, Runs says %q", font, text, embed, wantFace)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q:\nAppendGlyphs %v\nRuns         %v", font, text, got, want)
			}
			if w := s.Width(font, 10, text); math.Abs(w-float64(adv)*10/2048) > 1e-9 {
				t.Errorf("%s %q: advance %d units, Width %v", font, text, adv, w)
			}
		}
		for _, word := range []string{"Yerevan", "To", "AV", "2023", "Ağdam", "Αθήνα", "e\u0301te\u0301", "Հայաստան"} {
			if h, w := s.HyphenatedWidth(font, 11, word), s.Width(font, 11, word+"-"); math.Abs(h-w) > 1e-9 {
				t.Errorf("%s %q: HyphenatedWidth %v, Width with a hyphen %v", font, word, h, w)
			}
		}
	}
}

// TestPrefixesAreWidths checks the line breaker's short cut: the
// widths Prefixes gives in one pass are those Width gives each prefix,
// with and without a hyphen, or it refuses.
func TestPrefixesAreWidths(t *testing.T) {
	s := shapedSet()
	took := 0
	for _, font := range []string{Serif, SerifBoldItalic, Sans, WithRole(Serif, RoleHeadings)} {
		for _, word := range []string{"Yerevan", "AVAWAY", "Tokyo’s", "(Ty)", "1990s", "“To", "Çavuşoğlu", "Пашинян", "Αθήνα", "e\u0301te\u0301", "2023–24", "x"} {
			var cuts []int
			for off := range word {
				if off > 0 {
					cuts = append(cuts, off)
				}
			}
			cuts = append(cuts, len(word))
			w, h := make([]float64, len(cuts)), make([]float64, len(cuts))
			if !s.Prefixes(font, 9.5, word, cuts, w, h) {
				continue
			}
			took++
			for k, c := range cuts {
				if want := s.Width(font, 9.5, word[:c]); w[k] != want {
					t.Errorf("%s %q[:%d]: Prefixes %v, Width %v", font, word, c, w[k], want)
				}
				if want := s.Width(font, 9.5, word[:c]+"-"); h[k] != want {
					t.Errorf("%s %q[:%d]+\"-\": Prefixes %v, Width %v", font, word, c, h[k], want)
				}
			}
		}
	}
	if took < 20 {
		t.Errorf("Prefixes took only %d words", took)
	}
	if s.Prefixes(Serif, 10, "Yerevan", []int{0, 3}, make([]float64, 2), make([]float64, 2)) {
		t.Errorf("Prefixes took an empty prefix")
	}
	if s.Prefixes(Serif, 10, "Пашинян", []int{1}, make([]float64, 1), make([]float64, 1)) {
		t.Errorf("Prefixes took a cut inside a character")
	}
}
