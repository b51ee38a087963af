package report

// A small, independent PDF reader for the tests. pdfcpu's reader cannot be
// built from this module (its go.sum lacks pdfcpu's image and YAML
// dependencies), so the tests read the PDF back with this: the cross
// reference table and trailer are checked against the file's bytes, every
// object is parsed, streams are inflated with compress/zlib and their
// /Length checked. Nothing here shares code with the writer.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/synth"
)

// pdfObj is a parsed PDF object: nil, bool, float64, string (a string
// literal or hex string, raw bytes), pdfName, []any, map[string]any or
// pdfRef.
type pdfName string

type pdfRef int

type pdfStream struct {
	dict map[string]any
	data []byte // inflated when /Filter is /FlateDecode
}

type pdfDoc struct {
	t       testing.TB
	raw     []byte
	objs    map[int]any
	trailer map[string]any
	pageIDs []int
}

var objHeader = regexp.MustCompile(`(?m)^(\d+) 0 obj\s*`)

func readPDF(t testing.TB, raw []byte) *pdfDoc {
	t.Helper()
	d := &pdfDoc{t: t, raw: raw, objs: map[int]any{}}
	if !bytes.HasPrefix(raw, []byte("%PDF-1.")) {
		t.Fatalf("no %%PDF header")
	}
	if !bytes.HasSuffix(bytes.TrimRight(raw, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("no %%%%EOF at the end")
	}
	// startxref → xref table → each object's offset.
	i := bytes.LastIndex(raw, []byte("startxref"))
	if i < 0 {
		t.Fatal("no startxref")
	}
	off, err := strconv.Atoi(strings.Fields(string(raw[i+len("startxref"):]))[0])
	if err != nil || off >= len(raw) || !bytes.HasPrefix(raw[off:], []byte("xref")) {
		t.Fatalf("startxref %d does not point to an xref table", off)
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
		want := fmt.Sprintf("%d 0 obj", num)
		if o >= len(raw) || !bytes.HasPrefix(raw[o:], []byte(want)) {
			t.Fatalf("xref: object %d is not at offset %d", num, o)
		}
		p := &pdfParser{src: raw, i: o + len(want)}
		obj := p.object()
		p.space()
		if bytes.HasPrefix(raw[p.i:], []byte("stream")) {
			obj = p.stream(t, obj.(map[string]any))
		}
		if p.err != nil {
			t.Fatalf("object %d: %v", num, p.err)
		}
		d.objs[num] = obj
	}
	ti := bytes.LastIndex(raw, []byte("trailer"))
	p := &pdfParser{src: raw, i: ti + len("trailer")}
	tr, ok := p.object().(map[string]any)
	if !ok || p.err != nil {
		t.Fatalf("trailer: %v", p.err)
	}
	d.trailer = tr
	root := d.dict(tr["Root"])
	pages := d.dict(root["Pages"])
	for _, k := range pages["Kids"].([]any) {
		d.pageIDs = append(d.pageIDs, int(k.(pdfRef)))
	}
	if n := int(pages["Count"].(float64)); n != len(d.pageIDs) {
		t.Fatalf("/Count %d, %d kids", n, len(d.pageIDs))
	}
	return d
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
				show(font.decode(s), font.width(s))
			}
		case "TJ":
			if a, ok := stack[len(stack)-1].([]any); ok {
				var b strings.Builder
				adv := 0.0
				for _, e := range a {
					switch v := e.(type) {
					case string:
						b.WriteString(font.decode(v))
						adv += font.width(v)
					case float64:
						adv -= v
					}
				}
				show(b.String(), adv)
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
// name in the PDF is a subset tag, "+", "utf8" and the face name.
func byFace(t *testing.T, fonts map[string]int) map[string]int {
	t.Helper()
	out := map[string]int{}
	for name, n := range fonts {
		tag, rest, ok := strings.Cut(name, "+")
		if !ok || !isSubsetTag(tag) {
			t.Errorf("font %s: its name does not begin with a subset tag (ISO 32000-1, 9.6.4)", name)
		}
		out[strings.TrimPrefix(rest, "utf8")] = n
	}
	return out
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

// pdfParser parses PDF objects from src.
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

func (p *pdfParser) stream(t testing.TB, dict map[string]any) *pdfStream {
	p.i += len("stream")
	if p.i < len(p.src) && p.src[p.i] == '\r' {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '\n' {
		p.i++
	}
	n, ok := dict["Length"].(float64)
	if !ok {
		p.fail("stream without a direct /Length")
		return nil
	}
	end := p.i + int(n)
	if end > len(p.src) {
		p.fail("stream /Length %d runs past the end", int(n))
		return nil
	}
	data := p.src[p.i:end]
	p.i = end
	p.space()
	if !bytes.HasPrefix(p.src[p.i:], []byte("endstream")) {
		p.fail("stream /Length %d does not end at endstream", int(n))
		return nil
	}
	if dict["Filter"] == pdfName("FlateDecode") {
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			p.fail("inflate: %v", err)
			return nil
		}
		out, err := io.ReadAll(r)
		if err != nil {
			p.fail("inflate: %v", err)
			return nil
		}
		data = out
	}
	return &pdfStream{dict: dict, data: data}
}
