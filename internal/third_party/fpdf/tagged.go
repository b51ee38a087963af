package fpdf

import (
	"strconv"
	"unicode/utf16"
)

// Tagged PDF (ISO 32000-1, 14.7 and 14.8; PDF/UA-1, ISO 14289-1).
//
// A tagged document has a structure tree of elements, each with a
// standard role (Document, H1, P, L, LI, Table, TH, Figure, Link, …),
// that gives the document's reading order; the page contents are marked
// so that each piece belongs to one element or is an artifact
// (decoration: running header and footer, rules, fills).
//
//	pdf.SetTagged(true)
//	doc := pdf.AddStructElem(fpdf.StructRoot, "Document", fpdf.StructAttrs{})
//	h := pdf.AddStructElem(doc, "H1", fpdf.StructAttrs{})
//	pdf.AddPage()
//	pdf.BeginMarkedContent(h)  // /H1 <</MCID 0>> BDC
//	pdf.Text(72, 72, "Title")
//	pdf.EndMarkedContent()     // EMC
//	pdf.BeginArtifact("Pagination", "Footer")
//	pdf.Text(72, 800, "1")
//	pdf.EndMarkedContent()
//
// An element's kids (/K) are its child elements, its marked content
// and its link annotations, in the order AddStructElem,
// BeginMarkedContent and LinkTagged were called with it: that order is
// the reading order. Elements may be added before, between or after
// the pages that hold their content; content of one element may lie on
// several pages. Marked content does not span pages and does not nest,
// except BeginActualText inside it; Output fails otherwise.

// StructElem identifies a structure element made by AddStructElem.
// StructRoot, the zero value, is the structure tree root.
type StructElem int

// StructRoot is the structure tree root, the parent of the top element
// (usually one Document element).
const StructRoot StructElem = 0

// StructAttrs are the optional entries of a structure element. Empty
// strings are left out.
type StructAttrs struct {
	// Alt is the alternate description (/Alt): what a Figure or
	// Formula shows, for readers who cannot see it.
	Alt string
	// ActualText replaces the element's content for text extraction
	// and reading (/ActualText), e.g. a word hyphenated across lines.
	ActualText string
	// Lang is the element's language (/Lang) where it differs from the
	// document's, e.g. "fr".
	Lang string
	// Scope is a TH cell's scope: "Row", "Column" or "Both", written
	// as the attribute /A <</O /Table /Scope /Column>>.
	Scope string
}

// ArtifactType is the /Type of an artifact (ISO 32000-1, 14.8.2.2.2).
const (
	ArtifactPagination = "Pagination" // running header and footer, page numbers
	ArtifactLayout     = "Layout"     // rules, fills, backgrounds, decoration
	ArtifactPage       = "Page"       // cut marks, colour bars
)

type structElem struct {
	role   string
	parent StructElem
	attrs  StructAttrs
	kids   []structKid
}

// structKid is one entry of an element's /K: a child element, a marked
// content reference (page and MCID) or an annotation (page and the
// index of the link in pageLinks[page]).
type structKid struct {
	elem StructElem
	page int
	mcid int // -1 for an annotation
	link int
}

// markKind is what an open marked-content sequence is.
type markKind uint8

const (
	markMCID markKind = iota + 1
	markArtifact
	markSpan
	markTag
)

type tagState struct {
	on        bool
	elems     []structElem   // elems[0] stands for the root
	roleMap   [][2]string    // custom role, standard role
	pageMCIDs [][]StructElem // pageMCIDs[page][mcid] owns that MCID
	open      []markKind     // marked content open on the current page
	links     int            // tagged link annotations so far
}

// SetTagged makes the document a tagged PDF: the catalog gets
// /MarkInfo <</Marked true>> and a /StructTreeRoot, pages with marked
// content get /StructParents, pages with annotations /Tabs /S. The
// header then says PDF 1.7 (ISO 32000-1, which PDF/UA-1 builds on;
// /Tabs is PDF 1.5), unless a standard set with SetStandard needs
// another.
func (f *Fpdf) SetTagged(on bool) {
	f.tag.on = on
}

// headerVersion is the version the header gives: the one the features
// used need, at least 1.7 in a tagged document, and the one a PDF/A
// part requires.
func (f *Fpdf) headerVersion() pdfVersion {
	v := f.pdfVersion
	if f.tag.on && v < pdfVers1_7 {
		v = pdfVers1_7
	}
	// PDF/A-1 is PDF 1.4 (checkStandard refuses later features);
	// PDF/A-2 is ISO 32000-1, PDF 1.7.
	switch {
	case f.pdfA1():
		v = pdfVers1_4
	case f.standard.PDFA != "" && v < pdfVers1_7:
		v = pdfVers1_7
	}
	return v
}

// Tagged reports whether SetTagged(true) was called.
func (f *Fpdf) Tagged() bool { return f.tag.on }

// SetRoleMap maps a custom role to a standard one in the structure
// tree's /RoleMap, e.g. SetRoleMap("Title", "H1"); elements may then
// use the custom role.
func (f *Fpdf) SetRoleMap(custom, standard string) {
	if !validName(custom) || !validName(standard) {
		f.SetErrorf("role map %q → %q: a role is a name of letters, digits and _", custom, standard)
		return
	}
	for i, m := range f.tag.roleMap {
		if m[0] == custom {
			f.tag.roleMap[i][1] = standard
			return
		}
	}
	f.tag.roleMap = append(f.tag.roleMap, [2]string{custom, standard})
}

// AddStructElem adds a structure element with the role (/S) given as
// the last kid of parent and returns it.
func (f *Fpdf) AddStructElem(parent StructElem, role string, attrs StructAttrs) StructElem {
	if f.err != nil {
		return 0
	}
	if !f.tag.on {
		f.SetErrorf("AddStructElem %s: the document is not tagged (SetTagged)", role)
		return 0
	}
	if !validName(role) {
		f.SetErrorf("structure element role %q: a role is a name of letters, digits and _", role)
		return 0
	}
	switch attrs.Scope {
	case "", "Row", "Column", "Both":
	default:
		f.SetErrorf("structure element %s: scope %q is none of Row, Column, Both", role, attrs.Scope)
		return 0
	}
	if len(f.tag.elems) == 0 {
		f.tag.elems = append(f.tag.elems, structElem{})
	}
	if int(parent) < 0 || int(parent) >= len(f.tag.elems) {
		f.SetErrorf("structure element %s: parent %d does not exist", role, parent)
		return 0
	}
	e := StructElem(len(f.tag.elems))
	f.tag.elems = append(f.tag.elems, structElem{role: role, parent: parent, attrs: attrs})
	f.tag.elems[parent].kids = append(f.tag.elems[parent].kids, structKid{elem: e})
	return e
}

// validName reports whether s is a non-empty PDF name that needs no
// escape: ASCII letters, digits and _.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// element returns e's record, or sets an error if e is not an element.
func (f *Fpdf) element(e StructElem, what string) *structElem {
	if int(e) <= 0 || int(e) >= len(f.tag.elems) {
		f.SetErrorf("%s: structure element %d does not exist", what, e)
		return nil
	}
	return &f.tag.elems[e]
}

// beginMark checks that marked content may begin on the current page.
func (f *Fpdf) beginMark(what string, k markKind) bool {
	if f.err != nil {
		return false
	}
	if f.state != 2 {
		f.SetErrorf("%s outside a page", what)
		return false
	}
	if k != markSpan && k != markTag && len(f.tag.open) > 0 {
		f.SetErrorf("%s on page %d: marked content with an MCID or an artifact does not nest", what, f.page)
		return false
	}
	f.tag.open = append(f.tag.open, k)
	return true
}

// BeginMarkedContent begins content that belongs to e: it writes
// "/Role <</MCID n>> BDC", with the next MCID of the current page,
// adds the marked-content reference as e's last kid, and returns the
// MCID. EndMarkedContent ends it.
func (f *Fpdf) BeginMarkedContent(e StructElem) int {
	el := f.element(e, "BeginMarkedContent")
	if el == nil || !f.beginMark("BeginMarkedContent "+el.role, markMCID) {
		return -1
	}
	for len(f.tag.pageMCIDs) <= f.page {
		f.tag.pageMCIDs = append(f.tag.pageMCIDs, nil)
	}
	mcid := len(f.tag.pageMCIDs[f.page])
	f.tag.pageMCIDs[f.page] = append(f.tag.pageMCIDs[f.page], e)
	el.kids = append(el.kids, structKid{page: f.page, mcid: mcid})
	f.out("/" + el.role + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	return mcid
}

// BeginArtifact begins content that is no part of the document's
// content: "/Artifact <</Type /Pagination /Subtype /Footer>> BDC".
// typ is ArtifactPagination, ArtifactLayout, ArtifactPage or "" (then
// "/Artifact BMC"); subtype ("Header", "Footer", "Watermark") may be
// empty. EndMarkedContent ends it.
func (f *Fpdf) BeginArtifact(typ, subtype string) {
	if (typ != "" && !validName(typ)) || (subtype != "" && !validName(subtype)) {
		f.SetErrorf("artifact type %q, subtype %q: not names", typ, subtype)
		return
	}
	if !f.beginMark("BeginArtifact", markArtifact) {
		return
	}
	switch {
	case typ == "":
		f.out("/Artifact BMC")
	case subtype == "":
		f.out("/Artifact <</Type /" + typ + ">> BDC")
	default:
		f.out("/Artifact <</Type /" + typ + " /Subtype /" + subtype + ">> BDC")
	}
}

// BeginActualText begins a span whose text, for extraction and
// reading, is text: "/Span <</ActualText (…)>> BDC". It may be used
// inside marked content. For a word hyphenated across a line break,
// draw both parts, "negoti-" and "ations", inside one
// BeginActualText("negotiations"); if a page break separates them,
// draw the first part inside BeginActualText("negotiations") and the
// second inside BeginActualText(""). EndMarkedContent ends it.
func (f *Fpdf) BeginActualText(text string) {
	if !f.beginMark("BeginActualText", markSpan) {
		return
	}
	f.out("/Span <</ActualText " + f.textstring(pdfTextString(text)) + ">> BDC")
}

// BeginMarkedContentTag begins marked content with a tag and no
// properties: "/tag BMC". Inside marked content it does not make the
// content tagged; outside, the content is untagged for readers.
func (f *Fpdf) BeginMarkedContentTag(tag string) {
	if !validName(tag) {
		f.SetErrorf("marked content tag %q: not a name", tag)
		return
	}
	if f.beginMark("BeginMarkedContentTag", markTag) {
		f.out("/" + tag + " BMC")
	}
}

// EndMarkedContent ends the marked content begun last: "EMC".
func (f *Fpdf) EndMarkedContent() {
	if f.err != nil {
		return
	}
	if f.state != 2 || len(f.tag.open) == 0 {
		f.SetErrorf("EndMarkedContent on page %d: no marked content is open", f.page)
		return
	}
	f.tag.open = f.tag.open[:len(f.tag.open)-1]
	f.out("EMC")
}

// InMarkedContent reports how many marked-content sequences are open
// on the current page.
func (f *Fpdf) InMarkedContent() int { return len(f.tag.open) }

// LinkTagged is Link for a tagged document: the annotation gets
// /Contents (a description of the target, e.g. "Note 3") and a
// /StructParent, and becomes e's last kid through an /OBJR. e is
// usually a Link element that also holds the link's text.
func (f *Fpdf) LinkTagged(x, y, w, h float64, link int, e StructElem, contents string) {
	f.newTaggedLink(x, y, w, h, link, "", e, contents)
}

// LinkStringTagged is LinkString for a tagged document, as LinkTagged.
func (f *Fpdf) LinkStringTagged(x, y, w, h float64, url string, e StructElem, contents string) {
	f.newTaggedLink(x, y, w, h, 0, url, e, contents)
}

func (f *Fpdf) newTaggedLink(x, y, w, h float64, link int, url string, e StructElem, contents string) {
	el := f.element(e, "LinkTagged")
	if el == nil || f.err != nil {
		return
	}
	if f.state != 2 {
		f.SetErrorf("LinkTagged outside a page")
		return
	}
	if contents == "" {
		f.SetErrorf("LinkTagged on page %d: a link needs /Contents describing its target", f.page)
		return
	}
	f.newLink(x, y, w, h, link, url)
	i := len(f.pageLinks[f.page]) - 1
	f.pageLinks[f.page][i].elem = e
	f.pageLinks[f.page][i].contents = contents
	el.kids = append(el.kids, structKid{page: f.page, mcid: -1, link: i})
	f.tag.links++
}

// endTaggedPage is called as a page ends.
func (f *Fpdf) endTaggedPage() {
	if len(f.tag.open) > 0 && f.err == nil {
		f.SetErrorf("page %d ends inside marked content (%d sequences open)", f.page, len(f.tag.open))
	}
	f.tag.open = f.tag.open[:0]
}

// pageStructParents returns page n's /StructParents key, or -1 if it
// has no marked content.
func (f *Fpdf) pageStructParents(n int) int {
	if n < len(f.tag.pageMCIDs) && len(f.tag.pageMCIDs[n]) > 0 {
		return n - 1
	}
	return -1
}

// pdfTextString encodes a UTF-8 string as a PDF text string: as is if
// it is printable ASCII, else UTF-16BE with a byte order mark.
func pdfTextString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xfe, 0xff
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}

// putStructTree writes the structure tree after the pages and link
// annotations (whose object numbers it needs): the root, the elements
// and the parent tree. It returns the root's object number, 0 if the
// document is not tagged.
func (f *Fpdf) putStructTree(pageObj []int) int {
	if !f.tag.on || f.err != nil {
		return 0
	}
	if len(f.tag.elems) == 0 {
		f.tag.elems = append(f.tag.elems, structElem{})
	}
	nb := f.page
	root := f.n + 1
	obj := func(e StructElem) int { return root + int(e) } // element objects follow the root
	parentTree := root + len(f.tag.elems)
	var b fmtBuffer
	ref := func(n int) {
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" 0 R")
	}
	// Annotation keys in the parent tree follow the pages' (putpages
	// numbers them so).
	nextKey := nb + f.tag.links
	// Root
	b.WriteString("<</Type /StructTreeRoot /K ")
	f.putKids(&b, StructRoot, 0, obj, pageObj)
	b.WriteString(" /ParentTree ")
	ref(parentTree)
	b.WriteString(" /ParentTreeNextKey ")
	b.WriteString(strconv.Itoa(nextKey))
	if len(f.tag.roleMap) > 0 {
		b.WriteString(" /RoleMap <<")
		for _, m := range f.tag.roleMap {
			b.WriteString(" /" + m[0] + " /" + m[1])
		}
		b.WriteString(">>")
	}
	b.WriteString(">>")
	f.putObj(b.String())
	// Elements (/Type /StructElem is optional and left out)
	for i := 1; i < len(f.tag.elems); i++ {
		el := &f.tag.elems[i]
		b.Truncate(0)
		b.WriteString("<</S /")
		b.WriteString(el.role)
		b.WriteString(" /P ")
		ref(obj(el.parent))
		pg := 0
		for _, k := range el.kids {
			if k.elem == 0 {
				pg = k.page
				break
			}
		}
		if pg != 0 {
			b.WriteString(" /Pg ")
			ref(pageObj[pg])
		}
		if len(el.kids) > 0 {
			b.WriteString(" /K ")
			f.putKids(&b, StructElem(i), pg, obj, pageObj)
		}
		if el.attrs.Alt != "" {
			b.WriteString(" /Alt " + f.textstring(pdfTextString(el.attrs.Alt)))
		}
		if el.attrs.ActualText != "" {
			b.WriteString(" /ActualText " + f.textstring(pdfTextString(el.attrs.ActualText)))
		}
		if el.attrs.Lang != "" {
			b.WriteString(" /Lang " + f.textstring(pdfTextString(el.attrs.Lang)))
		}
		if el.attrs.Scope != "" {
			b.WriteString(" /A <</O /Table /Scope /" + el.attrs.Scope + ">>")
		}
		b.WriteString(">>")
		f.putObj(b.String())
	}
	// Parent tree: a number tree, keys in order; one leaf, or a root
	// whose kids are leaves of up to parentTreeLeaf entries.
	var nums []parentEntry
	for n := 1; n <= nb; n++ {
		if k := f.pageStructParents(n); k >= 0 {
			b.Truncate(0)
			b.WriteString("[")
			for j, e := range f.tag.pageMCIDs[n] {
				if j > 0 {
					b.WriteString(" ")
				}
				ref(obj(e))
			}
			b.WriteString("]")
			nums = append(nums, parentEntry{k, b.String()})
		}
	}
	for n := 1; n <= nb; n++ {
		for _, pl := range f.pageLinks[n] {
			if pl.elem != 0 {
				b.Truncate(0)
				ref(obj(pl.elem))
				nums = append(nums, parentEntry{pl.structParent, b.String()})
			}
		}
	}
	putNums := func(nums []parentEntry, limits bool) {
		b.Truncate(0)
		b.WriteString("<<")
		if limits {
			b.printf("/Limits [%d %d] ", nums[0].key, nums[len(nums)-1].key)
		}
		b.WriteString("/Nums [")
		for _, e := range nums {
			b.WriteString(strconv.Itoa(e.key))
			b.WriteString(" ")
			b.WriteString(e.val)
			b.WriteString("\n")
		}
		b.WriteString("]>>")
		f.putObj(b.String())
	}
	if len(nums) <= parentTreeLeaf {
		putNums(nums, false)
	} else {
		leaves := (len(nums) + parentTreeLeaf - 1) / parentTreeLeaf
		b.Truncate(0)
		b.WriteString("<</Kids [")
		for i := 1; i <= leaves; i++ {
			if i > 1 {
				b.WriteString(" ")
			}
			ref(parentTree + i) // the leaves follow the root
		}
		b.WriteString("]>>")
		f.putObj(b.String())
		for len(nums) > 0 {
			leaf := nums[:min(len(nums), parentTreeLeaf)]
			nums = nums[len(leaf):]
			putNums(leaf, true)
		}
	}
	f.flushObjStreams()
	return root
}

// parentTreeLeaf is the most entries a leaf of the parent tree holds:
// 2,048 numbers and values, within PDF/A-1's limit of 8,191 array
// elements (ISO 19005-1, 6.1.12), and small enough for a reader to
// look a key up without reading them all.
const parentTreeLeaf = 1024

// parentEntry is a key of the parent tree and its value.
type parentEntry struct {
	key int
	val string
}

// putKids writes e's /K: one kid bare, more in an array. MCIDs on page
// pg (the element's /Pg) are written as integers, others as MCRs; an
// OBJR on page pg has no /Pg of its own.
func (f *Fpdf) putKids(b *fmtBuffer, e StructElem, pg int, obj func(StructElem) int, pageObj []int) {
	kids := f.tag.elems[e].kids
	if len(kids) != 1 {
		b.WriteString("[")
	}
	// As printf would write them, without fmt: a long document has
	// tens of thousands of kids.
	var num [20]byte
	put := func(n int) { b.Write(strconv.AppendInt(num[:0], int64(n), 10)) }
	for j, k := range kids {
		if j > 0 {
			b.WriteString(" ")
		}
		switch {
		case k.elem != 0:
			put(obj(k.elem))
			b.WriteString(" 0 R")
		case k.mcid < 0:
			b.WriteString("<</Type /OBJR /Obj ")
			put(f.pageLinks[k.page][k.link].obj)
			b.WriteString(" 0 R")
			if k.page != pg {
				b.WriteString(" /Pg ")
				put(pageObj[k.page])
				b.WriteString(" 0 R")
			}
			b.WriteString(">>")
		case k.page == pg:
			put(k.mcid)
		default:
			b.WriteString("<</Type /MCR /Pg ")
			put(pageObj[k.page])
			b.WriteString(" 0 R /MCID ")
			put(k.mcid)
			b.WriteString(">>")
		}
	}
	if len(kids) != 1 {
		b.WriteString("]")
	}
}
