package fpdf

// Tests of the limits in 04-standards.diff: the parent tree as a number
// tree of leaves, PDF/A-1's array limit, no partial output.

import (
	"bytes"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// manyLinks is a tagged document of two pages with n links on the
// first, each owned by a Link element of its own.
func manyLinks(t *testing.T, n int, compress bool) []byte {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	// Fixed dates: two documents made a second apart are otherwise
	// different bytes (TestParallelObjectStreamsSameBytes compares two).
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCompression(compress)
	pdf.SetTagged(true)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.SetFont("serif", "", 4)
	doc := pdf.AddStructElem(StructRoot, "Document", StructAttrs{})
	p := pdf.AddStructElem(doc, "P", StructAttrs{})
	pdf.AddPage()
	for i := 0; i < n; i++ {
		x, y := 20+float64(i%40)*14, 20+float64(i/40)*5
		l := pdf.AddStructElem(p, "Link", StructAttrs{})
		pdf.BeginMarkedContent(l)
		pdf.Text(x, y, "x")
		pdf.EndMarkedContent()
		pdf.LinkStringTagged(x, y-4, 4, 4, "https://example.org/", l, "Example")
	}
	pdf.AddPage()
	pdf.BeginMarkedContent(p)
	pdf.Text(20, 20, "end")
	pdf.EndMarkedContent()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParentTreeLeaves(t *testing.T) {
	for _, compress := range []bool{false, true} {
		const n = 2500 // 2 pages + 2,500 links: 3 leaves of up to 1,024
		rb := readTagged(t, manyLinks(t, n, compress))
		pt := rb.dict(t, rb.root["ParentTree"])
		kids, _ := rb.deref(t, pt["Kids"]).(types.Array)
		if len(kids) != 3 || pt["Nums"] != nil {
			t.Fatalf("compress %v: parent tree root %v, want /Kids of 3 leaves", compress, pt)
		}
		values := map[int]types.Object{}
		prev := -1
		for i, k := range kids {
			leaf := rb.dict(t, k)
			nums, _ := rb.deref(t, leaf["Nums"]).(types.Array)
			lim, _ := rb.deref(t, leaf["Limits"]).(types.Array)
			if len(nums) == 0 || len(nums) > 2048 || len(lim) != 2 {
				t.Fatalf("leaf %d: %d numbers and values, /Limits %v", i, len(nums), lim)
			}
			first, last := nums[0].(types.Integer).Value(), nums[len(nums)-2].(types.Integer).Value()
			if lim[0].(types.Integer).Value() != first || lim[1].(types.Integer).Value() != last {
				t.Errorf("leaf %d: /Limits %v, keys %d to %d", i, lim, first, last)
			}
			for j := 0; j+1 < len(nums); j += 2 {
				key := nums[j].(types.Integer).Value()
				if key <= prev {
					t.Fatalf("leaf %d: key %d after %d", i, key, prev)
				}
				prev = key
				values[key] = nums[j+1]
			}
		}
		if len(values) != 2+n {
			t.Errorf("compress %v: %d keys, want %d (2 pages, %d links)", compress, len(values), 2+n, n)
		}
		// Every link resolves through the tree to a Link element that
		// owns it.
		d, _, _, _ := rb.ctx.PageDict(1, false)
		annots, _ := rb.deref(t, d["Annots"]).(types.Array)
		if len(annots) != n {
			t.Fatalf("%d annotations, want %d", len(annots), n)
		}
		for _, a := range annots {
			sp := rb.dict(t, a).IntEntry("StructParent")
			owner := rb.dict(t, values[*sp])
			k := rb.dict(t, owner["K"])
			if k != nil { // one kid would be bare; a Link has two
				t.Fatalf("link element /K %v, want [MCID OBJR]", owner["K"])
			}
			ks, _ := rb.deref(t, owner["K"]).(types.Array)
			objr := rb.dict(t, ks[len(ks)-1])
			if objr == nil || objr["Obj"].(types.IndirectRef) != a.(types.IndirectRef) {
				t.Fatalf("annotation %v: its parent tree entry %v does not own it", a, owner)
			}
		}
	}
}

func TestPDFA1ArrayLimit(t *testing.T) {
	build := func(std Standard) error {
		pdf := New("P", "pt", "A4", "")
		pdf.SetTagged(true)
		pdf.SetTitle("Limits", false)
		pdf.SetLang("en")
		pdf.SetStandard(std)
		pdf.AddOutputIntent(srgbIntent())
		pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
		pdf.SetFont("serif", "", 4)
		p := pdf.AddStructElem(StructRoot, "P", StructAttrs{})
		for page := 0; page < 2; page++ {
			pdf.AddPage()
			for i := 0; i < 4096; i++ { // 8,192 kids in all
				pdf.BeginMarkedContent(p)
				pdf.EndMarkedContent()
			}
		}
		var buf bytes.Buffer
		err := pdf.Output(&buf)
		if err != nil && buf.Len() != 0 {
			t.Errorf("%v: %d bytes written with the error", std, buf.Len())
		}
		return err
	}
	if err := build(Standard{PDFA: "1B"}); err == nil || !strings.Contains(err.Error(), "PDF/A-1b: structure element P has 8192 kids; PDF/A-1 limits an array to 8191 elements") {
		t.Errorf("PDF/A-1b: error %v, want the array limit", err)
	}
	if err := build(Standard{PDFA: "2B"}); err != nil {
		t.Errorf("PDF/A-2b has no such limit: %v", err)
	}
}

// TestNoPartialOutput checks that an error found while the document is
// being written leaves the writer untouched.
func TestNoPartialOutput(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.SetFont("serif", "", 12)
	pdf.AddPage()
	pdf.Text(72, 72, "text")
	font := pdf.fonts["serif"]
	font.Tp = "Bogus" // putfonts fails on it, after the pages are written
	pdf.fonts["serif"] = font
	var buf bytes.Buffer
	err := pdf.Output(&buf)
	if err == nil || !strings.Contains(err.Error(), "unsupported font type") {
		t.Fatalf("error %v, want the font's", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes of a broken document written", buf.Len())
	}
}
