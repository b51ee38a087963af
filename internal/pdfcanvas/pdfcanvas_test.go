package pdfcanvas

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var fixedTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// newDoc returns an uncompressed A4 document in points with the default
// fonts registered and one page.
func newDoc(t testing.TB, unit string) (*fpdf.Fpdf, *fonts.Set) {
	t.Helper()
	pdf := fpdf.New("P", unit, "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	set := fonts.New()
	if err := Register(pdf, set); err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	return pdf, set
}

// chart returns a plot with a title, rotated y label, a translucent dashed
// line, circle glyphs (arcs) and a legend, all in the set's faces.
func chart(t testing.TB, set *fonts.Set) *plot.Plot {
	t.Helper()
	h := text.Plain{Fonts: set.PlotCache()}
	p := plot.New()
	sans := font.Font{Typeface: fonts.TypefaceSans}
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Handler = h
		s.Font.Typeface, s.Font.Variant = sans.Typeface, ""
	}
	p.TextHandler = h
	p.Legend.TextStyle.Font.Style = 1 // italic
	p.Title.Text = "Talks in İzmir — ə"
	p.X.Label.Text = "Month"
	p.Y.Label.Text = "Events per month"
	xys := plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 4}, {X: 2, Y: 2}, {X: 3, Y: 7}, {X: 4, Y: 5}}
	line, pts, err := plotter.NewLinePoints(xys)
	if err != nil {
		t.Fatal(err)
	}
	line.Color = color.NRGBA{R: 200, G: 30, B: 30, A: 128}
	line.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
	line.Width = vg.Points(1.5)
	pts.Shape = draw.CircleGlyph{}
	pts.Radius = vg.Points(3)
	pts.Color = color.RGBA{B: 160, A: 255}
	p.Add(line, pts, plotter.NewGrid())
	p.Legend.Add("talks", line, pts)
	return p
}

var (
	imageRe   = regexp.MustCompile(`/Subtype /Image`)
	xobjectRe = regexp.MustCompile(`/XObject\s*<<\s*/`)
)

// content is the page's decoded content stream, tokenised.
type content struct {
	ops     []string // operators in order
	strings []string // text shown with Tj, decoded from UTF-16BE
	raw     string
}

func readPDF(t *testing.T, b []byte) (*document, content) {
	t.Helper()
	doc, err := parsePDF(b)
	if err != nil {
		t.Fatalf("reading the PDF back: %v", err)
	}
	raw, err := doc.pageContent(1)
	if err != nil {
		t.Fatal(err)
	}
	return doc, tokenize(t, raw)
}

// tokenize splits a content stream into operators and string operands.
func tokenize(t *testing.T, b []byte) content {
	c := content{raw: string(b)}
	var lastString []byte
	for i := 0; i < len(b); {
		ch := b[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t':
			i++
		case ch == '(':
			var s []byte
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
					if i < len(b) {
						switch b[i] {
						case 'n':
							s = append(s, '\n')
						case 'r':
							s = append(s, '\r')
						default:
							s = append(s, b[i])
						}
					}
				case '(':
					depth++
					s = append(s, '(')
				case ')':
					depth--
					if depth > 0 {
						s = append(s, ')')
					}
				default:
					s = append(s, b[i])
				}
			}
			lastString = s
		case ch == '[' || ch == ']':
			i++
		case ch == '/' || ch == '-' || ch == '.' || (ch >= '0' && ch <= '9'):
			for i++; i < len(b) && !strings.ContainsRune(" \n\r\t[]()/", rune(b[i])); i++ {
			}
		default:
			j := i
			for ; j < len(b) && !strings.ContainsRune(" \n\r\t[]()/", rune(b[j])); j++ {
			}
			if j == i {
				t.Fatalf("content stream: unexpected byte %q at %d", ch, i)
			}
			op := string(b[i:j])
			c.ops = append(c.ops, op)
			if op == "Tj" {
				c.strings = append(c.strings, fromUTF16(lastString))
			}
			i = j
		}
	}
	return c
}

func fromUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// balanced checks q/Q nesting and BT/ET pairing, and that every Tj has a
// font selected (Tf) in its graphics state.
func balanced(t *testing.T, c content) {
	t.Helper()
	depth, bt := 0, 0
	font := []bool{false} // per q level: is a font selected?
	for _, op := range c.ops {
		switch op {
		case "q":
			depth++
			font = append(font, font[len(font)-1])
		case "Q":
			depth--
			if depth < 0 {
				t.Fatal("Q without q")
			}
			font = font[:len(font)-1]
		case "BT":
			bt++
		case "ET":
			bt--
		case "Tf":
			font[len(font)-1] = true
		case "Tj":
			if !font[len(font)-1] {
				t.Error("Tj without a font selected in the graphics state")
			}
		}
	}
	if depth != 0 || bt != 0 {
		t.Errorf("unbalanced content stream: q depth %d, BT depth %d", depth, bt)
	}
}

type fpdfState struct {
	draw, fill, text [3]int
	lineWidth        float64
	family, style    string
	size             float64
	alpha            float64
	blend            string
}

func stateOf(pdf *fpdf.Fpdf) fpdfState {
	var s fpdfState
	s.draw[0], s.draw[1], s.draw[2] = pdf.GetDrawColor()
	s.fill[0], s.fill[1], s.fill[2] = pdf.GetFillColor()
	s.text[0], s.text[1], s.text[2] = pdf.GetTextColor()
	s.lineWidth = pdf.GetLineWidth()
	s.family, s.style = pdf.GetFontFamily(), pdf.GetFontStyle()
	s.size, _ = pdf.GetFontSize()
	s.alpha, s.blend = pdf.GetAlpha()
	return s
}

func output(t *testing.T, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func drawChart(t *testing.T) []byte {
	pdf, set := newDoc(t, "pt")
	pdf.SetFont("serif-bold", "U", 11)
	pdf.SetDrawColor(10, 20, 30)
	pdf.SetFillColor(40, 50, 60)
	pdf.SetTextColor(70, 80, 90)
	pdf.SetLineWidth(0.7)
	pdf.SetAlpha(0.9, "Multiply")
	before := stateOf(pdf)

	c := New(pdf, 60, 80, 400, 260, nil)
	chart(t, set).Draw(draw.New(c))
	if err := pdf.Error(); err != nil {
		t.Fatalf("pdf error after drawing: %v", err)
	}
	if after := stateOf(pdf); after != before {
		t.Errorf("fpdf state changed by the chart:\nbefore %+v\n after %+v", before, after)
	}
	// The body goes on in its own state.
	pdf.Text(60, 400, "Body text after the chart")
	return output(t, pdf)
}

func TestChartIsVectorText(t *testing.T) {
	b := drawChart(t)
	doc, c := readPDF(t, b)
	if n := doc.count(imageRe); n != 0 {
		t.Errorf("chart produced %d image objects", n)
	}
	if n := doc.count(xobjectRe); n != 0 {
		t.Errorf("%d resource dictionaries name XObjects", n)
	}
	for _, op := range c.ops {
		if op == "Do" || op == "BI" {
			t.Errorf("content stream paints an XObject or inline image (%s)", op)
		}
	}
	balanced(t, c)
	shown := strings.Join(c.strings, "\n")
	for _, want := range []string{"Talks in İzmir — ə", "Month", "Events per month", "talks",
		"0", "2", "4", "1", "7", "Body text after the chart"} {
		found := false
		for _, s := range c.strings {
			if s == want {
				found = true
			}
		}
		if !found {
			t.Errorf("text %q not shown with Tj; shown:\n%s", want, shown)
		}
	}
	// The rotated y label is set under a rotation of +90°.
	if !strings.Contains(c.raw, " 0 1 -1 0 ") {
		t.Error("no rotated text matrix (0 1 -1 0) for the y label")
	}
	// Arcs (circle glyphs) are cubic Béziers, fills and strokes present,
	// the dash and alpha of the line are set.
	count := map[string]int{}
	for _, op := range c.ops {
		count[op]++
	}
	for _, op := range []string{"c", "f", "S", "d", "gs", "re", "W", "cm"} {
		if count[op] == 0 {
			t.Errorf("no %q operator in the content stream", op)
		}
	}
	if !strings.Contains(c.raw, "[4 2] 0 d") {
		t.Error("dash pattern [4 2] 0 d not found")
	}
	// All text is in embedded TrueType fonts (Type0/CIDFontType2 with
	// FontFile2), not core fonts. fpdf embeds every registered font.
	if n, core := doc.count(regexp.MustCompile(`/Subtype /Type0`)), doc.count(regexp.MustCompile(`/Subtype /Type1`)); n != 8 || core != 0 {
		t.Errorf("%d Type0 fonts and %d Type1 fonts, want 8 and 0", n, core)
	}
	if n := doc.count(regexp.MustCompile(`/FontFile2 `)); n != 8 {
		t.Errorf("%d embedded TrueType font files, want 8", n)
	}
}

// TestNoFontBefore draws a chart into a page on which no font was
// selected, then sets body text without selecting a font: fpdf believes
// the chart's last font is current, and the content stream must agree.
func TestNoFontBefore(t *testing.T) {
	pdf, set := newDoc(t, "pt")
	c := New(pdf, 0, 0, 200, 100, nil)
	face := set.PlotCache().Lookup(font.Font{Typeface: fonts.TypefaceSans}, 9)
	c.FillString(face, vg.Point{X: 10, Y: 10}, "label")
	pdf.Text(20, 300, "body")
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	_, ct := readPDF(t, output(t, pdf))
	balanced(t, ct)
	if len(ct.strings) != 2 {
		t.Errorf("shown %q, want label and body", ct.strings)
	}
}

func TestDeterministic(t *testing.T) {
	if a, b := drawChart(t), drawChart(t); !bytes.Equal(a, b) {
		t.Error("the same chart gave different bytes")
	}
}

// TestGeometry checks the y flip and the transform in page points.
func TestGeometry(t *testing.T) {
	for _, unit := range []string{"pt", "mm"} {
		pdf, _ := newDoc(t, unit)
		k := pdf.GetConversionRatio()
		// The area's top-left at 100 pt, 200 pt from the page's top-left;
		// 50 × 40 pt.
		c := New(pdf, 100/k, 200/k, 50/k, 40/k, nil)
		if w, h := c.Size(); math.Abs(float64(w)-50) > 1e-9 || math.Abs(float64(h)-40) > 1e-9 {
			t.Errorf("%s: Size = %v × %v, want 50 × 40 pt", unit, w, h)
		}
		var p vg.Path
		p.Move(vg.Point{X: 0, Y: 0})
		p.Line(vg.Point{X: 10, Y: 0})
		p.Line(vg.Point{X: 10, Y: 5})
		p.Close()
		c.Fill(p)
		c.Push()
		c.Translate(vg.Point{X: 20, Y: 10})
		c.Rotate(math.Pi / 2)
		c.FillString(fonts.New().PlotCache().Lookup(font.Font{Typeface: "serif"}, 10), vg.Point{X: 1, Y: 2}, "up")
		c.Pop()
		c.Pop() // unmatched: ignored
		c.SetColor(color.NRGBA{R: 255, A: 0x80})
		c.Stroke(p)
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
		_, ct := readPDF(t, output(t, pdf))
		balanced(t, ct)
		// A4 is 841.89 pt high: the area's bottom-left is at
		// (100, 841.89 - 240) in page space, y up.
		if !strings.Contains(ct.raw, "100 601.89 50 40 re W n 1 0 0 1 100 601.89 cm") {
			t.Errorf("%s: clip and base transform not found in\n%s", unit, ct.raw)
		}
		if !strings.Contains(ct.raw, "0 0 m\n10 0 l\n10 5 l\nh\nf") {
			t.Errorf("%s: path not found", unit)
		}
		// Text origin: translate (20,10), rotate 90°, then (1,2) in the
		// rotated frame is (-2,1): page (100+18, 601.89+11).
		if !strings.Contains(ct.raw, "0 1 -1 0 118 612.89 cm") {
			t.Errorf("%s: rotated text transform not found in\n%s", unit, ct.raw)
		}
		if len(ct.strings) != 1 || ct.strings[0] != "up" {
			t.Errorf("%s: text shown %q", unit, ct.strings)
		}
		// The translucent red stroke: un-premultiplied colour, alpha 0.502.
		if !strings.Contains(ct.raw, "1 0 0 RG") || !strings.Contains(ct.raw, " gs") {
			t.Errorf("%s: translucent stroke not found", unit)
		}
	}
}

func TestArcIsOnCircle(t *testing.T) {
	for _, tc := range []struct{ start, sweep float64 }{
		{0, 2 * math.Pi}, {0.3, 0.01}, {1, -2.5}, {-1, 7.5}, {0, 0},
	} {
		var pts [][]vg.Point
		var ops []string
		to := func(op string, p ...vg.Point) { ops = append(ops, op); pts = append(pts, p) }
		comp := vg.PathComp{Type: vg.ArcComp, Pos: vg.Point{X: 10, Y: 20}, Radius: 5, Start: tc.start, Angle: tc.sweep}
		end, _, _ := arc(to, comp, vg.Point{}, vg.Point{}, false)
		if ops[0] != "m" {
			t.Errorf("%v: arc without a current point starts with %q", tc, ops[0])
		}
		want := vg.Point{X: 10 + 5*vg.Length(math.Cos(tc.start+tc.sweep)), Y: 20 + 5*vg.Length(math.Sin(tc.start+tc.sweep))}
		if math.Hypot(float64(end.X-want.X), float64(end.Y-want.Y)) > 1e-9 {
			t.Errorf("%v: arc ends at %v, want %v", tc, end, want)
		}
		prev := pts[0][0]
		for i, op := range ops[1:] {
			if op != "c" {
				t.Fatalf("%v: op %q", tc, op)
			}
			p := pts[i+1]
			// The Bézier's midpoint is on the circle to within 0.03% of r.
			mid := vg.Point{
				X: (prev.X + 3*p[0].X + 3*p[1].X + p[2].X) / 8,
				Y: (prev.Y + 3*p[0].Y + 3*p[1].Y + p[2].Y) / 8,
			}
			if r := math.Hypot(float64(mid.X-10), float64(mid.Y-20)); math.Abs(r-5) > 5*3e-4 {
				t.Errorf("%v: segment %d midpoint at radius %v", tc, i, r)
			}
			prev = p[2]
		}
		if n := len(ops) - 1; float64(n) < math.Abs(tc.sweep)/(math.Pi/2) || n > 8 {
			t.Errorf("%v: %d segments", tc, n)
		}
	}
}

func TestImage(t *testing.T) {
	pdf, _ := newDoc(t, "pt")
	c := New(pdf, 10, 10, 100, 100, nil)
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for i := range img.Pix {
		img.Pix[i] = 0xff // opaque white: no soft mask object
	}
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	c.DrawImage(vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 50, Y: 30}}, img)
	c.DrawImage(vg.Rectangle{Min: vg.Point{X: 60, Y: 10}, Max: vg.Point{X: 90, Y: 30}}, img)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	doc, ct := readPDF(t, output(t, pdf))
	balanced(t, ct)
	if n := doc.count(imageRe); n != 1 {
		t.Errorf("%d image objects, want one (the same image twice)", n)
	}
	if !strings.Contains(ct.raw, "40 0 0 20 20 741.89 cm") {
		t.Errorf("image placement not found in\n%s", ct.raw)
	}
}

func TestBadInput(t *testing.T) {
	// Drawing before a page sets the error instead of corrupting the file.
	pdf := fpdf.New("P", "pt", "A4", "")
	c := New(pdf, 0, 0, 10, 10, nil)
	var p vg.Path
	p.Move(vg.Point{})
	p.Line(vg.Point{X: 1, Y: 1})
	c.Stroke(p)
	if pdf.Error() == nil {
		t.Error("drawing before the first page did not set the error")
	}

	// An unknown family sets fpdf's error; non-finite numbers are written
	// as 0; an odd dash is solid.
	pdf, _ = newDoc(t, "pt")
	c = New(pdf, 0, 0, 100, 100, func(font.Font) string { return "nosuch" })
	p = nil
	p.Move(vg.Point{X: vg.Length(math.NaN()), Y: 1})
	p.Line(vg.Point{X: vg.Length(math.Inf(1)), Y: 1})
	p.Arc(vg.Point{X: 1, Y: 1}, vg.Length(math.NaN()), 0, 1)
	c.SetLineDash([]vg.Length{-1, 2}, 0)
	c.Stroke(p)
	c.Fill(nil)
	c.SetLineWidth(0)
	c.Stroke(p)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	_, ct := readPDF(t, output(t, pdf))
	if !strings.Contains(ct.raw, "0 1 m\n0 1 l\nS") || !strings.Contains(ct.raw, "[] 0 d") {
		t.Errorf("non-finite path not written as zeros:\n%s", ct.raw)
	}
	pdf, set := newDoc(t, "pt")
	c = New(pdf, 0, 0, 100, 100, func(font.Font) string { return "nosuch" })
	c.FillString(set.PlotCache().Lookup(font.Font{}, 10), vg.Point{}, "x")
	if err := pdf.Error(); err == nil || !strings.Contains(err.Error(), "undefined font") {
		t.Errorf("unknown family: error %v", err)
	}
}

// TestRegister checks every face can be selected after Register.
func TestRegister(t *testing.T) {
	pdf, set := newDoc(t, "pt")
	for _, f := range set.Faces() {
		pdf.SetFont(f.Name, "", 10)
		if pdf.GetFontFamily() != f.Name {
			t.Errorf("%s not selected", f.Name)
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

// TestShapedText checks that a shaped canvas draws glyph runs as the
// Set measures them: "To" kerned in the TJ, Armenian in a fallback face
// registered on first use, and the text given back by the ToUnicode
// CMap.
func TestShapedText(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetGlyphFonts(true)
	set := fonts.New()
	set.SetShaping(true)
	if err := Register(pdf, set); err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	var used []string
	use := func(face string) {
		used = append(used, face)
		f, _ := set.EmbedFace(face)
		pdf.AddUTF8FontFromBytes(face, "", f.TTF)
	}
	c := New(pdf, 0, 0, 300, 300, nil).Shaped(NewText(pdf, set), use)
	fnt := set.PlotCache().Lookup(font.Font{Typeface: "serif"}, 10)
	c.FillString(fnt, vg.Point{X: 10, Y: 10}, "To Հայաստան")
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	_, ct := readPDF(t, output(t, pdf))
	// Liberation Serif kerns T-o by 143/2048 em: 69.82 thousandths.
	if !strings.Contains(ct.raw, "(\x00\x37)69.82 (") && !strings.Contains(ct.raw, ")69.82 (") {
		t.Errorf("no kerned TJ for \"To\":\n%s", ct.raw)
	}
	if len(used) != 1 || !strings.HasPrefix(used[0], "fallback-") {
		t.Errorf("faces registered on use: %v, want one fallback face", used)
	}
	if n := strings.Count(ct.raw, "] TJ"); n != 2 {
		t.Errorf("%d glyph runs, want 2 (Liberation Serif, DejaVu Serif):\n%s", n, ct.raw)
	}
}

// BenchmarkChart measures drawing a chart (not fpdf's font loading or
// output).
func BenchmarkChart(b *testing.B) {
	pdf, set := newDoc(b, "pt")
	p := chart(b, set)
	for b.Loop() {
		p.Draw(draw.New(New(pdf, 60, 80, 400, 260, nil)))
	}
	if err := pdf.Error(); err != nil {
		b.Fatal(err)
	}
}
