package fpdf

import (
	"math"
	"slices"
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

// structElem is an element's record: 16 bytes, since a long document
// has tens of thousands. Its role is an index in tagState.roles, its
// attributes one in tagState.attrs (0: none), and its kids are in
// tagState.kids with the other elements' (nkids counts them).
type structElem struct {
	role   int32
	parent int32
	attrs  int32
	nkids  int32
}

// structKid is one entry of an element's /K: a child element, a marked
// content reference (page and MCID) or an annotation (page and the
// index of the link in pageLinks[page]), with the element it belongs to
// (owner).
type structKid struct {
	owner int32
	elem  int32
	page  int32
	mcid  int32 // -1 for an annotation
	link  int32
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
	elems     []structElem // elems[0] stands for the root
	roles     []string     // the elements' roles, each once
	roleIndex map[string]int32
	attrs     []StructAttrs  // attrs[0] is empty
	kids      []structKid    // every element's kids, in the order added
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
	r, ok := f.tag.roleIndex[role]
	if !ok {
		if !validName(role) {
			f.SetErrorf("structure element role %q: a role is a name of letters, digits and _", role)
			return 0
		}
		if f.tag.roleIndex == nil {
			f.tag.roleIndex = make(map[string]int32)
		}
		r = int32(len(f.tag.roles))
		f.tag.roles = append(f.tag.roles, role)
		f.tag.roleIndex[role] = r
	}
	switch attrs.Scope {
	case "", "Row", "Column", "Both":
	default:
		f.SetErrorf("structure element %s: scope %q is none of Row, Column, Both", role, attrs.Scope)
		return 0
	}
	if len(f.tag.elems) == 0 {
		f.tag.elems = append(f.tag.elems, structElem{})
		f.tag.attrs = append(f.tag.attrs, StructAttrs{})
	}
	if int(parent) < 0 || int(parent) >= len(f.tag.elems) {
		f.SetErrorf("structure element %s: parent %d does not exist", role, parent)
		return 0
	}
	if len(f.tag.elems) == math.MaxInt32 {
		f.SetErrorf("structure element %s: more than %d elements", role, math.MaxInt32-1)
		return 0
	}
	e := StructElem(len(f.tag.elems))
	a := int32(0)
	if attrs != (StructAttrs{}) {
		a = int32(len(f.tag.attrs))
		f.tag.attrs = append(f.tag.attrs, attrs)
	}
	f.tag.elems = append(grow(f.tag.elems, 1), structElem{role: r, parent: int32(parent), attrs: a})
	f.addKid(parent, structKid{elem: int32(e)})
	return e
}

// addKid adds k as e's last kid.
func (f *Fpdf) addKid(e StructElem, k structKid) {
	k.owner = int32(e)
	f.tag.kids = append(grow(f.tag.kids, 1), k)
	f.tag.elems[e].nkids++
}

// grow returns s with room for n more elements. When it must grow, it
// at least doubles the capacity: append's own growth, by a quarter for
// long slices, copies the tens of thousands of records of a long
// document's structure many times over.
func grow[S ~[]E, E any](s S, n int) S {
	if n > cap(s)-len(s) {
		s = slices.Grow(s, max(n, len(s)))
	}
	return s
}

// role is e's role.
func (f *Fpdf) role(e StructElem) string { return f.tag.roles[f.tag.elems[e].role] }

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
// what and role name the call in an error ("BeginMarkedContent P").
func (f *Fpdf) beginMark(what, role string, k markKind) bool {
	if f.err != nil {
		return false
	}
	if role != "" {
		what += " " + role // only on the way to an error below
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
	if f.element(e, "BeginMarkedContent") == nil {
		return -1
	}
	role := f.role(e)
	if f.err != nil || f.state != 2 || len(f.tag.open) > 0 {
		f.beginMark("BeginMarkedContent", role, markMCID) // the error
		return -1
	}
	f.tag.open = append(f.tag.open, markMCID)
	for len(f.tag.pageMCIDs) <= f.page {
		f.tag.pageMCIDs = append(f.tag.pageMCIDs, nil)
	}
	mcid := len(f.tag.pageMCIDs[f.page])
	f.tag.pageMCIDs[f.page] = append(f.tag.pageMCIDs[f.page], e)
	f.addKid(e, structKid{page: int32(f.page), mcid: int32(mcid)})
	// "/Role <</MCID n>> BDC" as a line of the page, without building
	// it first: a long document begins tens of thousands.
	buf := f.pages[f.page]
	buf.WriteByte('/')
	buf.WriteString(role)
	buf.WriteString(" <</MCID ")
	var num [20]byte
	buf.Write(strconv.AppendInt(num[:0], int64(mcid), 10))
	buf.WriteString(">> BDC\n")
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
	if !f.beginMark("BeginArtifact", "", markArtifact) {
		return
	}
	// Written as a line of the page without building it first, as
	// BeginMarkedContent's.
	buf := f.pages[f.page]
	switch {
	case typ == "":
		buf.WriteString("/Artifact BMC\n")
	case subtype == "":
		buf.WriteString("/Artifact <</Type /")
		buf.WriteString(typ)
		buf.WriteString(">> BDC\n")
	default:
		buf.WriteString("/Artifact <</Type /")
		buf.WriteString(typ)
		buf.WriteString(" /Subtype /")
		buf.WriteString(subtype)
		buf.WriteString(">> BDC\n")
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
	if !f.beginMark("BeginActualText", "", markSpan) {
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
	if f.beginMark("BeginMarkedContentTag", "", markTag) {
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
	if f.element(e, "LinkTagged") == nil || f.err != nil {
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
	f.addKid(e, structKid{page: int32(f.page), mcid: -1, link: int32(i)})
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
//
// A long document has tens of thousands of elements and kids: each
// object is written into one reused buffer with strconv, not fmt, and
// handed to putObjBytes, which copies it where it goes.
func (f *Fpdf) putStructTree(pageObj []int) int {
	if !f.tag.on || f.err != nil {
		return 0
	}
	if len(f.tag.elems) == 0 {
		f.tag.elems = append(f.tag.elems, structElem{})
		f.tag.attrs = append(f.tag.attrs, StructAttrs{})
	}
	elems := f.tag.elems
	nb := f.page
	root := f.n + 1
	obj := func(e int32) int { return root + int(e) } // element objects follow the root
	parentTree := root + len(elems)
	// Each element's kids, in the order they were added: the kids of
	// all, grouped by element (a counting sort); element e's are
	// kids[first[e]:first[e+1]].
	first := make([]int32, len(elems)+1)
	for e, el := range elems {
		first[e+1] = first[e] + el.nkids
	}
	kids := make([]structKid, len(f.tag.kids))
	next := make([]int32, len(elems))
	copy(next, first)
	for _, k := range f.tag.kids {
		kids[next[k.owner]] = k
		next[k.owner]++
	}
	kidsOf := func(e int) []structKid { return kids[first[e]:first[e+1]] }
	// Room for the objects at once: about what a structure element,
	// a kid and a parent tree entry take.
	f.objStm.data = grow(f.objStm.data, 48*len(elems)+16*len(kids))
	var b []byte
	ref := func(b []byte, n int) []byte {
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, " 0 R"...)
	}
	// Annotation keys in the parent tree follow the pages' (putpages
	// numbers them so).
	nextKey := nb + f.tag.links
	// Root
	b = append(b, "<</Type /StructTreeRoot /K "...)
	b = f.appendKids(b, kidsOf(0), 0, obj, pageObj)
	b = append(b, " /ParentTree "...)
	b = ref(b, parentTree)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(nextKey), 10)
	if len(f.tag.roleMap) > 0 {
		b = append(b, " /RoleMap <<"...)
		for _, m := range f.tag.roleMap {
			b = append(b, " /"...)
			b = append(b, m[0]...)
			b = append(b, " /"...)
			b = append(b, m[1]...)
		}
		b = append(b, ">>"...)
	}
	b = append(b, ">>"...)
	f.putObjBytes(b)
	// Elements (/Type /StructElem is optional and left out)
	for i := 1; i < len(elems); i++ {
		el := &elems[i]
		b = append(b[:0], "<</S /"...)
		b = append(b, f.tag.roles[el.role]...)
		b = append(b, " /P "...)
		b = ref(b, obj(el.parent))
		ks := kidsOf(i)
		pg := 0
		for _, k := range ks {
			if k.elem == 0 {
				pg = int(k.page)
				break
			}
		}
		if pg != 0 {
			b = append(b, " /Pg "...)
			b = ref(b, pageObj[pg])
		}
		if len(ks) > 0 {
			b = append(b, " /K "...)
			b = f.appendKids(b, ks, pg, obj, pageObj)
		}
		if el.attrs != 0 {
			a := &f.tag.attrs[el.attrs]
			if a.Alt != "" {
				b = append(b, " /Alt "...)
				b = append(b, f.textstring(pdfTextString(a.Alt))...)
			}
			if a.ActualText != "" {
				b = append(b, " /ActualText "...)
				b = append(b, f.textstring(pdfTextString(a.ActualText))...)
			}
			if a.Lang != "" {
				b = append(b, " /Lang "...)
				b = append(b, f.textstring(pdfTextString(a.Lang))...)
			}
			if a.Scope != "" {
				b = append(b, " /A <</O /Table /Scope /"...)
				b = append(b, a.Scope...)
				b = append(b, ">>"...)
			}
		}
		b = append(b, ">>"...)
		f.putObjBytes(b)
	}
	// Parent tree: a number tree, keys in order; one leaf, or a root
	// whose kids are leaves of up to parentTreeLeaf entries. The
	// pages' entries (an array of the element of each MCID), then the
	// annotations' (the element that owns it).
	nums := make([]parentEntry, 0, nb+f.tag.links)
	for n := 1; n <= nb; n++ {
		if k := f.pageStructParents(n); k >= 0 {
			nums = append(nums, parentEntry{key: k, page: n, link: -1})
		}
	}
	for n := 1; n <= nb; n++ {
		for i, pl := range f.pageLinks[n] {
			if pl.elem != 0 {
				nums = append(nums, parentEntry{key: pl.structParent, page: n, link: i})
			}
		}
	}
	putNums := func(nums []parentEntry, limits bool) {
		b = append(b[:0], "<<"...)
		if limits {
			b = append(b, "/Limits ["...)
			b = strconv.AppendInt(b, int64(nums[0].key), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(nums[len(nums)-1].key), 10)
			b = append(b, "] "...)
		}
		b = append(b, "/Nums ["...)
		for _, e := range nums {
			b = strconv.AppendInt(b, int64(e.key), 10)
			b = append(b, ' ')
			if e.link >= 0 {
				b = ref(b, obj(int32(f.pageLinks[e.page][e.link].elem)))
			} else {
				b = append(b, '[')
				for j, e := range f.tag.pageMCIDs[e.page] {
					if j > 0 {
						b = append(b, ' ')
					}
					b = ref(b, obj(int32(e)))
				}
				b = append(b, ']')
			}
			b = append(b, '\n')
		}
		b = append(b, "]>>"...)
		f.putObjBytes(b)
	}
	if len(nums) <= parentTreeLeaf {
		putNums(nums, false)
	} else {
		leaves := (len(nums) + parentTreeLeaf - 1) / parentTreeLeaf
		b = append(b[:0], "<</Kids ["...)
		for i := 1; i <= leaves; i++ {
			if i > 1 {
				b = append(b, ' ')
			}
			b = ref(b, parentTree+i) // the leaves follow the root
		}
		b = append(b, "]>>"...)
		f.putObjBytes(b)
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

// parentEntry is a key of the parent tree and what its value is made
// from: page's MCIDs (link -1) or the owner of pageLinks[page][link].
type parentEntry struct {
	key  int
	page int
	link int
}

// appendKids appends an element's /K, its kids ks: one kid bare, more in
// an array. MCIDs on page pg (the element's /Pg) are written as
// integers, others as MCRs; an OBJR on page pg has no /Pg of its own.
func (f *Fpdf) appendKids(b []byte, ks []structKid, pg int, obj func(int32) int, pageObj []int) []byte {
	if len(ks) != 1 {
		b = append(b, '[')
	}
	// As printf would write them, without fmt: a long document has
	// tens of thousands of kids.
	put := func(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }
	for j, k := range ks {
		if j > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.elem != 0:
			b = put(b, obj(k.elem))
			b = append(b, " 0 R"...)
		case k.mcid < 0:
			b = append(b, "<</Type /OBJR /Obj "...)
			b = put(b, f.pageLinks[k.page][k.link].obj)
			b = append(b, " 0 R"...)
			if int(k.page) != pg {
				b = append(b, " /Pg "...)
				b = put(b, pageObj[k.page])
				b = append(b, " 0 R"...)
			}
			b = append(b, ">>"...)
		case int(k.page) == pg:
			b = put(b, int(k.mcid))
		default:
			b = append(b, "<</Type /MCR /Pg "...)
			b = put(b, pageObj[k.page])
			b = append(b, " 0 R /MCID "...)
			b = put(b, int(k.mcid))
			b = append(b, ">>"...)
		}
	}
	if len(ks) != 1 {
		b = append(b, ']')
	}
	return b
}
