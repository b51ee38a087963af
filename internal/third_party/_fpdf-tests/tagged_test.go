package fpdf

// Tests of the tagged-PDF patch (03-tagged-pdf.diff): the structure
// tree read back with pdfcpu, MCID ownership checked against the page
// contents.

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// taggedDoc builds a small tagged document of two pages: a heading, a
// paragraph continued on page 2, a list, a table with header cells, a
// figure, an internal and an external link, and artifacts (footer,
// rule). It is what the other tests read back.
func taggedDoc(t testing.TB, setup func(*Fpdf)) []byte {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetTitle("Tagged test", true)
	pdf.SetLang("en-GB")
	pdf.SetTagged(true)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	if setup != nil {
		setup(pdf)
	}
	pdf.SetRoleMap("Title", "H1")
	doc := pdf.AddStructElem(StructRoot, "Document", StructAttrs{})
	h := pdf.AddStructElem(doc, "Title", StructAttrs{})
	p := pdf.AddStructElem(doc, "P", StructAttrs{})
	l := pdf.AddStructElem(doc, "L", StructAttrs{})
	tbl := pdf.AddStructElem(doc, "Table", StructAttrs{})
	fig := pdf.AddStructElem(doc, "Figure", StructAttrs{Alt: "A square, drawn in black"})
	p2 := pdf.AddStructElem(doc, "P", StructAttrs{Lang: "fr"})

	target := pdf.AddLink()
	pdf.SetFont("serif", "", 12)
	pdf.AddPage()
	footer := func(n int) {
		pdf.BeginArtifact(ArtifactPagination, "Footer")
		pdf.Text(280, 800, strconv.Itoa(n))
		pdf.EndMarkedContent()
	}
	footer(1)
	pdf.BeginMarkedContent(h)
	pdf.Text(72, 72, "Tagged title")
	pdf.EndMarkedContent()
	pdf.BeginArtifact(ArtifactLayout, "")
	pdf.Line(72, 80, 520, 80)
	pdf.EndMarkedContent()
	pdf.BeginMarkedContent(p)
	pdf.Text(72, 100, "A paragraph with a ")
	pdf.EndMarkedContent()
	link := pdf.AddStructElem(p, "Link", StructAttrs{})
	pdf.BeginMarkedContent(link)
	pdf.Text(180, 100, "link")
	pdf.EndMarkedContent()
	pdf.LinkTagged(180, 90, 25, 12, target, link, "Table on page 2")
	pdf.BeginMarkedContent(p)
	pdf.BeginActualText("negotiations")
	pdf.Text(210, 100, "negoti-")
	pdf.Text(72, 114, "ations")
	pdf.EndMarkedContent()
	pdf.EndMarkedContent()
	for i, item := range []string{"first", "second"} {
		li := pdf.AddStructElem(l, "LI", StructAttrs{})
		lbl := pdf.AddStructElem(li, "Lbl", StructAttrs{})
		body := pdf.AddStructElem(li, "LBody", StructAttrs{})
		y := 140 + 14*float64(i)
		pdf.BeginMarkedContent(lbl)
		pdf.Text(72, y, "•")
		pdf.EndMarkedContent()
		pdf.BeginMarkedContent(body)
		pdf.Text(84, y, item)
		pdf.EndMarkedContent()
	}
	pdf.AddPage()
	footer(2)
	pdf.SetLink(target, 0, -1)
	// The paragraph goes on: an MCR on another page than its /Pg.
	pdf.BeginMarkedContent(p)
	pdf.Text(72, 60, "continued on the next page.")
	pdf.EndMarkedContent()
	head := pdf.AddStructElem(tbl, "THead", StructAttrs{})
	body := pdf.AddStructElem(tbl, "TBody", StructAttrs{})
	hr := pdf.AddStructElem(head, "TR", StructAttrs{})
	for i, s := range []string{"Year", "Events"} {
		th := pdf.AddStructElem(hr, "TH", StructAttrs{Scope: "Column"})
		pdf.BeginMarkedContent(th)
		pdf.Text(72+100*float64(i), 100, s)
		pdf.EndMarkedContent()
	}
	br := pdf.AddStructElem(body, "TR", StructAttrs{})
	for i, s := range []string{"2023", "24"} {
		td := pdf.AddStructElem(br, "TD", StructAttrs{})
		pdf.BeginMarkedContent(td)
		pdf.Text(72+100*float64(i), 114, s)
		pdf.EndMarkedContent()
	}
	pdf.BeginMarkedContent(fig)
	pdf.Rect(72, 140, 50, 50, "F")
	pdf.EndMarkedContent()
	pdf.BeginMarkedContent(p2)
	pdf.Text(72, 220, "Voir ")
	pdf.EndMarkedContent()
	ext := pdf.AddStructElem(p2, "Link", StructAttrs{})
	pdf.BeginMarkedContent(ext)
	pdf.Text(100, 220, "example.org")
	pdf.EndMarkedContent()
	pdf.LinkStringTagged(100, 210, 60, 12, "https://example.org/", ext, "https://example.org/")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// structNode is a structure element read back: its role and kids.
type structNode struct {
	role  string
	attrs types.Dict
	kids  []any // *structNode, mcr or objr
}

type mcr struct {
	page int // 1-based page number
	mcid int
}

type objr struct {
	annot types.IndirectRef
	page  int
}

// readBack is a PDF read back with pdfcpu: its catalog, structure tree
// root and top elements.
type readBack struct {
	ctx     *model.Context
	catalog types.Dict
	root    types.Dict
	top     []*structNode
	pageNum map[int]int // object number of a page → page number
}

// fixedTime dates the test documents, so that builds can be compared.
var fixedTime = time.Date(2024, 1, 15, 9, 30, 0, 0, time.UTC)

// readTagged validates raw with pdfcpu (strict) and reads its structure
// tree back.
func readTagged(t *testing.T, raw []byte) *readBack {
	t.Helper()
	return readPDF(t, raw, true)
}

// readPDF is readTagged, validating in pdfcpu's strict or relaxed mode.
func readPDF(t *testing.T, raw []byte, strict bool) *readBack {
	t.Helper()
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if strict {
		conf.ValidationMode = model.ValidationStrict
	}
	if err := api.Validate(bytes.NewReader(raw), conf); err != nil {
		t.Fatalf("pdfcpu validation (strict %v): %v", strict, err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(raw), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	rb := &readBack{ctx: ctx, pageNum: map[int]int{}}
	rb.catalog, err = ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= ctx.PageCount; n++ {
		_, ref, _, err := ctx.PageDict(n, false)
		if err != nil {
			t.Fatal(err)
		}
		rb.pageNum[ref.ObjectNumber.Value()] = n
	}
	rb.root = rb.dict(t, rb.catalog["StructTreeRoot"])
	if rb.root == nil {
		t.Fatal("no /StructTreeRoot")
	}
	seen := map[int]bool{}
	var kids func(o types.Object, pg int) []any
	kids = func(o types.Object, pg int) []any {
		var out []any
		if a, ok := rb.deref(t, o).(types.Array); ok {
			for _, k := range a {
				out = append(out, kids(k, pg)...)
			}
			return out
		}
		switch v := rb.deref(t, o).(type) {
		case types.Integer:
			return []any{mcr{pg, v.Value()}}
		case types.Dict:
			switch v.NameEntry("Type") {
			case nil:
			default:
				switch *v.NameEntry("Type") {
				case "MCR":
					return []any{mcr{rb.page(t, v["Pg"]), *v.IntEntry("MCID")}}
				case "OBJR":
					p := pg // an OBJR's /Pg defaults to its element's
					if v["Pg"] != nil {
						p = rb.page(t, v["Pg"])
					}
					return []any{objr{v["Obj"].(types.IndirectRef), p}}
				}
			}
			if ref, ok := o.(types.IndirectRef); ok {
				if seen[ref.ObjectNumber.Value()] {
					t.Fatalf("element %v reached twice", ref)
				}
				seen[ref.ObjectNumber.Value()] = true
			} else {
				t.Errorf("structure element %v is not an indirect object", v)
			}
			n := &structNode{role: *v.NameEntry("S"), attrs: v}
			p := pg
			if v["Pg"] != nil {
				p = rb.page(t, v["Pg"])
			}
			n.kids = kids(v["K"], p)
			return []any{n}
		}
		return nil
	}
	for _, k := range kids(rb.root["K"], 0) {
		rb.top = append(rb.top, k.(*structNode))
	}
	return rb
}

func (rb *readBack) deref(t *testing.T, o types.Object) types.Object {
	t.Helper()
	if o == nil {
		return nil
	}
	v, err := rb.ctx.Dereference(o)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (rb *readBack) dict(t *testing.T, o types.Object) types.Dict {
	t.Helper()
	d, _ := rb.deref(t, o).(types.Dict)
	return d
}

func (rb *readBack) page(t *testing.T, o types.Object) int {
	t.Helper()
	ref, ok := o.(types.IndirectRef)
	if !ok {
		t.Fatalf("/Pg %v is not a reference", o)
	}
	n, ok := rb.pageNum[ref.ObjectNumber.Value()]
	if !ok {
		t.Fatalf("/Pg %v is not a page", o)
	}
	return n
}

// outline writes the tree as "Role(kids…)" with MCRs as page:mcid and
// annotations as @page.
func outline(nodes []any) string {
	var parts []string
	for _, k := range nodes {
		switch v := k.(type) {
		case *structNode:
			parts = append(parts, v.role+"("+outline(v.kids)+")")
		case mcr:
			parts = append(parts, fmt.Sprintf("%d:%d", v.page, v.mcid))
		case objr:
			parts = append(parts, fmt.Sprintf("@%d", v.page))
		}
	}
	return strings.Join(parts, " ")
}

// contentMarks returns, for each page, the MCIDs its content marks (in
// order) and the count of text and paint operators outside marked
// content with an MCID or an artifact.
func contentMarks(t *testing.T, rb *readBack) (mcids map[int][]int, untagged int) {
	t.Helper()
	mcids = map[int][]int{}
	mcidRe := regexp.MustCompile(`/MCID (\d+)`)
	for n := 1; n <= rb.ctx.PageCount; n++ {
		var stack []string
		for _, line := range strings.Split(pageContent(t, rb, n), "\n") {
			switch {
			case strings.HasSuffix(line, " BDC") || strings.HasSuffix(line, " BMC"):
				kind := "other"
				if strings.HasPrefix(line, "/Artifact") {
					kind = "artifact"
				} else if m := mcidRe.FindStringSubmatch(line); m != nil {
					kind = "mcid"
					id, _ := strconv.Atoi(m[1])
					mcids[n] = append(mcids[n], id)
				}
				stack = append(stack, kind)
			case line == "EMC":
				if len(stack) == 0 {
					t.Fatalf("page %d: EMC without BDC", n)
				}
				stack = stack[:len(stack)-1]
			case strings.Contains(line, " Tj") || strings.HasSuffix(line, " S") || strings.HasSuffix(line, " f") || strings.HasSuffix(line, " re f"):
				inside := false
				for _, k := range stack {
					inside = inside || k == "mcid" || k == "artifact"
				}
				if !inside {
					untagged++
				}
			}
		}
		if len(stack) != 0 {
			t.Errorf("page %d: %d marked-content sequences not closed", n, len(stack))
		}
	}
	return mcids, untagged
}

// pageContent returns page n's content stream, decoded.
func pageContent(t *testing.T, rb *readBack, n int) string {
	t.Helper()
	d, _, _, err := rb.ctx.PageDict(n, false)
	if err != nil {
		t.Fatal(err)
	}
	sd, _, err := rb.ctx.DereferenceStreamDict(d["Contents"])
	if err != nil {
		t.Fatal(err)
	}
	if err := sd.Decode(); err != nil {
		t.Fatal(err)
	}
	return string(sd.Content)
}

func TestTaggedStructure(t *testing.T) {
	t.Run("plain", func(t *testing.T) {
		raw := taggedDoc(t, nil)
		if bytes.Contains(raw, []byte("/ObjStm")) || !bytes.Contains(raw, []byte("\nxref\n")) {
			t.Error("uncompressed: want plain objects and a cross-reference table")
		}
		checkTagged(t, raw)
	})
	t.Run("object streams", func(t *testing.T) {
		raw := taggedDoc(t, func(pdf *Fpdf) { pdf.SetCompression(true) })
		if !bytes.Contains(raw, []byte("/Type /ObjStm")) || !bytes.Contains(raw, []byte("/Type /XRef")) || bytes.Contains(raw, []byte("\nxref\n")) {
			t.Error("compressed: want the structure in object streams and a cross-reference stream")
		}
		checkTagged(t, raw)
	})
}

// checkTagged reads taggedDoc's output back and checks its structure.
func checkTagged(t *testing.T, raw []byte) {
	rb := readTagged(t, raw)

	if mi := rb.dict(t, rb.catalog["MarkInfo"]); mi == nil || mi.BooleanEntry("Marked") == nil || !*mi.BooleanEntry("Marked") {
		t.Errorf("catalog /MarkInfo %v, want <</Marked true>>", rb.catalog["MarkInfo"])
	}
	if rm := rb.dict(t, rb.root["RoleMap"]); rm == nil || rm.NameEntry("Title") == nil || *rm.NameEntry("Title") != "H1" {
		t.Errorf("/RoleMap %v, want /Title /H1", rb.root["RoleMap"])
	}
	var top []any
	for _, n := range rb.top {
		top = append(top, n)
	}
	got := outline(top)
	// MCIDs count from 0 on each page; artifacts (the footers, the
	// rule) take none.
	want := "Document(" +
		"Title(1:0) " +
		"P(1:1 Link(1:2 @1) 1:3 2:0) " +
		"L(LI(Lbl(1:4) LBody(1:5)) LI(Lbl(1:6) LBody(1:7))) " +
		"Table(THead(TR(TH(2:1) TH(2:2))) TBody(TR(TD(2:3) TD(2:4)))) " +
		"Figure(2:5) " +
		"P(2:6 Link(2:7 @2)))"
	if got != want {
		t.Errorf("structure tree\n got %s\nwant %s", got, want)
	}

	// Every MCID in the content is owned by exactly one element, and
	// every MCR points at an MCID in the content.
	mcids, untagged := contentMarks(t, rb)
	if untagged != 0 {
		t.Errorf("%d text or paint operators outside tags and artifacts", untagged)
	}
	owned := map[mcr]int{}
	var collect func([]any)
	collect = func(ks []any) {
		for _, k := range ks {
			switch v := k.(type) {
			case *structNode:
				collect(v.kids)
			case mcr:
				owned[v]++
			}
		}
	}
	collect(top)
	for n, ids := range mcids {
		for i, id := range ids {
			if id != i {
				t.Errorf("page %d: MCID %d is the %d. of the page; MCIDs count 0, 1, 2, …", n, id, i+1)
			}
			if owned[mcr{n, id}] != 1 {
				t.Errorf("page %d MCID %d owned %d times", n, id, owned[mcr{n, id}])
			}
			delete(owned, mcr{n, id})
		}
	}
	for m := range owned {
		t.Errorf("structure refers to page %d MCID %d, which no content marks", m.page, m.mcid)
	}

	// The parent tree maps each page's MCIDs back to their elements
	// and each link annotation to its Link element.
	pt := rb.dict(t, rb.root["ParentTree"])
	nums, _ := rb.deref(t, pt["Nums"]).(types.Array)
	parent := map[int]types.Object{}
	for i := 0; i+1 < len(nums); i += 2 {
		parent[nums[i].(types.Integer).Value()] = nums[i+1]
	}
	if next := rb.root.IntEntry("ParentTreeNextKey"); next == nil || *next != 4 {
		t.Errorf("/ParentTreeNextKey %v, want 4 (two pages, two links)", rb.root["ParentTreeNextKey"])
	}
	for n := 1; n <= 2; n++ {
		d, _, _, _ := rb.ctx.PageDict(n, false)
		sp := d.IntEntry("StructParents")
		if sp == nil {
			t.Fatalf("page %d has no /StructParents", n)
		}
		arr, _ := rb.deref(t, parent[*sp]).(types.Array)
		if len(arr) != len(mcids[n]) {
			t.Errorf("page %d: parent tree holds %d elements for %d MCIDs", n, len(arr), len(mcids[n]))
		}
		for id, e := range arr {
			ed := rb.dict(t, e)
			if !ownsMCR(t, rb, ed, n, id) {
				t.Errorf("page %d: parent tree entry %d is %s, which does not own MCID %d", n, id, *ed.NameEntry("S"), id)
			}
		}
		if tabs := d.NameEntry("Tabs"); tabs == nil || *tabs != "S" {
			t.Errorf("page %d has annotations and /Tabs %v, want /S", n, d["Tabs"])
		}
		annots, _ := rb.deref(t, d["Annots"]).(types.Array)
		if len(annots) != 1 {
			t.Fatalf("page %d: %d annotations, want 1", n, len(annots))
		}
		a := rb.dict(t, annots[0])
		sp = a.IntEntry("StructParent")
		if sp == nil {
			t.Fatalf("page %d: link without /StructParent", n)
		}
		owner := rb.dict(t, parent[*sp])
		if owner == nil || *owner.NameEntry("S") != "Link" {
			t.Errorf("page %d: the parent tree gives the link's owner as %v, want a Link element", n, parent[*sp])
		}
		if c, err := rb.ctx.DereferenceText(a["Contents"]); err != nil || c == "" {
			t.Errorf("page %d: link /Contents %v", n, a["Contents"])
		}
	}

	// Attributes: /Alt on the figure, /Scope on the header cells, /Lang.
	figure, th, p := findRole(rb.top, "Figure"), findRole(rb.top, "TH"), findRole(rb.top, "P")
	if alt, _ := rb.ctx.DereferenceText(figure.attrs["Alt"]); alt != "A square, drawn in black" {
		t.Errorf("Figure /Alt %q", alt)
	}
	if a := rb.dict(t, th.attrs["A"]); a == nil || a.NameEntry("O") == nil || *a.NameEntry("O") != "Table" || a.NameEntry("Scope") == nil || *a.NameEntry("Scope") != "Column" {
		t.Errorf("TH /A %v, want <</O /Table /Scope /Column>>", th.attrs["A"])
	}
	if p.attrs["Lang"] != nil {
		t.Errorf("the first P has /Lang %v; only the French one should", p.attrs["Lang"])
	}
	if !strings.Contains(pageContent(t, rb, 1), "/Span <</ActualText (negotiations)>> BDC") {
		t.Error("the hyphenated word has no /ActualText span")
	}
}

func findRole(nodes []*structNode, role string) *structNode {
	for _, n := range nodes {
		if n.role == role {
			return n
		}
		var kids []*structNode
		for _, k := range n.kids {
			if c, ok := k.(*structNode); ok {
				kids = append(kids, c)
			}
		}
		if f := findRole(kids, role); f != nil {
			return f
		}
	}
	return nil
}

// ownsMCR reports whether element d has MCID mcid of page n among its kids.
func ownsMCR(t *testing.T, rb *readBack, d types.Dict, n, mcid int) bool {
	pg := 0
	if d["Pg"] != nil {
		pg = rb.page(t, d["Pg"])
	}
	var ks []types.Object
	switch k := rb.deref(t, d["K"]).(type) {
	case types.Array:
		ks = k
	default:
		ks = []types.Object{k}
	}
	for _, k := range ks {
		switch v := rb.deref(t, k).(type) {
		case types.Integer:
			if pg == n && v.Value() == mcid {
				return true
			}
		case types.Dict:
			if v.IntEntry("MCID") != nil && *v.IntEntry("MCID") == mcid && rb.page(t, v["Pg"]) == n {
				return true
			}
		}
	}
	return false
}

func TestTaggedMisuse(t *testing.T) {
	for name, tc := range map[string]struct {
		do   func(*Fpdf)
		want string
	}{
		"untagged document": {func(pdf *Fpdf) {
			pdf.SetTagged(false)
			pdf.AddStructElem(StructRoot, "P", StructAttrs{})
		}, "not tagged"},
		"bad role": {func(pdf *Fpdf) {
			pdf.AddStructElem(StructRoot, "H 1", StructAttrs{})
		}, "role"},
		"bad scope": {func(pdf *Fpdf) {
			pdf.AddStructElem(StructRoot, "TH", StructAttrs{Scope: "column"})
		}, "scope"},
		"unknown parent": {func(pdf *Fpdf) {
			pdf.AddStructElem(7, "P", StructAttrs{})
		}, "parent 7"},
		"nested MCIDs": {func(pdf *Fpdf) {
			e := pdf.AddStructElem(StructRoot, "P", StructAttrs{})
			pdf.AddPage()
			pdf.BeginMarkedContent(e)
			pdf.BeginMarkedContent(e)
		}, "does not nest"},
		"artifact in tagged content": {func(pdf *Fpdf) {
			e := pdf.AddStructElem(StructRoot, "P", StructAttrs{})
			pdf.AddPage()
			pdf.BeginMarkedContent(e)
			pdf.BeginArtifact(ArtifactLayout, "")
		}, "does not nest"},
		"open at page end": {func(pdf *Fpdf) {
			e := pdf.AddStructElem(StructRoot, "P", StructAttrs{})
			pdf.AddPage()
			pdf.BeginMarkedContent(e)
			pdf.AddPage()
		}, "page 1 ends inside marked content"},
		"open at document end": {func(pdf *Fpdf) {
			pdf.AddPage()
			pdf.BeginArtifact(ArtifactLayout, "")
		}, "page 1 ends inside marked content"},
		"EMC alone": {func(pdf *Fpdf) {
			pdf.AddPage()
			pdf.EndMarkedContent()
		}, "no marked content is open"},
		"outside a page": {func(pdf *Fpdf) {
			e := pdf.AddStructElem(StructRoot, "P", StructAttrs{})
			pdf.BeginMarkedContent(e)
		}, "outside a page"},
		"link without contents": {func(pdf *Fpdf) {
			e := pdf.AddStructElem(StructRoot, "Link", StructAttrs{})
			pdf.AddPage()
			pdf.LinkStringTagged(0, 0, 10, 10, "https://example.org/", e, "")
		}, "/Contents"},
	} {
		t.Run(name, func(t *testing.T) {
			pdf := New("P", "pt", "A4", "")
			pdf.SetTagged(true)
			tc.do(pdf)
			var buf bytes.Buffer
			err := pdf.Output(&buf)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// TestUntaggedUnchanged checks that a document that does not ask for
// tagging carries none of it.
func TestUntaggedUnchanged(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.Text(72, 72, "plain")
	pdf.LinkString(72, 60, 20, 12, "https://example.org/")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"MarkInfo", "StructTreeRoot", "StructParent", "/Tabs", "BDC", "%PDF-1.4"} {
		if bytes.Contains(buf.Bytes(), []byte(s)) {
			t.Errorf("untagged document contains %s", s)
		}
	}
}
