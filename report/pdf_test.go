package report

// The tests read the PDFs back with pdfcpu, a PDF library that shares no
// code with the writer: it parses every object through the cross-reference
// table, inflates the streams and validates the document strictly. Two
// things stay here: a check that the cross-reference table's offsets are
// right to the byte (pdfcpu reads through a damaged table by rebuilding
// it), and a reader of content-stream strings (pdfcpu extracts no text).
// The objects are handed to the tests as plain Go values (see pdfDoc).

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/synth"
)

// A PDF object as the tests see it: nil, bool, float64, string (a string's
// raw bytes), pdfName, []any, map[string]any, pdfRef or *pdfStream.
type pdfName string

type pdfRef int

type pdfStream struct {
	dict map[string]any
	data []byte // decoded (inflated)
}

type pdfDoc struct {
	t       testing.TB
	raw     []byte
	objs    map[int]any
	trailer map[string]any // Root and Info
	pageIDs []int
}

// pdfcpuConf is pdfcpu's configuration for the tests: strict validation,
// and no configuration files read from the user's home.
var pdfcpuConf = sync.OnceValue(func() *model.Configuration {
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return conf
})

// pdfcpuRelaxed is pdfcpu's relaxed validation, for a PDF 1.4 file with
// /Tabs: a tagged PDF/A-1 file is PDF 1.4, and its pages with links
// carry /Tabs /S (PDF 1.5), which PDF/UA asks for and which readers of
// 1.4 ignore; PDFBox Preflight finds such a file valid PDF/A-1b, while
// pdfcpu's strict mode refuses a key newer than the header.
var pdfcpuRelaxed = sync.OnceValue(func() *model.Configuration {
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return conf
})

func readPDF(t testing.TB, raw []byte) *pdfDoc {
	t.Helper()
	checkXRef(t, raw)
	conf, mode := pdfcpuConf(), "strict"
	if bytes.HasPrefix(raw, []byte("%PDF-1.4")) && bytes.Contains(raw, []byte("/Tabs /S")) {
		conf, mode = pdfcpuRelaxed(), "relaxed"
	}
	ctx, err := api.ReadContext(bytes.NewReader(raw), conf)
	if err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("pdfcpu validation (%s): %v", mode, err)
	}
	d := &pdfDoc{t: t, raw: raw, objs: map[int]any{}}
	for num, e := range ctx.XRefTable.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		// An object outside object streams is where its entry says, to
		// the byte (checkXRef does this for an xref table).
		if e.Compressed || e.Offset == nil {
			// in an object stream, which pdfcpu read and validated
		} else if want := fmt.Sprintf("%d 0 obj", num); *e.Offset < 0 || *e.Offset >= int64(len(raw)) || !bytes.HasPrefix(raw[*e.Offset:], []byte(want)) {
			t.Fatalf("cross-reference: object %d is not at offset %d", num, *e.Offset)
		}
		d.objs[num] = d.value(e.Object)
	}
	d.trailer = map[string]any{}
	if r := ctx.XRefTable.Root; r != nil {
		d.trailer["Root"] = pdfRef(r.ObjectNumber.Value())
	}
	if r := ctx.XRefTable.Info; r != nil {
		d.trailer["Info"] = pdfRef(r.ObjectNumber.Value())
	}
	for n := 1; n <= ctx.PageCount; n++ {
		r, err := ctx.PageDictIndRef(n)
		if err != nil || r == nil {
			t.Fatalf("page %d: %v", n, err)
		}
		d.pageIDs = append(d.pageIDs, r.ObjectNumber.Value())
	}
	return d
}

// checkXRef checks the trailer's startxref and the offset of every object
// of the cross-reference table against the file's bytes.
func checkXRef(t testing.TB, raw []byte) {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte("%PDF-1.")) {
		t.Fatalf("no %%PDF header")
	}
	if !bytes.HasSuffix(bytes.TrimRight(raw, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("no %%%%EOF at the end")
	}
	i := bytes.LastIndex(raw, []byte("startxref"))
	if i < 0 {
		t.Fatal("no startxref")
	}
	off, err := strconv.Atoi(strings.Fields(string(raw[i+len("startxref"):]))[0])
	if err != nil || off >= len(raw) {
		t.Fatalf("startxref %d points outside the file", off)
	}
	if !bytes.HasPrefix(raw[off:], []byte("xref")) {
		// A cross-reference stream (PDF 1.5, a tagged document's):
		// readPDF checks its offsets against the entries pdfcpu read.
		if !bytes.Contains(raw[off:min(off+200, len(raw))], []byte("/Type /XRef")) {
			t.Fatalf("startxref %d points to neither an xref table nor a cross-reference stream", off)
		}
		return
	}
	lines := strings.Split(string(raw[off:]), "\n")
	hdr := strings.Fields(lines[1])
	first, _ := strconv.Atoi(hdr[0])
	count, _ := strconv.Atoi(hdr[1])
	for k := 1; k < count; k++ {
		f := strings.Fields(lines[2+k])
		if len(f) != 3 || f[2] != "n" {
			continue
		}
		o, _ := strconv.Atoi(f[0])
		num := first + k
		if want := fmt.Sprintf("%d 0 obj", num); o >= len(raw) || !bytes.HasPrefix(raw[o:], []byte(want)) {
			t.Fatalf("xref: object %d is not at offset %d", num, o)
		}
	}
}

// value turns a pdfcpu object into the tests' plain values.
func (d *pdfDoc) value(o types.Object) any {
	switch v := o.(type) {
	case nil:
		return nil
	case types.Boolean:
		return bool(v)
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	case types.Name:
		return pdfName(v)
	case types.StringLiteral:
		b, err := types.Unescape(v.Value())
		if err != nil {
			d.t.Fatalf("string %s: %v", v, err)
		}
		return string(b)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			d.t.Fatalf("hex string %s: %v", v, err)
		}
		return string(b)
	case types.IndirectRef:
		return pdfRef(v.ObjectNumber.Value())
	case *types.IndirectRef:
		return pdfRef(v.ObjectNumber.Value())
	case types.Array:
		a := make([]any, len(v))
		for i, x := range v {
			a[i] = d.value(x)
		}
		return a
	case types.Dict:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = d.value(x)
		}
		return m
	case types.StreamDict:
		// The stream's own /Length, not the one pdfcpu may have found by
		// looking for endstream, must end where endstream starts.
		n, ok := v.Dict["Length"].(types.Integer)
		end := int(v.StreamOffset) + int(n)
		if !ok || v.StreamOffset <= 0 || end > len(d.raw) || !bytes.HasPrefix(bytes.TrimLeft(d.raw[end:], "\r\n"), []byte("endstream")) {
			d.t.Fatalf("stream at offset %d: /Length %v does not end at endstream", v.StreamOffset, v.Dict["Length"])
		}
		if err := v.Decode(); err != nil {
			d.t.Fatalf("stream: %v", err)
		}
		return &pdfStream{dict: d.value(v.Dict).(map[string]any), data: v.Content}
	case *types.StreamDict:
		return d.value(*v)
	case types.ObjectStreamDict, types.XRefStreamDict:
		return nil // the containers of a tagged document's objects, read above
	}
	d.t.Fatalf("unexpected PDF object %T", o)
	return nil
}

func (d *pdfDoc) resolve(o any) any {
	for i := 0; i < 32; i++ {
		r, ok := o.(pdfRef)
		if !ok {
			return o
		}
		o, ok = d.objs[int(r)]
		if !ok {
			d.t.Fatalf("reference to missing object %d", r)
		}
	}
	return o
}

func (d *pdfDoc) dict(o any) map[string]any {
	switch v := d.resolve(o).(type) {
	case map[string]any:
		return v
	case *pdfStream:
		return v.dict
	}
	d.t.Fatalf("not a dictionary: %v", o)
	return nil
}

func (d *pdfDoc) pages() int { return len(d.pageIDs) }

func (d *pdfDoc) page(n int) map[string]any { return d.dict(pdfRef(d.pageIDs[n-1])) }

// size returns page n's MediaBox width and height.
func (d *pdfDoc) size(n int) (w, h float64) {
	mb := d.resolve(d.page(n)["MediaBox"])
	if mb == nil {
		mb = d.resolve(d.dict(d.dict(d.trailer["Root"])["Pages"])["MediaBox"])
	}
	a := mb.([]any)
	return a[2].(float64) - a[0].(float64), a[3].(float64) - a[1].(float64)
}

func (d *pdfDoc) content(n int) []byte {
	var out []byte
	c := d.resolve(d.page(n)["Contents"])
	list, ok := c.([]any)
	if !ok {
		list = []any{d.page(n)["Contents"]}
	}
	for _, o := range list {
		s, ok := d.resolve(o).(*pdfStream)
		if !ok {
			d.t.Fatalf("page %d: contents is not a stream", n)
		}
		out = append(out, s.data...)
	}
	return out
}

// text returns the text shown on page n: its text-showing operations
// (a Tj, or a TJ: one glyph run), decoded through their fonts' ToUnicode
// CMaps (or replaced by their /ActualText), joined by spaces.
func (d *pdfDoc) text(n int) string {
	var words []string
	for _, st := range d.shows(n) {
		words = append(words, st.s)
	}
	return strings.Join(words, " ")
}

// pdfFont is what the tests read of a page's font: its face (the
// BaseFont without subset tag and "utf8"), the text of each CID (its
// ToUnicode CMap) and each CID's width (/W, thousandths of an em).
type pdfFont struct {
	face  string
	toUni map[int]string
	w     map[int]float64
	dw    float64
}

var (
	cmapBlock = regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)end(bfchar|bfrange)`)
	cmapHex   = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
)

func hexString(h string) string {
	b := make([]byte, len(h)/2)
	for k := range b {
		v, _ := strconv.ParseUint(h[2*k:2*k+2], 16, 8)
		b[k] = byte(v)
	}
	return string(b)
}

// fonts returns page n's font resources by name.
func (d *pdfDoc) fonts(n int) map[string]*pdfFont {
	out := map[string]*pdfFont{}
	res := d.dict(d.page(n)["Resources"])
	if res == nil || res["Font"] == nil {
		return out
	}
	for k, v := range d.dict(res["Font"]) {
		f := d.dict(v)
		base, _ := f["BaseFont"].(pdfName)
		_, rest, _ := strings.Cut(string(base), "+")
		pf := &pdfFont{face: strings.TrimPrefix(rest, "utf8"), toUni: map[int]string{}, w: map[int]float64{}}
		out[k] = pf
		if tu, ok := d.resolve(f["ToUnicode"]).(*pdfStream); ok {
			for _, m := range cmapBlock.FindAllStringSubmatch(string(tu.data), -1) {
				hs := cmapHex.FindAllStringSubmatch(m[2], -1)
				if m[1] == "bfchar" {
					for i := 0; i+1 < len(hs); i += 2 {
						c, _ := strconv.ParseUint(hs[i][1], 16, 32)
						pf.toUni[int(c)] = utf16be(hexString(hs[i+1][1]))
					}
					continue
				}
				for i := 0; i+2 < len(hs); i += 3 {
					lo, _ := strconv.ParseUint(hs[i][1], 16, 32)
					hi, _ := strconv.ParseUint(hs[i+1][1], 16, 32)
					dst, _ := strconv.ParseUint(hs[i+2][1], 16, 32)
					if hi-lo > 0x100 && lo == dst {
						pf.toUni[-1] = "identity" // fpdf's <0000> <FFFF> <0000>
						continue
					}
					for c := lo; c <= hi; c++ {
						pf.toUni[int(c)] = string(rune(dst + c - lo))
					}
				}
			}
		}
		if df, ok := d.resolve(f["DescendantFonts"]).([]any); ok && len(df) > 0 {
			cf := d.dict(df[0])
			if dw, ok := cf["DW"].(float64); ok {
				pf.dw = dw
			}
			w, _ := d.resolve(cf["W"]).([]any)
			for i := 0; i < len(w); {
				c, _ := w[i].(float64)
				if i+1 < len(w) {
					if a, ok := d.resolve(w[i+1]).([]any); ok {
						for k, x := range a {
							pf.w[int(c)+k], _ = x.(float64)
						}
						i += 2
						continue
					}
				}
				if i+2 < len(w) {
					hi, _ := w[i+1].(float64)
					x, _ := w[i+2].(float64)
					for c2 := int(c); c2 <= int(hi); c2++ {
						pf.w[c2] = x
					}
				}
				i += 3
			}
		}
	}
	return out
}

// decode turns the CIDs of a shown string into text.
func (f *pdfFont) decode(s string) string {
	if f == nil {
		return s
	}
	if f.toUni[-1] == "identity" {
		return utf16be(s)
	}
	var b strings.Builder
	for k := 0; k+1 < len(s); k += 2 {
		b.WriteString(f.toUni[int(s[k])<<8|int(s[k+1])])
	}
	return b.String()
}

// width is the advance of a shown string, in thousandths of an em.
func (f *pdfFont) width(s string) float64 {
	if f == nil {
		return 0
	}
	w := 0.0
	for k := 0; k+1 < len(s); k += 2 {
		c := int(s[k])<<8 | int(s[k+1])
		if x, ok := f.w[c]; ok {
			w += x
		} else {
			w += f.dw
		}
	}
	return w
}

// shows returns the strings page n draws (each Tj or TJ), read from its
// content stream, decoded through the fonts' ToUnicode CMaps (a span's
// /ActualText in place of its glyphs), with their baseline origins and
// widths (from the fonts' /W and the TJ adjustments) in points from the
// page's top left corner.
func (d *pdfDoc) shows(n int) []shownText {
	_, ph := d.size(n)
	fonts := d.fonts(n)
	c := d.content(n)
	p := &pdfParser{src: c}
	var out []shownText
	var stack []any
	var font *pdfFont
	size := 0.0
	ctm := [6]float64{1, 0, 0, 1, 0, 0}
	var saved [][6]float64
	var tx, ty float64
	type span struct {
		actual string
		used   bool
	}
	var spans []*span
	apply := func(m [6]float64, x, y float64) (float64, float64) {
		return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
	}
	num := func(k int) float64 { // the k-th operand from the end
		v, _ := stack[len(stack)-k].(float64)
		return v
	}
	show := func(s string, adv float64) {
		if len(spans) > 0 && spans[len(spans)-1].actual != "" {
			sp := spans[len(spans)-1]
			if sp.used {
				s = ""
			} else {
				s, sp.used = sp.actual, true
			}
		}
		w := adv * size / 1000
		x0, y0 := apply(ctm, tx, ty)
		x1, y1 := apply(ctm, tx+w, ty)
		face := ""
		if font != nil {
			face = font.face
		}
		out = append(out, shownText{face: face, size: size,
			x: min(x0, x1), y: ph - max(y0, y1), w: abs(x1 - x0), s: s, chart: ctm != [6]float64{1, 0, 0, 1, 0, 0}})
		tx += w
	}
	for p.i < len(c) && p.err == nil {
		p.space()
		if p.i >= len(c) {
			break
		}
		if ch := c[p.i]; ch == '/' || ch == '(' || ch == '<' || ch == '[' || ch == '-' || ch == '.' || ch == '+' || (ch >= '0' && ch <= '9') {
			stack = append(stack, p.object())
			continue
		}
		tok := p.token()
		if tok == "" {
			p.i++
			continue
		}
		switch tok {
		case "q":
			saved = append(saved, ctm)
		case "Q":
			if len(saved) > 0 {
				ctm, saved = saved[len(saved)-1], saved[:len(saved)-1]
			}
		case "cm":
			if len(stack) >= 6 {
				m := [6]float64{num(6), num(5), num(4), num(3), num(2), num(1)}
				ctm = [6]float64{
					m[0]*ctm[0] + m[1]*ctm[2], m[0]*ctm[1] + m[1]*ctm[3],
					m[2]*ctm[0] + m[3]*ctm[2], m[2]*ctm[1] + m[3]*ctm[3],
					m[4]*ctm[0] + m[5]*ctm[2] + ctm[4], m[4]*ctm[1] + m[5]*ctm[3] + ctm[5],
				}
			}
		case "Tf":
			if len(stack) >= 2 {
				name, _ := stack[len(stack)-2].(pdfName)
				font, size = fonts[string(name)], num(1)
			}
		case "BT":
			tx, ty = 0, 0
		case "Td":
			if len(stack) >= 2 {
				tx, ty = tx+num(2), ty+num(1)
			}
		case "Tj":
			if s, ok := stack[len(stack)-1].(string); ok {
				show(font.decode(s), font.width(s)-font.trailingSpace(s))
			}
		case "TJ":
			if a, ok := stack[len(stack)-1].([]any); ok {
				var b strings.Builder
				adv := 0.0
				last := ""
				for _, e := range a {
					switch v := e.(type) {
					case string:
						b.WriteString(font.decode(v))
						adv += font.width(v)
						last = v
					case float64:
						adv -= v
						last = ""
					}
				}
				show(b.String(), adv-font.trailingSpace(last))
			}
		case "BDC":
			sp := &span{}
			if len(stack) > 0 {
				if m, ok := stack[len(stack)-1].(map[string]any); ok {
					if a, ok := m["ActualText"].(string); ok {
						sp.actual = textString(a)
					}
				}
			}
			spans = append(spans, sp)
		case "BMC":
			spans = append(spans, &span{})
		case "EMC":
			if len(spans) > 0 {
				spans = spans[:len(spans)-1]
			}
		}
		stack = stack[:0]
	}
	return out
}

func utf16be(s string) string {
	if len(s)%2 != 0 {
		return s
	}
	u := make([]uint16, len(s)/2)
	for k := range u {
		u[k] = uint16(s[2*k])<<8 | uint16(s[2*k+1])
	}
	return string(utf16.Decode(u))
}

// textString decodes a PDF text string: UTF-16BE with a BOM, or bytes.
func textString(s string) string {
	if strings.HasPrefix(s, "\xfe\xff") {
		return utf16be(s[2:])
	}
	return s
}

func (d *pdfDoc) allText() string {
	var b strings.Builder
	for i := 1; i <= d.pages(); i++ {
		b.WriteString(d.text(i))
		b.WriteString("\f")
	}
	return b.String()
}

// links counts the link annotations: internal (/Dest) and URI.
func (d *pdfDoc) links() (internal, uri int, uris []string) {
	for n := 1; n <= d.pages(); n++ {
		an, ok := d.resolve(d.page(n)["Annots"]).([]any)
		if !ok {
			continue
		}
		for _, o := range an {
			a := d.dict(o)
			if a["Subtype"] != pdfName("Link") {
				continue
			}
			if dest, ok := a["Dest"]; ok {
				arr, ok := d.resolve(dest).([]any)
				if !ok || len(arr) == 0 {
					d.t.Errorf("page %d: link with a bad /Dest %v", n, dest)
				}
				internal++
				continue
			}
			if act, ok := a["A"]; ok {
				if u, ok := d.dict(act)["URI"].(string); ok {
					uri++
					uris = append(uris, u)
				}
			}
		}
	}
	return internal, uri, uris
}

// outline returns the outline items' titles, depth first, and each
// item's target page number.
func (d *pdfDoc) outline() (titles []string, pages []int) {
	root := d.dict(d.trailer["Root"])
	ol, ok := root["Outlines"]
	if !ok {
		return nil, nil
	}
	pageNum := map[int]int{}
	for i, id := range d.pageIDs {
		pageNum[id] = i + 1
	}
	var walk func(o any)
	walk = func(o any) {
		for o != nil {
			it := d.dict(o)
			titles = append(titles, textString(it["Title"].(string)))
			p := 0
			if dest, ok := d.resolve(it["Dest"]).([]any); ok && len(dest) > 0 {
				if r, ok := dest[0].(pdfRef); ok {
					p = pageNum[int(r)]
				}
			}
			pages = append(pages, p)
			if f, ok := it["First"]; ok {
				walk(f)
			}
			o = it["Next"]
		}
	}
	walk(d.dict(ol)["First"])
	return titles, pages
}

// embeddedFonts returns the decoded size of each embedded TrueType file
// by font name.
func (d *pdfDoc) embeddedFonts() map[string]int {
	out := map[string]int{}
	for _, o := range d.objs {
		m, ok := o.(map[string]any)
		if !ok || m["Type"] != pdfName("FontDescriptor") {
			continue
		}
		ff, ok := m["FontFile2"]
		if !ok {
			continue
		}
		s, ok := d.resolve(ff).(*pdfStream)
		if !ok {
			d.t.Fatalf("FontFile2 is not a stream")
		}
		out[string(m["FontName"].(pdfName))] = len(s.data)
	}
	return out
}

// loadFS loads the config at path in fsys and the data it names.
func loadFS(t testing.TB, fsys fs.FS, path string) (*data.Briefing, *Config) {
	t.Helper()
	cfg, err := LoadConfig(fsys, path)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	b, err := data.Load(fsys, cfg.Data)
	if err != nil {
		t.Fatalf("data.Load: %v", err)
	}
	return b, cfg
}

// synthFS is a synthetic briefing of n events, its config at config.toml.
func synthFS(n int, seed int64) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, src := range synth.Files(n, seed) {
		fsys[name] = &fstest.MapFile{Data: src}
	}
	return fsys
}

// laidOut lays b out as Build does before drawing: the resources cfg
// names, composed and paginated.
func laidOut(t testing.TB, b *data.Briefing, cfg *Config, fsys fs.FS) *layout {
	t.Helper()
	res, err := loadResources(cfg, fsys)
	if err != nil {
		t.Fatal(err)
	}
	d, err := compose(b, cfg, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	lay, err := paginate(d)
	if err != nil {
		t.Fatal(err)
	}
	return lay
}

// byFace keys embeddedFonts' result by face name ("serif-bold"): a font's
// name in the PDF is a subset tag, "+" and the font's PostScript name
// (ISO 32000-1, 9.6.4 and 9.6.3), which names the built-in face it is
// the one of; a name that is none stays as it is.
func byFace(t *testing.T, embedded map[string]int) map[string]int {
	t.Helper()
	faceOf := map[string]string{}
	for _, f := range fonts.New().Faces() {
		faceOf[postScriptName(t, f.TTF)] = f.Name
	}
	out := map[string]int{}
	for name, n := range embedded {
		tag, rest, ok := strings.Cut(name, "+")
		if !ok || !isSubsetTag(tag) {
			t.Errorf("font %s: its name does not begin with a subset tag (ISO 32000-1, 9.6.4)", name)
		}
		if face, ok := faceOf[rest]; ok {
			rest = face
		}
		out[rest] = n
	}
	return out
}

// postScriptName reads a TrueType font's PostScript name (name ID 6 of
// its name table), independently of fpdf's parser.
func postScriptName(t *testing.T, ttf []byte) string {
	t.Helper()
	u16 := func(b []byte, i int) int { return int(b[i])<<8 | int(b[i+1]) }
	u32 := func(b []byte, i int) int { return u16(b, i)<<16 | u16(b, i+2) }
	for k := 0; k < u16(ttf, 4); k++ {
		rec := 12 + 16*k
		if string(ttf[rec:rec+4]) != "name" {
			continue
		}
		tbl := ttf[u32(ttf, rec+8):]
		strs := tbl[u16(tbl, 4):]
		for r := 0; r < u16(tbl, 2); r++ {
			e := 6 + 12*r
			if u16(tbl, e+6) != 6 {
				continue
			}
			b := strs[u16(tbl, e+10) : u16(tbl, e+10)+u16(tbl, e+8)]
			if u16(tbl, e) == 3 { // Windows: UTF-16BE
				return utf16be(string(b))
			}
			return string(b)
		}
	}
	t.Fatal("a font without a PostScript name")
	return ""
}

// isSubsetTag reports whether s is six capital letters.
func isSubsetTag(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// info returns the document information dictionary's text entries.
func (d *pdfDoc) info() map[string]string {
	out := map[string]string{}
	for k, v := range d.dict(d.trailer["Info"]) {
		if s, ok := v.(string); ok {
			out[k] = textString(s)
		}
	}
	return out
}

// pdfParser reads the tokens, strings and operands of a content stream
// (src).
type pdfParser struct {
	src []byte
	i   int
	err error
}

func (p *pdfParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("offset %d: %s", p.i, fmt.Sprintf(format, args...))
	}
	p.i = len(p.src)
}

func (p *pdfParser) space() {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			p.i++
		case c == '%':
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/% \n\r\t\f", c) >= 0
}

func (p *pdfParser) token() string {
	s := p.i
	for p.i < len(p.src) && !isDelim(p.src[p.i]) {
		p.i++
	}
	return string(p.src[s:p.i])
}

// object reads an operand of a content stream: a name, string, array,
// dictionary (a marked-content property list) or number.
func (p *pdfParser) object() any {
	p.space()
	if p.i >= len(p.src) {
		p.fail("unexpected end")
		return nil
	}
	switch c := p.src[p.i]; {
	case c == '/':
		p.i++
		return pdfName(p.token())
	case c == '(':
		return p.literal()
	case c == '<' && p.i+1 < len(p.src) && p.src[p.i+1] == '<':
		p.i += 2
		m := map[string]any{}
		for {
			p.space()
			if p.i+1 < len(p.src) && p.src[p.i] == '>' && p.src[p.i+1] == '>' {
				p.i += 2
				return m
			}
			k, ok := p.object().(pdfName)
			if !ok {
				p.fail("dictionary key is not a name")
				return nil
			}
			m[string(k)] = p.object()
		}
	case c == '<':
		p.i++
		s := p.i
		for p.i < len(p.src) && p.src[p.i] != '>' {
			p.i++
		}
		h := strings.Join(strings.Fields(string(p.src[s:p.i])), "")
		p.i++
		if len(h)%2 == 1 {
			h += "0"
		}
		b := make([]byte, len(h)/2)
		for k := range b {
			v, err := strconv.ParseUint(h[2*k:2*k+2], 16, 8)
			if err != nil {
				p.fail("bad hex string")
			}
			b[k] = byte(v)
		}
		return string(b)
	case c == '[':
		p.i++
		var a []any
		for {
			p.space()
			if p.i < len(p.src) && p.src[p.i] == ']' {
				p.i++
				return a
			}
			if p.i >= len(p.src) {
				p.fail("unterminated array")
				return nil
			}
			a = append(a, p.object())
		}
	}
	tok := p.token()
	switch tok {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	case "":
		p.fail("unexpected %q", p.src[p.i])
		return nil
	}
	n, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		p.fail("bad token %q", tok)
		return nil
	}
	// "N G R" is a reference.
	save := p.i
	p.space()
	g := p.token()
	p.space()
	if _, err := strconv.Atoi(g); err == nil && g != "" && p.i < len(p.src) && p.src[p.i] == 'R' &&
		(p.i+1 == len(p.src) || isDelim(p.src[p.i+1])) {
		p.i++
		return pdfRef(int(n))
	}
	p.i = save
	return n
}

func (p *pdfParser) literal() string {
	p.i++ // (
	var b []byte
	depth := 1
	for p.i < len(p.src) {
		c := p.src[p.i]
		p.i++
		switch c {
		case '\\':
			if p.i >= len(p.src) {
				break
			}
			e := p.src[p.i]
			p.i++
			switch e {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '7'; k++ {
					v = v*8 + int(p.src[p.i]-'0')
					p.i++
				}
				b = append(b, byte(v))
			case '\n':
			default:
				b = append(b, e)
			}
		case '(':
			depth++
			b = append(b, c)
		case ')':
			depth--
			if depth == 0 {
				return string(b)
			}
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	p.fail("unterminated string")
	return string(b)
}

// trailingSpace is the width of the spaces that end s (a word drawn
// with a space after it, for text extraction): they draw nothing, so a
// bounds check leaves them out.
func (f *pdfFont) trailingSpace(s string) float64 {
	if f == nil {
		return 0
	}
	w := 0.0
	for len(s) >= 2 && f.decode(s[len(s)-2:]) == " " {
		w += f.width(s[len(s)-2:])
		s = s[:len(s)-2]
	}
	return w
}
