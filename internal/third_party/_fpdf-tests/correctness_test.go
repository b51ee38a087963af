package fpdf

// Tests of the output-correctness patch (02-output-correctness.diff):
// subset tags, outline counts, indirect link annotations, and panics on
// the goroutines of the speed patch turned into the document's error.

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readPlain validates raw with pdfcpu in strict mode and reads it back.
func readPlain(t *testing.T, raw []byte) *model.Context {
	t.Helper()
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(raw), conf); err != nil {
		t.Fatalf("pdfcpu validation (strict): %v", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(raw), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// plainPageContent returns page n's content stream, decoded.
func plainPageContent(t *testing.T, ctx *model.Context, n int) string {
	t.Helper()
	return pageContent(t, &readBack{ctx: ctx}, n)
}

func plainDict(t *testing.T, ctx *model.Context, o types.Object) types.Dict {
	t.Helper()
	d, err := ctx.DereferenceDict(o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// subsetNames returns the /BaseFont of each Type0 font of a document
// that writes text in serif (and in sans bold if sans is not "").
func subsetNames(t *testing.T, serif, sans string) []string {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true) // fonts in key order, not map order
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.AddPage()
	pdf.SetFont("serif", "", 12)
	pdf.Text(72, 72, serif)
	if sans != "" {
		pdf.SetFont("sans", "B", 12)
		pdf.Text(72, 90, sans)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	readPlain(t, buf.Bytes())
	var names []string
	for _, m := range regexp.MustCompile(`/Subtype /Type0\n/BaseFont /(\S+)`).FindAllSubmatch(buf.Bytes(), -1) {
		names = append(names, string(m[1]))
	}
	return names
}

// TestSubsetTags checks the subset tags: six capital letters and "+"
// before the font's name, the same for the same subset in every
// document, different for different subsets of one font and for the
// subsets of different fonts.
func TestSubsetTags(t *testing.T) {
	tagged := regexp.MustCompile(`^([A-Z]{6})\+utf8(serif|sansB)$`)
	a := subsetNames(t, "Briefing", "Heading")
	if len(a) != 2 {
		t.Fatalf("fonts %v, want two", a)
	}
	for _, n := range a {
		if !tagged.MatchString(n) {
			t.Errorf("font name %q, want TAG+utf8KEY", n)
		}
	}
	if b := subsetNames(t, "Briefing", "Heading"); fmt.Sprint(b) != fmt.Sprint(a) {
		t.Errorf("the same document names its subsets %v, then %v", a, b)
	}
	tag := func(names []string, key string) string {
		for _, n := range names {
			if m := tagged.FindStringSubmatch(n); m != nil && m[2] == key {
				return m[1]
			}
		}
		t.Fatalf("no subset of %s in %v", key, names)
		return ""
	}
	// The serif subset is the same whatever the other font draws.
	if x, y := tag(a, "serif"), tag(subsetNames(t, "Briefing", "Other words"), "serif"); x != y {
		t.Errorf("the same serif subset is tagged %s and %s", x, y)
	}
	if x, y := tag(a, "serif"), tag(subsetNames(t, "Briefing!", ""), "serif"); x == y {
		t.Errorf("two different serif subsets are both tagged %s", x)
	}
	if x, y := tag(a, "serif"), tag(a, "sansB"); x == y {
		t.Errorf("the subsets of two fonts are both tagged %s", x)
	}
}

// TestOutlineCount checks the outline: every item open, an item with
// descendants has their number as Count, one without has none, and the
// root's Count is the number of items.
func TestOutlineCount(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	// level: 0 A, 1 A.1, 2 A.1.a, 2 A.1.b, 1 A.2, 0 B, 0 C, 1 C.1
	items := []struct {
		title string
		level int
		want  int // Count; 0: none
	}{
		{"A", 0, 4}, {"A.1", 1, 2}, {"A.1.a", 2, 0}, {"A.1.b", 2, 0}, {"A.2", 1, 0},
		{"B", 0, 0}, {"C", 0, 1}, {"C.1", 1, 0},
	}
	for _, it := range items {
		pdf.AddPage()
		pdf.Bookmark(it.title, it.level, 0)
		pdf.Text(72, 72, it.title)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	ctx := readPlain(t, buf.Bytes())
	cat, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	root := plainDict(t, ctx, cat["Outlines"])
	if c := root.IntEntry("Count"); c == nil || *c != len(items) {
		t.Errorf("outline root Count %v, want %d", c, len(items))
	}
	// Walk the tree in order: First, then its kids, then Next.
	var got []string
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		for o != nil {
			d := plainDict(t, ctx, o)
			title, _ := d["Title"].(types.StringLiteral)
			count := 0
			if c := d.IntEntry("Count"); c != nil {
				count = *c
			}
			got = append(got, fmt.Sprintf("%s@%d:%d", title.Value(), depth, count))
			walk(d["First"], depth+1)
			o = d["Next"]
		}
	}
	walk(root["First"], 0)
	var want []string
	for _, it := range items {
		want = append(want, fmt.Sprintf("%s@%d:%d", it.title, it.level, it.want))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outline (title@level:Count)\n got %v\nwant %v", got, want)
	}
}

// TestIndirectLinkAnnotations checks that a page's /Annots holds
// references to link annotations (internal and URI), each going where
// the link was made to go, and that the pages keep their object numbers.
func TestIndirectLinkAnnotations(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	target := pdf.AddLink()
	pdf.Link(72, 72, 100, 14, target)
	pdf.LinkString(72, 100, 100, 14, "https://example.org/a?b=(c)")
	pdf.Text(72, 82, "to page 2")
	pdf.AddPage()
	pdf.SetLink(target, 200, 2)
	pdf.Text(72, 210, "here")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	ctx := readPlain(t, raw)
	// Page n is object 1+2n, as internal links and outlines expect.
	for n := 1; n <= 2; n++ {
		_, ref, _, err := ctx.PageDict(n, false)
		if err != nil {
			t.Fatal(err)
		}
		if ref.ObjectNumber.Value() != 1+2*n {
			t.Errorf("page %d is object %d, want %d", n, ref.ObjectNumber.Value(), 1+2*n)
		}
	}
	page1, _, _, err := ctx.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	annots, ok := page1["Annots"].(types.Array)
	if !ok || len(annots) != 2 {
		t.Fatalf("page 1 /Annots %v, want an array of two", page1["Annots"])
	}
	for i, a := range annots {
		if _, ok := a.(types.IndirectRef); !ok {
			t.Fatalf("annotation %d is %T, not an indirect reference", i, a)
		}
	}
	internal := plainDict(t, ctx, annots[0])
	if s := internal.NameEntry("Subtype"); s == nil || *s != "Link" {
		t.Errorf("annotation 1: %v", internal)
	}
	dest, ok := internal["Dest"].(types.Array)
	if !ok || len(dest) != 5 {
		t.Fatalf("internal link /Dest %v", internal["Dest"])
	}
	_, page2, _, err := ctx.PageDict(2, false)
	if err != nil {
		t.Fatal(err)
	}
	if ref, ok := dest[0].(types.IndirectRef); !ok || ref.ObjectNumber != page2.ObjectNumber {
		t.Errorf("internal link goes to %v, want page 2 (%v)", dest[0], page2)
	}
	if y, ok := dest[3].(types.Float); !ok || y.Value() != 841.89-200 {
		t.Errorf("internal link goes to y %v, want %v", dest[3], 841.89-200)
	}
	uri := plainDict(t, ctx, annots[1])
	action := plainDict(t, ctx, uri["A"])
	if s, ok := action["URI"].(types.StringLiteral); !ok || !strings.Contains(string(s), "example.org/a?b=") {
		t.Errorf("URI action %v", action)
	}
	// Not one dictionary inside the array.
	if regexp.MustCompile(`/Annots \[\s*<<`).Match(raw) {
		t.Error("an /Annots array holds a dictionary")
	}
}

// brokenFont is a document in two UTF-8 fonts whose second has lost its
// glyph data after it was added, so that subsetting it at output panics.
func brokenFont(t *testing.T, pages int) *Fpdf {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	for range pages {
		pdf.AddPage()
		pdf.SetFont("serif", "", 12)
		pdf.Text(72, 72, "serif")
		pdf.SetFont("sans", "B", 12)
		pdf.Text(72, 90, "sans")
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	font := pdf.fonts["sansB"]
	fr := font.utf8File.fileReader
	fr.array = fr.array[:64:64] // the table directory, cut short
	return pdf
}

// TestSubsetPanicIsError checks that a font whose subsetting panics on
// an output goroutine makes Output fail, naming the font, writing
// nothing, instead of taking the process down; on one goroutine and on
// several.
func TestSubsetPanicIsError(t *testing.T) {
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			pdf := brokenFont(t, 3)
			var buf bytes.Buffer
			err := pdf.Output(&buf)
			if err == nil {
				t.Fatal("Output of a document with a broken font: no error")
			}
			if !strings.Contains(err.Error(), "subsetting font") || !strings.Contains(err.Error(), "sans") {
				t.Errorf("error %q does not name the font being subset", err)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written with the error", buf.Len())
			}
		})
	}
}

// TestParallelRecovers checks the helper that runs the work on several
// goroutines: every call made once when none panics; a panic becomes the
// returned error, and the calls not yet started are not made.
func TestParallelRecovers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const n = 1000
	var calls [n]atomic.Int32
	if err := parallel(n, func(i int) { calls[i].Add(1) }); err != nil {
		t.Fatal(err)
	}
	for i := range calls {
		if c := calls[i].Load(); c != 1 {
			t.Fatalf("call %d made %d times", i, c)
		}
	}
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		var made [n]atomic.Int32
		boom := errors.New("boom")
		err := parallel(n, func(i int) {
			made[i].Add(1)
			if i == 10 {
				panic(boom)
			}
		})
		if err == nil || !strings.Contains(err.Error(), "panic: boom") {
			t.Errorf("GOMAXPROCS=%d: error %v, want the panic", procs, err)
		}
		total := 0
		for i := range made {
			c := int(made[i].Load())
			if c > 1 {
				t.Errorf("GOMAXPROCS=%d: call %d made %d times", procs, i, c)
			}
			total += c
		}
		// On one goroutine the calls stop at the panic. (On several, how
		// many others start before they see it depends on scheduling.)
		if procs == 1 && total != 11 {
			t.Errorf("GOMAXPROCS=1: %d calls made, want 11: none after the panic", total)
		}
	}
}
