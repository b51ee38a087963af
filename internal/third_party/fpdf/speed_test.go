package fpdf

// Tests of the speed patch (01-speed.diff): each of its changes keeps
// the bytes of a document, so they are checked against what fpdf did
// before (one goroutine, fmt) or against themselves (the same document
// twice, several at once). .ci/run runs them under -race.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// manyPages is a compressed document of pages pages in three UTF-8
// fonts, more pages than one batch of page compression (64) and more
// fonts than one, so that both run on several goroutines.
func manyPages(t testing.TB, pages int, compress bool) []byte {
	t.Helper()
	raw, err := writeManyPages(pages, compress)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func writeManyPages(pages int, compress bool) ([]byte, error) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetCatalogSort(true) // fonts in key order, not map order
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		pdf.SetFont("serif", "", 11)
		for l := 0; l < 20; l++ {
			pdf.Text(72, 72+float64(l)*14, fmt.Sprintf("Page %d, line %d: négociations, Übereinkunft, ½ %c", p, l, 'a'+rune((p+l)%26)))
		}
		pdf.SetFont("sans", "B", 14)
		pdf.Text(72, 50, fmt.Sprintf("Heading %d", p))
		if p%3 == 0 {
			pdf.SetFont("dejavu", "", 10)
			pdf.Text(72, 400, "Ωμέγα → Ψ, ≤ ≥ ∑ "+strings.Repeat("é", p%7))
		}
	}
	var buf bytes.Buffer
	err := pdf.Output(&buf)
	return buf.Bytes(), err
}

// TestParallelOutputSameBytes checks that subsetting the fonts and
// compressing the pages on several goroutines writes the same bytes as
// doing it on one, and that documents written at the same time (sharing
// the pool of zlib writers) are each the same as one written alone.
func TestParallelOutputSameBytes(t *testing.T) {
	const pages = 150 // three batches of page compression
	prev := runtime.GOMAXPROCS(1)
	serial := manyPages(t, pages, true)
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)

	if got := manyPages(t, pages, true); !bytes.Equal(got, serial) {
		t.Fatalf("written on %d goroutines: %d bytes, on one: %d bytes, and they differ",
			runtime.GOMAXPROCS(0), len(got), len(serial))
	}
	const docs = 4
	out := make([][]byte, docs)
	errs := make([]error, docs)
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() { out[i], errs[i] = writeManyPages(pages, true) })
	}
	wg.Wait()
	for i, got := range out {
		if errs[i] != nil {
			t.Errorf("document %d of %d written at once: %v", i+1, docs, errs[i])
		} else if !bytes.Equal(got, serial) {
			t.Errorf("document %d of %d written at once differs from the one written alone", i+1, docs)
		}
	}
}

// TestCompressedPagesDecode checks that every compressed content stream
// (pages, written ahead in batches with pooled zlib writers) inflates to
// the content of the same page written uncompressed, in page order.
func TestCompressedPagesDecode(t *testing.T) {
	const pages = 70
	compressed := manyPages(t, pages, true)
	plain := manyPages(t, pages, false)
	rc := readPlain(t, compressed)
	rp := readPlain(t, plain)
	if rc.PageCount != pages || rp.PageCount != pages {
		t.Fatalf("page counts %d and %d, want %d", rc.PageCount, rp.PageCount, pages)
	}
	for n := 1; n <= pages; n++ {
		c, p := plainPageContent(t, rc, n), plainPageContent(t, rp, n)
		if c != p {
			t.Fatalf("page %d: the compressed content decodes to %d bytes that differ from the %d written plain", n, len(c), len(p))
		}
		if strings.Count(c, " Tj ") < 21 {
			t.Fatalf("page %d: %d text operators, want 21 at least", n, strings.Count(c, " Tj "))
		}
	}
	// Each stream is a zlib stream compress/zlib reads.
	streams := regexp.MustCompile(`(?s)/Filter /FlateDecode[^>]*>>\nstream\n(.*?)\nendstream`).FindAllSubmatch(compressed, -1)
	if len(streams) < pages {
		t.Fatalf("%d compressed streams, want at least %d", len(streams), pages)
	}
	for i, s := range streams {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
	}
}

// TestTextOperator checks that Text writes the operator fmt wrote:
// "BT %.2f %.2f Td (%s) Tj ET", for coordinates that round, are negative,
// large or tiny.
func TestTextOperator(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 10)
	xs := []float64{0, 1, 0.005, 0.015, 1.005, 2.675, -0.001, -0.004, -0.005, -3.14159, 72.125, 595.275, 1e6 + 0.125, 1e-9, 123456789.987654}
	for _, x := range xs {
		for _, y := range []float64{0, 0.335, 841.89, -12.5} {
			before := pdf.pages[pdf.page].Len()
			pdf.Text(x, y, "a(b)c")
			got := pdf.pages[pdf.page].String()[before:]
			want := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET\n", x*pdf.k, (pdf.h-y)*pdf.k, `a\(b\)c`)
			if got != want {
				t.Errorf("Text(%v, %v): %q, fmt gives %q", x, y, got, want)
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

// TestFontIDs checks the font IDs made from a binary hash of the
// widths: the same font gets the same ID (so the same resource name) in
// every document, different fonts different ones.
func TestFontIDs(t *testing.T) {
	ids := func() map[string]string {
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
		pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
		pdf.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
		pdf.SetFont("Helvetica", "", 10)
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for k, f := range pdf.fonts {
			m[k] = f.i
		}
		return m
	}
	a, b := ids(), ids()
	seen := map[string]string{}
	for k, id := range a {
		if id == "" {
			t.Errorf("font %s has no ID", k)
		}
		if b[k] != id {
			t.Errorf("font %s: ID %s, then %s", k, id, b[k])
		}
		if other, ok := seen[id]; ok {
			t.Errorf("fonts %s and %s share the ID %s", k, other, id)
		}
		seen[id] = k
	}
	if len(a) != 4 {
		t.Errorf("%d fonts, want 4", len(a))
	}
	// The widths count: a font that differs only in one width differs.
	def := fontDefType{Tp: "UTF8", Name: "x", Cw: make([]int, 65536)}
	def.Cw['a'] = 500
	id1, err := generateFontID(def)
	if err != nil {
		t.Fatal(err)
	}
	def.Cw = make([]int, 65536)
	def.Cw['a'] = 501
	id2, _ := generateFontID(def)
	def.Cw = make([]int, 65536)
	def.Cw['b'] = 500
	id3, _ := generateFontID(def)
	if id1 == id2 || id1 == id3 || id2 == id3 {
		t.Errorf("IDs %s %s %s: a width's value and index must count", id1, id2, id3)
	}
}

// TestCmapMaps checks that building only the map a caller reads gives
// the map both built together give, for fonts with several cmap
// segments.
func TestCmapMaps(t *testing.T) {
	for name, ttf := range map[string][]byte{"LiberationSerif": liberationserifregular.TTF, "DejaVuSans": dejavusans.TTF} {
		utf := newUTF8Font(&fileReader{readerPosition: 0, array: ttf})
		if err := utf.parseFile(); err != nil {
			t.Fatal(err)
		}
		pos := utf.parseCMAPTable(0)
		if pos == 0 {
			t.Fatalf("%s: no Unicode cmap", name)
		}
		both1, both2 := utf.generateSCCSDictionaries(pos, true, true)
		only1, none2 := utf.generateSCCSDictionaries(pos, true, false)
		none1, only2 := utf.generateSCCSDictionaries(pos, false, true)
		if none1 != nil || none2 != nil {
			t.Errorf("%s: a map not asked for was made", name)
		}
		if len(both2) < 1000 || len(both1) < 1000 {
			t.Fatalf("%s: %d characters, %d glyphs in the cmap", name, len(both2), len(both1))
		}
		if fmt.Sprint(only1) != fmt.Sprint(both1) || fmt.Sprint(only2) != fmt.Sprint(both2) {
			t.Errorf("%s: the maps built alone differ from those built together", name)
		}
		for char, glyph := range both2 {
			found := false
			for _, c := range both1[glyph] {
				found = found || c == char
			}
			if !found {
				t.Fatalf("%s: U+%04X → glyph %d, but the glyph's characters are %v", name, char, glyph, both1[glyph])
			}
		}
		if g := both2['A']; g == 0 {
			t.Errorf("%s: no glyph for A", name)
		}
	}
}
