package fonts

import (
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Typefaces gonum/plot may ask for. "serif" and "sans" are this package's
// families; "Liberation" with Variant "Serif", "Sans" or "Mono" is what
// gonum's defaults (plot.DefaultFont) ask for. There is no mono face:
// Mono is set in sans.
const (
	TypefaceSerif      font.Typeface = "serif"
	TypefaceSans       font.Typeface = "sans"
	TypefaceLiberation font.Typeface = "Liberation"
)

// FaceName maps a gonum font to one of the Set's face names: the family
// from Typeface (and Variant for "Liberation"; an unknown typeface is
// serif), bold for weights from semi-bold up, italic for italic and
// oblique styles. PlotCache resolves every font to the same face, so a
// chart measured by gonum is drawn in the face FaceName names.
func FaceName(f font.Font) string {
	name := Serif
	if family(f) == TypefaceSans {
		name = Sans
	}
	bold := f.Weight >= xfont.WeightSemiBold
	italic := f.Style == xfont.StyleItalic || f.Style == xfont.StyleOblique
	switch {
	case bold && italic:
		return name + "-bolditalic"
	case bold:
		return name + "-bold"
	case italic:
		return name + "-italic"
	}
	return name
}

func family(f font.Font) font.Typeface {
	switch f.Typeface {
	case TypefaceSans:
		return TypefaceSans
	case TypefaceLiberation:
		if f.Variant == "Sans" || f.Variant == "Mono" {
			return TypefaceSans
		}
	}
	return TypefaceSerif
}

var (
	weights = []xfont.Weight{
		xfont.WeightThin, xfont.WeightExtraLight, xfont.WeightLight,
		xfont.WeightNormal, xfont.WeightMedium, xfont.WeightSemiBold,
		xfont.WeightBold, xfont.WeightExtraBold, xfont.WeightBlack,
	}
	styles = []xfont.Style{xfont.StyleNormal, xfont.StyleItalic, xfont.StyleOblique}
)

// PlotCache returns a new gonum font cache whose faces are the Set's
// faces, so charts measure and draw in the body's fonts. It answers
// Typeface "serif" and "sans" (Variant ""), and "Liberation" with Variant
// "", "Serif", "Sans" and "Mono", for every standard weight and style,
// each resolving to the face FaceName names. Its default typeface is
// "serif". Use it as a plot's text handler's cache, e.g.
// text.Plain{Fonts: set.PlotCache()}, and give its fonts to the plot's
// text styles.
func (s *Set) PlotCache() *font.Cache {
	var coll font.Collection
	add := func(tf font.Typeface, variant font.Variant) {
		for _, w := range weights {
			for _, st := range styles {
				fnt := font.Font{Typeface: tf, Variant: variant, Style: st, Weight: w}
				coll = append(coll, font.Face{Font: fnt, Face: s.face(FaceName(fnt)).plotFont(s.shaped)})
			}
		}
	}
	add(TypefaceSerif, "")
	add(TypefaceSans, "")
	for _, v := range []font.Variant{"", "Serif", "Sans", "Mono"} {
		add(TypefaceLiberation, v)
	}
	return font.NewCache(coll)
}

// plotFont is the face's font for gonum: without kerning when text is
// not shaped (fpdf sets charts' text unkerned, so a centred or
// right-aligned label must be placed for unkerned widths), with its
// kerning when it is (parsed on first use).
func (f *face) plotFont(shaped bool) *opentype.Font {
	if !shaped {
		return f.unkerned()
	}
	f.kOnce.Do(func() {
		otf, err := opentype.Parse(f.TTF)
		if err != nil {
			// The same file parsed without kerning (parseFace); its
			// tables are the same but two renamed tags.
			otf = f.unkerned()
		}
		f.kotf = otf
	})
	return f.kotf
}

// unkerned is the face parsed for gonum without kerning. A user's file
// was parsed so at load; a built-in face parses without error
// (TestDefaults).
func (f *face) unkerned() *opentype.Font {
	f.oOnce.Do(func() { f.otf, _ = opentype.Parse(withoutKerning(f.TTF)) })
	return f.otf
}

// TextHandler returns a gonum text handler over the Set's faces
// (PlotCache) that measures text as the PDF draws it: shaped, with
// Width, so that a chart's centred and right-aligned labels are placed
// for the kerned, ligated widths the canvas (internal/pdfcanvas, with
// Shaped) draws. Use it as a chart theme's text handler.
func (s *Set) TextHandler() text.Handler {
	return shapedText{Plain: text.Plain{Fonts: s.PlotCache()}, set: s}
}

// shapedText is text.Plain with shaped widths.
type shapedText struct {
	text.Plain
	set *Set
}

// Box is Plain's Box with the shaped width.
func (h shapedText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	face := h.Fonts.Lookup(fnt, fnt.Size)
	ext := face.Extents()
	return h.width(txt, fnt), ext.Ascent, ext.Descent
}

func (h shapedText) width(txt string, fnt font.Font) vg.Length {
	return vg.Length(h.set.Width(FaceName(fnt), fnt.Size.Points(), txt))
}

// Draw is Plain's Draw with lines aligned by their shaped widths.
func (h shapedText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * h.width(line, sty.Font)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
