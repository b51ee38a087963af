// Package pdfcanvas draws gonum/plot charts into the report's own
// *fpdf.Fpdf, as vectors: paths become PDF path operators, text is set
// in the same embedded TrueType faces as the body (so it can be
// selected, searched and extracted), and nothing is rasterised. With
// Shaped, text is shaped as the body's is and drawn as glyph runs (Text,
// glyphs.go); without, it is shown by character with Tj.
//
// Use:
//
//	c := pdfcanvas.New(pdf, x, y, w, h, nil) // area on the current page
//	p.Draw(draw.New(c))
//
// or, shaped (pdf made with SetGlyphFonts(true)):
//
//	c := pdfcanvas.New(pdf, x, y, w, h, nil).Shaped(pdfcanvas.NewText(pdf, set), use)
//
// Every drawing call (Stroke, Fill, FillString, DrawImage) is written as
// one self-contained, balanced "q … Q" group that sets up everything it
// needs (clip to the area, transform, colour, alpha, line width, dash,
// cap, join, text state) from the canvas's own state. Push and Pop keep
// that state in Go rather than as nested q/Q: a chart can then never leave
// the page's graphics state unbalanced (a Pop without Push is ignored, and
// no closing call is needed), and fpdf's cached state stays true after
// each group. The few fpdf setters the canvas must use (SetFont and
// SetTextColor for text, SetAlpha for translucency) are restored after
// each call, so after a chart fpdf's draw, fill and text colours, line
// width, dash, font family, style and size and alpha are as before.
//
// The canvas does not check glyphs: text a face cannot set is drawn with
// the font's .notdef glyph. Check text beforehand with
// fonts.(*Set).CheckGlyphs.
package pdfcanvas

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// Register adds every face of s to pdf as a UTF-8 TrueType font, under
// the face's name ("serif", "sans-bold", …) with style "", so that
// pdf.SetFont("serif-italic", "", 10) selects it. fpdf ignores a second
// registration under the same name, so register a Set once per document,
// after any Replace. It returns pdf.Error().
func Register(pdf *fpdf.Fpdf, s *fonts.Set) error {
	for _, f := range s.Faces() {
		pdf.AddUTF8FontFromBytes(f.Name, "", f.TTF)
	}
	return pdf.Error()
}

// matrix is an affine transform in PDF's convention: a point [x y 1]
// maps to [x y 1] × [a b 0; c d 0; e f 1].
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.b*n.c,
		b: m.a*n.b + m.b*n.d,
		c: m.c*n.a + m.d*n.c,
		d: m.c*n.b + m.d*n.d,
		e: m.e*n.a + m.f*n.c + n.e,
		f: m.e*n.b + m.f*n.d + n.f,
	}
}

type state struct {
	m       matrix
	width   float64 // points in canvas space
	dash    []float64
	offset  float64
	r, g, b float64 // 0…1, not premultiplied
	alpha   float64
}

// Canvas is a vg.CanvasSizer drawing onto a rectangle of an fpdf page.
type Canvas struct {
	pdf   *fpdf.Fpdf
	x, y  float64 // top-left of the area, in the pdf's unit
	w, h  float64 // size of the area, in the pdf's unit
	fonts func(font.Font) string
	st    state
	stack []state

	text *Text             // shapes and draws the text, if set (Shaped)
	use  func(face string) // registers a face of the set on first use
}

// Shaped makes the canvas set its text through t, as the body is
// (kerning, ligatures, marks, fallback faces): FillString draws glyph
// runs instead of characters, in the faces of t's Set that the canvas's
// fonts function names (fonts.FaceName). use is called with each
// face's embedded name before it is selected, to register it with the
// PDF.
func (c *Canvas) Shaped(t *Text, use func(face string)) *Canvas {
	c.text, c.use = t, use
	return c
}

var _ vg.CanvasSizer = (*Canvas)(nil)

// New returns a canvas over the rectangle of pdf's current page whose
// top-left corner is (x, y) and whose size is w × h, all in the unit pdf
// was made with (points for fpdf.New("P", "pt", …), as the report uses).
// The canvas's own coordinates are gonum's: points, origin at the
// rectangle's bottom-left, y up. Drawing is clipped to the rectangle.
//
// fonts maps a gonum font to the fpdf family registered for it; nil means
// fonts.FaceName, which matches Register. A family fpdf does not know sets
// pdf's error ("undefined font"). Drawing with no current page, or after
// pdf has an error, does nothing.
func New(pdf *fpdf.Fpdf, x, y, w, h float64, fontFamily func(font.Font) string) *Canvas {
	if fontFamily == nil {
		fontFamily = fonts.FaceName
	}
	c := &Canvas{pdf: pdf, x: x, y: y, w: w, h: h, fonts: fontFamily}
	c.st = state{m: identity, width: 1, alpha: 1}
	return c
}

// Size returns the size of the drawing area in points.
func (c *Canvas) Size() (w, h vg.Length) {
	k := c.pdf.GetConversionRatio()
	return vg.Length(c.w * k), vg.Length(c.h * k)
}

// SetLineWidth sets the width of stroked lines; a width that is not
// positive makes Stroke draw nothing.
func (c *Canvas) SetLineWidth(w vg.Length) { c.st.width = float64(w) }

// SetLineDash sets the dash pattern; an empty pattern, or one with a
// negative length or no positive one, is a solid line.
func (c *Canvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.st.dash, c.st.offset = nil, 0
	positive := false
	for _, l := range pattern {
		if l < 0 || !finite(float64(l)) {
			return
		}
		if l > 0 {
			positive = true
		}
	}
	if !positive {
		return
	}
	c.st.dash = make([]float64, len(pattern))
	for i, l := range pattern {
		c.st.dash[i] = float64(l)
	}
	c.st.offset = float64(offset)
}

// SetColor sets the colour of strokes, fills and text; nil is black.
// Translucent colours are drawn with a PDF constant alpha.
func (c *Canvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	n := color.NRGBA64Model.Convert(col).(color.NRGBA64)
	c.st.r = float64(n.R) / 0xffff
	c.st.g = float64(n.G) / 0xffff
	c.st.b = float64(n.B) / 0xffff
	c.st.alpha = float64(n.A) / 0xffff
}

// Rotate rotates the coordinate system by rad radians, counterclockwise.
func (c *Canvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.st.m = matrix{a: co, b: s, c: -s, d: co}.mul(c.st.m)
}

// Translate moves the origin to pt.
func (c *Canvas) Translate(pt vg.Point) {
	c.st.m = matrix{a: 1, d: 1, e: float64(pt.X), f: float64(pt.Y)}.mul(c.st.m)
}

// Scale scales the coordinate system.
func (c *Canvas) Scale(x, y float64) {
	c.st.m = matrix{a: x, d: y}.mul(c.st.m)
}

// Push saves the line width, dash, transform and colour.
func (c *Canvas) Push() {
	s := c.st
	s.dash = append([]float64(nil), c.st.dash...)
	c.stack = append(c.stack, s)
}

// Pop restores what the matching Push saved; without one it does nothing.
func (c *Canvas) Pop() {
	if len(c.stack) == 0 {
		return
	}
	c.st = c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
}

// Stroke strokes p with the current colour, line width and dash.
func (c *Canvas) Stroke(p vg.Path) {
	if c.st.width <= 0 || len(p) == 0 {
		return
	}
	var b strings.Builder
	c.pathOps(&b, p)
	if b.Len() == 0 {
		return
	}
	c.group(func(w *strings.Builder) {
		w.WriteString(" ")
		writeNum(w, c.st.width)
		w.WriteString(" w 0 J 0 j 10 M [")
		for i, d := range c.st.dash {
			if i > 0 {
				w.WriteByte(' ')
			}
			writeNum(w, d)
		}
		w.WriteString("] ")
		writeNum(w, c.st.offset)
		w.WriteString(" d ")
		c.writeColor(w, "RG")
		w.WriteString("\n")
		w.WriteString(b.String())
		w.WriteString("S")
	})
}

// Fill fills p with the current colour, by the non-zero winding rule.
func (c *Canvas) Fill(p vg.Path) {
	if len(p) == 0 {
		return
	}
	var b strings.Builder
	c.pathOps(&b, p)
	if b.Len() == 0 {
		return
	}
	c.group(func(w *strings.Builder) {
		w.WriteString(" ")
		c.writeColor(w, "rg")
		w.WriteString("\n")
		w.WriteString(b.String())
		w.WriteString("f")
	})
}

// ready reports whether the canvas can draw now.
func (c *Canvas) ready() bool {
	if c.pdf.Err() {
		return false
	}
	if c.pdf.PageNo() == 0 {
		c.pdf.SetError(errors.New("pdfcanvas: drawing before the first page"))
		return false
	}
	return true
}

// pageMatrix maps canvas points to page points (origin bottom-left).
func (c *Canvas) pageMatrix() matrix {
	k := c.pdf.GetConversionRatio()
	_, ph := c.pdf.GetPageSize()
	base := matrix{a: 1, d: 1, e: c.x * k, f: (ph - c.y - c.h) * k}
	return c.st.m.mul(base)
}

// open writes "q", the clip to the area and the transform m.
func (c *Canvas) open(w *strings.Builder, m matrix) {
	k := c.pdf.GetConversionRatio()
	_, ph := c.pdf.GetPageSize()
	w.WriteString("q ")
	writeNums(w, c.x*k, (ph-c.y-c.h)*k, c.w*k, c.h*k)
	w.WriteString(" re W n ")
	writeNums(w, m.a, m.b, m.c, m.d, m.e, m.f)
	w.WriteString(" cm")
}

// group writes one balanced q … Q group in the current transform, with
// body writing the operators; alpha is set through fpdf and restored.
func (c *Canvas) group(body func(w *strings.Builder)) {
	if !c.ready() {
		return
	}
	var w strings.Builder
	c.open(&w, c.pageMatrix())
	restoreAlpha := c.beginAlpha(&w)
	body(&w)
	w.WriteString("\nQ")
	c.pdf.RawWriteStr(w.String())
	restoreAlpha()
}

// beginAlpha writes out w and, for a translucent colour, sets the alpha
// with fpdf (which owns the page's ExtGState resources). The returned
// function puts fpdf's cached alpha back; the q/Q around the group
// restores the content stream's.
func (c *Canvas) beginAlpha(w *strings.Builder) (restore func()) {
	if c.st.alpha >= 1 {
		return func() {}
	}
	alpha, mode := c.pdf.GetAlpha()
	c.pdf.RawWriteStr(w.String())
	w.Reset()
	c.pdf.SetAlpha(math.Round(math.Max(c.st.alpha, 0)*1000)/1000, "Normal")
	return func() { c.pdf.SetAlpha(alpha, mode) }
}

func (c *Canvas) writeColor(w *strings.Builder, op string) {
	writeNums(w, c.st.r, c.st.g, c.st.b)
	w.WriteString(" " + op)
}

// FillString sets text in the current colour with its baseline starting
// at pt, in the fpdf family the fonts function gives for f.Font, at
// f.Font.Size points, honouring the current transform.
func (c *Canvas) FillString(f font.Face, pt vg.Point, text string) {
	if f.Font.Size <= 0 || text == "" || !c.ready() {
		return
	}
	m := matrix{a: 1, d: 1, e: float64(pt.X), f: float64(pt.Y)}.mul(c.pageMatrix())

	family, style := c.pdf.GetFontFamily(), c.pdf.GetFontStyle()
	size, _ := c.pdf.GetFontSize()
	tr, tg, tb := c.pdf.GetTextColor()

	var w strings.Builder
	c.open(&w, m)
	restoreAlpha := c.beginAlpha(&w)
	w.WriteString(" ")
	c.writeColor(&w, "rg")
	// Text state is part of the graphics state: reset what the body may
	// have set (character and word spacing, scaling, rise, render mode).
	w.WriteString(" 0 Tc 0 Tw 100 Tz 0 Ts 0 Tr")
	c.pdf.RawWriteStr(w.String())

	r8, g8, b8 := to8(c.st.r), to8(c.st.g), to8(c.st.b)
	c.pdf.SetTextColor(r8, g8, b8)
	name := c.fonts(f.Font)
	c.pdf.SetFont(name, "", float64(f.Font.Size))
	// With the origin at pt, fpdf's Text(0, page height) is "0 0 Td".
	_, ph := c.pdf.GetPageSize()
	if c.text != nil {
		err := c.text.Show(fonts.FaceName(f.Font), text, 0, ph, float64(f.Font.Size), func(face string) {
			if face != name {
				c.use(face)
				c.pdf.SetFont(face, "", float64(f.Font.Size))
				name = face
			}
		})
		if err != nil {
			c.pdf.SetError(err)
		}
	} else {
		c.pdf.Text(0, ph, text)
	}
	c.pdf.RawWriteStr("Q")

	c.pdf.SetTextColor(tr, tg, tb)
	if family != "" {
		c.pdf.SetFont(family, style, size)
	} else {
		// There was no font to go back to, and fpdf now believes the
		// chart's font is current while Q has unset it: select it again
		// outside the group (SetFontSize always writes Tf), so a later
		// Text in that same font is not left without one.
		fs, _ := c.pdf.GetFontSize()
		c.pdf.SetFontSize(fs)
	}
	restoreAlpha()
}

// DrawImage draws img scaled into rect. The image is embedded once per
// distinct content (as PNG) and placed with the current transform.
func (c *Canvas) DrawImage(rect vg.Rectangle, img image.Image) {
	if img == nil || img.Bounds().Empty() || !c.ready() {
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.pdf.SetError(err)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	name := "pdfcanvas-" + hex.EncodeToString(sum[:12])
	opts := fpdf.ImageOptions{ImageType: "png", AllowNegativePosition: true}
	if c.pdf.RegisterImageOptionsReader(name, opts, &buf) == nil || c.pdf.Err() {
		return
	}
	size := rect.Size()
	unit := matrix{a: float64(size.X), d: float64(size.Y), e: float64(rect.Min.X), f: float64(rect.Min.Y)}
	var w strings.Builder
	c.open(&w, unit.mul(c.pageMatrix()))
	restoreAlpha := c.beginAlpha(&w)
	c.pdf.RawWriteStr(w.String())
	// fpdf places the image's unit square at (x, y) sized w × h, in its
	// units and top-down; these values make its own cm the identity.
	k := c.pdf.GetConversionRatio()
	_, ph := c.pdf.GetPageSize()
	c.pdf.ImageOptions(name, 0, ph-1/k, 1/k, 1/k, false, opts, 0, "")
	c.pdf.RawWriteStr("Q")
	restoreAlpha()
}

func to8(v float64) int { return int(math.Round(v * 255)) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// writeNum writes v with at most 5 decimals and no trailing zeros;
// non-finite values, which would corrupt the content stream, are 0.
func writeNum(w *strings.Builder, v float64) {
	if !finite(v) {
		v = 0
	}
	s := strconv.FormatFloat(v, 'f', 5, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" || s == "" {
		s = "0"
	}
	w.WriteString(s)
}

func writeNums(w *strings.Builder, vs ...float64) {
	for i, v := range vs {
		if i > 0 {
			w.WriteByte(' ')
		}
		writeNum(w, v)
	}
}
