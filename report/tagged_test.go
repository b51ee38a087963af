package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report/internal/frames"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

// The tagged PDF read back: the structure tree from the file, each page's
// content stream operator by operator. Nothing here shares code with the
// writer.

// structElem is a structure element read back: its role, its attributes,
// its kids in order.
type structElem struct {
	role   string
	dict   map[string]any
	parent *structElem
	kids   []any // *structElem, mcRef or objRef
	text   string
}

// mcRef is a marked-content reference: an MCID on a page (the page's
// object number).
type mcRef struct{ page, mcid int }

// objRef is an annotation an element owns (OBJR).
type objRef struct{ obj int }

// markedPage is what a page's content stream holds: the text of each
// MCID, and the drawing operators outside any MCID or artifact.
type markedPage struct {
	text      map[int]string
	untagged  []string
	artifacts int
	problems  []string
}

// standardRoles are ISO 32000-1's standard structure types the report
// may use.
var standardRoles = map[string]bool{"Document": true, "Part": true, "Sect": true, "Div": true, "H1": true, "H2": true, "H3": true,
	"H4": true, "P": true, "L": true, "LI": true, "Lbl": true, "LBody": true, "TOC": true, "TOCI": true, "Table": true, "THead": true,
	"TBody": true, "TFoot": true, "TR": true, "TH": true, "TD": true, "Figure": true, "Caption": true, "BlockQuote": true, "Quote": true,
	"Link": true, "Reference": true, "Note": true, "Span": true, "Code": true}

// readMarked reads page n's content: the text in each MCID, the
// operators that draw outside marked content.
func (d *pdfDoc) readMarked(n int) markedPage {
	mp := markedPage{text: map[int]string{}}
	type mark struct {
		mcid     int // -1: none
		artifact bool
		actual   *string // a span's /ActualText, read in place of its glyphs (once)
	}
	var stack []mark
	inside := func() (mcid int, ok bool) {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].artifact {
				return -1, true
			}
			if stack[i].mcid >= 0 {
				return stack[i].mcid, true
			}
		}
		return -1, false
	}
	src := d.content(n)
	p := &pdfParser{src: src}
	fonts := d.fonts(n)
	var font *pdfFont
	shown := func(op string, args []any) string { // the text a Tj or TJ shows
		if len(args) == 0 {
			return ""
		}
		switch a := args[0].(type) {
		case string:
			return font.decode(a)
		case []any:
			var b strings.Builder
			for _, e := range a {
				if s, ok := e.(string); ok {
					b.WriteString(font.decode(s))
				}
			}
			return b.String()
		}
		return ""
	}
	var args []any
	for {
		p.space()
		if p.i >= len(src) {
			break
		}
		switch c := src[p.i]; {
		case c == '/' || c == '(' || c == '<' || c == '[' || c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
			args = append(args, p.object())
			if p.err != nil {
				d.t.Fatalf("page %d content: %v", n, p.err)
			}
			continue
		}
		op := p.token()
		if op == "" {
			d.t.Fatalf("page %d content: unexpected %q at %d", n, src[p.i], p.i)
		}
		switch op {
		case "Tf":
			if len(args) > 0 {
				name, _ := args[0].(pdfName)
				font = fonts[string(name)]
			}
		case "BDC", "BMC":
			m := mark{mcid: -1}
			if len(args) > 0 {
				m.artifact = args[0] == pdfName("Artifact")
			}
			if len(args) == 2 {
				if props, ok := args[1].(map[string]any); ok {
					if id, ok := props["MCID"].(float64); ok {
						m.mcid = int(id)
					}
					if a, ok := props["ActualText"].(string); ok {
						a = strings.TrimPrefix(utf16be(a), "\ufeff")
						m.actual = &a
					}
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				mp.problems = append(mp.problems, fmt.Sprintf("page %d: EMC without BDC", n))
			} else {
				stack = stack[:len(stack)-1]
			}
		case "Tj", "TJ", "'", `"`, "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
			mcid, ok := inside()
			switch {
			case !ok:
				what := op
				if op == "Tj" || op == "TJ" {
					what += " " + fmt.Sprintf("%q", shown(op, args))
				}
				mp.untagged = append(mp.untagged, what)
			case mcid < 0:
				mp.artifacts++
			case op == "Tj" || op == "TJ":
				text := shown(op, args)
				for i := len(stack) - 1; i >= 0; i-- {
					if a := stack[i].actual; a != nil {
						text, *a = *a, "" // the span reads as its /ActualText, once
						break
					}
				}
				mp.text[mcid] += text
			}
		}
		args = args[:0]
	}
	if len(stack) > 0 {
		mp.problems = append(mp.problems, fmt.Sprintf("page %d: %d marked-content sequences left open", n, len(stack)))
	}
	return mp
}

// structTree reads the structure tree: its root element (Document).
func (d *pdfDoc) structTree() *structElem {
	d.t.Helper()
	root := d.dict(d.trailer["Root"])
	str := d.dict(root["StructTreeRoot"])
	if str == nil {
		d.t.Fatal("no /StructTreeRoot")
	}
	var walk func(o any, parent *structElem) *structElem
	walk = func(o any, parent *structElem) *structElem {
		m := d.dict(o)
		e := &structElem{dict: m, parent: parent}
		s, _ := m["S"].(pdfName)
		e.role = string(s)
		pg := 0
		if r, ok := m["Pg"].(pdfRef); ok {
			pg = int(r)
		}
		kids, ok := m["K"].([]any)
		if !ok && m["K"] != nil {
			kids = []any{m["K"]}
		}
		for _, k := range kids {
			switch k := k.(type) {
			case float64:
				if pg == 0 {
					d.t.Fatalf("%s: an MCID without /Pg", e.role)
				}
				e.kids = append(e.kids, mcRef{pg, int(k)})
				continue
			case map[string]any:
				if k["Type"] == pdfName("MCR") {
					p := pg
					if r, ok := k["Pg"].(pdfRef); ok {
						p = int(r)
					}
					e.kids = append(e.kids, mcRef{p, int(k["MCID"].(float64))})
					continue
				}
				if k["Type"] == pdfName("OBJR") {
					e.kids = append(e.kids, objRef{int(k["Obj"].(pdfRef))})
					continue
				}
			}
			e.kids = append(e.kids, walk(k, e))
		}
		return e
	}
	top, ok := str["K"].(pdfRef)
	if !ok {
		if a, ok := str["K"].([]any); ok && len(a) == 1 {
			top, _ = a[0].(pdfRef)
		}
	}
	if top == 0 {
		d.t.Fatal("the structure tree root has not one Document kid")
	}
	return walk(top, nil)
}

// checkTagged checks a built PDF's tagging and returns its structure
// tree, with each element's text filled in (its MCIDs' text, in order),
// and the problems found.
func checkTagged(t testing.TB, raw []byte) (*structElem, []string) {
	t.Helper()
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	d := readPDF(t, raw)
	cat := d.dict(d.trailer["Root"])
	if mi := d.dict(cat["MarkInfo"]); mi["Marked"] != true {
		bad("no /MarkInfo <</Marked true>>")
	}
	if vp := d.dict(cat["ViewerPreferences"]); vp["DisplayDocTitle"] != true {
		bad("no /DisplayDocTitle")
	}
	if lang, _ := cat["Lang"].(string); lang == "" {
		bad("no catalog /Lang")
	}
	if md, ok := d.resolve(cat["Metadata"]).(*pdfStream); !ok || !strings.Contains(string(md.data), "<dc:title>") {
		bad("no XMP metadata with dc:title")
	}
	pageNum := map[int]int{} // object number → page number
	pages := map[int]markedPage{}
	for n := 1; n <= d.pages(); n++ {
		pageNum[d.pageIDs[n-1]] = n
		mp := d.readMarked(n)
		pages[d.pageIDs[n-1]] = mp
		problems = append(problems, mp.problems...)
		for _, u := range mp.untagged {
			bad("page %d: %s drawn neither in a structure element nor as an artifact", n, u)
		}
	}
	doc := d.structTree()
	owned := map[mcRef]string{}
	annots := map[int]bool{}
	var headings []int
	var walk func(e *structElem)
	walk = func(e *structElem) {
		if !standardRoles[e.role] {
			bad("structure element of role %q, not a standard one", e.role)
		}
		switch e.role {
		case "Figure":
			if alt, _ := e.dict["Alt"].(string); len(textString(alt)) < 20 {
				bad("a Figure with alternate text %q", textString(alt))
			}
		case "TH":
			if a := d.dict(e.dict["A"]); a["Scope"] == nil {
				bad("a TH without /Scope")
			}
		case "H1", "H2", "H3", "H4":
			headings = append(headings, int(e.role[1]-'0'))
		}
		for _, k := range e.kids {
			switch k := k.(type) {
			case mcRef:
				mp, ok := pages[k.page]
				if !ok {
					bad("%s: an MCID on object %d, which is no page", e.role, k.page)
					continue
				}
				if prev, ok := owned[k]; ok {
					bad("page %d MCID %d: owned by %s and by %s", pageNum[k.page], k.mcid, prev, e.role)
				}
				owned[k] = e.role
				s, ok := mp.text[k.mcid]
				if !ok {
					// Paint only (a figure, a swatch): an MCID with no text.
					s = ""
				}
				for a := e; a != nil; a = a.parent {
					a.text += s
				}
			case objRef:
				if e.role != "Link" {
					bad("an annotation owned by %s, want a Link", e.role)
				}
				a := d.dict(pdfRef(k.obj))
				if c, _ := a["Contents"].(string); c == "" {
					bad("link annotation %d without /Contents", k.obj)
				}
				if _, ok := a["StructParent"].(float64); !ok {
					bad("link annotation %d without /StructParent", k.obj)
				}
				annots[k.obj] = true
			case *structElem:
				walk(k)
			}
		}
	}
	if doc.role != "Document" {
		bad("the tree's top element is %s, want Document", doc.role)
	}
	walk(doc)
	for i := 1; i < len(headings); i++ {
		if headings[i] > headings[i-1]+1 {
			bad("heading %d: H%d after H%d skips a level", i+1, headings[i], headings[i-1])
		}
	}
	// Every MCID in the content belongs to one element; every annotation
	// to a Link.
	for id, mp := range pages {
		for mcid := range mp.text {
			if _, ok := owned[mcRef{id, mcid}]; !ok {
				bad("page %d: MCID %d belongs to no structure element", pageNum[id], mcid)
			}
		}
		pg := d.dict(pdfRef(id))
		list, _ := d.resolve(pg["Annots"]).([]any)
		for _, a := range list {
			if r, ok := a.(pdfRef); ok && !annots[int(r)] {
				bad("page %d: annotation %d owned by no Link", pageNum[id], int(r))
			}
		}
		if len(list) > 0 && pg["Tabs"] != pdfName("S") {
			bad("page %d has annotations and no /Tabs /S", pageNum[id])
		}
	}
	return doc, problems
}

// elems lists e's elements depth first, e first.
func (e *structElem) elems() []*structElem {
	out := []*structElem{e}
	for _, k := range e.kids {
		if c, ok := k.(*structElem); ok {
			out = append(out, c.elems()...)
		}
	}
	return out
}

// The built-in briefing read back: tagged throughout, in reading order.
func TestTaggedStructureReadBack(t *testing.T) {
	b := builtin(t)
	raw, _ := builtinBuild(t)
	doc, problems := checkTagged(t, raw)
	for _, p := range problems {
		t.Error(p)
	}
	roles := map[string]int{}
	var h1 []string
	for _, e := range doc.elems() {
		roles[e.role]++
		if e.role == "H1" {
			h1 = append(h1, strings.Join(strings.Fields(e.text), " "))
		}
	}
	for _, r := range []string{"H1", "P", "L", "LI", "Lbl", "LBody", "TOC", "TOCI", "Table", "THead", "TBody", "TR", "TH", "TD",
		"Figure", "Caption", "BlockQuote", "Link", "Reference", "Span"} {
		if roles[r] == 0 {
			t.Errorf("no %s element; roles: %v", r, roles)
		}
	}
	// The headings in the tree's order are the briefing's, in the
	// order of the blocks: the title, key judgments, contents, the
	// numbered sections, …
	want := []string{b.Meta.Title, "Key judgments", "Contents"}
	for i, s := range b.Sections {
		want = append(want, fmt.Sprintf("%d%s", i+1, s.Title))
	}
	want = append(want, "In their own words", "Chronology")
	at := 0
	for _, h := range h1 {
		if at < len(want) && strings.ReplaceAll(h, " ", "") == strings.ReplaceAll(want[at], " ", "") {
			at++
		}
	}
	if at < len(want) {
		t.Errorf("the H1 headings in reading order are %q; %q is missing or out of order", h1, want[at])
	}
	// A paragraph's words are separated for a reader of the structure.
	found := false
	for _, e := range doc.elems() {
		if e.role == "P" && strings.Contains(e.text, "Moderate confidence.") {
			found = true
		}
	}
	if !found {
		t.Error("no paragraph reads \"Moderate confidence.\" with its space")
	}
}

// A long briefing (continued tables, hyphenated words, many links) and
// every standard: still tagged throughout.
func TestTaggedSyntheticAndStandards(t *testing.T) {
	fsys := synthFS(300, 4)
	b, cfg := loadFS(t, fsys, "config.toml")
	for _, std := range []string{"", "ua-1", "a-1b", "ua-1,a-2a"} {
		t.Run("standard="+std, func(t *testing.T) {
			ss, err := ParsePDFStandards(std)
			if err != nil {
				t.Fatal(err)
			}
			raw, _, err := buildPDF(b, cfg, fsys, Options{Standard: &ss})
			if err != nil {
				t.Fatal(err)
			}
			_, problems := checkTagged(t, raw)
			for _, p := range problems {
				t.Error(p)
			}
			pdfa, ua := ss.Claims()
			if ua != strings.Contains(string(raw), "pdfuaid:part") {
				t.Errorf("standard %q: the XMP's PDF/UA claim is not %v", std, ua)
			}
			if (pdfa != "") != strings.Contains(string(raw), "pdfaid:part") {
				t.Errorf("standard %q: the XMP's PDF/A claim is not %v", std, pdfa != "")
			}
		})
	}
}

// The check above fails when something is drawn untagged: the built-in
// briefing's frames with one block's items stripped of their nodes, as
// a new block that sets none would draw them.
func TestTaggedCheckCatchesUntaggedBlock(t *testing.T) {
	b := builtin(t)
	cfg := DefaultConfig()
	st, err := runStages(b, cfg, briefing.Builtin, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stripped := 0
	for pi := range st.frames.Pages {
		items := st.frames.Pages[pi].Items
		for i := range items {
			if n := items[i].Node; n != nil && n.Role == frames.BlockQuote || n != nil && n.Parent != nil && n.Parent.Role == frames.BlockQuote {
				items[i].Node = nil
				stripped++
			}
		}
	}
	if stripped == 0 {
		t.Fatal("no block quote to strip")
	}
	res, err := loadResources(cfg, briefing.Builtin)
	if err != nil {
		t.Fatal(err)
	}
	w := pdfwrite.New(st.frames.Meta, res.fonts, func(any, []byte) error { return errors.New("panic") })
	defer w.Close()
	raw, err := w.Write(st.frames)
	if err != nil {
		t.Fatal(err)
	}
	_, problems := checkTagged(t, raw)
	caught := 0
	for _, p := range problems {
		if strings.Contains(p, "drawn neither in a structure element nor as an artifact") {
			caught++
		}
	}
	if caught == 0 {
		t.Errorf("%d items drawn without a node passed the check", stripped)
	}
}

// The standards from the config, a string or an array; a standard the
// build cannot meet is refused before anything is written, naming the
// reason and the key.
func TestPDFStandardConfig(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.NRGBA{R: 200, A: 255}) // the rest transparent
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ conf, err string }{
		{`standard = "a-2b"`, ""},
		{`standard = ["ua-1", "a-2a"]`, ""},
		{`standard = []`, ""},
		{`standard = "a-1b"`, `b/config.toml:6:1: cover.logo: logo.png: the PNG image has transparent pixels, and PDF/A-1 (standard a-1b) forbids transparency`},
		{`standard = ["a-1b", "a-2b"]`, `b/config.toml:9:1: pdf.standard: "a-1b" and "a-2b" are two PDF/A parts`},
		{`standard = ["ua-1", "ua-1"]`, `pdf.standard: "ua-1" is listed twice`},
		{`standard = "a-3b"`, `b/config.toml:9:1: pdf.standard[0]: PDF standard must be ua-1, a-1b, a-2b, a-2u or a-2a, not "a-3b"`},
		{`standard = 1`, `pdf.standard: got integer 1; want a string or an array of strings`},
	} {
		conf := "data = [\"data.toml\"]\n\n\n\n[cover]\nlogo = \"logo.png\"\n\n[pdf]\n" + c.conf + "\n"
		fsys := miniFS(t, conf, map[string][]byte{"b/logo.png": logo.Bytes()})
		cfg, err := LoadConfig(fsys, "b/config.toml")
		var pdf []byte
		if err == nil {
			var b *data.Briefing
			if b, err = data.Load(fsys, cfg.Data); err != nil {
				t.Fatal(err)
			}
			pdf, _, err = buildPDF(b, cfg, fsys, Options{})
		}
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.conf, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.conf, err, c.err)
		case c.err != "" && pdf != nil:
			t.Errorf("%s: a PDF and an error", c.conf)
		}
	}
}

// The words the tagged PDF adds for a reader, links' descriptions and
// the charts' and logo's alternate text, are in the briefing's language.
func TestTaggedWordsInLanguage(t *testing.T) {
	fsys := starterFS(t, "de")
	b, cfg := loadFS(t, fsys, "config.toml")
	raw, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := readPDF(t, raw)
	var contents, alts []string
	for _, o := range d.objs {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		if c, ok := m["Contents"].(string); ok && m["Subtype"] == pdfName("Link") {
			contents = append(contents, textString(c))
		}
		if a, ok := m["Alt"].(string); ok && m["S"] == pdfName("Figure") {
			alts = append(alts, textString(a))
		}
	}
	has := func(list []string, f func(string) bool) bool { return slices.ContainsFunc(list, f) }
	if !has(contents, func(s string) bool { return strings.HasPrefix(s, "Anmerkung ") }) ||
		!has(contents, func(s string) bool { return strings.Contains(s, ", Seite ") }) {
		t.Errorf("link descriptions %q: no \"Anmerkung N\" or \"…, Seite N\"", contents)
	}
	if has(contents, func(s string) bool { return strings.HasPrefix(s, "Note ") || strings.Contains(s, ", page ") }) {
		t.Errorf("link descriptions %q: English words in a German briefing", contents)
	}
	if !has(alts, func(s string) bool { return strings.HasPrefix(s, "Zeitleiste: ") }) ||
		!has(alts, func(s string) bool { return strings.HasPrefix(s, "Häufigkeit der Akteure: ") }) {
		t.Errorf("chart alternate texts %q: not the German ones", alts)
	}
	if has(alts, func(s string) bool { return strings.Contains(s, "Timeline of") || strings.Contains(s, " events") }) {
		t.Errorf("chart alternate texts %q: English words in a German briefing", alts)
	}
}
