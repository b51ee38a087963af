package fonts_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
)

var be = binary.BigEndian

// tableOf returns the offset and length of a table of a TrueType file.
func tableOf(t testing.TB, ttf []byte, tag string) (off, length int) {
	t.Helper()
	for i := 0; i < int(be.Uint16(ttf[4:])); i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == tag {
			return int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		}
	}
	t.Fatalf("no %q table", tag)
	return 0, 0
}

// locaEntry returns a function that reads and one that writes glyph g's
// offset in the loca table.
func loca(t testing.TB, ttf []byte) (get func(g int) int, set func(g, v int)) {
	head, _ := tableOf(t, ttf, "head")
	off, _ := tableOf(t, ttf, "loca")
	if be.Uint16(ttf[head+50:]) == 0 {
		return func(g int) int { return 2 * int(be.Uint16(ttf[off+2*g:])) },
			func(g, v int) { be.PutUint16(ttf[off+2*g:], uint16(v/2)) }
	}
	return func(g int) int { return int(be.Uint32(ttf[off+4*g:])) },
		func(g, v int) { be.PutUint32(ttf[off+4*g:], uint32(v)) }
}

func numGlyphs(t testing.TB, ttf []byte) int {
	maxp, _ := tableOf(t, ttf, "maxp")
	return int(be.Uint16(ttf[maxp+4:]))
}

// firstComposite returns a composite glyph of ttf and the offset in the
// file of its first component's glyph index.
func firstComposite(t testing.TB, ttf []byte) (glyph, at int) {
	get, _ := loca(t, ttf)
	glyf, _ := tableOf(t, ttf, "glyf")
	for g := 0; g < numGlyphs(t, ttf); g++ {
		if get(g+1) > get(g) && int16(be.Uint16(ttf[glyf+get(g):])) < 0 {
			return g, glyf + get(g) + 10 + 2
		}
	}
	t.Fatal("no composite glyph")
	return 0, 0
}

// TestMalformedFonts checks that fonts which would make fpdf panic, loop
// or hang when it subsets them are rejected when loaded, with an error
// that names the file.
func TestMalformedFonts(t *testing.T) {
	orig := liberationserifregular.TTF
	n := numGlyphs(t, orig)
	cases := []struct {
		name, want string
		edit       func(b []byte) []byte
	}{
		{"loca runs backwards", "ends before it starts", func(b []byte) []byte {
			get, set := loca(t, b)
			set(40, get(42)+8)
			return b
		}},
		{"glyph starts inside another", "glyph 36: ", func(b []byte) []byte {
			get, set := loca(t, b)
			set(36, get(36)+6) // still inside glyf, still increasing
			return b
		}},
		{"glyph past the glyf table", "past the", func(b []byte) []byte {
			_, set := loca(t, b)
			_, glyfLen := tableOf(t, b, "glyf")
			set(n, glyfLen+1024)
			return b
		}},
		{"composite contains itself", "contains itself", func(b []byte) []byte {
			g, at := firstComposite(t, b)
			be.PutUint16(b[at:], uint16(g))
			return b
		}},
		{"component does not exist", "does not exist", func(b []byte) []byte {
			_, at := firstComposite(t, b)
			be.PutUint16(b[at:], uint16(n+5))
			return b
		}},
		{"cmap maps past the last glyph", "cmap maps", func(b []byte) []byte {
			maxp, _ := tableOf(t, b, "maxp")
			be.PutUint16(b[maxp+4:], 3)
			return b
		}},
		{"hmtx too short", `"hmtx" table too short`, func(b []byte) []byte {
			hhea, _ := tableOf(t, b, "hhea")
			be.PutUint16(b[hhea+34:], uint16(n+500))
			return b
		}},
		{"table past the end", "outside the file", func(b []byte) []byte { return b[:len(b)/2] }},
		{"cut in the directory", "truncated", func(b []byte) []byte { return b[:40] }},
		{"name records past the table", `"name" table`, func(b []byte) []byte {
			name, _ := tableOf(t, b, "name")
			be.PutUint16(b[name+2:], 0xffff)
			return b
		}},
		{"post too short", `"post" table too short`, func(b []byte) []byte {
			for i := 0; i < int(be.Uint16(b[4:])); i++ {
				if rec := b[12+16*i:]; string(rec[:4]) == "post" {
					be.PutUint32(rec[12:], 8)
				}
			}
			return b
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := c.edit(append([]byte(nil), orig...))
			err := fonts.New().Replace(fonts.Serif, "fonts/broken.ttf", bad)
			if err == nil {
				t.Fatal("the broken font loads")
			}
			if !errors.Is(err, fonts.ErrNotTrueType) || !strings.Contains(err.Error(), "fonts/broken.ttf") ||
				!strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q: want one that names the file and says %q", err, c.want)
			}
		})
	}
}

// sample is text with letters, accented letters (composite glyphs in the
// Liberation fonts) and punctuation: what a subset of a mutated font
// must survive.
const sample = "The quick brown fox 0123 ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ ĀāĂăĄąĆćĈĉ ŠšŽž ǺǻǼǽ ẀẁẂẃ “”‘’–—…"

// embed puts a face into a PDF with sample and writes it, recovering a
// panic into the error.
func embed(ttf []byte) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", ttf)
	pdf.AddUTF8FontFromBytes("g", "", liberationsansregular.TTF)
	pdf.AddPage()
	pdf.SetFont("f", "", 12)
	pdf.Text(20, 40, sample)
	pdf.SetFont("g", "", 12)
	pdf.Text(20, 80, sample)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("fpdf: %w", err)
	}
	return nil
}

// mutate flips bytes of ttf: in one of the tables fpdf reads by offset
// (where a flipped byte is most likely to matter), or anywhere.
func mutate(t testing.TB, r *rand.Rand, ttf []byte) []byte {
	b := append([]byte(nil), ttf...)
	tags := []string{"loca", "cmap", "hmtx", "head", "hhea", "maxp", "name", "OS/2", "post", "glyf", ""}
	tag := tags[r.IntN(len(tags))]
	off, n := 0, len(b)
	if tag != "" {
		off, n = tableOf(t, b, tag)
	}
	if tag == "" && r.IntN(4) == 0 {
		return b[:r.IntN(len(b))] // truncated
	}
	for k := 1 + r.IntN(3); k > 0; k-- {
		i := off + r.IntN(max(n, 1))
		if r.IntN(2) == 0 {
			b[i] ^= byte(1 << r.IntN(8))
		} else {
			b[i] = byte(r.IntN(256))
		}
	}
	return b
}

// TestMutatedFontsNeverPanic loads mutated fonts: each is rejected when
// loaded, or fpdf embeds and subsets it without a panic.
func TestMutatedFontsNeverPanic(t *testing.T) {
	count := 100
	if s := os.Getenv("BRIEFING_MUTANTS"); s != "" {
		count, _ = strconv.Atoi(s)
	}
	if testing.Short() {
		count = 20
	}
	r := rand.New(rand.NewPCG(12, 2026))
	rejected, panics := 0, 0
	for i := 0; i < count; i++ {
		b := mutate(t, r, liberationserifregular.TTF)
		if err := fonts.New().Replace(fonts.Serif, "mutant.ttf", b); err != nil {
			rejected++
			continue
		}
		if err := embed(b); err != nil && strings.HasPrefix(err.Error(), "panic") {
			panics++
			t.Errorf("mutant %d loads, then %v", i, err)
		}
	}
	t.Logf("%d mutated fonts: %d rejected when loaded, %d panics in fpdf", count, rejected, panics)
}

// TestFpdfRecoversSubsetPanic checks that a font that panics fpdf's
// subsetter (loaded into fpdf directly, past our checks)
// makes Output fail with an error naming the font, not crash.
func TestFpdfRecoversSubsetPanic(t *testing.T) {
	bad := append([]byte(nil), liberationserifregular.TTF...)
	get, set := loca(t, bad)
	n := numGlyphs(t, bad)
	end := get(n)
	for g := 0; g <= n; g++ {
		set(g, end-4*g) // every glyph ends before it starts
	}
	err := embed(bad)
	if err == nil || strings.HasPrefix(err.Error(), "panic") || !strings.Contains(err.Error(), "subsetting font") {
		t.Fatalf("Output: %v; want an error from subsetting the font", err)
	}
}

// TestAstralCharacters checks that characters outside the BMP are read
// from a format 12 cmap and, with text shaped, can be set: the face has them (InFile,
// HasGlyph) and the shaper finds their glyphs.
func TestAstralCharacters(t *testing.T) {
	s := shapedNew()
	if err := s.Replace(fonts.Serif, "DejaVuSerif.ttf", dejavuserif.TTF); err != nil {
		t.Fatal(err)
	}
	const r = '\U0001D538' // MATHEMATICAL DOUBLE-STRUCK CAPITAL A
	if !s.InFile(fonts.Serif, r) || !s.HasGlyph(fonts.Serif, r) {
		t.Errorf("DejaVu Serif: InFile(%U) = %v, HasGlyph = %v", r, s.InFile(fonts.Serif, r), s.HasGlyph(fonts.Serif, r))
	}
	if got := s.MissingGlyphs(fonts.Serif, "A"+string(r)); len(got) != 0 {
		t.Errorf("MissingGlyphs = %q", string(got))
	}
	segs, err := s.Shape(fonts.Serif, string(r))
	if err != nil || len(segs) != 1 || segs[0].Embed != fonts.Serif || segs[0].Glyphs[0].ID == 0 {
		t.Errorf("Shape(%U) = %+v, %v; want its glyph in the serif face", r, segs, err)
	}
	if s.InFile(fonts.Serif, '\U0001F600') || s.InFile(fonts.Sans, r) {
		t.Error("InFile is true for a character the font lacks")
	}
	if !s.InFile(fonts.Serif, 'A') {
		t.Error("InFile('A') = false")
	}
}

// TestAstralCharactersUnshaped checks that characters outside the BMP are read
// from a format 12 cmap: the font has them (InFile) though fpdf cannot
// set them (HasGlyph).
func TestAstralCharactersUnshaped(t *testing.T) {
	s := fonts.New()
	if err := s.Replace(fonts.Serif, "DejaVuSerif.ttf", dejavuserif.TTF); err != nil {
		t.Fatal(err)
	}
	const r = '\U0001D538' // MATHEMATICAL DOUBLE-STRUCK CAPITAL A
	if !s.InFile(fonts.Serif, r) {
		t.Errorf("DejaVu Serif: InFile(%U) = false", r)
	}
	if s.HasGlyph(fonts.Serif, r) {
		t.Errorf("HasGlyph(%U) = true, but fpdf cannot set it", r)
	}
	if got := s.MissingGlyphs(fonts.Serif, "A"+string(r)); string(got) != string(r) {
		t.Errorf("MissingGlyphs = %q", string(got))
	}
	if s.InFile(fonts.Serif, '\U0001F600') || s.InFile(fonts.Sans, r) {
		t.Error("InFile is true for a character the font lacks")
	}
	if !s.InFile(fonts.Serif, 'A') {
		t.Error("InFile('A') = false")
	}
}
